// SPDX-License-Identifier: GPL-2.0-or-later
/* vmcore-sdei verdicts: verdict_decide()'s rules on hand-built evidence. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "analysis.h"
#include "analysis-builder.h"
#include "check-error.h"

/* PSTATE values as CPUs save them (kernel-sdei.md section 6). */
enum {
	PS_MASKED = 0x600003c5,		/* EL1h, DAIF all set */
	PS_UNMASKED = 0x60000005,	/* EL1h, DAIF clear */
	PS_VHE_MASKED = 0x200000c9,	/* EL2h, I and F set */
};

/* CPU @i has an evidence entry from @source whose text contains @frag. */
static void expect_evidence(const struct analysis *a, size_t i,
			    enum evidence_source source, const char *frag)
{
	const struct cpu_report *c = &a->cpus[i];

	for (size_t k = 0; k < c->nev; k++)
		if (c->ev[k].source == source && strstr(c->ev[k].text, frag))
			return;
	fail_msg("cpu %zu: no %s evidence containing '%s' (%zu entries)", i,
		 evidence_source_name(source), frag, c->nev);
}

static void expect_warning(const struct analysis *a, const char *frag)
{
	for (size_t k = 0; k < a->nwarnings; k++)
		if (strstr(a->warnings[k], frag))
			return;
	fail_msg("no warning containing '%s' (%zu warnings)", frag,
		 a->nwarnings);
}

static void expect_verdict(const struct analysis *a, size_t i,
			   enum verdict v, bool wedged)
{
	const struct cpu_report *c = &a->cpus[i];

	if (c->verdict != v)
		fail_msg("cpu %zu: verdict %s, expected %s", i,
			 verdict_name(c->verdict), verdict_name(v));
	assert_int_equal(c->wedged, wedged);
}

static void test_single_cpu_with_registers_is_panic(void **state)
{
	struct analysis *a = new_analysis(1);

	(void)state;
	give_regs(a, 0, PS_MASKED);
	check_ok(verdict_decide(a));
	assert_int_equal(a->panic_cpu, 0);
	expect_verdict(a, 0, VERDICT_PANIC, false);
	assert_false(a->cpus[0].ambiguous);
	/* panic() masks IRQs itself: I set on the panic CPU is no wedge. */
	expect_evidence(a, 0, SRC_REGISTERS, "saved PSTATE 0x600003c5: EL1h");
	expect_evidence(a, 0, SRC_RULE, "the only CPU with saved registers");
	assert_int_equal(a->nwedged, 0);
	assert_int_equal(a->wedged_at_least, 0);
	assert_int_equal(a->nwarnings, 0);
	analysis_destroy(a);
}

/*
 * The panic CPU is found by elimination even when it is not CPU 0, and
 * CPUs whose crash_notes buffers are empty saved nothing: not stopped.
 */
static void test_empty_buffers_not_stopped_armed(void **state)
{
	struct analysis *a = new_analysis(3);

	(void)state;
	set_record(a, KSD_NMI_ARMED, SRC_RECORD);
	a->cpus[0].buffer = BUFFER_EMPTY;
	give_regs(a, 1, PS_UNMASKED);
	a->cpus[2].buffer = BUFFER_EMPTY;
	check_ok(verdict_decide(a));
	assert_int_equal(a->panic_cpu, 1);
	expect_verdict(a, 1, VERDICT_PANIC, false);
	for (size_t i = 0; i < 3; i += 2) {
		expect_verdict(a, i, VERDICT_NOT_STOPPED, true);
		expect_evidence(a, i, SRC_RECORD,
				"armed (firmware dt, conduit smc)");
		expect_evidence(a, i, SRC_RECORD, "even the last rung");
		expect_evidence(a, i, SRC_RULE, "self-stopped");
	}
	assert_int_equal(a->nwedged, 2);
	analysis_destroy(a);
}

static void test_empty_buffer_sdei_not_armed(void **state)
{
	struct analysis *a = new_analysis(2);

	(void)state;
	set_record(a, KSD_NMI_UNAVAILABLE, SRC_RECORD);
	give_regs(a, 0, PS_MASKED);
	a->cpus[1].buffer = BUFFER_EMPTY;
	check_ok(verdict_decide(a));
	expect_verdict(a, 0, VERDICT_PANIC, false);
	expect_verdict(a, 1, VERDICT_NOT_STOPPED, true);
	expect_evidence(a, 1, SRC_RECORD, "not armed (SDEI_NMI=unavailable)");
	expect_evidence(a, 1, SRC_RULE, "self-stopped");
	assert_int_equal(a->nwedged, 1);
	analysis_destroy(a);
}

