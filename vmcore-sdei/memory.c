// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Evidence from kernel memory (design.md source 3): the kernel view
 * (translation, symbols) and what the crash stop left in it: panic_cpu,
 * the cpumasks, each CPU's crash_notes pointer and SDEI state.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "kernel/kernel.h"
#include "kernel/percpu.h"

struct ksd_error *memory_open(struct ksd_dump *dump,
			      const struct analysis_opts *opts,
			      struct analysis *a)
{
	struct ksd_kernel_opts kopts = {
		.system_map = opts ? opts->system_map : NULL,
		.vmlinux = opts ? opts->vmlinux : NULL,
	};
	struct ksd_error *err;

	err = ksd_kernel_open(dump, &kopts, &a->kernel);
	if (err) {
		/* A symbol file the user named must work; anything else degrades. */
		if (kopts.system_map || kopts.vmlinux)
			return err;
		a->kernel_problem = ksd_error_take_message(err);
		if (!a->kernel_problem)
			return &ksd_enomem;
		return analysis_warn(a, "no kernel view: %s", a->kernel_problem);
	}
	if (a->kernel->syms_problem) {
		err = analysis_warn(a, "no kernel symbols: %s", a->kernel->syms_problem);
		if (err)
			return err;
	}
	if (!a->kernel->syms)
		return NULL;
	err = ksd_percpu_read(a->kernel, &a->percpu);
	if (err) {
		a->percpu_problem = ksd_error_take_message(err);
		if (!a->percpu_problem)
			return &ksd_enomem;
		return analysis_warn(a, "no per-CPU data from memory: %s",
				     a->percpu_problem);
	}
	for (size_t i = 0; i < a->percpu->nproblems && !err; i++)
		err = analysis_warn(a, "memory: %s", a->percpu->problems[i]);
	return err;
}

/* Attach what memory says about each CPU, and the panic CPU. */
struct ksd_error *memory_cpu_facts(struct analysis *a)
{
	const struct ksd_percpu_state *s = a->percpu;
	struct ksd_error *err = NULL;

	if (!s)
		return NULL;
	if (s->has_panic_cpu && s->panic_cpu >= 0) {
		a->panic_cpu = s->panic_cpu;
		a->panic_source = SRC_MEMORY;
		a->panic_why = strdup("panic_cpu in memory names it");
		if (!a->panic_why)
			return &ksd_enomem;
	}
	for (size_t i = 0; i < a->ncpus && !err; i++) {
		struct cpu_report *c = &a->cpus[i];
		const struct ksd_percpu_cpu *m;

		if (c->cpu >= s->nr_cpu_ids || !s->has_masks)
			continue;
		m = &s->cpus[c->cpu];
		c->has_mem = true;
		c->possible = m->possible;
		c->online = m->online;
		c->has_active = s->has_active;
		c->active = m->active;
		c->has_sdei_active = m->has_sdei_active;
		c->sdei_active = m->sdei_active_normal;
		err = cpu_evidence(c, SRC_MEMORY, "%s in __cpu_online_mask%s",
				   m->online ? "set" : "clear",
				   !s->has_active ? "" : m->active ?
				   ", set in __cpu_active_mask" :
				   ", clear in __cpu_active_mask");
		if (!err && m->has_sdei_active && m->sdei_active_normal)
			err = cpu_evidence(c, SRC_MEMORY,
					   "sdei_active_normal_event = 0x%llx: it is inside an SDEI event handler that never returned",
					   (unsigned long long)m->sdei_active_normal);
	}
	return err;
}
