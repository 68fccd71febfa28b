// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The crash-stop lines and the panic CPU, read from the kernel log.
 * The strings: kernel-sdei.md 3.2, arch/arm64/kernel/smp.c,
 * kernel/panic.c, lib/dump_stack.c.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "kernel/stoplog.h"
#include "util/grow.h"
#include "util/limits.h"

/* How far from the panic line a banner may be, in records. */
enum {
	/* Without caller ids: panic()'s dump_stack() prints it next. */
	BANNER_AFTER_BLIND = 4,
	/* With caller ids other CPUs' lines may come in between. */
	BANNER_AFTER_MATCHED = 256,
	/* An oops report (registers, code, call trace) before the panic. */
	BANNER_BEFORE = 512,
};

/* A cursor over one record's text, which need not be NUL-free. */
struct cur {
	const char *p, *end;
};

static bool eat(struct cur *c, const char *lit)
{
	size_t n = strlen(lit);

	if ((size_t)(c->end - c->p) < n || memcmp(c->p, lit, n) != 0)
		return false;
	c->p += n;
	return true;
}

static bool eat_uint(struct cur *c, unsigned long *v, unsigned long max)
{
	unsigned long x = 0;
	const char *s = c->p;

	while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
		x = x * 10 + (unsigned long)(*c->p - '0');
		if (x > max)
			return false;
		c->p++;
	}
	*v = x;
	return c->p != s;
}

static bool eat_int(struct cur *c, int *v)
{
	bool neg = eat(c, "-");
	unsigned long x;

	if (!eat_uint(c, &x, 0x80000000ul) || (!neg && x > 0x7ffffffful))
		return false;
	*v = neg ? (int)(0 - (long)x) : (int)x;
	return true;
}

static void skip_space(struct cur *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' ||
				 *c->p == '\n' || *c->p == '\r'))
		c->p++;
}

static struct cur text_of(const struct ksd_printk_record *r)
{
	return (struct cur){ r->text, r->text + r->text_len };
}

bool ksd_cpulist_parse(const char *s, size_t len,
		       bool (*fn)(void *arg, unsigned int lo, unsigned int hi),
		       void *arg)
{
	struct cur c = { s, s + len };

	skip_space(&c);
	while (c.end > c.p && (c.end[-1] == ' ' || c.end[-1] == '\t' ||
			       c.end[-1] == '\n' || c.end[-1] == '\r'))
		c.end--;
	if (c.p == c.end)
		return true;
	for (;;) {
		unsigned long lo, hi;

		if (!eat_uint(&c, &lo, KSD_MAX_CPUS - 1))
			return false;
		hi = lo;
		if (eat(&c, "-") && !eat_uint(&c, &hi, KSD_MAX_CPUS - 1))
			return false;
		if (lo > hi || !fn(arg, (unsigned int)lo, (unsigned int)hi))
			return false;
		if (c.p == c.end)
			return true;
		if (!eat(&c, ","))
			return false;
	}
}

/* ---- CPU sets ---- */

static bool resize_one(bool **a, unsigned int old, unsigned int nr)
{
	bool *n;

	if (!*a)
		return true;
	n = realloc(*a, nr * sizeof(**a));
	if (!n)
		return false;
	memset(n + old, 0, (nr - old) * sizeof(*n));
	*a = n;
	return true;
}

/*
 * Grow every CPU array to cover @cpu.  Lines can name ever higher CPUs
 * one at a time, and growing the arrays by one each time is quadratic
 * wherever realloc() moves them: their room is ksd_grow_room(nr_cpus),
 * and the tail past nr_cpus stays zero.
 */
static struct ksd_error *cover(struct ksd_stoplog *s, unsigned int cpu)
{
	unsigned int nr = cpu + 1;
	unsigned int old = ksd_grow_room(s->nr_cpus), room = ksd_grow_room(nr);

	if (nr <= s->nr_cpus)
		return NULL;
	if (room > old &&
	    (!resize_one(&s->nmi_retry.cpu, old, room) ||
	     !resize_one(&s->sdei_retry.cpu, old, room) ||
	     !resize_one(&s->failed.cpu, old, room)))
		return &ksd_enomem;
	s->nr_cpus = nr;
	return NULL;
}

static bool note_max(void *arg, unsigned int lo, unsigned int hi)
{
	unsigned int *max = arg;

	(void)lo;
	if (hi + 1 > *max)
		*max = hi + 1;
	return true;
}

static bool mark(void *arg, unsigned int lo, unsigned int hi)
{
	bool *cpu = arg;

	for (unsigned int i = lo; i <= hi; i++)
		cpu[i] = true;
	return true;
}