/*
 * Panic CPU known (from a stronger source than the notes), another CPU
 * saved an IRQs-masked context: only SDEI takes a CPU like that.
 */
static void test_masked_non_panic_is_sdei_wedged(void **state)
{
	struct analysis *a = new_analysis(2);

	(void)state;
	set_record(a, KSD_NMI_ARMED, SRC_RECORD);
	give_regs(a, 0, PS_UNMASKED);
	give_regs(a, 1, PS_VHE_MASKED);
	set_panic(a, 0);
	check_ok(verdict_decide(a));
	expect_verdict(a, 0, VERDICT_PANIC, false);
	expect_verdict(a, 1, VERDICT_STOPPED_SDEI, true);
	assert_false(a->cpus[1].ambiguous);
	expect_evidence(a, 1, SRC_REGISTERS, "saved PSTATE 0x200000c9: EL2h");
	expect_evidence(a, 1, SRC_RULE, "SDEI event");
	assert_int_equal(a->nwedged, 1);
	/* The record says SDEI was armed: nothing contradicts. */
	assert_int_equal(a->nwarnings, 0);
	analysis_destroy(a);
}

static void contradiction(enum evidence_source source, const char *what)
{
	struct analysis *a = new_analysis(2);

	set_record(a, KSD_NMI_UNAVAILABLE, source);
	give_regs(a, 0, PS_UNMASKED);
	give_regs(a, 1, PS_MASKED);
	set_panic(a, 0);
	check_ok(verdict_decide(a));
	expect_verdict(a, 1, VERDICT_STOPPED_SDEI, true);
	assert_int_equal(a->nwarnings, 1);
	expect_warning(a, "contradiction: CPU 1");
	expect_warning(a, what);
	expect_warning(a, "SDEI_NMI=unavailable");
	analysis_destroy(a);
}

static void test_masked_with_sdei_unavailable_warns(void **state)
{
	(void)state;
	contradiction(SRC_RECORD, "the SDEI record says");
	contradiction(SRC_CMDLINE, "the command-line token says");
}

/* Without any record there is nothing to contradict. */
static void test_masked_without_record_no_warning(void **state)
{
	struct analysis *a = new_analysis(2);

	(void)state;
	give_regs(a, 0, PS_UNMASKED);
	give_regs(a, 1, PS_MASKED);
	set_panic(a, 0);
	check_ok(verdict_decide(a));
	expect_verdict(a, 1, VERDICT_STOPPED_SDEI, true);
	assert_int_equal(a->nwarnings, 0);
	analysis_destroy(a);
}

static void test_unmasked_non_panic_is_stopped(void **state)
{
	struct analysis *a = new_analysis(2);

	(void)state;
	set_record(a, KSD_NMI_ARMED, SRC_RECORD);
	give_regs(a, 0, PS_MASKED);
	give_regs(a, 1, PS_UNMASKED);
	set_panic(a, 0);
	check_ok(verdict_decide(a));
	expect_verdict(a, 0, VERDICT_PANIC, false);
	expect_verdict(a, 1, VERDICT_STOPPED, false);
	expect_evidence(a, 1, SRC_REGISTERS, "IRQ unmasked");
	expect_evidence(a, 1, SRC_RULE, "IRQs were unmasked");
	assert_int_equal(a->nwedged, 0);
	analysis_destroy(a);
}

/* Two CPUs with registers and no other clue: say both readings. */
static void test_panic_unknown_is_ambiguous(void **state)
{
	struct analysis *a = new_analysis(2);

	(void)state;
	give_regs(a, 0, PS_MASKED);
	give_regs(a, 1, PS_UNMASKED);
	check_ok(verdict_decide(a));
	assert_int_equal(a->panic_cpu, -1);

	expect_verdict(a, 0, VERDICT_UNKNOWN, false);
	assert_true(a->cpus[0].ambiguous);
	assert_int_equal(a->cpus[0].maybe[0], VERDICT_PANIC);
	assert_int_equal(a->cpus[0].maybe[1], VERDICT_STOPPED_SDEI);
	expect_evidence(a, 0, SRC_RULE, "IRQs masked: either the panic CPU");

	expect_verdict(a, 1, VERDICT_UNKNOWN, false);
	assert_true(a->cpus[1].ambiguous);
	assert_int_equal(a->cpus[1].maybe[0], VERDICT_PANIC);
	assert_int_equal(a->cpus[1].maybe[1], VERDICT_STOPPED);
	expect_evidence(a, 1, SRC_RULE, "IRQs unmasked: either the panic CPU");

	/* One masked CPU might be the panic CPU: no wedge is certain. */
	assert_int_equal(a->nwedged, 0);
	assert_int_equal(a->wedged_at_least, 0);
	analysis_destroy(a);
}

