// SPDX-License-Identifier: GPL-2.0-or-later
/* lib/arch aarch64: NT_PRSTATUS decoding and PSTATE decoding/wording. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "arch/aarch64.h"
#include "check-error.h"

/*
 * struct elf_prstatus for arm64 (include/uapi/linux/elfcore.h), laid out
 * here by hand: pr_pid at 32, pr_reg (x0-x30, sp, pc, pstate) at 112,
 * pr_fpvalid at 384, 392 bytes in all.
 */
enum { PRS_SIZE = 392, PRS_PID = 32, PRS_REG = 112, PRS_FPVALID = 384 };

static void put(uint8_t *p, uint64_t v, unsigned int size, bool big)
{
	for (unsigned int i = 0; i < size; i++)
		p[big ? size - 1 - i : i] = (uint8_t)(v >> (8 * i));
}

/* Every byte of every register differs, so a swapped order shows. */
static uint64_t reg_pattern(unsigned int idx)
{
	return 0x0102030405060700ull + ((uint64_t)idx << 56) + idx;
}

static void build_prstatus(uint8_t *d, bool big)
{
	/* Unused fields hold junk the parser must not pick up. */
	memset(d, 0xee, PRS_SIZE);
	put(d + PRS_PID, 4242, 4, big);
	for (unsigned int i = 0; i < 34; i++)
		put(d + PRS_REG + 8 * i, reg_pattern(i), 8, big);
	put(d + PRS_FPVALID, 1, 4, big);
}

static void prstatus(bool big)
{
	uint8_t d[PRS_SIZE];
	struct aarch64_prstatus p;

	build_prstatus(d, big);
	check_ok(aarch64_prstatus_parse(d, sizeof(d), big, &p));
	assert_int_equal(p.pid, 4242);
	assert_int_equal(p.regs.x[0], reg_pattern(0));
	assert_int_equal(p.regs.x[1], reg_pattern(1));
	assert_int_equal(p.regs.x[29], reg_pattern(29));
	assert_int_equal(p.regs.x[30], reg_pattern(30));
	assert_int_equal(p.regs.sp, reg_pattern(31));
	assert_int_equal(p.regs.pc, reg_pattern(32));
	assert_int_equal(p.regs.pstate, reg_pattern(33));
}

static void test_prstatus_little_endian(void **state)
{
	(void)state;
	prstatus(false);
}

static void test_prstatus_big_endian(void **state)
{
	(void)state;
	prstatus(true);
}

/* pr_pid is a signed int: QEMU-style or hostile values stay as written. */
static void test_prstatus_pid_signed(void **state)
{
	uint8_t d[PRS_SIZE];
	struct aarch64_prstatus p;

	(void)state;
	build_prstatus(d, true);
	put(d + PRS_PID, 0xffffffff, 4, true);
	check_ok(aarch64_prstatus_parse(d, sizeof(d), true, &p));
	assert_int_equal(p.pid, -1);
}

static void test_prstatus_wrong_size(void **state)
{
	uint8_t d[PRS_SIZE + 8] = { 0 };
	struct aarch64_prstatus p;

	(void)state;
	/* An x86_64 NT_PRSTATUS is 336 bytes. */
	check_err(aarch64_prstatus_parse(d, 336, false, &p), KSD_ERR_CORRUPT,
		  "336 bytes", "392");
	check_err(aarch64_prstatus_parse(d, 391, false, &p), KSD_ERR_CORRUPT,
		  "391 bytes", "392");
	check_err(aarch64_prstatus_parse(d, 400, true, &p), KSD_ERR_CORRUPT,
		  "400 bytes", "392");
	check_err(aarch64_prstatus_parse(d, 0, true, &p), KSD_ERR_CORRUPT,
		  "0 bytes", "392");
}

