/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The two renderings of an analysis: text for people, JSON for pipelines.
 * The JSON schema is versioned and documented in docs/json-schema.md;
 * adding a member is a minor change, renaming or removing one bumps
 * REPORT_JSON_SCHEMA_VERSION.
 */
#ifndef KSD_VMCORE_SDEI_REPORT_H
#define KSD_VMCORE_SDEI_REPORT_H

#include <stdio.h>

#include "analysis.h"

#define REPORT_JSON_SCHEMA "kexec-sdei.vmcore-sdei.report"
#define REPORT_JSON_SCHEMA_VERSION 1

struct report_opts {
	int only_cpu;		/* -1 = all CPUs */
	bool verbose;		/* a block for every CPU, not just wedged ones */
};

/* Both return 0, or -1 with errno set when writing to @out failed. */
int report_text(FILE *out, const struct analysis *a,
		const struct report_opts *opts);
int report_json(FILE *out, const struct analysis *a,
		const struct report_opts *opts);

/* Whether CPU @c is shown under @opts. */
static inline bool report_shows(const struct report_opts *opts,
				const struct cpu_report *c)
{
	return opts->only_cpu < 0 || (unsigned int)opts->only_cpu == c->cpu;
}

#endif /* KSD_VMCORE_SDEI_REPORT_H */
