// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Evidence from the kernel log (design.md source 2): the lines
 * smp_send_stop() and the SDEI NMI service print (kernel-sdei.md 3.2),
 * and the panic CPU from the panic banner.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "kernel/kernel.h"
#include "kernel/printk.h"

struct ksd_error *log_open(struct analysis *a)
{
	struct ksd_error *err;

	if (!a->kernel || !a->kernel->has_xlat)
		return NULL;
	err = ksd_printk_read(&a->kernel->kmem, a->kernel->vi, &a->log);
	if (err) {
		a->log_problem = strdup(err->message);
		ksd_error_destroy(err);
		if (!a->log_problem)
			return &ksd_enomem;
		return analysis_warn(a, "%s", a->log_problem);
	}
	err = ksd_stoplog_scan(a->log, &a->stop);
	if (err)
		return err;
	a->has_log = true;
	if (a->log->skipped.unreadable || a->log->skipped.bad_block)
		err = analysis_warn(a, "kernel log: %llu records unreadable or damaged",
				    (unsigned long long)(a->log->skipped.unreadable +
							 a->log->skipped.bad_block));
	return err;
}

static const char *text_of(const struct analysis *a, size_t rec)
{
	return rec < a->log->nr_records ? a->log->records[rec].text : "";
}

static struct ksd_error *panic_from_log(struct analysis *a)
{
	const struct ksd_stoplog *s = &a->stop;
	const char *how;

	if (s->panic_cpu < 0)
		return NULL;
	if (a->panic_cpu >= 0) {
		if (a->panic_cpu != s->panic_cpu)
			return analysis_warn(a,
					     "contradiction: %s says the panic CPU is %d, the kernel log says %d",
					     a->panic_why, a->panic_cpu, s->panic_cpu);
		return NULL;
	}
	switch (s->panic_cpu_source) {
	case KSD_PANIC_CPU_CALLER:
		how = "the kernel log's panic line carries its caller id";
		break;
	case KSD_PANIC_CPU_BANNER_AFTER:
		how = "the kernel log's panic banner names it";
		break;
	default:
		how = "the kernel log's oops banner before the panic names it";
		break;
	}
	a->panic_cpu = s->panic_cpu;
	a->panic_source = SRC_LOG;
	free(a->panic_why);
	a->panic_why = strdup(how);
	return a->panic_why ? NULL : &ksd_enomem;
}

/*
 * With note-order numbering, CPUs the log says never stopped saved no
 * note: number the notes past them, and add them as CPUs of their own.
 */
static struct ksd_error *renumber_by_log(struct analysis *a)
{
	const struct ksd_stoplog *s = &a->stop;
	unsigned int next = 0, nfailed = 0;
	struct cpu_report *v;
	size_t n = a->ncpus;

	if (a->numbering != NUMBERING_NOTE_ORDER || !s->failed.cpu)
		return NULL;
	for (unsigned int c = 0; c < s->nr_cpus; c++)
		nfailed += s->failed.cpu[c];
	if (!nfailed)
		return NULL;
	v = reallocarray(a->cpus, n + nfailed, sizeof(*v));
	if (!v)
		return &ksd_enomem;
	a->cpus = v;
	for (size_t i = 0; i < n; i++) {
		while (ksd_stoplog_has(s, &s->failed, next))
			next++;
		a->cpus[i].cpu = next++;
	}
	for (unsigned int c = 0; c < s->nr_cpus; c++) {
		struct cpu_report *r;

		if (!s->failed.cpu[c])
			continue;
		r = &a->cpus[a->ncpus++];
		*r = (struct cpu_report){
			.cpu = c, .note_index = -1, .verdict = VERDICT_UNKNOWN,
			.buffer = BUFFER_EMPTY,
		};
	}
	/* Keep the report in CPU order. */
	for (size_t i = 1; i < a->ncpus; i++)
		for (size_t j = i; j > 0 && a->cpus[j - 1].cpu > a->cpus[j].cpu; j--) {
			struct cpu_report t = a->cpus[j];

			a->cpus[j] = a->cpus[j - 1];
			a->cpus[j - 1] = t;
		}
	return analysis_warn(a,
			     "CPU numbers skip the %u CPU(s) the kernel log says never stopped; CPUs that saved nothing for other reasons would still shift them",
			     nfailed);
}

struct ksd_error *log_cpu_facts(struct analysis *a)
{
	const struct ksd_stoplog *s = &a->stop;
	struct ksd_error *err;

	if (!a->has_log)
		return NULL;
	err = renumber_by_log(a);
	if (!err)
		err = panic_from_log(a);
	for (size_t i = 0; i < a->ncpus && !err; i++) {
		struct cpu_report *c = &a->cpus[i];

		if (ksd_stoplog_has(s, &s->nmi_retry, c->cpu))
			err = cpu_evidence(c, SRC_LOG, "named in \"%s\": it ignored the stop IPI",
					   text_of(a, s->nmi_retry.rec));
		if (!err && ksd_stoplog_has(s, &s->sdei_retry, c->cpu))
			err = cpu_evidence(c, SRC_LOG, "named in \"%s\": the IPI%s rung did not stop it",
					   text_of(a, s->sdei_retry.rec),
					   s->nmi_retry.rec != KSD_STOPLOG_NONE ? " and pseudo-NMI" : "");
		if (!err && ksd_stoplog_has(s, &s->failed, c->cpu))
			err = cpu_evidence(c, SRC_LOG, "named in \"%s\"",
					   text_of(a, s->failed.rec));
		for (size_t k = 0; !err && k < s->nr_signal_failures; k++)
			if (s->signal_failures[k].cpu == c->cpu)
				err = cpu_evidence(c, SRC_LOG, "\"%s\"",
						   text_of(a, s->signal_failures[k].rec));
	}
	return err;
}