static void test_register_names_and_order(void **state)
{
	struct aarch64_regs r;
	char want[8];

	(void)state;
	for (unsigned int i = 0; i < 31; i++)
		r.x[i] = reg_pattern(i);
	r.sp = reg_pattern(31);
	r.pc = reg_pattern(32);
	r.pstate = reg_pattern(33);
	for (unsigned int i = 0; i < 31; i++) {
		snprintf(want, sizeof(want), "x%u", i);
		assert_string_equal(aarch64_reg_name(i), want);
	}
	assert_string_equal(aarch64_reg_name(31), "sp");
	assert_string_equal(aarch64_reg_name(32), "pc");
	assert_string_equal(aarch64_reg_name(33), "pstate");
	assert_string_equal(aarch64_reg_name(34), "?");
	for (unsigned int i = 0; i < 34; i++)
		assert_int_equal(aarch64_reg_value(&r, i), reg_pattern(i));
	assert_int_equal(aarch64_reg_value(&r, 34), 0);
}

static void decode(uint64_t raw, struct aarch64_pstate *ps)
{
	aarch64_pstate_decode(raw, ps);
	assert_int_equal(ps->raw, raw);
}

static void expect_daif(const struct aarch64_pstate *ps, bool d, bool a,
			bool i, bool f)
{
	assert_int_equal(ps->d, d);
	assert_int_equal(ps->a, a);
	assert_int_equal(ps->i, i);
	assert_int_equal(ps->f, f);
}

/* A CPU spinning with everything masked at EL1: what SDEI finds. */
static void test_pstate_el1h_all_masked(void **state)
{
	struct aarch64_pstate ps;

	(void)state;
	decode(0x600003c5, &ps);
	assert_false(ps.aarch32);
	assert_true(ps.mode_valid);
	assert_string_equal(ps.mode, "EL1h");
	assert_int_equal(ps.el, 1);
	assert_true(ps.sp_elx);
	assert_true(ps.kernel_mode);
	expect_daif(&ps, true, true, true, true);
	assert_false(ps.n);
	assert_true(ps.z);
	assert_true(ps.c);
	assert_false(ps.v);
	assert_false(ps.pan);
	assert_false(ps.allint);
}

static void test_pstate_el1h_unmasked(void **state)
{
	struct aarch64_pstate ps;

	(void)state;
	decode(0x60000005, &ps);
	assert_string_equal(ps.mode, "EL1h");
	assert_true(ps.kernel_mode);
	expect_daif(&ps, false, false, false, false);
	assert_true(ps.z);
	assert_true(ps.c);
}

/* On a VHE host the kernel runs at EL2: EL2h is kernel mode too. */
static void test_pstate_el2h_vhe(void **state)
{
	struct aarch64_pstate ps;

	(void)state;
	decode(0x20000009, &ps);
	assert_string_equal(ps.mode, "EL2h");
	assert_int_equal(ps.el, 2);
	assert_true(ps.sp_elx);
	assert_true(ps.mode_valid);
	assert_true(ps.kernel_mode);
	expect_daif(&ps, false, false, false, false);
	assert_false(ps.z);
	assert_true(ps.c);
}

static void test_pstate_el0t_user(void **state)
{
	struct aarch64_pstate ps;

	(void)state;
	decode(0x0, &ps);
	assert_string_equal(ps.mode, "EL0t");
	assert_int_equal(ps.el, 0);
	assert_false(ps.sp_elx);
	assert_true(ps.mode_valid);
	assert_false(ps.kernel_mode);
	expect_daif(&ps, false, false, false, false);
	/* EL1t and EL3h are valid modes; only EL1 and EL2 are the kernel. */
	decode(0x4, &ps);
	assert_string_equal(ps.mode, "EL1t");
	assert_true(ps.kernel_mode);
	decode(0xd, &ps);
	assert_string_equal(ps.mode, "EL3h");
	assert_int_equal(ps.el, 3);
	assert_false(ps.kernel_mode);
}

/* nRW set: M[4:0] is an AArch32 mode, and compat tasks are user space. */
static void test_pstate_aarch32(void **state)
{
	struct aarch64_pstate ps;

	(void)state;
	decode(0x10, &ps);
	assert_true(ps.aarch32);
	assert_true(ps.mode_valid);
	assert_string_equal(ps.mode, "AArch32 usr");
	assert_false(ps.kernel_mode);

	decode(0x13 | 0x80 | 0x200 | 0x2000, &ps);
	assert_true(ps.aarch32);
	assert_string_equal(ps.mode, "AArch32 svc");
	assert_false(ps.kernel_mode);
	assert_true(ps.i);
	/* Bits 9 and 13 are E and IT[] in AArch32, not D and ALLINT. */
	assert_false(ps.d);
	assert_false(ps.allint);

	decode(0x14, &ps);
	assert_false(ps.mode_valid);
	assert_string_equal(ps.mode, "AArch32 invalid");
}

