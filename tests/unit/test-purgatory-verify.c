// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * purgatory/verify.c on the host: the parameter checks refuse every
 * malformed block with a message naming the field, and region
 * verification finds each changed region, names it on the console with
 * both digests, keeps going to the end and records the failures in
 * bad_regions.  Regions are host buffers here (start = host address).
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

#include "fake-mmio.h"
#include "purgatory/verify.h"

enum { UART = 0x9000000 };

static uint8_t kernel[70000], initrd[4096 + 3], dtb[512];

static void good(struct ksd_purgatory_params *p, struct console *con)
{
	struct ksd_purgatory_region *r = p->regions;

	memset(p, 0, sizeof(*p));
	p->magic = KSD_PURGATORY_MAGIC;
	p->version = KSD_PURGATORY_VERSION;
	p->size = sizeof(*p);
	p->kernel_entry = 0x40200000;
	p->dtb = 0x44000000;
	p->console.type = KSD_PURGATORY_CONSOLE_PL011;
	p->console.base = UART;
	for (size_t i = 0; i < sizeof(kernel); i++)
		kernel[i] = (uint8_t)(i * 7);
	for (size_t i = 0; i < sizeof(initrd); i++)
		initrd[i] = (uint8_t)(i >> 3);
	memset(dtb, 0xd0, sizeof(dtb));

	r[0].start = (uintptr_t)kernel;
	r[0].len = sizeof(kernel);
	r[1].start = (uintptr_t)initrd + 3;	/* unaligned on purpose */
	r[1].len = sizeof(initrd) - 3;
	r[2].start = (uintptr_t)dtb;
	r[2].len = 0;				/* empty is legal */
	r[3].start = (uintptr_t)dtb;
	r[3].len = sizeof(dtb);
	p->nr_regions = 4;
	for (unsigned int i = 0; i < p->nr_regions; i++)
		ksd_sha256((const void *)(uintptr_t)r[i].start, r[i].len, r[i].sha256);

	fake_uart_reset(FAKE_PL011, UART, 0, 4);
	console_init(con, &p->console);
}

static void test_good_block(void **state)
{
	struct ksd_purgatory_params p;
	struct console con;

	(void)state;
	good(&p, &con);
	assert_true(purgatory_params_ok(&p, &con));
	assert_int_equal(fake_uart.len, 0);
	assert_true(purgatory_verify_regions(&p, &con, NULL, "generic C"));
	assert_int_equal(p.bad_regions, 0);
	assert_string_equal(fake_uart.out,
			    "purgatory: verifying 4 regions with generic C\r\n"
			    "purgatory: 74608 bytes verified\r\n");
}

/* Each broken field, and the message that names it. */
static void test_bad_blocks(void **state)
{
	struct ksd_purgatory_params p;
	struct console con;

	(void)state;

#define EXPECT_BAD(stmt, msg)						\
	do {								\
		good(&p, &con);						\
		stmt;							\
		assert_false(purgatory_params_ok(&p, &con));		\
		assert_string_equal(fake_uart.out, "purgatory: bad parameters: " msg "\r\n"); \
	} while (0)

	EXPECT_BAD(p.magic ^= 1, "magic 0x475255502d44534a");
	EXPECT_BAD(p.version = 2, "version 0x2");
	EXPECT_BAD(p.size = 64, "size 0x40");
	EXPECT_BAD(p.flags = 1u << 7, "unknown flags 0x80");
	EXPECT_BAD(p.kernel_entry = 0, "kernel entry 0x0");
	EXPECT_BAD(p.kernel_entry = 0x40200002, "kernel entry 0x40200002");
	EXPECT_BAD(p.dtb = 0, "dtb address 0x0");
	EXPECT_BAD(p.dtb = 0x44000004, "dtb address 0x44000004");
	EXPECT_BAD(p.nr_regions = KSD_PURGATORY_MAX_REGIONS + 1, "region count 0x11");
	EXPECT_BAD(p.nr_regions = 0xffffffff, "region count 0xffffffff");
	EXPECT_BAD(p.nr_regions = 0, "region count 0x0");
	EXPECT_BAD((p.regions[3].start = UINT64_MAX - 10, p.regions[3].len = 11),
		   "region wraps around at 0xfffffffffffffff5");
#undef EXPECT_BAD

	/* An unusable console cannot say so: refused, silently. */
	good(&p, &con);
	p.console.type = 9;
	fake_uart_reset(FAKE_PL011, UART, 0, 4);
	console_init(&con, &p.console);
	assert_false(purgatory_params_ok(&p, &con));
	assert_int_equal(fake_uart.len, 0);

	/* Both documented flags are accepted; with checks skipped, no
	 * regions is fine. */
	good(&p, &con);
	p.flags = KSD_PURGATORY_SKIP_CHECKS | KSD_PURGATORY_NO_SHA_INSN;
	assert_true(purgatory_params_ok(&p, &con));
	p.nr_regions = 0;
	assert_true(purgatory_params_ok(&p, &con));
	p.nr_regions = 4;
	/* A region may end exactly at the top of the address space. */
	p.regions[3].start = UINT64_MAX - 10;
	p.regions[3].len = 10;
	assert_true(purgatory_params_ok(&p, &con));
}

static void test_mismatch_names_each_region(void **state)
{
	struct ksd_purgatory_params p;
	struct console con;
	char expected[64 + 1], *line;

	(void)state;
	good(&p, &con);
	initrd[100] ^= 0x40;		/* region 1 */
	dtb[511] ^= 1;			/* region 3 */
	assert_false(purgatory_verify_regions(&p, &con, NULL, "generic C"));
	assert_int_equal(p.bad_regions, (1u << 1) | (1u << 3));
	assert_int_equal(fake_uart.lost, 0);

	line = strstr(fake_uart.out, "purgatory: region 1 at 0x");
	assert_non_null(line);
	assert_non_null(strstr(line, ", 0x1000 bytes: sha256 mismatch\r\n"));
	for (int i = 0; i < 32; i++)
		sprintf(expected + 2 * i, "%02x", p.regions[1].sha256[i]);
	assert_non_null(strstr(fake_uart.out, expected));
	assert_non_null(strstr(fake_uart.out, "purgatory: region 3 at 0x"));
	assert_null(strstr(fake_uart.out, "purgatory: region 0 "));
	assert_null(strstr(fake_uart.out, "purgatory: region 2 "));
	assert_non_null(strstr(fake_uart.out,
			       "purgatory: 2 of 4 regions changed since they were loaded\r\n"));
}

/* The block function given is the one used (the instruction path hook). */
static unsigned long blocks_seen;

static void spy_blocks(uint32_t st[8], const uint8_t *data, size_t n)
{
	blocks_seen += n;
	ksd_sha256_blocks_generic(st, data, n);
}

static void test_uses_given_engine(void **state)
{
	struct ksd_purgatory_params p;
	struct console con;

	(void)state;
	good(&p, &con);
	blocks_seen = 0;
	assert_true(purgatory_verify_regions(&p, &con, spy_blocks, "spy"));
	/* With padding: 70000 -> 1094 blocks, 4096 -> 65, 0 -> 1, 512 -> 9. */
	assert_int_equal(blocks_seen, 1094 + 65 + 1 + 9);
	assert_non_null(strstr(fake_uart.out, "regions with spy\r\n"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_block),
		cmocka_unit_test(test_bad_blocks),
		cmocka_unit_test(test_mismatch_names_each_region),
		cmocka_unit_test(test_uses_given_engine),
	};

	return cmocka_run_group_tests_name("purgatory-verify", tests, NULL, NULL);
}
