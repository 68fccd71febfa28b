// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * lib/util/number.c: the whole text is the number, or it is refused, so
 * a value read from a dump or /sys cannot pass for another.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "util/number.h"

static uint64_t ok(const char *s, unsigned int base)
{
	uint64_t v = 0xdead;

	if (ksd_parse_u64(s, base, &v) < 0)
		fail_msg("'%s' (base %u) was refused", s, base);
	return v;
}

static void refused(const char *s, unsigned int base)
{
	uint64_t v = 0xdead;

	if (ksd_parse_u64(s, base, &v) == 0)
		fail_msg("'%s' (base %u) was taken as %llu", s, base,
			 (unsigned long long)v);
	assert_int_equal(v, 0xdead);
}

static void test_accepted(void **state)
{
	(void)state;
	assert_int_equal(ok("0", 10), 0);
	assert_int_equal(ok("4096", 10), 4096);
	assert_int_equal(ok("007", 10), 7);
	assert_int_equal(ok("18446744073709551615", 10), UINT64_MAX);
	assert_int_equal(ok("ffff800080000000", 16), 0xffff800080000000ull);
	assert_int_equal(ok("0xFFFF800080000000", 16), 0xffff800080000000ull);
	assert_int_equal(ok("0x10", 0), 16);
	assert_int_equal(ok("010", 0), 10);	/* decimal, not octal */
	assert_int_equal(ok("ffffffffffffffff", 16), UINT64_MAX);
}

static void test_refused(void **state)
{
	(void)state;
	refused("", 10);
	refused(" 1", 10);
	refused("1 ", 10);
	refused("1\n", 10);
	refused("-1", 10);
	refused("+1", 10);
	refused("0x", 16);
	refused("0x", 0);
	refused("12a", 10);
	refused("0x10", 10);
	refused("g", 16);
	refused("18446744073709551616", 10);
	refused("10000000000000000", 16);
	refused("99999999999999999999999999", 0);
	refused("1", 8);
}

/* The length form reads exactly its bytes, not to a NUL. */
static void test_bounded(void **state)
{
	uint64_t v = 0;

	(void)state;
	assert_int_equal(ksd_parse_u64n("0x1f,next", 4, 16, &v), 0);
	assert_int_equal(v, 0x1f);
	assert_int_equal(ksd_parse_u64n("12", 0, 10, &v), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepted),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
