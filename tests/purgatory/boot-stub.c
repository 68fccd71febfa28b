// SPDX-License-Identifier: GPL-2.0-or-later
/* The boot stub's set-up; see boot-stub-entry.S. */
#include "bm.h"
#include "purgatory/mmio.h"

/*
 * Where the test links the purgatory (purgatory-test.lds), unless the
 * script put another entry (the loader's linker's) in the mailbox.
 */
#define PURGATORY_ENTRY UINT64_C(0x48000000)

uint64_t stub_main(void);

#define HCR_EL2_E2H	(UINT64_C(1) << 34)
/* CPTR_EL2 with E2H = 0: RES1 bits 13, 9:0 (and 12, TSM) plus TFP (10). */
#define CPTR_EL2_TRAP_FP	UINT64_C(0x37ff)
#define CPTR_EL2_OPEN		UINT64_C(0x33ff)
#define CPACR_FP_SME_OPEN	((UINT64_C(3) << 20) | (UINT64_C(3) << 24))

/* SMSTART SM (MSR SVCRSM, #1), by encoding for any assembler. */
static void smstart_sm(void)
{
	__asm__ volatile(".inst 0xd503437f" : : : "memory");
}

static uint64_t read_svcr(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, S3_3_C4_C2_2" : "=r"(v));
	return v;
}

static void set_trap(unsigned int el, uint64_t v)
{
	if (el == 1)
		__asm__ volatile("msr cpacr_el1, %0\n\tisb" : : "r"(v));
	else
		__asm__ volatile("msr cptr_el2, %0\n\tisb" : : "r"(v));
}

static uint64_t get_trap(unsigned int el)
{
	uint64_t v;

	if (el == 1)
		__asm__ volatile("mrs %0, cpacr_el1" : "=r"(v));
	else
		__asm__ volatile("mrs %0, cptr_el2" : "=r"(v));
	return v;
}

uint64_t stub_main(void)
{
	uint32_t opt = mmio_read32(BM_MAILBOX_OPTIONS);
	uint64_t entry = mmio_read32(BM_MAILBOX_ENTRY) |
		(uint64_t)mmio_read32(BM_MAILBOX_ENTRY + 4) << 32;
	unsigned int el = bm_current_el();
	bool e2h = false;
	uint64_t open, closed;

	if (el == 2 && (opt & BM_OPT_E2H)) {
		uint64_t hcr;

		__asm__ volatile("mrs %0, hcr_el2" : "=r"(hcr));
		__asm__ volatile("msr hcr_el2, %0\n\tisb" : : "r"(hcr | HCR_EL2_E2H));
		e2h = true;
	}
	/* E2H = 1 gives CPTR_EL2 the CPACR_EL1 layout. */
	if (el == 1 || e2h) {
		open = CPACR_FP_SME_OPEN;
		closed = 0;
	} else {
		open = CPTR_EL2_OPEN;
		closed = CPTR_EL2_TRAP_FP;
	}
	if (opt & BM_OPT_STREAMING) {
		set_trap(el, open);
		smstart_sm();
	}
	set_trap(el, (opt & BM_OPT_FP_OPEN) ? open : closed);

	bm_puts("stub: el=");
	bm_dec(el);
	bm_puts(" e2h=");
	bm_dec(e2h);
	bm_puts(" fp-trap-reg=");
	bm_hex(get_trap(el));
	if (opt & BM_OPT_STREAMING) {
		set_trap(el, open);
		bm_puts(" svcr=");
		bm_hex(read_svcr());
		set_trap(el, (opt & BM_OPT_FP_OPEN) ? open : closed);
	}
	bm_puts("\n");

	bm_pmu_start();
	mmio_write32(BM_MAILBOX_PMU_START, (uint32_t)bm_insn_count());
	return entry ? entry : PURGATORY_ENTRY;
}
