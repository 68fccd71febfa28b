// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * lib/kernel/stoplog: the crash-stop lines and the panic CPU, on logs
 * written as records directly.  The texts are the kernel's (smp.c,
 * arm_sdei_nmi.c, panic.c, dump_stack.c) as real runs printed them.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "kernel/stoplog.h"
#include "util/limits.h"

#define T(pid) ((uint32_t)(pid))
#define C(cpu) (0x80000000u | (cpu))
#define NOCALLER 0xffffffffu

struct line {
	uint32_t caller;	/* NOCALLER: the log has no caller ids */
	const char *text;
};

/* A log of @n lines; free with free(log->records) and free(log). */
static struct ksd_printk_log *mklog(const struct line *l, size_t n)
{
	struct ksd_printk_log *log = calloc(1, sizeof(*log));

	assert_non_null(log);
	log->records = calloc(n ? n : 1, sizeof(*log->records));
	assert_non_null(log->records);
	log->nr_records = n;
	for (size_t i = 0; i < n; i++) {
		struct ksd_printk_record *r = &log->records[i];

		r->seq = i;
		r->text = l[i].text;
		r->text_len = strlen(l[i].text);
		if (l[i].caller != NOCALLER) {
			r->caller_id = l[i].caller;
			r->rflags = KSD_PRINTK_REC_CALLER;
		}
	}
	return log;
}

static void freelog(struct ksd_printk_log *log)
{
	free(log->records);
	free(log);
}

#define SCAN(lines, s) do { \
	struct ksd_printk_log *log_ = mklog(lines, sizeof(lines) / sizeof(lines[0])); \
	assert_null(ksd_stoplog_scan(log_, &(s))); \
	freelog(log_); \
} while (0)

/* ---- %*pbl ---- */

struct ranges {
	unsigned int lo[8], hi[8];
	int n;
};

static bool collect(void *arg, unsigned int lo, unsigned int hi)
{
	struct ranges *r = arg;

	assert_true(r->n < 8);
	r->lo[r->n] = lo;
	r->hi[r->n++] = hi;
	return true;
}

static void test_cpulist(void **state)
{
	struct ranges r = { .n = 0 };

	(void)state;
	assert_true(ksd_cpulist_parse("3,5-7", 5, collect, &r));
	assert_int_equal(r.n, 2);
	assert_int_equal(r.lo[0], 3);
	assert_int_equal(r.hi[0], 3);
	assert_int_equal(r.lo[1], 5);
	assert_int_equal(r.hi[1], 7);
	r.n = 0;
	assert_true(ksd_cpulist_parse(" 0-1023 \n", 9, collect, &r));
	assert_int_equal(r.hi[0], 1023);
	r.n = 0;
	assert_true(ksd_cpulist_parse("", 0, collect, &r));
	assert_true(ksd_cpulist_parse("   ", 3, collect, &r));
	assert_int_equal(r.n, 0);
	assert_false(ksd_cpulist_parse("7-3", 3, collect, &r));
	assert_false(ksd_cpulist_parse("1,,2", 4, collect, &r));
	assert_false(ksd_cpulist_parse("1,", 2, collect, &r));
	assert_false(ksd_cpulist_parse("x", 1, collect, &r));
	assert_false(ksd_cpulist_parse("1-", 2, collect, &r));
	assert_false(ksd_cpulist_parse("1 2", 3, collect, &r));
	assert_false(ksd_cpulist_parse("65536", 5, collect, &r));
	assert_false(ksd_cpulist_parse("99999999999999999999", 20, collect, &r));
	r.n = 0;
	assert_true(ksd_cpulist_parse("65535", 5, collect, &r));
	assert_int_equal(r.lo[0], KSD_MAX_CPUS - 1);
	/* only @len bytes count */
	r.n = 0;
	assert_true(ksd_cpulist_parse("12,13", 2, collect, &r));
	assert_int_equal(r.n, 1);
	assert_int_equal(r.lo[0], 12);
}

/* ---- the stop lines ---- */