/* A line naming a CPU list: validate all of it, then record it. */
static struct ksd_error *take_list(struct ksd_stoplog *s,
				   struct ksd_stoplog_cpus *set, size_t rec,
				   struct cur c)
{
	unsigned int max = 0;
	struct ksd_error *err;

	if (!ksd_cpulist_parse(c.p, (size_t)(c.end - c.p), note_max, &max)) {
		s->nr_unparsed++;
		return NULL;
	}
	set->rec = rec;
	if (!max)
		return NULL;
	err = cover(s, max - 1);
	if (err)
		return err;
	if (!set->cpu) {
		set->cpu = calloc(ksd_grow_room(s->nr_cpus), sizeof(*set->cpu));
		if (!set->cpu)
			return &ksd_enomem;
	}
	ksd_cpulist_parse(c.p, (size_t)(c.end - c.p), mark, set->cpu);
	return NULL;
}

/* "SDEI_EVENT_SIGNAL to CPU %u failed: %d" */
static struct ksd_error *take_signal(struct ksd_stoplog *s, size_t rec,
				     struct cur c)
{
	struct ksd_stoplog_signal_failure *f;
	unsigned long cpu;
	int e;

	if (!eat_uint(&c, &cpu, KSD_MAX_CPUS - 1) || !eat(&c, " failed: ") ||
	    !eat_int(&c, &e)) {
		s->nr_unparsed++;
		return NULL;
	}
	f = ksd_grow(s->signal_failures, s->nr_signal_failures, sizeof(*f));
	if (!f)
		return &ksd_enomem;
	s->signal_failures = f;
	f[s->nr_signal_failures++] = (struct ksd_stoplog_signal_failure){
		.rec = rec, .cpu = (unsigned int)cpu, .err = e,
	};
	return cover(s, (unsigned int)cpu);
}

/* "sdei_nmi: <call> failed: %d", other than the signal failure. */
static struct ksd_error *take_nmi_error(struct ksd_stoplog *s, size_t rec,
					struct cur c)
{
	struct ksd_stoplog_nmi_error *e, ne = { .rec = rec };
	const char *at = NULL;
	struct cur n;
	size_t len;

	for (const char *p = c.p; p + 9 <= c.end; p++)
		if (memcmp(p, " failed: ", 9) == 0)
			at = p;
	if (!at)
		return NULL;
	n = (struct cur){ at + 9, c.end };
	if (!eat_int(&n, &ne.err)) {
		s->nr_unparsed++;
		return NULL;
	}
	len = (size_t)(at - c.p);
	if (len >= sizeof(ne.call))
		len = sizeof(ne.call) - 1;
	memcpy(ne.call, c.p, len);
	e = ksd_grow(s->nmi_errors, s->nr_nmi_errors, sizeof(*e));
	if (!e)
		return &ksd_enomem;
	s->nmi_errors = e;
	e[s->nr_nmi_errors++] = ne;
	return NULL;
}

/*
 * Only the kernel's own messages count: anyone who can write /dev/kmsg
 * can log "SMP: retry stop with SDEI NMI for CPUs 1" as facility 1
 * (user).  A record whose level and facility could not be read is taken
 * as the kernel's.
 */
static bool from_kernel(const struct ksd_printk_record *r)
{
	return !(r->rflags & KSD_PRINTK_REC_LEVEL) || r->facility == 0;
}

static struct ksd_error *scan_line(struct ksd_stoplog *s,
				   const struct ksd_printk_record *r,
				   size_t rec)
{
	struct cur c = text_of(r);

	if (!from_kernel(r))
		return NULL;

	if (eat(&c, "sdei_nmi: ")) {
		if (eat(&c, "SDEI_EVENT_SIGNAL to CPU "))
			return take_signal(s, rec, c);
		if (eat(&c, "using SDEI cross-CPU NMI")) {
			s->sdei_nmi_boot = rec;
			return NULL;
		}
		return take_nmi_error(s, rec, c);
	}
	if (eat(&c, "Some CPUs may be stale")) {
		s->stale = rec;
		return NULL;
	}
	eat(&c, "SMP: ");
	if (eat(&c, "stopping secondary CPUs")) {
		if (s->stopping == KSD_STOPLOG_NONE)
			s->stopping = rec;
		return NULL;
	}
	if (eat(&c, "retry stop with NMI for CPUs"))
		return take_list(s, &s->nmi_retry, rec, c);
	if (eat(&c, "retry stop with SDEI NMI for CPUs"))
		return take_list(s, &s->sdei_retry, rec, c);
	if (eat(&c, "failed to stop secondary CPUs"))
		return take_list(s, &s->failed, rec, c);
	return NULL;
}

/* ---- the panic CPU ---- */