static void test_pstate_reserved_mode(void **state)
{
	struct aarch64_pstate ps;

	(void)state;
	decode(0x3, &ps);
	assert_false(ps.aarch32);
	assert_false(ps.mode_valid);
	assert_string_equal(ps.mode, "invalid");
	assert_false(ps.kernel_mode);
	/* M = 0x6 would read as EL1 by its bits, but is reserved. */
	decode(0x6 | 0x80, &ps);
	assert_false(ps.mode_valid);
	assert_false(ps.kernel_mode);
	assert_true(ps.i);
}

static void test_pstate_allint_and_pan(void **state)
{
	struct aarch64_pstate ps;

	(void)state;
	decode(0x2005, &ps);
	assert_true(ps.allint);
	assert_false(ps.pan);
	decode(0x400005, &ps);
	assert_true(ps.pan);
	assert_false(ps.allint);
	/* The neighbours: SSBS 12, SS 21, UAO 23, DIT 24, TCO 25. */
	decode(0x1000 | 0x200000 | 0x800000 | 0x1000000 | 0x2000000 | 0x5,
	       &ps);
	assert_true(ps.ssbs);
	assert_true(ps.ss);
	assert_true(ps.uao);
	assert_true(ps.dit);
	assert_true(ps.tco);
	assert_false(ps.allint);
	assert_false(ps.pan);
}

static void expect_describe(uint64_t raw, const char *const *frags)
{
	struct aarch64_pstate ps;
	char buf[200];
	int n;

	aarch64_pstate_decode(raw, &ps);
	n = aarch64_pstate_describe(&ps, buf, sizeof(buf));
	assert_int_equal(n, (int)strlen(buf));
	for (; *frags; frags++)
		if (!strstr(buf, *frags))
			fail_msg("0x%llx: '%s' lacks '%s'",
				 (unsigned long long)raw, buf, *frags);
}

static void test_pstate_describe(void **state)
{
	static const char *const all[] = {
		"EL1h", "all exceptions masked", "DAIF=DAIF", "NZCV=nZCv",
		NULL,
	};
	static const char *const none[] = {
		"EL1h", "IRQ unmasked", "DAIF=daif", NULL,
	};
	static const char *const irq[] = {
		"EL2h", "IRQ masked", "DAIF=daIf", "NZCV=nzCv", NULL,
	};
	static const char *const flags[] = {
		"EL1h", ", PAN", ", ALLINT", NULL,
	};
	struct aarch64_pstate ps;
	char small[8];
	int n;

	(void)state;
	expect_describe(0x600003c5, all);
	expect_describe(0x60000005, none);
	expect_describe(0x20000089, irq);
	expect_describe(0x402005, flags);

	/* Like snprintf: truncated output, full length returned. */
	aarch64_pstate_decode(0x600003c5, &ps);
	n = aarch64_pstate_describe(&ps, small, sizeof(small));
	assert_true(n > (int)sizeof(small));
	assert_int_equal(strlen(small), sizeof(small) - 1);
	assert_memory_equal(small, "EL1h, a", 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prstatus_little_endian),
		cmocka_unit_test(test_prstatus_big_endian),
		cmocka_unit_test(test_prstatus_pid_signed),
		cmocka_unit_test(test_prstatus_wrong_size),
		cmocka_unit_test(test_register_names_and_order),
		cmocka_unit_test(test_pstate_el1h_all_masked),
		cmocka_unit_test(test_pstate_el1h_unmasked),
		cmocka_unit_test(test_pstate_el2h_vhe),
		cmocka_unit_test(test_pstate_el0t_user),
		cmocka_unit_test(test_pstate_aarch32),
		cmocka_unit_test(test_pstate_reserved_mode),
		cmocka_unit_test(test_pstate_allint_and_pan),
		cmocka_unit_test(test_pstate_describe),
	};

	return cmocka_run_group_tests_name("aarch64", tests, NULL, NULL);
}