static void test_sdei_stop(void **state)
{
	static const struct line lines[] = {
		{ T(0), "Booting Linux on physical CPU 0x0000000000 [0x411fd070]" },
		{ T(0), "CPU: All CPU(s) started at EL1" },
		{ T(1), "sdei: SDEIv1.0 (0x0) detected in firmware." },
		{ T(1), "sdei_nmi: using SDEI cross-CPU NMI (SDEI_EVENT_SIGNAL, event 0)" },
		{ T(102), "sysrq: Trigger a crash" },
		{ T(102), "Kernel panic - not syncing: sysrq triggered crash" },
		{ T(102), "CPU: 0 UID: 0 PID: 102 Comm: sh Kdump: loaded Tainted: G           O       6.12.107-e2e48sdei #1" },
		{ T(102), "Call trace:" },
		{ T(102), "SMP: stopping secondary CPUs" },
		{ T(102), "SMP: retry stop with SDEI NMI for CPUs 1,3-5" },
		{ T(102), "Starting crashdump kernel..." },
	};
	struct ksd_stoplog s;

	(void)state;
	SCAN(lines, s);
	assert_int_equal(s.stopping, 8);
	assert_int_equal(s.sdei_retry.rec, 9);
	assert_int_equal(s.nr_cpus, 6);
	for (unsigned int cpu = 0; cpu < 8; cpu++)
		assert_int_equal(ksd_stoplog_has(&s, &s.sdei_retry, cpu),
				 cpu == 1 || (cpu >= 3 && cpu <= 5));
	assert_int_equal(s.nmi_retry.rec, KSD_STOPLOG_NONE);
	assert_null(s.nmi_retry.cpu);
	assert_false(ksd_stoplog_has(&s, &s.nmi_retry, 1));
	assert_int_equal(s.failed.rec, KSD_STOPLOG_NONE);
	assert_int_equal(s.sdei_nmi_boot, 3);
	assert_int_equal(s.stale, KSD_STOPLOG_NONE);
	assert_int_equal(s.panic, 5);
	assert_int_equal(s.panic_cpu, 0);
	assert_int_equal(s.panic_cpu_source, KSD_PANIC_CPU_BANNER_AFTER);
	assert_int_equal(s.panic_pid, 102);
	assert_int_equal(s.panic_banner, 6);
	assert_false(s.panic_cpu_conflict);
	assert_int_equal(s.nr_unparsed, 0);
	ksd_stoplog_deinit(&s);
}

/* The runs without the SDEI rung: NMI retry, failure and the stale warning. */
static void test_failed_and_stale(void **state)
{
	static const struct line lines[] = {
		{ T(123), "Kernel panic - not syncing: sysrq triggered crash" },
		{ T(123), "CPU: 0 UID: 0 PID: 123 Comm: sh Kdump: loaded Not tainted 6.12.107-e2e48 #1" },
		{ T(123), "SMP: stopping secondary CPUs" },
		{ T(123), "SMP: retry stop with NMI for CPUs 1-2" },
		{ T(123), "SMP: failed to stop secondary CPUs 2" },
		{ T(123), "sdei_nmi: SDEI_EVENT_SIGNAL to CPU 2 failed: -5" },
		{ T(123), "sdei_nmi: SDEI_EVENT_SIGNAL to CPU x failed: -5" },
		{ T(123), "------------[ cut here ]------------" },
		{ T(123), "Some CPUs may be stale, kdump will be unreliable." },
		{ T(123), "WARNING: CPU: 0 PID: 123 at arch/arm64/kernel/machine_kexec.c:171 machine_kexec+0x38/0x1ec" },
		{ T(123), "CPU: 0 UID: 0 PID: 123 Comm: sh Kdump: loaded Not tainted 6.12.107-e2e48 #1" },
	};
	struct ksd_stoplog s;

	(void)state;
	SCAN(lines, s);
	assert_int_equal(s.nr_cpus, 3);
	assert_true(ksd_stoplog_has(&s, &s.nmi_retry, 1));
	assert_true(ksd_stoplog_has(&s, &s.nmi_retry, 2));
	assert_false(ksd_stoplog_has(&s, &s.failed, 1));
	assert_true(ksd_stoplog_has(&s, &s.failed, 2));
	assert_int_equal(s.sdei_retry.rec, KSD_STOPLOG_NONE);
	assert_int_equal(s.nr_signal_failures, 1);
	assert_int_equal(s.signal_failures[0].cpu, 2);
	assert_int_equal(s.signal_failures[0].err, -5);
	assert_int_equal(s.signal_failures[0].rec, 5);
	assert_int_equal(s.nr_unparsed, 1);
	assert_int_equal(s.stale, 8);
	assert_int_equal(s.panic_banner, 1);
	assert_int_equal(s.panic_cpu, 0);
	ksd_stoplog_deinit(&s);
}

