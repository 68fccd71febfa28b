/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the kernel log says about the crash stop: the lines arm64's
 * smp_send_stop() and the SDEI NMI service print (kernel-sdei.md 3.2),
 * and which CPU panicked.
 *
 * Lines recognised, at the start of a record's text ("SMP: " optional,
 * so that a backport printing without it still counts):
 *   SMP: stopping secondary CPUs
 *   SMP: retry stop with NMI for CPUs <list>        (pseudo-NMI rung)
 *   SMP: retry stop with SDEI NMI for CPUs <list>   (SDEI rung)
 *   SMP: failed to stop secondary CPUs <list>
 *   sdei_nmi: SDEI_EVENT_SIGNAL to CPU <n> failed: <err>
 *   sdei_nmi: using SDEI cross-CPU NMI ...          (boot: service active)
 *   sdei_nmi: <call> failed: <err>                  (boot: registration failed)
 *   Some CPUs may be stale ...                      (machine_kexec's WARN)
 * <list> is printk's %*pbl: "1", "3,5-7"; an empty mask prints nothing.
 *
 * The panic CPU comes from the last "Kernel panic - not syncing" record:
 *   - its caller id, when that says CPU context ("[C1]": CPU 1);
 *   - the "CPU: <n> [UID: <u> ]PID: <p> Comm: ..." banner that panic()'s
 *     dump_stack() prints right after it, or, when panic() skipped that
 *     (it does after an oops: TAINT_DIE), the banner of the oops or
 *     warning report printed just before it.  Where the log keeps caller
 *     ids (always on 5.10+), a banner counts only if it came from the
 *     same caller as the panic line, and a task caller's pid must equal
 *     the banner's PID.
 * docs/printk.md has the reasoning and the real logs this was checked on.
 */
#ifndef KSD_KERNEL_STOPLOG_H
#define KSD_KERNEL_STOPLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel/printk.h"
#include "util/error.h"

/* "No record": a record index that is not one. */
#define KSD_STOPLOG_NONE SIZE_MAX

/* A CPU set named by the log: one bool per CPU 0 .. nr_cpus - 1. */
struct ksd_stoplog_cpus {
	size_t rec;		/* index in log->records of the last such line */
	bool *cpu;		/* NULL when no CPU is named; see nr_cpus */
};

struct ksd_stoplog_signal_failure {
	size_t rec;
	unsigned int cpu;
	int err;		/* the SDEI error the kernel printed, e.g. -5 */
};

struct ksd_stoplog_nmi_error {
	size_t rec;
	char call[40];		/* "sdei_event_register(0)", ... (truncated) */
	int err;
};

enum ksd_panic_cpu_source {
	KSD_PANIC_CPU_UNKNOWN = 0,
	KSD_PANIC_CPU_CALLER,		/* the panic line's [C<n>] caller id */
	KSD_PANIC_CPU_BANNER_AFTER,	/* panic()'s own dump_stack() banner */
	KSD_PANIC_CPU_BANNER_BEFORE,	/* the oops/warning banner before it */
};

struct ksd_stoplog {
	/*
	 * Length of every cpu array below: one more than the highest CPU
	 * any line names (at most KSD_MAX_CPUS), 0 if none.
	 */
	unsigned int nr_cpus;

	size_t stopping;		/* record index, or KSD_STOPLOG_NONE */
	struct ksd_stoplog_cpus nmi_retry;	/* .rec NONE: never printed */
	struct ksd_stoplog_cpus sdei_retry;
	struct ksd_stoplog_cpus failed;
	struct ksd_stoplog_signal_failure *signal_failures;
	size_t nr_signal_failures;
	size_t sdei_nmi_boot;		/* "using SDEI cross-CPU NMI" */
	struct ksd_stoplog_nmi_error *nmi_errors;
	size_t nr_nmi_errors;
	size_t stale;			/* "Some CPUs may be stale" */

	size_t panic;			/* the last "Kernel panic - not syncing" */
	int panic_cpu;			/* -1: not known */
	enum ksd_panic_cpu_source panic_cpu_source;
	int panic_pid;			/* from the banner or a [T<pid>] caller, or -1 */
	size_t panic_banner;		/* the banner record used, or NONE */
	/* The caller id and the banner named different CPUs (caller wins). */
	bool panic_cpu_conflict;

	/* Lines that looked like stop lines but whose numbers did not parse. */
	size_t nr_unparsed;
};

/**
 * ksd_stoplog_scan() - find the stop lines and the panic CPU in @log
 * @ret: caller storage, filled on success; release with ksd_stoplog_deinit()
 *
 * Record indexes in @ret refer to @log->records, so @log must outlive
 * their use.  Only allocation fails (&ksd_enomem).
 */
struct ksd_error *ksd_stoplog_scan(const struct ksd_printk_log *log,
				   struct ksd_stoplog *ret);
void ksd_stoplog_deinit(struct ksd_stoplog *s);

/* True if @set names @cpu (false for a CPU beyond nr_cpus). */
static inline bool ksd_stoplog_has(const struct ksd_stoplog *s,
				   const struct ksd_stoplog_cpus *set,
				   unsigned int cpu)
{
	return set->cpu && cpu < s->nr_cpus && set->cpu[cpu];
}

/**
 * ksd_cpulist_parse() - parse a %*pbl CPU list, e.g. "3,5-7"
 * @fn: called once per range [lo, hi] in text order
 *
 * Surrounding whitespace is ignored and an empty string is an empty list.
 * Returns false (after possibly calling @fn for earlier ranges) for text
 * that is not a list, a range with lo > hi, or a CPU >= KSD_MAX_CPUS.
 */
bool ksd_cpulist_parse(const char *s, size_t len,
		       bool (*fn)(void *arg, unsigned int lo, unsigned int hi),
		       void *arg);

#endif /* KSD_KERNEL_STOPLOG_H */
