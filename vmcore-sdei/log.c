// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Evidence from the kernel log (design.md source 2): the lines
 * smp_send_stop() and the SDEI NMI service print (kernel-sdei.md 3.2),
 * and the panic CPU from the panic banner.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "kernel/kernel.h"
#include "kernel/printk.h"

static int by_index(const void *x, const void *y)
{
	size_t l = *(const size_t *)x, r = *(const size_t *)y;

	return l < r ? -1 : l > r;
}

static struct ksd_error *find_stop_lines(struct analysis *a)
{
	const struct ksd_stoplog *s = &a->stop;
	const size_t one[] = { s->sdei_nmi_boot, s->stopping, s->nmi_retry.rec,
			       s->sdei_retry.rec, s->failed.rec, s->stale };
	size_t max = sizeof(one) / sizeof(one[0]) + s->nr_signal_failures +
		     s->nr_nmi_errors;
	size_t *idx = malloc(max * sizeof(*idx));
	size_t n = 0, kept = 0;

	if (!idx)
		return &ksd_enomem;
	for (size_t i = 0; i < sizeof(one) / sizeof(one[0]); i++)
		idx[n++] = one[i];
	for (size_t i = 0; i < s->nr_signal_failures; i++)
		idx[n++] = s->signal_failures[i].rec;
	for (size_t i = 0; i < s->nr_nmi_errors; i++)
		idx[n++] = s->nmi_errors[i].rec;
	qsort(idx, n, sizeof(*idx), by_index);
	for (size_t i = 0; i < n; i++)
		if (idx[i] < a->log->nr_records && (!kept || idx[kept - 1] != idx[i]))
			idx[kept++] = idx[i];
	a->stop_lines = idx;
	a->nr_stop_lines = kept;
	return NULL;
}

/*
 * What the log reader skipped or found odd must reach the report; the
 * first few of its warnings say what kind of damage it is, the rest are
 * counted.
 */
#define LOG_WARNINGS_SHOWN 3
_Static_assert(LOG_WARNINGS_SHOWN <= KSD_PRINTK_MAX_WARNINGS, "kept warnings");

static struct ksd_error *warn_log_damage(struct analysis *a)
{
	const struct ksd_printk_log *log = a->log;
	const struct ksd_printk_skipped *sk = &log->skipped;
	struct ksd_error *err = NULL;
	size_t kept = log->nr_warnings < LOG_WARNINGS_SHOWN ?
		      log->nr_warnings : LOG_WARNINGS_SHOWN;

	if (sk->unreadable || sk->bad_block)
		err = analysis_warn(a, "kernel log: %llu records unreadable or damaged",
				    (unsigned long long)(sk->unreadable + sk->bad_block));
	for (size_t i = 0; !err && i < kept; i++)
		err = analysis_warn(a, "kernel log: %s", log->warnings[i]);
	if (!err && log->nr_warnings > kept)
		err = analysis_warn(a, "kernel log: %zu more warnings like these",
				    log->nr_warnings - kept);
	return err;
}

/*
 * A log with no readable record (a head id that is garbage reads that
 * way) is no log: taken as one, "no retry line names this CPU" would be
 * evidence drawn from silence.
 */
static struct ksd_error *no_records(struct analysis *a)
{
	const struct ksd_printk_skipped *sk = &a->log->skipped;
	struct ksd_error *err = warn_log_damage(a);

	if (err)
		return err;
	if (asprintf(&a->log_problem,
		     "the kernel log has no readable record (%llu descriptors recycled, %llu unreadable, %llu damaged)",
		     (unsigned long long)sk->recycled,
		     (unsigned long long)sk->unreadable,
		     (unsigned long long)sk->bad_block) < 0) {
		a->log_problem = NULL;
		return &ksd_enomem;
	}
	return analysis_warn(a, "%s", a->log_problem);
}

struct ksd_error *log_open(struct analysis *a)
{
	struct ksd_error *err;

	if (!a->kernel || !a->kernel->has_xlat)
		return NULL;
	err = ksd_printk_read(&a->kernel->kmem, a->kernel->vi, &a->log);
	if (err) {
		a->log_problem = ksd_error_take_message(err);
		if (!a->log_problem)
			return &ksd_enomem;
		return analysis_warn(a, "%s", a->log_problem);
	}
	if (!a->log->nr_records)
		return no_records(a);
	err = ksd_stoplog_scan(a->log, &a->stop);
	if (err)
		return err;
	a->has_log = true;
	err = find_stop_lines(a);
	if (err)
		return err;
	return warn_log_damage(a);
}

