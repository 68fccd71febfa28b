// SPDX-License-Identifier: GPL-2.0-or-later
/* The fake kernel's report; see fake-kernel-entry.S. */
#include "bm.h"
#include "purgatory/abi.h"
#include "purgatory/mmio.h"

void fake_kernel_main(uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3);

static uint64_t sysreg_sctlr(unsigned int el)
{
	uint64_t v;

	if (el == 2)
		__asm__ volatile("mrs %0, sctlr_el2" : "=r"(v));
	else
		__asm__ volatile("mrs %0, sctlr_el1" : "=r"(v));
	return v;
}

static uint64_t sysreg_fp_trap(unsigned int el)
{
	uint64_t v;

	if (el == 2)
		__asm__ volatile("mrs %0, cptr_el2" : "=r"(v));
	else
		__asm__ volatile("mrs %0, cpacr_el1" : "=r"(v));
	return v;
}

void fake_kernel_main(uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3)
{
	/* A 32-bit event counter: the difference is right modulo 2^32. */
	uint32_t insns = (uint32_t)bm_insn_count() -
			 mmio_read32(BM_MAILBOX_PMU_START);
	uint64_t params = mmio_read32(BM_MAILBOX_PARAMS);
	unsigned int el = bm_current_el();
	uint64_t daif, sctlr = sysreg_sctlr(el);

	__asm__ volatile("mrs %0, daif" : "=r"(daif));
	bm_puts("fake-kernel: x0=");
	bm_hex(x0);
	bm_puts(" x1=");
	bm_hex(x1);
	bm_puts(" x2=");
	bm_hex(x2);
	bm_puts(" x3=");
	bm_hex(x3);
	bm_puts("\n");

	/* The DTB must be where x0 says: check its magic (big-endian). */
	if (x0 && !(x0 & 3)) {
		bm_puts("fake-kernel: dtb magic=");
		bm_hex(__builtin_bswap32(mmio_read32(x0)));
		bm_puts("\n");
	}
	bm_puts("fake-kernel: el=");
	bm_dec(el);
	bm_puts(" mmu=");
	bm_dec(sctlr & 1);
	bm_puts(" dcache=");
	bm_dec((sctlr >> 2) & 1);
	bm_puts(" daif=");
	bm_hex(daif >> 6);
	bm_puts(" fp-trap-reg=");
	bm_hex(sysreg_fp_trap(el));
	bm_puts("\n");
	if (params) {
		bm_puts("fake-kernel: purgatory status=");
		bm_dec(mmio_read32(params +
				   offsetof(struct ksd_purgatory_params, status)));
		bm_puts(" bad_regions=");
		bm_hex(mmio_read32(params +
				   offsetof(struct ksd_purgatory_params, bad_regions)));
		bm_puts("\n");
	}
	/* INST_RETIRED counts only under -icount (the benchmark). */
	if (insns) {
		bm_puts("fake-kernel: purgatory instructions=");
		bm_dec(insns);
		bm_puts("\n");
	}
}
