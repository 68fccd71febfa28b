/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The crash-stop state the kernel left in memory, read through symbols
 * (kallsyms with CONFIG_KALLSYMS_ALL, a System.map or a vmlinux):
 * cpumasks, panic_cpu, the SDEI NMI service's flags, and per-CPU data
 * (crash_notes buffers, sdei_active_normal_event).  kernel-sdei.md 3.3
 * and 4 say what each means after a crash stop.
 *
 * Every item is optional: a kernel without the symbol, or a dump without
 * the page, leaves has_* false and says why in problems[].
 */
#ifndef KSD_KERNEL_PERCPU_H
#define KSD_KERNEL_PERCPU_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/kernel.h"

struct ksd_percpu_cpu {
	bool possible, present, online, active;
	bool has_offset;
	uint64_t offset;		/* __per_cpu_offset[cpu] */
	bool has_crash_notes;
	uint64_t crash_notes_va;
	uint64_t crash_notes_pa;
	bool has_sdei_active;
	uint64_t sdei_active_normal;	/* struct sdei_registered_event * */
};

struct ksd_percpu_state {
	unsigned int nr_cpu_ids;
	bool has_masks;			/* possible/online masks were read */
	bool has_present, has_active;
	bool has_panic_cpu;
	int panic_cpu;			/* -1: PANIC_CPU_INVALID, no panic */
	bool has_sdei_stopping, sdei_stopping;
	bool has_sdei_available, sdei_available;
	struct ksd_percpu_cpu *cpus;	/* [nr_cpu_ids] */
	char **problems;
	size_t nproblems;
};

/*
 * Read what exists.  Fails only on allocation failure or when nothing
 * at all can be read (no translation or no symbols), with the reason.
 */
struct ksd_error *ksd_percpu_read(struct ksd_kernel *k,
				  struct ksd_percpu_state **ret);
void ksd_percpu_destroy(struct ksd_percpu_state *s);

#endif /* KSD_KERNEL_PERCPU_H */
