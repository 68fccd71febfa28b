// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <stdbool.h>
#include <stdio.h>

#include "arch/unwind.h"
#include "util/endian.h"

static const struct aarch64_stack *stack_of(const struct aarch64_stack *s,
					    size_t n, uint64_t addr, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (addr >= s[i].low && addr <= s[i].high - len && s[i].high - s[i].low >= len)
			return &s[i];
	return NULL;
}

static void add(struct aarch64_unwind *u, uint64_t pc, uint64_t fp,
		enum aarch64_frame_kind kind, const char *stack)
{
	if (u->nframes < AARCH64_MAX_FRAMES)
		u->frames[u->nframes++] = (struct aarch64_frame){
			.pc = pc, .fp = fp, .kind = kind, .stack = stack,
		};
}

/*
 * Records on one stack lie ever higher: a @next on the stack of @fp
 * (@cur) and not above it would walk in a circle.  Leaving for another
 * stack is checked where the walk enters it.
 */
static bool loops_back(const struct aarch64_stack *cur, uint64_t fp,
		       uint64_t next, struct aarch64_unwind *u)
{
	if (next == 0 || !stack_of(cur, 1, next, 16) || next > fp)
		return false;
	snprintf(u->stop, sizeof(u->stop),
		 "frame pointer 0x%llx does not move up the %s stack (loop)",
		 (unsigned long long)next, cur->name);
	return true;
}

/*
 * The all-zero record at @fp on @st is a 6.13+ frame_record_meta: end
 * the walk (false) or, at an exception boundary, report the interrupted
 * pc and return the pt_regs' x29 and x30 in @next and @lr (true), as
 * kunwind_next_frame_record_meta() and kunwind_next_regs_pc() do.
 */
static bool meta_record(const struct ksd_kmem *m, const struct aarch64_stack *st,
			uint64_t fp, uint64_t stackframe_off, uint64_t pac_mask,
			struct aarch64_unwind *u, uint64_t *next, uint64_t *lr)
{
	uint8_t buf[40];
	uint64_t type, pregs, pc, pstate;
	struct ksd_error *err;

	if (!stack_of(st, 1, fp, 24)) {
		snprintf(u->stop, sizeof(u->stop),
			 "metadata frame record at 0x%llx runs off the %s stack",
			 (unsigned long long)fp, st->name);
		return false;
	}
	err = ksd_kmem_read(m, fp + 16, buf, 8);
	if (err) {
		snprintf(u->stop, sizeof(u->stop),
			 "metadata frame record type unreadable: %.110s", err->message);
		ksd_error_destroy(err);
		return false;
	}
	type = ksd_load64(buf, m->big_endian);
	if (type == AARCH64_FRAME_META_FINAL) {
		snprintf(u->stop, sizeof(u->stop), "final frame record at 0x%llx",
			 (unsigned long long)fp);
		u->complete = true;
		return false;
	}
	if (type != AARCH64_FRAME_META_PT_REGS) {
		snprintf(u->stop, sizeof(u->stop),
			 "metadata frame record at 0x%llx has unknown type %llu",
			 (unsigned long long)fp, (unsigned long long)type);
		return false;
	}
	/* container_of(): the whole pt_regs up to the record, on this stack. */
	pregs = fp - stackframe_off;
	if (stackframe_off < AARCH64_PT_REGS_PSTATE + 8) {
		snprintf(u->stop, sizeof(u->stop),
			 "pt_regs.stackframe at offset %llu would overlap the registers",
			 (unsigned long long)stackframe_off);
		return false;
	}
	if (fp < stackframe_off || !stack_of(st, 1, pregs, stackframe_off + 24)) {
		snprintf(u->stop, sizeof(u->stop),
			 "pt_regs of the exception boundary at 0x%llx is not on the %s stack",
			 (unsigned long long)fp, st->name);
		return false;
	}
	err = ksd_kmem_read(m, pregs + AARCH64_PT_REGS_X29, buf, sizeof(buf));
	if (err) {
		snprintf(u->stop, sizeof(u->stop),
			 "pt_regs of the exception boundary unreadable: %.100s",
			 err->message);
		ksd_error_destroy(err);
		return false;
	}
	/*
	 * A PT_REGS boundary is always an exception taken from the kernel:
	 * the interrupted pc is a kernel address and the saved PSTATE names
	 * EL1 or EL2 in AArch64.  Anything else means the pt_regs layout is
	 * not this kernel's (CONFIG_ARM64_POE moves the record, and without
	 * BTF only the 6.13 offset is known): stop rather than walk garbage.
	 */
	pc = aarch64_strip_pac(ksd_load64(buf + AARCH64_PT_REGS_PC - AARCH64_PT_REGS_X29,
					  m->big_endian), pac_mask);
	pstate = ksd_load64(buf + AARCH64_PT_REGS_PSTATE - AARCH64_PT_REGS_X29,
			    m->big_endian);
	if (!(pc >> 63) || (pstate & 0x10) || ((pstate >> 2) & 3) == 0 ||
	    ((pstate >> 2) & 3) == 3) {
		snprintf(u->stop, sizeof(u->stop),
			 "pt_regs at 0x%llx holds pc 0x%llx and pstate 0x%llx, not a kernel context: its layout is not this kernel's",
			 (unsigned long long)pregs, (unsigned long long)pc,
			 (unsigned long long)pstate);
		return false;
	}
	*next = ksd_load64(buf, m->big_endian);
	*lr = aarch64_strip_pac(ksd_load64(buf + 8, m->big_endian), pac_mask);
	add(u, pc, fp, FRAME_EXCEPTION, st->name);
	return true;
}

