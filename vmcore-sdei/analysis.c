// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "analysis.h"
#include "kernel/kernel.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "util/grow.h"

static const char *const source_names[] = {
	[SRC_RECORD] = "record",
	[SRC_CMDLINE] = "cmdline",
	[SRC_LOG] = "log",
	[SRC_MEMORY] = "memory",
	[SRC_REGISTERS] = "registers",
	[SRC_NOTE_ORDER] = "note-order",
	[SRC_RULE] = "rule",
};

const char *evidence_source_name(enum evidence_source s)
{
	if ((unsigned int)s < sizeof(source_names) / sizeof(source_names[0]))
		return source_names[s];
	return "unknown";
}

static char *vformat(const char *fmt, va_list ap)
{
	char *s;

	return vasprintf(&s, fmt, ap) < 0 ? NULL : s;
}

/*
 * Warnings and evidence grow by doubling (util/grow.h): a hostile dump
 * chooses how many there are, and growing them one at a time was
 * quadratic wherever realloc() moves the block (finding 8 of
 * docs/robustness.md: 57,307 warnings took 20 s under ASan).
 */
struct ksd_error *analysis_warn(struct analysis *a, const char *fmt, ...)
{
	char **v;
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = vformat(fmt, ap);
	va_end(ap);
	if (!s)
		return &ksd_enomem;
	v = ksd_grow(a->warnings, a->nwarnings, sizeof(*v));
	if (!v) {
		free(s);
		return &ksd_enomem;
	}
	a->warnings = v;
	a->warnings[a->nwarnings++] = s;
	return NULL;
}

struct ksd_error *cpu_evidence(struct cpu_report *c,
			       enum evidence_source source,
			       const char *fmt, ...)
{
	struct evidence *v;
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = vformat(fmt, ap);
	va_end(ap);
	if (!s)
		return &ksd_enomem;
	v = ksd_grow(c->ev, c->nev, sizeof(*v));
	if (!v) {
		free(s);
		return &ksd_enomem;
	}
	c->ev = v;
	c->ev[c->nev++] = (struct evidence){ .source = source, .text = s };
	return NULL;
}

void analysis_destroy(struct analysis *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->ncpus; i++) {
		struct cpu_report *c = &a->cpus[i];

		for (size_t j = 0; j < c->nev; j++)
			free(c->ev[j].text);
		free(c->ev);
		free(c->pc_sym);
		free(c->lr_sym);
		for (size_t j = 0; c->bt && c->bt_syms && j < c->bt->nframes; j++)
			free(c->bt_syms[j]);
		free(c->bt_syms);
		free(c->bt);
	}
	free(a->cpus);
	for (size_t i = 0; i < a->nwarnings; i++)
		free(a->warnings[i]);
	free(a->warnings);
	free(a->osrelease);
	free(a->panic_why);
	free(a->kernel_problem);
	free(a->percpu_problem);
	ksd_percpu_destroy(a->percpu);
	if (a->has_log)
		ksd_stoplog_deinit(&a->stop);
	free(a->stop_lines);
	ksd_printk_log_destroy(a->log);
	free(a->log_problem);
	ksd_kernel_destroy(a->kernel);
	free(a->parts);
	ksd_record_deinit(&a->record);
	free(a);
}

struct ksd_error *analysis_run(struct ksd_dump *dump,
			       const struct analysis_opts *opts,
			       struct analysis **ret)
{
	struct analysis *a = calloc(1, sizeof(*a));
	struct ksd_error *err;

	if (!a)
		return &ksd_enomem;
	ksd_record_init(&a->record);
	err = evidence_gather(dump, opts, a);
	if (!err)
		err = symbolize_cpus(a);
	if (!err)
		err = verdict_decide(a);
	if (!err)
		err = backtrace_cpus(a, opts && opts->backtrace_all);
	if (err) {
		analysis_destroy(a);
		return err;
	}
	*ret = a;
	return NULL;
}
