/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Decisions about the CPU the purgatory runs on, as pure functions of
 * system register values, so that the host unit tests can check every
 * case; sha256-arm64.c reads the registers and acts on the answers.
 *
 * Why the purgatory must enable FP/SIMD itself before it may execute a
 * SHA-2 instruction (which uses the SIMD registers): the kernel jumps
 * here with the MMU off but does not promise any FP/SIMD trap setting.
 * CPACR_EL1.FPEN (at EL1) or CPTR_EL2 (at EL2, in one of two layouts)
 * may trap FP/SIMD, and there is no exception vector here to survive a
 * trap: the CPU would hang.  That is the GCC 12 auto-vectorisation hang
 * of kexec-tools (commit 1b03cf7, kexec-arm64.md 6) in another form; the
 * rest of the purgatory avoids it by being built -mgeneral-regs-only.
 * Turning the MMU off changes nothing here: the traps are independent
 * of translation.  The purgatory restores the register before it enters
 * the kernel, which then sets up FP/SIMD traps for itself.
 */
#ifndef KSD_PURGATORY_CPUFEATURE_H
#define KSD_PURGATORY_CPUFEATURE_H

#include <stdbool.h>
#include <stdint.h>

/* ID_AA64ISAR0_EL1.SHA2, bits [15:12]: 1 = SHA256*, 2 = also SHA512*. */
bool cpu_has_sha256_insn(uint64_t id_aa64isar0);

/* ID_AA64PFR1_EL1.SME, bits [27:24]: nonzero when SME is implemented. */
bool cpu_has_sme(uint64_t id_aa64pfr1);

/* The register that controls FP/SIMD traps at the current level. */
enum fp_trap_reg {
	FP_TRAP_UNSUPPORTED,	/* EL0 or EL3: never happens; use plain C */
	FP_TRAP_CPACR_EL1,	/* EL1: FPEN [21:20], SMEN [25:24] */
	FP_TRAP_CPTR_EL2,	/* EL2, HCR_EL2.E2H = 0: TFP bit 10, TSM bit 12 */
	FP_TRAP_CPTR_EL2_E2H,	/* EL2, HCR_EL2.E2H = 1: CPACR layout */
};

/*
 * Which register to change, from CurrentEL.EL (bits [3:2] already
 * shifted down) and, at EL2, HCR_EL2 (ignored at other levels).
 */
enum fp_trap_reg fp_trap_reg_for(unsigned int el, uint64_t hcr_el2);

/*
 * @value with FP/SIMD (and SME, if @sme, so that SVCR can be read)
 * untrapped for the current level.  Other fields are kept.
 */
uint64_t fp_untrap(enum fp_trap_reg reg, uint64_t value, bool sme);

#endif /* KSD_PURGATORY_CPUFEATURE_H */
