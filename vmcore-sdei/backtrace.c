// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Symbols and backtraces for the CPUs that saved registers: every wedged
 * CPU always, every CPU with --backtrace.
 *
 * Stack bounds come from symbols (no struct layouts needed): the task
 * stack is the THREAD_SIZE-aligned block holding sp; the per-CPU IRQ,
 * overflow and SDEI stacks from irq_stack_ptr, overflow_stack and
 * sdei_stack_{normal,critical}_ptr (arch/arm64/include/asm/stacktrace.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "kernel/kernel.h"
#include "kernel/percpu.h"

/* arm64 THREAD_SIZE: 16 KiB (MIN_THREAD_SHIFT 14), a page with 64K pages. */
static uint64_t thread_size(const struct ksd_kernel *k)
{
	return k->xlat.p.page_shift == 16 ? 65536 : 16384;
}

/*
 * Where modules live.  NUMBER(MODULES_VADDR/END) give the link-time
 * region, but since 6.5 arm64 places modules within 2 GiB below the end
 * of the (KASLR-moved) kernel image, so both ranges count.
 */
static bool in_module_space(const struct ksd_kernel *k, uint64_t addr)
{
	struct ksd_error *e1, *e2;
	uint64_t lo, hi;
	bool in;

	if (k->xlat.image_end && addr < k->xlat.image_start &&
	    addr >= k->xlat.image_end - (2ull << 30))
		return true;
	e1 = ksd_vmcoreinfo_number(k->vi, "MODULES_VADDR", &lo);
	e2 = ksd_vmcoreinfo_number(k->vi, "MODULES_END", &hi);
	in = !e1 && !e2 && addr >= lo && addr < hi;
	ksd_error_destroy(e1);
	ksd_error_destroy(e2);
	return in;
}

/*
 * An address in a module: "sym+0xoff/0xsize [module]" as the kernel's
 * %pS prints it, "0x... [module]" when the module's symbols cannot be
 * read, or "0x... (in module space)" when no module holds it or the
 * list cannot be read.  NULL with *@ret unset when not in module space.
 */
static struct ksd_error *symbolize_module(const struct analysis *a,
					  uint64_t addr, uint64_t bias,
					  char **ret)
{
	struct ksd_kernel *k = a->kernel;
	struct ksd_modules *mods;
	struct ksd_module *mod = NULL;
	const char *name = NULL;
	uint64_t off = 0, size = 0;
	struct ksd_error *err;
	int n;

	*ret = NULL;
	if (!in_module_space(k, addr))
		return NULL;
	err = ksd_kernel_modules(k, &mods);
	if (!err && mods)
		mod = ksd_modules_find(mods, addr - bias);
	if (!err && mod)
		err = ksd_module_symbol(mods, mod, addr - bias, &name, &off, &size);
	if (err)
		return err;
	if (name)
		n = asprintf(ret, "%s+0x%llx/0x%llx [%s]", name,
			     (unsigned long long)(off + bias),
			     (unsigned long long)size, mod->name);
	else if (mod)
		n = asprintf(ret, "0x%llx [%s]", (unsigned long long)addr, mod->name);
	else
		n = asprintf(ret, "0x%llx (in module space)", (unsigned long long)addr);
	if (n < 0) {
		*ret = NULL;
		return &ksd_enomem;
	}
	return NULL;
}

/*
 * @bias is 1 for return addresses: a call that never returns (to a
 * noreturn function) leaves a return address just past its caller's
 * end, so look up the byte before it and report the offset as the
 * kernel's %pB does.
 */
static char *symbolize_biased(const struct analysis *a, uint64_t addr,
			      uint64_t bias)
{
	struct ksd_kernel *k = a->kernel;
	const struct ksd_sym *s = NULL;
	uint64_t off = 0;
	char *out = NULL;
	int n = -1;

	if (k && k->syms)
		s = ksd_symtab_by_addr(k->syms, addr - bias, &off);
	if (!s && k) {
		/* Only out of memory fails; callers treat NULL as that. */
		if (symbolize_module(a, addr, bias, &out) || out)
			return out;
	}
	if (s && s->size)
		n = asprintf(&out, "%s+0x%llx/0x%llx", s->name,
			     (unsigned long long)(off + bias),
			     (unsigned long long)s->size);
	else if (s)
		n = asprintf(&out, "%s+0x%llx", s->name,
			     (unsigned long long)(off + bias));
	else
		n = asprintf(&out, "0x%llx", (unsigned long long)addr);
	return n < 0 ? NULL : out;
}

char *symbolize(const struct analysis *a, uint64_t addr)
{
	return symbolize_biased(a, addr, 0);
}

/* The function part of "name+0x..": equal names mean the same function. */
static bool same_function(const char *x, const char *y)
{
	size_t nx = strcspn(x, "+"), ny = strcspn(y, "+");

	return nx == ny && x[nx] == '+' && strncmp(x, y, nx) == 0;
}

/* The address of per-CPU variable @name for @cpu. */
static bool percpu_addr(struct analysis *a, const char *name, unsigned int cpu,
			uint64_t *ret)
{
	uint64_t sym;
	struct ksd_error *err;

	if (!a->percpu || cpu >= a->percpu->nr_cpu_ids ||
	    !a->percpu->cpus[cpu].has_offset)
		return false;
	err = ksd_kernel_symbol(a->kernel, name, &sym);
	if (err) {
		ksd_error_destroy(err);
		return false;
	}
	*ret = sym + a->percpu->cpus[cpu].offset;
	return true;
}

/* A per-CPU pointer variable's value for @cpu: the base of a stack. */
static bool percpu_ptr(struct analysis *a, const char *name, unsigned int cpu,
		       uint64_t *ret)
{
	uint64_t addr;
	struct ksd_error *err;

	if (!percpu_addr(a, name, cpu, &addr))
		return false;
	err = ksd_kernel_read_u64(a->kernel, addr, ret);
	if (err) {
		ksd_error_destroy(err);
		return false;
	}
	return *ret != 0;
}

/*
 * The stacks of CPU @c.  *@task_size is set to THREAD_SIZE when sp is on
 * one of the per-CPU stacks, so the unwinder finds the task stack the
 * chain leads to (the task is not known without struct layouts).
 */
static size_t cpu_stacks(struct analysis *a, const struct cpu_report *c,
			 struct aarch64_stack *s, uint64_t *task_size)
{
	uint64_t ts = thread_size(a->kernel), base, sp = c->prs.regs.sp;
	size_t n = 0;

	if (percpu_ptr(a, "irq_stack_ptr", c->cpu, &base))
		s[n++] = (struct aarch64_stack){ base, base + ts, "irq" };
	if (percpu_ptr(a, "sdei_stack_normal_ptr", c->cpu, &base))
		s[n++] = (struct aarch64_stack){ base, base + ts, "sdei" };
	if (percpu_ptr(a, "sdei_stack_critical_ptr", c->cpu, &base))
		s[n++] = (struct aarch64_stack){ base, base + ts, "sdei-critical" };
	if (percpu_addr(a, "overflow_stack", c->cpu, &base))
		s[n++] = (struct aarch64_stack){ base, base + 4096, "overflow" };
	/* The task stack: whatever THREAD_SIZE block sp is in, if not above. */
	*task_size = 0;
	if (sp) {
		bool known = false;

		for (size_t i = 0; i < n; i++)
			known |= sp >= s[i].low && sp < s[i].high;
		if (!known)
			s[n++] = (struct aarch64_stack){ sp & ~(ts - 1),
							 (sp & ~(ts - 1)) + ts, "task" };
		else
			*task_size = ts;
	}
	return n;
}

/* "6.13.0-rc1+" and the like: release 6.13 or later. */
static bool release_at_least_613(const char *rel)
{
	unsigned long major, minor;
	char *end;

	if (!rel)
		return false;
	major = strtoul(rel, &end, 10);
	if (end == rel || *end != '.')
		return false;
	rel = end + 1;
	minor = strtoul(rel, &end, 10);
	if (end == rel)
		return false;
	return major > 6 || (major == 6 && minor >= 13);
}

/*
 * offsetof(struct pt_regs, stackframe) when the kernel writes 6.13+
 * metadata frame records, else 0.  OSRELEASE says whether it does (no
 * release, no records: unwound as before); the dump's BTF, when it
 * describes pt_regs, gives the offset (a 24-byte frame_record_meta; a
 * CONFIG_ARM64_POE kernel has it 16 bytes further), else the 6.13
 * layout's.  The BTF is only read then, with the module list, so older
 * kernels' reports are unchanged.
 */
static uint64_t pt_regs_stackframe(struct analysis *a)
{
	struct ksd_kernel *k = a->kernel;
	const struct ksd_btf *btf = NULL;
	struct ksd_btf_member mem;
	struct ksd_error *err;

	if (!release_at_least_613(ksd_vmcoreinfo_get(k->vi, "OSRELEASE")))
		return 0;
	if (!ksd_kernel_btf(k, &btf) && btf) {
		err = ksd_btf_member(btf, "pt_regs", "stackframe", &mem);
		if (!err)
			return mem.size >= 24 && mem.offset >= AARCH64_PT_REGS_PC + 8 &&
			       !(mem.offset & 7) ? mem.offset : 0;
		ksd_error_destroy(err);
	}
	return AARCH64_PT_REGS_STACKFRAME_613;
}

static struct ksd_error *backtrace_one(struct analysis *a, struct cpu_report *c)
{
	struct aarch64_stack stacks[AARCH64_MAX_STACKS];
	uint64_t pac = 0, task_size;
	struct ksd_error *e;
	size_t n;

	c->bt = calloc(1, sizeof(*c->bt));
	if (!c->bt)
		return &ksd_enomem;
	e = ksd_vmcoreinfo_number(a->kernel->vi, "KERNELPACMASK", &pac);
	ksd_error_destroy(e);
	n = cpu_stacks(a, c, stacks, &task_size);
	aarch64_unwind_meta(&a->kernel->kmem, &c->prs.regs, stacks, n, pac, task_size,
			    pt_regs_stackframe(a), c->bt);
	c->bt_syms = calloc(c->bt->nframes ? c->bt->nframes : 1, sizeof(*c->bt_syms));
	if (!c->bt_syms)
		return &ksd_enomem;
	for (size_t i = 0; i < c->bt->nframes; i++) {
		const struct aarch64_frame *f = &c->bt->frames[i];

		/* The pc of a frame or of an interrupted context is exact. */
		c->bt_syms[i] = symbolize_biased(a, f->pc, f->kind == FRAME_PC ||
						 f->kind == FRAME_EXCEPTION ? 0 : 1);
		if (!c->bt_syms[i])
			return &ksd_enomem;
	}
	/*
	 * An lr inside the function pc is in (the saved pc, or an
	 * interrupted one at an exception boundary) is a stale return
	 * address from an earlier call, not a caller: drop it.
	 */
	for (size_t i = 1; i < c->bt->nframes; i++) {
		const struct aarch64_frame *prev = &c->bt->frames[i - 1];

		if (c->bt->frames[i].kind != FRAME_LR ||
		    (prev->kind != FRAME_PC && prev->kind != FRAME_EXCEPTION) ||
		    !same_function(c->bt_syms[i - 1], c->bt_syms[i]))
			continue;
		free(c->bt_syms[i]);
		memmove(&c->bt->frames[i], &c->bt->frames[i + 1],
			(c->bt->nframes - i - 1) * sizeof(c->bt->frames[0]));
		memmove(&c->bt_syms[i], &c->bt_syms[i + 1],
			(c->bt->nframes - i - 1) * sizeof(c->bt_syms[0]));
		c->bt->nframes--;
	}
	return NULL;
}

struct ksd_error *symbolize_cpus(struct analysis *a)
{
	for (size_t i = 0; i < a->ncpus; i++) {
		struct cpu_report *c = &a->cpus[i];
		struct ksd_error *err;
		uint64_t pac = 0;

		if (!c->has_regs || !a->kernel)
			continue;
		err = ksd_vmcoreinfo_number(a->kernel->vi, "KERNELPACMASK", &pac);
		ksd_error_destroy(err);
		c->pc_sym = symbolize(a, c->prs.regs.pc);
		c->lr_sym = symbolize_biased(a, aarch64_strip_pac(c->prs.regs.x[30], pac), 1);
		if (!c->pc_sym || !c->lr_sym)
			return &ksd_enomem;
	}
	return NULL;
}

struct ksd_error *backtrace_cpus(struct analysis *a, bool all)
{
	for (size_t i = 0; i < a->ncpus; i++) {
		struct cpu_report *c = &a->cpus[i];
		struct ksd_error *err;

		if (!c->has_regs || !a->kernel)
			continue;
		if (!a->kernel->has_xlat || !c->pstate.kernel_mode)
			continue;
		if (all || c->wedged || (c->ambiguous && c->maybe[1] == VERDICT_STOPPED_SDEI)) {
			err = backtrace_one(a, c);
			if (err)
				return err;
		}
	}
	return NULL;
}