void aarch64_unwind(const struct ksd_kmem *m, const struct aarch64_regs *regs,
		    const struct aarch64_stack *stacks, size_t nstacks,
		    uint64_t pac_mask, uint64_t task_size,
		    struct aarch64_unwind *u)
{
	aarch64_unwind_meta(m, regs, stacks, nstacks, pac_mask, task_size, 0, u);
}

void aarch64_unwind_meta(const struct ksd_kmem *m, const struct aarch64_regs *regs,
			 const struct aarch64_stack *stacks, size_t nstacks,
			 uint64_t pac_mask, uint64_t task_size,
			 uint64_t stackframe_off, struct aarch64_unwind *u)
{
	/* The kernel checks 8; before 6.13 every record was 16-aligned. */
	uint64_t align = stackframe_off ? 8 : 16;
	const struct aarch64_stack *cur = NULL, *used[AARCH64_MAX_STACKS];
	struct aarch64_stack task = { 0, 0, "task" };
	bool task_found = false;
	uint64_t fp = regs->x[29], lr = aarch64_strip_pac(regs->x[30], pac_mask);
	size_t nused = 0;
	bool lr_done = false;

	*u = (struct aarch64_unwind){ 0 };
	add(u, regs->pc, 0, FRAME_PC, NULL);
	while (u->nframes < AARCH64_MAX_FRAMES) {
		const struct aarch64_stack *st;
		uint8_t rec[16];
		uint64_t next, ret;
		struct ksd_error *err;

		if (fp == 0) {
			snprintf(u->stop, sizeof(u->stop), "end of the frame chain (fp = 0)");
			u->complete = true;
			return;
		}
		if (fp & (align - 1)) {
			snprintf(u->stop, sizeof(u->stop),
				 "frame pointer 0x%llx is not %u-byte aligned",
				 (unsigned long long)fp, (unsigned int)align);
			return;
		}
		st = stack_of(stacks, nstacks, fp, 16);
		if (!st && task_found)
			st = stack_of(&task, 1, fp, 16);
		if (!st && !task_found && task_size &&
		    !(task_size & (task_size - 1))) {
			/*
			 * Leaving the IRQ/SDEI stack for the task's own, or
			 * already there: stopped at a handler's entry, before
			 * its prologue, fp is still call_on_irq_stack()'s record.
			 */
			task_found = true;
			task.low = fp & ~(task_size - 1);
			task.high = task.low + task_size;
			st = stack_of(&task, 1, fp, 16);
		}
		if (!st) {
			snprintf(u->stop, sizeof(u->stop),
				 "frame pointer 0x%llx is on no known stack",
				 (unsigned long long)fp);
			return;
		}
		if (st != cur) {
			/* Each stack may be entered once: no cycles between stacks. */
			for (size_t i = 0; i < nused; i++)
				if (used[i] == st) {
					snprintf(u->stop, sizeof(u->stop),
						 "frame chain returns to the %s stack at 0x%llx",
						 st->name, (unsigned long long)fp);
					return;
				}
			if (nused < AARCH64_MAX_STACKS)
				used[nused++] = st;
			cur = st;
		}
		err = ksd_kmem_read(m, fp, rec, sizeof(rec));
		if (err) {
			snprintf(u->stop, sizeof(u->stop), "frame record unreadable: %.120s",
				 err->message);
			ksd_error_destroy(err);
			return;
		}
		next = ksd_load64(rec, m->big_endian);
		ret = ksd_load64(rec + 8, m->big_endian);
		if (next == 0 && ret == 0 && stackframe_off) {
			if (!meta_record(m, cur, fp, stackframe_off, pac_mask, u,
					 &next, &lr))
				return;
			/* The interrupted function may be a leaf: as for the first frame. */
			lr_done = false;
			if (loops_back(cur, fp, next, u))
				return;
			fp = next;
			continue;
		}
		if (next == 0 && ret == 0) {
			/* The final record at the top of a task's stack. */
			snprintf(u->stop, sizeof(u->stop), "final frame record at 0x%llx",
				 (unsigned long long)fp);
			u->complete = true;
			return;
		}
		ret = aarch64_strip_pac(ret, pac_mask);
		/*
		 * A leaf function, or one stopped before its prologue stored
		 * x29/x30, is not in the chain: its caller is only in lr.
		 */
		if (!lr_done) {
			lr_done = true;
			if (lr && lr != ret)
				add(u, lr, 0, FRAME_LR, NULL);
		}
		add(u, ret, fp, FRAME_RECORD, st->name);
		if (loops_back(cur, fp, next, u))
			return;
		fp = next;
	}
	snprintf(u->stop, sizeof(u->stop), "stopped after %d frames (AARCH64_MAX_FRAMES)",
		 AARCH64_MAX_FRAMES);
}
