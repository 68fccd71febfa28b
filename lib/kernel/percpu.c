// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/percpu.h"
#include "util/endian.h"
#include "util/grow.h"
#include "util/limits.h"

static struct ksd_error *problem(struct ksd_percpu_state *s,
				 struct ksd_error *cause, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Note why an item could not be read, taking ownership of @cause (NULL:
 * the formatted text is the whole problem).
 */
static struct ksd_error *problem(struct ksd_percpu_state *s,
				 struct ksd_error *cause, const char *fmt, ...)
{
	char *head = NULL, *msg = NULL, **v;
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(&head, fmt, ap) < 0)
		head = NULL;
	va_end(ap);
	if (head && cause) {
		if (asprintf(&msg, "%s: %s", head, cause->message) < 0)
			msg = NULL;
		free(head);
	} else {
		msg = head;	/* no cause: the message says it all */
	}
	ksd_error_destroy(cause);
	if (!msg)
		return &ksd_enomem;
	v = ksd_grow(s->problems, s->nproblems, sizeof(*v));
	if (!v) {
		free(msg);
		return &ksd_enomem;
	}
	s->problems = v;
	s->problems[s->nproblems++] = msg;
	return NULL;
}

/*
 * A per-CPU item (crash_notes, sdei_active_normal_event) that cannot be
 * read names the CPU and why for its first PERCPU_CPUS_NAMED CPUs only;
 * the rest are counted in one more problem.  A dump can claim 65,536
 * CPUs whose per-CPU areas are all missing: one problem per CPU and
 * item made a report of 131,072 warnings that said no more than the
 * first few and the count (and took 20 s under ASan to build).
 */
#define PERCPU_CPUS_NAMED 4

struct cpu_problems {
	const char *item;
	unsigned int n;		/* CPUs whose @item could not be read */
};

static struct ksd_error *cpu_problem(struct ksd_percpu_state *s,
				     struct cpu_problems *p,
				     struct ksd_error *cause, unsigned int cpu)
{
	if (p->n++ < PERCPU_CPUS_NAMED)
		return problem(s, cause, "%s of CPU %u", p->item, cpu);
	ksd_error_destroy(cause);
	return NULL;
}

static struct ksd_error *cpu_problems_end(struct ksd_percpu_state *s,
					  const struct cpu_problems *p)
{
	if (p->n <= PERCPU_CPUS_NAMED)
		return NULL;
	return problem(s, NULL, "%s of %u more CPUs could not be read either",
		       p->item, p->n - PERCPU_CPUS_NAMED);
}

static struct ksd_error *read_sym_u64(struct ksd_kernel *k, const char *name,
				      uint64_t *addr, uint64_t *val)
{
	struct ksd_error *err = ksd_kernel_symbol(k, name, addr);

	return err ? err : ksd_kernel_read_u64(k, *addr, val);
}

/* Read a cpumask (an array of unsigned long bits) into cpus[].@field. */
static struct ksd_error *read_mask(struct ksd_kernel *k,
				   struct ksd_percpu_state *s,
				   const char *name, size_t field, bool *ok)
{
	uint64_t addr, word = 0;
	struct ksd_error *err;

	*ok = false;
	err = ksd_kernel_symbol(k, name, &addr);
	for (unsigned int cpu = 0; !err && cpu < s->nr_cpu_ids; cpu++) {
		if (cpu % 64 == 0)
			err = ksd_kernel_read_u64(k, addr + cpu / 64 * 8, &word);
		if (!err)
			*(bool *)((char *)&s->cpus[cpu] + field) = word >> (cpu % 64) & 1;
	}
	if (err)
		return problem(s, err, "%s", name);
	*ok = true;
	return NULL;
}

static struct ksd_error *read_flag(struct ksd_kernel *k,
				   struct ksd_percpu_state *s,
				   const char *name, bool *has, bool *val)
{
	uint64_t addr;
	uint8_t b;
	struct ksd_error *err;

	err = ksd_kernel_symbol(k, name, &addr);
	if (err && err->code == KSD_ERR_NOT_FOUND) {
		/* A kernel without the SDEI NMI service: a fact, not a fault. */
		ksd_error_destroy(err);
		return NULL;
	}
	if (!err)
		err = ksd_kernel_read(k, addr, &b, 1);
	if (err)
		return problem(s, err, "%s", name);
	*has = true;
	*val = b != 0;
	return NULL;
}

static struct ksd_error *read_nr_cpu_ids(struct ksd_kernel *k,
					 struct ksd_percpu_state *s)
{
	uint64_t addr;
	uint32_t n;
	struct ksd_error *err;

	err = ksd_kernel_symbol(k, "nr_cpu_ids", &addr);
	if (!err)
		err = ksd_kernel_read_u32(k, addr, &n);
	if (err && err->code == KSD_ERR_NOT_FOUND && k->syms &&
	    ksd_symtab_by_name(k->syms, "_stext") &&
	    !ksd_symtab_by_name(k->syms, "__per_cpu_offset"))
		return ksd_error_prefix(err,
					"the kernel's kallsyms lists no data symbols (CONFIG_KALLSYMS_ALL is off): give --system-map or --vmlinux for per-CPU data");
	if (err)
		return ksd_error_prefix(err, "reading nr_cpu_ids");
	if (n == 0 || n > KSD_MAX_CPUS)
		return ksd_error_create(KSD_ERR_LIMIT,
					"nr_cpu_ids is %u (limit %u, KSD_MAX_CPUS)",
					n, KSD_MAX_CPUS);
	s->nr_cpu_ids = n;
	return NULL;
}