/*
 * One signal failure per CPU, in ascending order, after CPU sets exist:
 * every line makes the CPU arrays one longer.  The arrays must keep
 * every earlier CPU's mark and have every new CPU unmarked, whatever
 * sizes they pass through (powers of two and the maximum included).
 * Growing them one CPU at a time made this log of KSD_MAX_CPUS lines
 * quadratic wherever realloc() moves the block (ASan).
 */
static void test_cpus_ascending(void **state)
{
	const unsigned int n = KSD_MAX_CPUS;
	struct ksd_printk_log *log;
	struct line *lines;
	struct ksd_stoplog s;
	char *text;

	(void)state;
	lines = calloc(n + 2, sizeof(*lines));
	text = calloc(n, 64);
	assert_non_null(lines);
	assert_non_null(text);
	lines[0] = (struct line){ T(1), "SMP: retry stop with NMI for CPUs 0,2" };
	lines[1] = (struct line){ T(1), "SMP: failed to stop secondary CPUs 2" };
	for (unsigned int i = 0; i < n; i++) {
		snprintf(text + 64 * (size_t)i, 64,
			 "sdei_nmi: SDEI_EVENT_SIGNAL to CPU %u failed: -5", i);
		lines[i + 2] = (struct line){ T(1), text + 64 * (size_t)i };
	}
	log = mklog(lines, n + 2);
	assert_null(ksd_stoplog_scan(log, &s));
	freelog(log);
	assert_int_equal(s.nr_cpus, n);
	assert_int_equal(s.nr_signal_failures, n);
	assert_int_equal(s.signal_failures[n - 1].cpu, n - 1);
	for (unsigned int cpu = 0; cpu < n; cpu++) {
		assert_int_equal(ksd_stoplog_has(&s, &s.nmi_retry, cpu),
				 cpu == 0 || cpu == 2);
		assert_int_equal(ksd_stoplog_has(&s, &s.failed, cpu), cpu == 2);
		assert_false(ksd_stoplog_has(&s, &s.sdei_retry, cpu));
	}
	assert_false(ksd_stoplog_has(&s, &s.nmi_retry, n));
	ksd_stoplog_deinit(&s);
	free(text);
	free(lines);
}

static void test_boot_failures_and_prefixes(void **state)
{
	static const struct line lines[] = {
		{ T(1), "sdei_nmi: sdei_event_register(0) failed: -22" },
		{ T(1), "sdei_nmi: sdei_event_enable(0) failed: -5" },
		{ T(1), "sdei_nmi: sdei_event_enable(0) failed: nonsense" },
		/* a backport printing without "SMP: " */
		{ T(9), "failed to stop secondary CPUs 3" },
		{ T(9), "SMP: failed to stop secondary CPUs 1,3" },
		/* an empty mask prints nothing */
		{ T(9), "SMP: retry stop with NMI for CPUs " },
		{ T(9), "SMP: retry stop with SDEI NMI for CPUs 70000" },
		/* other "SMP:" lines are not stop lines */
		{ T(9), "SMP: Total of 4 processors activated." },
	};
	struct ksd_stoplog s;

	(void)state;
	SCAN(lines, s);
	assert_int_equal(s.nr_nmi_errors, 2);
	assert_string_equal(s.nmi_errors[0].call, "sdei_event_register(0)");
	assert_int_equal(s.nmi_errors[0].err, -22);
	assert_string_equal(s.nmi_errors[1].call, "sdei_event_enable(0)");
	assert_int_equal(s.nmi_errors[1].err, -5);
	assert_int_equal(s.sdei_nmi_boot, KSD_STOPLOG_NONE);
	/* the failed set is the union of both lines; .rec the last */
	assert_int_equal(s.failed.rec, 4);
	assert_true(ksd_stoplog_has(&s, &s.failed, 1));
	assert_true(ksd_stoplog_has(&s, &s.failed, 3));
	assert_int_equal(s.nmi_retry.rec, 5);
	assert_false(ksd_stoplog_has(&s, &s.nmi_retry, 0));
	assert_int_equal(s.sdei_retry.rec, KSD_STOPLOG_NONE);
	assert_int_equal(s.nr_unparsed, 2);
	assert_int_equal(s.nr_cpus, 4);
	assert_int_equal(s.stopping, KSD_STOPLOG_NONE);
	assert_int_equal(s.panic, KSD_STOPLOG_NONE);
	assert_int_equal(s.panic_cpu, -1);
	assert_int_equal(s.panic_cpu_source, KSD_PANIC_CPU_UNKNOWN);
	ksd_stoplog_deinit(&s);
}

