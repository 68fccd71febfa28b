// SPDX-License-Identifier: GPL-2.0-or-later
/* The simulated UART; see fake-mmio.h. */
#include "fake-mmio.h"
#include "purgatory/mmio.h"

#include <string.h>

struct fake_uart fake_uart;

void fake_uart_reset(enum fake_uart_kind kind, uint64_t base,
		     unsigned int shift, unsigned int width)
{
	memset(&fake_uart, 0, sizeof(fake_uart));
	fake_uart.kind = kind;
	fake_uart.base = base;
	fake_uart.shift = shift;
	fake_uart.width = width;
}

static bool busy(void)
{
	if (fake_uart.stuck)
		return true;
	return fake_uart.busy_left > 0;
}

static void transmit(uint8_t c)
{
	if (busy()) {
		fake_uart.lost++;
		return;
	}
	if (fake_uart.len < sizeof(fake_uart.out) - 1)
		fake_uart.out[fake_uart.len++] = (char)c;
	fake_uart.busy_left = fake_uart.busy_reads;
}

static uint32_t status(void)
{
	uint32_t v;

	fake_uart.status_reads++;
	if (fake_uart.kind == FAKE_PL011)
		v = busy() ? (1u << 5 | 1u << 3) : 0;	/* TXFF, BUSY */
	else
		v = busy() ? 0 : (1u << 5 | 1u << 6);	/* THRE, TEMT */
	if (fake_uart.busy_left)
		fake_uart.busy_left--;
	return v;
}

static uint64_t reg(unsigned int i)
{
	return fake_uart.base + ((uint64_t)i << fake_uart.shift);
}

static uint32_t read_access(uint64_t addr, unsigned int width)
{
	if (fake_uart.kind == FAKE_PL011 && addr == fake_uart.base + 0x18 &&
	    width == 4)
		return status();
	if (fake_uart.kind == FAKE_8250 && addr == reg(5) &&
	    width == fake_uart.width)
		return status();
	fake_uart.bad_accesses++;
	return 0;
}

static void write_access(uint64_t addr, unsigned int width, uint32_t v)
{
	if ((fake_uart.kind == FAKE_PL011 && addr == fake_uart.base &&
	     width == 4) ||
	    (fake_uart.kind == FAKE_8250 && addr == reg(0) &&
	     width == fake_uart.width))
		transmit((uint8_t)v);
	else
		fake_uart.bad_accesses++;
}

uint8_t mmio_read8(uint64_t addr)
{
	return (uint8_t)read_access(addr, 1);
}

uint32_t mmio_read32(uint64_t addr)
{
	return read_access(addr, 4);
}

void mmio_write8(uint64_t addr, uint8_t value)
{
	write_access(addr, 1, value);
}

void mmio_write32(uint64_t addr, uint32_t value)
{
	write_access(addr, 4, value);
}