static struct ksd_error *read_per_cpu(struct ksd_kernel *k,
				      struct ksd_percpu_state *s)
{
	struct cpu_problems sdei = { .item = "sdei_active_normal_event" };
	uint64_t offsets, notes_sym, notes_ptr, sdei_sym;
	struct ksd_error *err, *e2;

	err = ksd_kernel_symbol(k, "__per_cpu_offset", &offsets);
	for (unsigned int cpu = 0; !err && cpu < s->nr_cpu_ids; cpu++) {
		err = ksd_kernel_read_u64(k, offsets + 8ull * cpu, &s->cpus[cpu].offset);
		s->cpus[cpu].has_offset = !err;
	}
	if (err)
		return problem(s, err, "__per_cpu_offset");

	err = read_sym_u64(k, "crash_notes", &notes_sym, &notes_ptr);
	if (err) {
		e2 = problem(s, err, "crash_notes");
		if (e2)
			return e2;
	} else {
		struct cpu_problems p = { .item = "crash_notes" };

		for (unsigned int cpu = 0; cpu < s->nr_cpu_ids; cpu++) {
			struct ksd_percpu_cpu *c = &s->cpus[cpu];

			c->crash_notes_va = notes_ptr + c->offset;
			err = aarch64_vtop(&k->xlat, c->crash_notes_va,
					   &c->crash_notes_pa);
			if (err) {
				e2 = cpu_problem(s, &p, err, cpu);
				if (e2)
					return e2;
				continue;
			}
			c->has_crash_notes = true;
		}
		e2 = cpu_problems_end(s, &p);
		if (e2)
			return e2;
	}

	err = ksd_kernel_symbol(k, "sdei_active_normal_event", &sdei_sym);
	if (err && err->code == KSD_ERR_NOT_FOUND) {
		/* Built without CONFIG_ARM_SDE_INTERFACE. */
		ksd_error_destroy(err);
		return NULL;
	}
	if (err)
		return problem(s, err, "sdei_active_normal_event");
	for (unsigned int cpu = 0; cpu < s->nr_cpu_ids; cpu++) {
		struct ksd_percpu_cpu *c = &s->cpus[cpu];

		err = ksd_kernel_read_u64(k, sdei_sym + c->offset,
					  &c->sdei_active_normal);
		if (err) {
			e2 = cpu_problem(s, &sdei, err, cpu);
			if (e2)
				return e2;
			continue;
		}
		c->has_sdei_active = true;
	}
	return cpu_problems_end(s, &sdei);
}

struct ksd_error *ksd_percpu_read(struct ksd_kernel *k,
				  struct ksd_percpu_state **ret)
{
	struct ksd_percpu_state *s;
	struct ksd_error *err;
	uint64_t addr;
	uint32_t v;
	bool ok;

	if (!k->has_xlat)
		return ksd_error_create(KSD_ERR_UNSUPPORTED,
					"no address translation: %s", k->xlat_problem);
	s = calloc(1, sizeof(*s));
	if (!s)
		return &ksd_enomem;
	err = read_nr_cpu_ids(k, s);
	if (!err) {
		s->cpus = calloc(s->nr_cpu_ids, sizeof(*s->cpus));
		if (!s->cpus)
			err = &ksd_enomem;
	}
	if (err)
		goto fail;
	err = read_mask(k, s, "__cpu_possible_mask",
			offsetof(struct ksd_percpu_cpu, possible), &ok);
	if (!err && ok)
		err = read_mask(k, s, "__cpu_online_mask",
				offsetof(struct ksd_percpu_cpu, online), &s->has_masks);
	if (!err)
		err = read_mask(k, s, "__cpu_present_mask",
				offsetof(struct ksd_percpu_cpu, present), &s->has_present);
	if (!err)
		err = read_mask(k, s, "__cpu_active_mask",
				offsetof(struct ksd_percpu_cpu, active), &s->has_active);
	if (!err) {
		err = ksd_kernel_symbol(k, "panic_cpu", &addr);
		if (!err)
			err = ksd_kernel_read_u32(k, addr, &v);
		if (err) {
			err = problem(s, err, "panic_cpu");
		} else {
			s->has_panic_cpu = true;
			s->panic_cpu = (int32_t)v;
		}
	}
	if (!err)
		err = read_flag(k, s, "sdei_nmi_stopping", &s->has_sdei_stopping,
				&s->sdei_stopping);
	if (!err)
		err = read_flag(k, s, "sdei_nmi_available", &s->has_sdei_available,
				&s->sdei_available);
	if (!err)
		err = read_per_cpu(k, s);
	if (err)
		goto fail;
	*ret = s;
	return NULL;
fail:
	ksd_percpu_destroy(s);
	return err;
}

void ksd_percpu_destroy(struct ksd_percpu_state *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nproblems; i++)
		free(s->problems[i]);
	free(s->problems);
	free(s->cpus);
	free(s);
}
