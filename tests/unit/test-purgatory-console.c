// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * purgatory/console.c against a simulated UART (fake-mmio.h): it polls
 * before every character so nothing is lost, uses the right registers
 * and access widths for PL011 and 8250 layouts, gives up on a UART that
 * never becomes ready after a bounded number of polls and then stays
 * quiet, and refuses descriptions it cannot drive.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "fake-mmio.h"
#include "purgatory/console.h"

static void start(struct console *con, uint32_t type, uint64_t base,
		  uint8_t shift, uint8_t width)
{
	struct ksd_purgatory_console cfg = {
		.type = type, .base = base, .reg_shift = shift, .reg_width = width,
	};

	assert_true(console_config_valid(&cfg));
	fake_uart_reset(type == KSD_PURGATORY_CONSOLE_PL011 ? FAKE_PL011 : FAKE_8250,
			base, shift, width ? width : 1);
	console_init(con, &cfg);
}

static void test_pl011_polls_before_each_char(void **state)
{
	struct console con;

	(void)state;
	start(&con, KSD_PURGATORY_CONSOLE_PL011, 0x9000000, 0, 0);
	fake_uart.busy_reads = 5;
	console_puts(&con, "purgatory: ok\n");
	assert_string_equal(fake_uart.out, "purgatory: ok\r\n");
	assert_int_equal(fake_uart.lost, 0);
	assert_int_equal(fake_uart.bad_accesses, 0);
	/* Each character waited out the busy reads. */
	assert_true(fake_uart.status_reads >= 5 * strlen("purgatory: ok\r\n"));
}

static void test_8250_byte_registers(void **state)
{
	struct console con;

	(void)state;
	start(&con, KSD_PURGATORY_CONSOLE_8250, 0x3f8000, 0, 1);
	fake_uart.busy_reads = 3;
	console_puts(&con, "a\nb");
	assert_string_equal(fake_uart.out, "a\r\nb");
	assert_int_equal(fake_uart.lost, 0);
	assert_int_equal(fake_uart.bad_accesses, 0);
}

/* DesignWare APB UARTs: reg-shift 2, reg-io-width 4. */
static void test_8250_stride_and_width(void **state)
{
	struct console con;

	(void)state;
	start(&con, KSD_PURGATORY_CONSOLE_8250, 0xfe660000, 2, 4);
	fake_uart.busy_reads = 2;
	console_put_hex(&con, 0x1f);
	console_putc(&con, ' ');
	console_put_dec(&con, 0);
	console_putc(&con, ' ');
	console_put_dec(&con, 18446744073709551615u);
	assert_string_equal(fake_uart.out, "0x1f 0 18446744073709551615");
	assert_int_equal(fake_uart.lost, 0);
	assert_int_equal(fake_uart.bad_accesses, 0);
}

static void test_stuck_uart_is_bounded(void **state)
{
	struct console con;

	(void)state;
	start(&con, KSD_PURGATORY_CONSOLE_PL011, 0x9000000, 0, 0);
	fake_uart.stuck = true;
	console_puts(&con, "hello");
	assert_true(con.dead);
	assert_int_equal(fake_uart.len, 0);
	/* One bounded wait, then no more register reads at all. */
	assert_int_equal(fake_uart.status_reads, CONSOLE_POLL_LIMIT);
	console_puts(&con, "more");
	console_flush(&con);
	assert_int_equal(fake_uart.status_reads, CONSOLE_POLL_LIMIT);
}

static void test_flush_waits_for_idle(void **state)
{
	struct console con;

	(void)state;
	start(&con, KSD_PURGATORY_CONSOLE_8250, 0x1000, 0, 1);
	fake_uart.busy_reads = 7;
	console_putc(&con, 'x');
	fake_uart.status_reads = 0;
	console_flush(&con);
	assert_int_equal(fake_uart.status_reads, 8);
	assert_false(con.dead);
}

static void test_bytes_and_hex(void **state)
{
	static const uint8_t d[] = { 0x00, 0x9f, 0xa0, 0xff };
	struct console con;

	(void)state;
	start(&con, KSD_PURGATORY_CONSOLE_PL011, 0x9000000, 0, 4);
	console_put_bytes(&con, d, sizeof(d));
	console_putc(&con, ' ');
	console_put_hex(&con, 0);
	console_putc(&con, ' ');
	console_put_hex(&con, 0xffffffffffffffffu);
	assert_string_equal(fake_uart.out, "009fa0ff 0x0 0xffffffffffffffff");
}

static void test_none_is_silent(void **state)
{
	struct ksd_purgatory_console cfg = { 0 };
	struct console con;

	(void)state;
	fake_uart_reset(FAKE_PL011, 0, 0, 4);
	console_init(&con, &cfg);
	console_puts(&con, "nothing");
	console_flush(&con);
	assert_int_equal(fake_uart.status_reads + fake_uart.bad_accesses, 0);
}

static void test_invalid_descriptions(void **state)
{
	static const struct ksd_purgatory_console bad[] = {
		{ .type = 3, .base = 0x1000 },
		{ .type = KSD_PURGATORY_CONSOLE_PL011, .base = 0 },
		{ .type = KSD_PURGATORY_CONSOLE_PL011, .base = 0x1002 },
		{ .type = KSD_PURGATORY_CONSOLE_PL011, .base = 0x1000, .reg_width = 1 },
		{ .type = KSD_PURGATORY_CONSOLE_PL011, .base = 0x1000, .reg_shift = 2 },
		{ .type = KSD_PURGATORY_CONSOLE_8250, .base = 0 },
		{ .type = KSD_PURGATORY_CONSOLE_8250, .base = 0x1000, .reg_shift = 4 },
		{ .type = KSD_PURGATORY_CONSOLE_8250, .base = 0x1000, .reg_width = 2 },
		{ .type = KSD_PURGATORY_CONSOLE_8250, .base = 0x1000, .reg_width = 4 },
		{ .type = KSD_PURGATORY_CONSOLE_8250, .base = 0x1001, .reg_shift = 2,
		  .reg_width = 4 },
		{ .type = KSD_PURGATORY_CONSOLE_8250, .base = 0x1000, .reserved = 1 },
	};
	struct console con;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_false(console_config_valid(&bad[i]));
		console_init(&con, &bad[i]);
		assert_int_equal(con.type, KSD_PURGATORY_CONSOLE_NONE);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pl011_polls_before_each_char),
		cmocka_unit_test(test_8250_byte_registers),
		cmocka_unit_test(test_8250_stride_and_width),
		cmocka_unit_test(test_stuck_uart_is_bounded),
		cmocka_unit_test(test_flush_waits_for_idle),
		cmocka_unit_test(test_bytes_and_hex),
		cmocka_unit_test(test_none_is_silent),
		cmocka_unit_test(test_invalid_descriptions),
	};

	return cmocka_run_group_tests_name("purgatory-console", tests, NULL, NULL);
}