/* ---- the panic CPU ---- */

/* After an oops panic() prints no banner: the oops's own counts. */
static void test_panic_after_oops(void **state)
{
	static const struct line lines[] = {
		{ T(7), "CPU: 0 UID: 0 PID: 7 Comm: kworker/0:1 Not tainted 6.12 #1" },
		{ T(345), "Unable to handle kernel NULL pointer dereference at virtual address 0000000000000000" },
		{ T(345), "Internal error: Oops: 0000000096000045 [#1] PREEMPT SMP" },
		{ T(345), "Modules linked in: lkdtm" },
		/* another CPU's warning in between */
		{ T(400), "CPU: 3 UID: 0 PID: 400 Comm: other Tainted: G      D 6.12 #1" },
		{ T(345), "CPU: 1 UID: 0 PID: 345 Comm: echo Not tainted 6.12 #1" },
		{ T(345), "pc : lkdtm_WRITE_KERN+0x10/0x20" },
		{ T(345), "Kernel panic - not syncing: Oops: Fatal exception" },
		{ T(345), "SMP: stopping secondary CPUs" },
		{ C(2), "CPU: 2 PID: 0 Comm: swapper/2" },
	};
	struct ksd_stoplog s;

	(void)state;
	SCAN(lines, s);
	assert_int_equal(s.panic, 7);
	assert_int_equal(s.panic_cpu, 1);
	assert_int_equal(s.panic_pid, 345);
	assert_int_equal(s.panic_banner, 5);
	assert_int_equal(s.panic_cpu_source, KSD_PANIC_CPU_BANNER_BEFORE);
	ksd_stoplog_deinit(&s);
}

/* A panic in interrupt context: the [C3] caller names the CPU itself. */
static void test_panic_caller_cpu(void **state)
{
	static const struct line lines[] = {
		{ C(3), "Kernel panic - not syncing: softlockup: hung tasks" },
		{ C(3), "CPU: 3 PID: 0 Comm: swapper/3 Tainted: G             L     6.6.0 #1" },
		{ C(3), "SMP: stopping secondary CPUs" },
	};
	static const struct line conflict[] = {
		{ C(3), "Kernel panic - not syncing: hostile" },
		{ C(3), "CPU: 5 PID: 0 Comm: swapper/5" },
	};
	struct ksd_stoplog s;

	(void)state;
	SCAN(lines, s);
	assert_int_equal(s.panic_cpu, 3);
	assert_int_equal(s.panic_cpu_source, KSD_PANIC_CPU_CALLER);
	assert_int_equal(s.panic_banner, 1);
	assert_int_equal(s.panic_pid, 0);
	assert_false(s.panic_cpu_conflict);
	ksd_stoplog_deinit(&s);
	SCAN(conflict, s);
	assert_int_equal(s.panic_cpu, 3);
	assert_true(s.panic_cpu_conflict);
	ksd_stoplog_deinit(&s);
}

/* A banner from another task or CPU is not the panic CPU's. */
static void test_panic_banner_must_match(void **state)
{
	static const struct line lines[] = {
		{ T(50), "Kernel panic - not syncing: VFS: Unable to mount root fs" },
		{ C(1), "CPU: 1 PID: 0 Comm: swapper/1" },
		{ T(51), "CPU: 2 PID: 51 Comm: other" },
		/* same caller id but a different PID: not this task's banner */
		{ T(50), "CPU: 3 PID: 49 Comm: liar" },
		{ T(50), "CPU: 0 PID: 50 Comm: init Not tainted 5.15.0 #1" },
	};
	static const struct line none[] = {
		{ T(50), "Kernel panic - not syncing: no banner anywhere" },
		{ T(50), "CPU: notanumber PID: 50 Comm: x" },
		{ T(50), "CPU: 1 UID: x PID: 50 Comm: x" },
	};
	struct ksd_stoplog s;

	(void)state;
	SCAN(lines, s);
	assert_int_equal(s.panic_cpu, 0);
	assert_int_equal(s.panic_banner, 4);
	ksd_stoplog_deinit(&s);
	SCAN(none, s);
	assert_int_equal(s.panic_cpu, -1);
	assert_int_equal(s.panic_pid, 50);
	assert_int_equal(s.panic_banner, KSD_STOPLOG_NONE);
	ksd_stoplog_deinit(&s);
}

