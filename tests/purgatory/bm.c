// SPDX-License-Identifier: GPL-2.0-or-later
/* The bare-metal test runtime; see bm.h. */
#include "bm.h"
#include "purgatory/console.h"
#include "purgatory/mmio.h"

static struct console *con(void)
{
	static struct console c;
	static bool ready;

	if (!ready) {
		struct ksd_purgatory_console cfg = {
			.type = KSD_PURGATORY_CONSOLE_PL011,
			.base = BM_UART,
		};

		console_init(&c, &cfg);
		ready = true;
	}
	return &c;
}

void bm_puts(const char *s)
{
	console_puts(con(), s);
}

void bm_hex(uint64_t v)
{
	console_put_hex(con(), v);
}

void bm_dec(uint64_t v)
{
	console_put_dec(con(), v);
}

void bm_bytes(const uint8_t *p, unsigned int n)
{
	console_put_bytes(con(), p, n);
}

unsigned int bm_current_el(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, CurrentEL" : "=r"(v));
	return (v >> 2) & 3;
}

/*
 * PSCI SYSTEM_OFF.  QEMU's -M virt implements PSCI itself, over HVC when
 * the guest starts at EL1, over SMC when it starts at EL2
 * (virtualization=on).
 */
void bm_poweroff(void)
{
	unsigned int el = bm_current_el();

	console_flush(con());
	/* Set x0 right before the call: a register variable does not
	 * survive function calls. */
	if (el == 2) {
		register uint64_t x0 __asm__("x0") = 0x84000008;

		__asm__ volatile("smc #0" : "+r"(x0) : : "memory");
	} else {
		register uint64_t x0 __asm__("x0") = 0x84000008;

		__asm__ volatile("hvc #0" : "+r"(x0) : : "memory");
	}
	for (;;)
		__asm__ volatile("wfi");
}

/* PMEVTYPER0 = 0x08 (INST_RETIRED), counting at EL1 and EL2. */
void bm_pmu_start(void)
{
	uint64_t evtype = 0x08 | (UINT64_C(1) << 27);	/* NSH: count EL2 too */

	__asm__ volatile("msr pmevtyper0_el0, %0\n\t"
			 "msr pmcntenset_el0, %1\n\t"
			 "msr pmcr_el0, %2\n\t"
			 "isb"
			 : : "r"(evtype), "r"(UINT64_C(1)), "r"(UINT64_C(3)));
}

uint64_t bm_insn_count(void)
{
	uint64_t v;

	__asm__ volatile("isb\n\tmrs %0, pmevcntr0_el0" : "=r"(v));
	return v;
}

void bm_exception(uint64_t esr, uint64_t elr, uint64_t far, uint64_t vector)
{
	bm_puts("bm: unexpected exception at EL");
	bm_dec(bm_current_el());
	bm_puts(": vector ");
	bm_hex(vector);
	bm_puts(" esr ");
	bm_hex(esr);
	bm_puts(" elr ");
	bm_hex(elr);
	bm_puts(" far ");
	bm_hex(far);
	bm_puts("\n");
	bm_poweroff();
}
