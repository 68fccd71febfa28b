// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * PL011 and 8250/16550 output with FIFO polling and bounded waits; see
 * console.h for why.  Register facts:
 *  - PL011 (Arm DDI 0183): UARTDR at 0x00, UARTFR at 0x18 with TXFF
 *    (bit 5, transmit FIFO full) and BUSY (bit 3, still sending).  All
 *    accesses 32-bit, which the SBSA generic UART requires.
 *  - 8250/16550: THR is register 0, LSR register 5 with THRE (bit 5,
 *    room for a byte) and TEMT (bit 6, everything sent); register i
 *    lives at base + (i << reg_shift) and is accessed reg_width bytes
 *    wide (e.g. shift 2, width 4 for Synopsys DesignWare APB UARTs).
 */
#include "purgatory/console.h"
#include "purgatory/mmio.h"
#include "purgatory/params-check.h"

enum {
	PL011_DR = 0x00,
	PL011_FR = 0x18,
	PL011_FR_BUSY = 1u << 3,
	PL011_FR_TXFF = 1u << 5,

	UART8250_THR = 0,
	UART8250_LSR = 5,
	UART8250_LSR_THRE = 1u << 5,
	UART8250_LSR_TEMT = 1u << 6,
};

bool console_config_valid(const struct ksd_purgatory_console *cfg)
{
	return ksd_purgatory_console_ok(cfg);
}

void console_init(struct console *con, const struct ksd_purgatory_console *cfg)
{
	con->type = KSD_PURGATORY_CONSOLE_NONE;
	con->shift = 0;
	con->width = 1;
	con->dead = false;
	con->base = 0;
	if (!console_config_valid(cfg))
		return;
	con->type = cfg->type;
	con->base = cfg->base;
	con->shift = cfg->reg_shift;
	if (cfg->type == KSD_PURGATORY_CONSOLE_8250 && cfg->reg_width == 4)
		con->width = 4;
}

static uint32_t reg8250_read(const struct console *con, unsigned int reg)
{
	uint64_t addr = con->base + ((uint64_t)reg << con->shift);

	return con->width == 4 ? mmio_read32(addr) : mmio_read8(addr);
}

static void reg8250_write(const struct console *con, unsigned int reg,
			  uint8_t v)
{
	uint64_t addr = con->base + ((uint64_t)reg << con->shift);

	if (con->width == 4)
		mmio_write32(addr, v);
	else
		mmio_write8(addr, v);
}

/* Poll until the status register shows @mask set (8250) or clear (PL011). */
static bool wait_for(struct console *con, uint32_t pl011_clear,
		     uint32_t lsr_set)
{
	for (uint32_t i = 0; i < CONSOLE_POLL_LIMIT; i++) {
		if (con->type == KSD_PURGATORY_CONSOLE_PL011) {
			if (!(mmio_read32(con->base + PL011_FR) & pl011_clear))
				return true;
		} else if (reg8250_read(con, UART8250_LSR) & lsr_set) {
			return true;
		}
	}
	con->dead = true;
	return false;
}

static void put_raw(struct console *con, char c)
{
	if (con->type == KSD_PURGATORY_CONSOLE_NONE || con->dead)
		return;
	if (!wait_for(con, PL011_FR_TXFF, UART8250_LSR_THRE))
		return;
	if (con->type == KSD_PURGATORY_CONSOLE_PL011)
		mmio_write32(con->base + PL011_DR, (uint8_t)c);
	else
		reg8250_write(con, UART8250_THR, (uint8_t)c);
}

void console_putc(struct console *con, char c)
{
	if (c == '\n')
		put_raw(con, '\r');
	put_raw(con, c);
}

void console_puts(struct console *con, const char *s)
{
	while (*s)
		console_putc(con, *s++);
}

static const char hex_digits[] = "0123456789abcdef";

void console_put_hex(struct console *con, uint64_t v)
{
	int shift = 60;

	console_puts(con, "0x");
	while (shift > 0 && !(v >> shift))
		shift -= 4;
	for (; shift >= 0; shift -= 4)
		console_putc(con, hex_digits[(v >> shift) & 0xf]);
}

void console_put_dec(struct console *con, uint64_t v)
{
	char buf[20];
	int n = 0;

	do {
		buf[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		console_putc(con, buf[--n]);
}

void console_put_bytes(struct console *con, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		console_putc(con, hex_digits[p[i] >> 4]);
		console_putc(con, hex_digits[p[i] & 0xf]);
	}
}

void console_flush(struct console *con)
{
	if (con->type == KSD_PURGATORY_CONSOLE_NONE || con->dead)
		return;
	wait_for(con, PL011_FR_BUSY, UART8250_LSR_TEMT);
}
