/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A tiny bare-metal runtime for the purgatory's QEMU tests and benchmark
 * (qemu-system-aarch64 -M virt): the PL011 console (the purgatory's own
 * driver), PSCI power-off, exception reporting and the PMU instruction
 * counter.  Test-only; built with the purgatory's flags.
 */
#ifndef KSD_TESTS_PURGATORY_BM_H
#define KSD_TESTS_PURGATORY_BM_H

#include <stdbool.h>
#include <stdint.h>

/* -M virt: the first PL011. */
#define BM_UART			UINT64_C(0x09000000)
/*
 * Where the test script leaves words for the stub and the fake kernel
 * (QEMU -device loader,data=...), in RAM that nothing else uses.
 */
#define BM_MAILBOX		UINT64_C(0x40ff0000)
#define BM_MAILBOX_OPTIONS	(BM_MAILBOX + 0x00)	/* u32, enum bm_options */
#define BM_MAILBOX_PMU_START	(BM_MAILBOX + 0x08)	/* u64, set by the stub */
#define BM_MAILBOX_PARAMS	(BM_MAILBOX + 0x10)	/* u64, &ksd_purgatory_params */
#define BM_MAILBOX_ENTRY	(BM_MAILBOX + 0x18)	/* u64, purgatory entry; 0: default */

enum bm_options {
	BM_OPT_E2H = 1u << 0,		/* at EL2, run with HCR_EL2.E2H = 1 */
	BM_OPT_STREAMING = 1u << 1,	/* enter SME streaming mode */
	BM_OPT_FP_OPEN = 1u << 2,	/* leave FP/SIMD untrapped */
};

void bm_puts(const char *s);
void bm_hex(uint64_t v);
void bm_dec(uint64_t v);
void bm_bytes(const uint8_t *p, unsigned int n);
unsigned int bm_current_el(void);
__attribute__((noreturn)) void bm_poweroff(void);

/* The PMU's INST_RETIRED counter; exact under QEMU -icount. */
void bm_pmu_start(void);
uint64_t bm_insn_count(void);

/* Called by the vectors of bm-vectors.S: report and power off. */
__attribute__((noreturn)) void bm_exception(uint64_t esr, uint64_t elr,
					    uint64_t far, uint64_t vector);

#endif /* KSD_TESTS_PURGATORY_BM_H */