/* "CPU: %d PID: %d Comm: " or, since 6.x, "CPU: %d UID: %u PID: %d Comm: " */
static bool banner(const struct ksd_printk_record *r, int *cpu, int *pid)
{
	struct cur c = text_of(r);
	unsigned long v, p;

	if (!eat(&c, "CPU: ") || !eat_uint(&c, &v, KSD_MAX_CPUS - 1))
		return false;
	if (eat(&c, " UID: ")) {
		unsigned long uid;

		if (!eat_uint(&c, &uid, 0xfffffffful))
			return false;
	}
	if (!eat(&c, " PID: ") || !eat_uint(&c, &p, 0x7ffffffful) ||
	    !eat(&c, " Comm: "))
		return false;
	*cpu = (int)v;
	*pid = (int)p;
	return true;
}

/* Could banner record @b have been printed by the caller of panic line @p? */
static bool same_caller(const struct ksd_printk_record *p,
			const struct ksd_printk_record *b, int banner_pid)
{
	if (!(p->rflags & KSD_PRINTK_REC_CALLER) ||
	    !(b->rflags & KSD_PRINTK_REC_CALLER))
		return true;
	if (p->caller_id != b->caller_id)
		return false;
	return (p->caller_id & KSD_PRINTK_CALLER_CPU) ||
	       p->caller_id == (uint32_t)banner_pid;
}

static bool try_banner(struct ksd_stoplog *s, const struct ksd_printk_log *log,
		       size_t i, enum ksd_panic_cpu_source src)
{
	const struct ksd_printk_record *p = &log->records[s->panic];
	int cpu, pid;

	if (!from_kernel(&log->records[i]) || !banner(&log->records[i], &cpu, &pid) ||
	    !same_caller(p, &log->records[i], pid))
		return false;
	s->panic_banner = i;
	s->panic_pid = pid;
	if (s->panic_cpu < 0) {
		s->panic_cpu = cpu;
		s->panic_cpu_source = src;
	} else if (s->panic_cpu != cpu) {
		s->panic_cpu_conflict = true;
	}
	return true;
}

static void find_panic(struct ksd_stoplog *s, const struct ksd_printk_log *log)
{
	const struct ksd_printk_record *p;
	size_t n = log->nr_records, i, lim;
	struct cur c;
	bool callers;

	for (i = n; i-- > 0;) {
		if (!from_kernel(&log->records[i]))
			continue;
		c = text_of(&log->records[i]);
		if (eat(&c, "Kernel panic - not syncing")) {
			s->panic = i;
			break;
		}
	}
	if (s->panic == KSD_STOPLOG_NONE)
		return;
	p = &log->records[s->panic];
	callers = p->rflags & KSD_PRINTK_REC_CALLER;
	if (callers) {
		if (p->caller_id & KSD_PRINTK_CALLER_CPU) {
			s->panic_cpu = (int)(p->caller_id & ~KSD_PRINTK_CALLER_CPU);
			s->panic_cpu_source = KSD_PANIC_CPU_CALLER;
		} else {
			s->panic_pid = (int)p->caller_id;
		}
	}
	lim = callers ? BANNER_AFTER_MATCHED : BANNER_AFTER_BLIND;
	for (i = s->panic + 1; i < n && i <= s->panic + lim; i++)
		if (try_banner(s, log, i, KSD_PANIC_CPU_BANNER_AFTER))
			return;
	for (i = s->panic; i-- > 0 && s->panic - i <= BANNER_BEFORE;)
		if (try_banner(s, log, i, KSD_PANIC_CPU_BANNER_BEFORE))
			return;
}

struct ksd_error *ksd_stoplog_scan(const struct ksd_printk_log *log,
				   struct ksd_stoplog *ret)
{
	struct ksd_stoplog s = {
		.stopping = KSD_STOPLOG_NONE,
		.nmi_retry.rec = KSD_STOPLOG_NONE,
		.sdei_retry.rec = KSD_STOPLOG_NONE,
		.failed.rec = KSD_STOPLOG_NONE,
		.sdei_nmi_boot = KSD_STOPLOG_NONE,
		.stale = KSD_STOPLOG_NONE,
		.panic = KSD_STOPLOG_NONE,
		.panic_banner = KSD_STOPLOG_NONE,
		.panic_cpu = -1,
		.panic_pid = -1,
	};
	struct ksd_error *err = NULL;

	for (size_t i = 0; i < log->nr_records && !err; i++)
		err = scan_line(&s, &log->records[i], i);
	if (err) {
		ksd_stoplog_deinit(&s);
		return err;
	}
	find_panic(&s, log);
	*ret = s;
	return NULL;
}

void ksd_stoplog_deinit(struct ksd_stoplog *s)
{
	free(s->nmi_retry.cpu);
	free(s->sdei_retry.cpu);
	free(s->failed.cpu);
	free(s->signal_failures);
	free(s->nmi_errors);
	memset(s, 0, sizeof(*s));
}