const char *log_quote(const struct analysis *a, size_t rec, char *buf,
		      size_t len)
{
	const struct ksd_printk_record *r;
	size_t o = 0;

	if (!len)
		return "";
	buf[0] = '\0';
	if (rec >= a->log->nr_records)
		return buf;
	r = &a->log->records[rec];
	for (size_t i = 0; i < r->text_len; i++) {
		unsigned char c = (unsigned char)r->text[i];
		/* Room for "\xNN", or for "..." and the NUL at the end. */
		size_t need = c >= 0x20 && c <= 0x7e ? 1 : 4;

		if (o + need + 4 > len) {
			snprintf(buf + o, len - o, "...");
			return buf;
		}
		if (need == 1)
			buf[o++] = (char)c;
		else
			o += (size_t)snprintf(buf + o, len - o, "\\x%02x", c);
		buf[o] = '\0';
	}
	return buf;
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

static int by_cpu(const void *x, const void *y)
{
	unsigned int a = ((const struct cpu_report *)x)->cpu;
	unsigned int b = ((const struct cpu_report *)y)->cpu;

	return a < b ? -1 : a > b;
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
	/*
	 * Keep the report in CPU order.  An insertion sort here took 19 s
	 * for 20,000 notes numbered after 20,000 failed CPUs: 4e8 swaps
	 * of a whole CPU report.  The numbers are distinct.
	 */
	qsort(a->cpus, a->ncpus, sizeof(*a->cpus), by_cpu);
	return analysis_warn(a,
			     "CPU numbers skip the %u CPU(s) the kernel log says never stopped; CPUs that saved nothing for other reasons would still shift them",
			     nfailed);
}

/*
 * Each CPU's SDEI_EVENT_SIGNAL failure lines: the first (*@first, a
 * signal_failures index) and how many (*@count), one pass over them.
 * Searching all the lines for each CPU was quadratic in what the log
 * chooses.  Every CPU a line names is below nr_cpus (the scan covers
 * it).
 */
static struct ksd_error *signal_failures_by_cpu(const struct ksd_stoplog *s,
						size_t **first, size_t **count)
{
	*first = NULL;
	*count = NULL;
	if (!s->nr_signal_failures)
		return NULL;
	*first = malloc(s->nr_cpus * sizeof(**first));
	*count = calloc(s->nr_cpus, sizeof(**count));
	if (!*first || !*count) {
		free(*first);
		free(*count);
		*first = *count = NULL;
		return &ksd_enomem;
	}
	for (size_t k = 0; k < s->nr_signal_failures; k++) {
		unsigned int cpu = s->signal_failures[k].cpu;

		if (cpu < s->nr_cpus && !(*count)[cpu]++)
			(*first)[cpu] = k;
	}
	return NULL;
}

struct ksd_error *log_cpu_facts(struct analysis *a)
{
	const struct ksd_stoplog *s = &a->stop;
	char q[LOG_QUOTE_MAX];
	struct ksd_error *err;
	size_t *first, *count;

	if (!a->has_log)
		return NULL;
	err = renumber_by_log(a);
	if (!err)
		err = panic_from_log(a);
	if (!err)
		err = signal_failures_by_cpu(s, &first, &count);
	if (err)
		return err;
	for (size_t i = 0; i < a->ncpus && !err; i++) {
		struct cpu_report *c = &a->cpus[i];
		size_t nsig = count && c->cpu < s->nr_cpus ? count[c->cpu] : 0;

		if (ksd_stoplog_has(s, &s->nmi_retry, c->cpu))
			err = cpu_evidence(c, SRC_LOG, "named in \"%s\": it ignored the stop IPI",
					   log_quote(a, s->nmi_retry.rec, q, sizeof(q)));
		if (!err && ksd_stoplog_has(s, &s->sdei_retry, c->cpu))
			err = cpu_evidence(c, SRC_LOG, "named in \"%s\": the IPI%s rung did not stop it",
					   log_quote(a, s->sdei_retry.rec, q, sizeof(q)),
					   s->nmi_retry.rec != KSD_STOPLOG_NONE ? " and pseudo-NMI" : "");
		if (!err && ksd_stoplog_has(s, &s->failed, c->cpu))
			err = cpu_evidence(c, SRC_LOG, "named in \"%s\"",
					   log_quote(a, s->failed.rec, q, sizeof(q)));
		/* One line per stop attempt; a log repeating it says no more. */
		if (!err && nsig == 1)
			err = cpu_evidence(c, SRC_LOG, "\"%s\"",
					   log_quote(a, s->signal_failures[first[c->cpu]].rec,
						     q, sizeof(q)));
		else if (!err && nsig > 1)
			err = cpu_evidence(c, SRC_LOG, "\"%s\" (and %zu more lines like it)",
					   log_quote(a, s->signal_failures[first[c->cpu]].rec,
						     q, sizeof(q)), nsig - 1);
	}
	free(first);
	free(count);
	return err;
}
