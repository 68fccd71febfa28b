/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A simulated UART behind the purgatory's mmio_* functions, for host
 * unit tests of purgatory/console.c (which links against this instead of
 * purgatory/mmio.c).  It behaves as the real devices do where it matters
 * to the driver: after each character the transmitter stays busy for a
 * number of status reads, and a character written while it is busy is
 * lost (a full PL011 FIFO drops it; a 16550 overwrites its holding
 * register), so a driver that does not poll loses output here too.
 */
#ifndef KSD_TESTS_FAKE_MMIO_H
#define KSD_TESTS_FAKE_MMIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum fake_uart_kind { FAKE_PL011, FAKE_8250 };

struct fake_uart {
	enum fake_uart_kind kind;
	uint64_t base;
	unsigned int shift;		/* 8250 register stride, log2 */
	unsigned int width;		/* 8250 access width in bytes */
	unsigned int busy_reads;	/* status reads that say "busy" per char */
	bool stuck;			/* never ready */

	unsigned int busy_left;
	char out[8192];			/* characters the line carried */
	size_t len;
	unsigned long lost;		/* written while busy */
	unsigned long status_reads;
	unsigned long bad_accesses;	/* wrong address or width */
};

extern struct fake_uart fake_uart;

void fake_uart_reset(enum fake_uart_kind kind, uint64_t base,
		     unsigned int shift, unsigned int width);

#endif /* KSD_TESTS_FAKE_MMIO_H */
