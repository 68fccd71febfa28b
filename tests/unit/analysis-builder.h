/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Hand-built analyses for the verdict tests: struct analysis as
 * evidence_gather() leaves it before verdict_decide(), CPU by CPU.
 */
#ifndef KSD_TESTS_UNIT_ANALYSIS_BUILDER_H
#define KSD_TESTS_UNIT_ANALYSIS_BUILDER_H

#include <stdlib.h>
#include <string.h>

#include "analysis.h"

/* @ncpus CPUs: no registers, buffers not read, panic CPU unknown. */
static inline struct analysis *new_analysis(size_t ncpus)
{
	struct analysis *a = calloc(1, sizeof(*a));

	assert_non_null(a);
	ksd_record_init(&a->record);
	a->cpus = calloc(ncpus, sizeof(*a->cpus));
	assert_non_null(a->cpus);
	a->ncpus = ncpus;
	a->panic_cpu = -1;
	for (size_t i = 0; i < ncpus; i++) {
		a->cpus[i].cpu = (unsigned int)i;
		a->cpus[i].note_index = -1;
		a->cpus[i].verdict = VERDICT_UNKNOWN;
	}
	return a;
}

static inline void set_record(struct analysis *a, enum ksd_sdei_nmi nmi,
			      enum evidence_source source)
{
	a->has_record = true;
	a->record_source = source;
	a->record.firmware = KSD_FW_DT;
	a->record.conduit = KSD_CONDUIT_SMC;
	a->record.nmi = nmi;
}

/* CPU @i saved registers with @pstate; the dump gains an NT_PRSTATUS. */
static inline void give_regs(struct analysis *a, size_t i, uint64_t pstate)
{
	struct cpu_report *c = &a->cpus[i];

	c->buffer = BUFFER_NOTE;
	c->has_regs = true;
	c->note_index = (int)i;
	c->prs.regs.pstate = pstate;
	c->prs.regs.pc = 0xffff800080123450 + i;
	aarch64_pstate_decode(pstate, &c->pstate);
	a->nprstatus++;
}

/* The panic CPU as memory (panic_cpu) would name it. */
static inline void set_panic(struct analysis *a, int cpu)
{
	a->panic_cpu = cpu;
	a->panic_source = SRC_MEMORY;
	a->panic_why = strdup("panic_cpu in memory names it");
	assert_non_null(a->panic_why);
}

#endif /* KSD_TESTS_UNIT_ANALYSIS_BUILDER_H */