/* Of k IRQs-masked CPUs at most one panicked: k - 1 were wedged. */
static void test_two_masked_of_three_wedged_at_least_one(void **state)
{
	struct analysis *a = new_analysis(3);

	(void)state;
	give_regs(a, 0, PS_MASKED);
	give_regs(a, 1, PS_UNMASKED);
	give_regs(a, 2, PS_VHE_MASKED);
	check_ok(verdict_decide(a));
	assert_int_equal(a->panic_cpu, -1);
	for (size_t i = 0; i < 3; i++) {
		expect_verdict(a, i, VERDICT_UNKNOWN, false);
		assert_true(a->cpus[i].ambiguous);
	}
	assert_int_equal(a->cpus[2].maybe[1], VERDICT_STOPPED_SDEI);
	assert_int_equal(a->nwedged, 0);
	assert_int_equal(a->wedged_at_least, 1);
	analysis_destroy(a);
}

/*
 * A buffer that could not be read, or no address for it: no guess, and
 * no panic CPU by elimination either, since the unreadable CPU may have
 * saved registers too (a truncated dump once made CPU 0 "panic" here).
 */
static void test_unreadable_buffer_is_unknown(void **state)
{
	struct analysis *a = new_analysis(3);

	(void)state;
	set_record(a, KSD_NMI_ARMED, SRC_RECORD);
	give_regs(a, 0, PS_MASKED);
	a->cpus[1].buffer = BUFFER_UNREADABLE;
	a->cpus[2].buffer = BUFFER_NOT_READ;
	check_ok(verdict_decide(a));
	assert_int_equal(a->panic_cpu, -1);
	expect_verdict(a, 0, VERDICT_UNKNOWN, false);
	assert_true(a->cpus[0].ambiguous);
	assert_int_equal(a->cpus[0].maybe[1], VERDICT_STOPPED_SDEI);
	expect_verdict(a, 1, VERDICT_UNKNOWN, false);
	assert_false(a->cpus[1].ambiguous);
	expect_verdict(a, 2, VERDICT_UNKNOWN, false);
	assert_false(a->cpus[2].ambiguous);
	assert_int_equal(a->nwedged, 0);
	analysis_destroy(a);
}

static void test_names(void **state)
{
	static const char *const verdicts[] = {
		[VERDICT_PANIC] = "panic",
		[VERDICT_STOPPED] = "stopped",
		[VERDICT_STOPPED_IPI] = "stopped-ipi",
		[VERDICT_STOPPED_NMI] = "stopped-nmi",
		[VERDICT_STOPPED_SDEI] = "stopped-sdei",
		[VERDICT_NOT_STOPPED] = "not-stopped",
		[VERDICT_SELF_STOPPED] = "self-stopped",
		[VERDICT_OFFLINE] = "offline",
		[VERDICT_UNKNOWN] = "unknown",
	};
	static const char *const sources[] = {
		[SRC_RECORD] = "record",
		[SRC_CMDLINE] = "cmdline",
		[SRC_LOG] = "log",
		[SRC_MEMORY] = "memory",
		[SRC_REGISTERS] = "registers",
		[SRC_NOTE_ORDER] = "note-order",
		[SRC_RULE] = "rule",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(verdicts) / sizeof(verdicts[0]); i++)
		assert_string_equal(verdict_name((enum verdict)i), verdicts[i]);
	assert_string_equal(verdict_name((enum verdict)99), "unknown");
	for (size_t i = 0; i < sizeof(sources) / sizeof(sources[0]); i++) {
		enum evidence_source s = (enum evidence_source)i;

		assert_string_equal(evidence_source_name(s), sources[i]);
	}
	assert_string_equal(evidence_source_name((enum evidence_source)99),
			    "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_single_cpu_with_registers_is_panic),
		cmocka_unit_test(test_empty_buffers_not_stopped_armed),
		cmocka_unit_test(test_empty_buffer_sdei_not_armed),
		cmocka_unit_test(test_masked_non_panic_is_sdei_wedged),
		cmocka_unit_test(test_masked_with_sdei_unavailable_warns),
		cmocka_unit_test(test_masked_without_record_no_warning),
		cmocka_unit_test(test_unmasked_non_panic_is_stopped),
		cmocka_unit_test(test_panic_unknown_is_ambiguous),
		cmocka_unit_test(test_two_masked_of_three_wedged_at_least_one),
		cmocka_unit_test(test_unreadable_buffer_is_unknown),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests_name("verdict", tests, NULL, NULL);
}