/* Without caller ids only the banner right after the panic line counts. */
static void test_panic_without_callers(void **state)
{
	static const struct line lines[] = {
		{ NOCALLER, "CPU: 2 PID: 1 Comm: swapper/0 Not tainted 4.19.0 #1" },
		{ NOCALLER, "Kernel panic - not syncing: first" },
		{ NOCALLER, "line" },
		{ NOCALLER, "Kernel panic - not syncing: Attempted to kill init!" },
		{ NOCALLER, "CPU: 1 PID: 1 Comm: init Not tainted 4.19.0 #1" },
		{ NOCALLER, "---[ end Kernel panic - not syncing: Attempted to kill init! ]---" },
	};
	static const struct line far[] = {
		{ NOCALLER, "Kernel panic - not syncing: x" },
		{ NOCALLER, "a" }, { NOCALLER, "b" }, { NOCALLER, "c" },
		{ NOCALLER, "d" },
		{ NOCALLER, "CPU: 1 PID: 1 Comm: too late" },
	};
	struct ksd_stoplog s;

	(void)state;
	SCAN(lines, s);
	assert_int_equal(s.panic, 3);
	assert_int_equal(s.panic_cpu, 1);
	assert_int_equal(s.panic_banner, 4);
	assert_int_equal(s.panic_pid, 1);
	ksd_stoplog_deinit(&s);
	SCAN(far, s);
	assert_int_equal(s.panic_cpu, -1);
	assert_int_equal(s.panic_pid, -1);
	ksd_stoplog_deinit(&s);
}

/*
 * Lines written to /dev/kmsg from user space (facility 1) are not the
 * kernel's: they may neither name stopped CPUs nor the panic.
 */
static void test_user_lines_do_not_count(void **state)
{
	static const struct line lines[] = {
		{ T(1), "SMP: retry stop with SDEI NMI for CPUs 1" },
		{ T(1), "SMP: failed to stop secondary CPUs 2" },
		{ T(1), "Kernel panic - not syncing: from user space" },
		{ T(1), "CPU: 3 UID: 0 PID: 1 Comm: init" },
	};
	struct ksd_printk_log *log = mklog(lines, 4);
	struct ksd_stoplog s;

	(void)state;
	for (size_t i = 0; i < 4; i++) {
		log->records[i].rflags |= KSD_PRINTK_REC_LEVEL;
		log->records[i].facility = 1;
	}
	assert_null(ksd_stoplog_scan(log, &s));
	assert_int_equal(s.sdei_retry.rec, KSD_STOPLOG_NONE);
	assert_int_equal(s.failed.rec, KSD_STOPLOG_NONE);
	assert_int_equal(s.panic, KSD_STOPLOG_NONE);
	assert_int_equal(s.panic_cpu, -1);
	ksd_stoplog_deinit(&s);
	/* The same lines from the kernel (facility 0) count. */
	for (size_t i = 0; i < 4; i++)
		log->records[i].facility = 0;
	assert_null(ksd_stoplog_scan(log, &s));
	assert_int_equal(s.sdei_retry.rec, 0);
	assert_int_equal(s.failed.rec, 1);
	assert_int_equal(s.panic, 2);
	ksd_stoplog_deinit(&s);
	freelog(log);
}

static void test_empty_log(void **state)
{
	struct ksd_printk_log log = { .nr_records = 0 };
	struct ksd_stoplog s;

	(void)state;
	assert_null(ksd_stoplog_scan(&log, &s));
	assert_int_equal(s.nr_cpus, 0);
	assert_int_equal(s.panic_cpu, -1);
	assert_int_equal(s.stopping, KSD_STOPLOG_NONE);
	ksd_stoplog_deinit(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cpulist),
		cmocka_unit_test(test_sdei_stop),
		cmocka_unit_test(test_failed_and_stale),
		cmocka_unit_test(test_boot_failures_and_prefixes),
		cmocka_unit_test(test_panic_after_oops),
		cmocka_unit_test(test_panic_caller_cpu),
		cmocka_unit_test(test_panic_banner_must_match),
		cmocka_unit_test(test_panic_without_callers),
		cmocka_unit_test(test_user_lines_do_not_count),
		cmocka_unit_test(test_empty_log),
		cmocka_unit_test(test_cpus_ascending),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
