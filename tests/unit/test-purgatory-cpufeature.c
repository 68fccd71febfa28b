// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * purgatory/cpufeature.c: reading the ID registers, and which FP/SIMD
 * trap register to open, and how, at each exception level.  Register
 * values are those QEMU 7.2 reports (cortex-a57, max) and the
 * architectural layouts (Arm ARM DDI 0487).
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "purgatory/cpufeature.h"

static void test_sha2_field(void **state)
{
	(void)state;
	assert_true(cpu_has_sha256_insn(0x0000000000011120));	/* cortex-a57 */
	assert_true(cpu_has_sha256_insn(0x1221111110212120));	/* max: SHA2=2 */
	assert_false(cpu_has_sha256_insn(0x0000000000010020));	/* AES only */
	assert_false(cpu_has_sha256_insn(0));
	assert_false(cpu_has_sha256_insn(0xffffffffffff0fff));	/* other fields set */
}

static void test_sme_field(void **state)
{
	(void)state;
	assert_false(cpu_has_sme(0));
	assert_true(cpu_has_sme(UINT64_C(1) << 24));
	assert_true(cpu_has_sme(UINT64_C(2) << 24));
	assert_false(cpu_has_sme(~(UINT64_C(0xf) << 24)));
}

static void test_which_register(void **state)
{
	(void)state;
	assert_int_equal(fp_trap_reg_for(1, 0), FP_TRAP_CPACR_EL1);
	assert_int_equal(fp_trap_reg_for(1, UINT64_C(1) << 34), FP_TRAP_CPACR_EL1);
	assert_int_equal(fp_trap_reg_for(2, 0x80000000), FP_TRAP_CPTR_EL2);
	assert_int_equal(fp_trap_reg_for(2, UINT64_C(1) << 34), FP_TRAP_CPTR_EL2_E2H);
	assert_int_equal(fp_trap_reg_for(0, 0), FP_TRAP_UNSUPPORTED);
	assert_int_equal(fp_trap_reg_for(3, 0), FP_TRAP_UNSUPPORTED);
}

static void test_untrap_values(void **state)
{
	(void)state;
	/* CPACR_EL1: FPEN = 0b11, SMEN = 0b11 only with SME; rest kept. */
	assert_int_equal(fp_untrap(FP_TRAP_CPACR_EL1, 0, false), 0x300000);
	assert_int_equal(fp_untrap(FP_TRAP_CPACR_EL1, 0, true), 0x3300000);
	assert_int_equal(fp_untrap(FP_TRAP_CPACR_EL1, 0x10000000, false), 0x10300000);
	assert_int_equal(fp_untrap(FP_TRAP_CPTR_EL2_E2H, 0x100000, false), 0x300000);
	/* CPTR_EL2, E2H = 0: clear TFP (10), and TSM (12) only with SME. */
	assert_int_equal(fp_untrap(FP_TRAP_CPTR_EL2, 0x37ff, false), 0x33ff);
	assert_int_equal(fp_untrap(FP_TRAP_CPTR_EL2, 0x37ff, true), 0x23ff);
	assert_int_equal(fp_untrap(FP_TRAP_CPTR_EL2, 0x80000000, false), 0x80000000);
	assert_int_equal(fp_untrap(FP_TRAP_UNSUPPORTED, 0x1234, true), 0x1234);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha2_field),
		cmocka_unit_test(test_sme_field),
		cmocka_unit_test(test_which_register),
		cmocka_unit_test(test_untrap_values),
	};

	return cmocka_run_group_tests_name("purgatory-cpufeature", tests, NULL, NULL);
}
