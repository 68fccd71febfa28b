/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The purgatory's optional console: a PL011 or an 8250/16550 UART that
 * the crashed kernel already set up (baud rate, line format, enables).
 * The purgatory never reprograms it; it only waits for room in the
 * transmit FIFO and writes characters.
 *
 * Two rules, each a lesson from kexec-tools' arm64 purgatory, which
 * stores each byte straight into the data register (kexec-arm64.md 2.2):
 *  - poll before every write: a write into a full FIFO is dropped by a
 *    PL011 and overwrites the holding register of a 16550, so messages
 *    arrive garbled or not at all;
 *  - bound every wait: if the UART never reports room (clock gated by
 *    the crash, wrong address, flow control), the console is declared
 *    dead after CONSOLE_POLL_LIMIT polls and every later character is
 *    dropped at once.  A console must never keep the purgatory from the
 *    kernel: it is on the path between a crash and a saved dump.
 */
#ifndef KSD_PURGATORY_CONSOLE_H
#define KSD_PURGATORY_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "purgatory/abi.h"

enum {
	/*
	 * Register polls per character before giving up.  One poll is one
	 * uncached device read (~0.1-1 us), so this is 0.1-1 s, far longer
	 * than a character takes even at 9600 baud (~1 ms): a live UART
	 * never hits it, a dead one costs this once.
	 */
	CONSOLE_POLL_LIMIT = 1 << 20,
};

struct console {
	uint32_t type;		/* enum ksd_purgatory_console_type */
	uint8_t shift;		/* 8250 register stride, log2 */
	uint8_t width;		/* 8250 access width: 1 or 4 */
	bool dead;		/* a wait timed out: drop all output */
	uint64_t base;
};

/* Whether the loader's console description is one this code can drive. */
bool console_config_valid(const struct ksd_purgatory_console *cfg);

/*
 * Set up @con from @cfg.  An invalid description gives a console of type
 * NONE, which swallows everything.  Touches no register.
 */
void console_init(struct console *con, const struct ksd_purgatory_console *cfg);

/* Write @c ("\n" becomes "\r\n"). */
void console_putc(struct console *con, char c);
void console_puts(struct console *con, const char *s);
/* @v in hexadecimal with a 0x prefix and no leading zeros. */
void console_put_hex(struct console *con, uint64_t v);
void console_put_dec(struct console *con, uint64_t v);
/* @n bytes as two lowercase hex digits each, e.g. a digest. */
void console_put_bytes(struct console *con, const uint8_t *p, size_t n);

/*
 * Wait (bounded) until the transmitter has sent everything, so that the
 * next kernel, which may reset the UART, does not cut the last line.
 */
void console_flush(struct console *con);

#endif /* KSD_PURGATORY_CONSOLE_H */
