// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What vmcore-sdei runs on a dump, end to end, on a dump held in memory:
 * format, notes, VMCOREINFO, the SDEI record, translation, kallsyms, the
 * kernel log and its stop lines, per-CPU memory, verdicts, backtraces of
 * every CPU, and both reports (written to a discarded stream).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "analysis.h"
#include "fuzz.h"
#include "kernel/printk.h"
#include "report.h"

FUZZ_TARGET(whole)
{
	static FILE *null;
	struct analysis_opts opts = {
		.want_log_text = true, .backtrace_all = true,
	};
	struct report_opts ropts = { .only_cpu = -1, .verbose = true };
	struct analysis *a;
	struct ksd_dump *dump;
	struct ksd_error *err;
	char *text;
	size_t len;

	if (!null)
		null = fopen("/dev/null", "w");
	if (!null)
		return 0;
	err = ksd_dump_open_memory(data, size, "fuzz", &dump);
	if (err) {
		fuzz_drop(err);
		return 0;
	}
	err = analysis_run(dump, &opts, &a);
	if (err) {
		fuzz_drop(err);
		ksd_dump_destroy(dump);
		return 0;
	}
	report_text(null, a, &ropts);
	report_json(null, a, &ropts);
	if (a->log) {
		err = ksd_printk_format_all(a->log, KSD_PRINTK_FMT_CALLER, &text,
					    &len);
		if (!err)
			free(text);
		fuzz_drop(err);
	}
	analysis_destroy(a);
	ksd_dump_destroy(dump);
	return 0;
}
