// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Field positions from the Arm ARM (DDI 0487): ID_AA64ISAR0_EL1,
 * ID_AA64PFR1_EL1, CPACR_EL1, CPTR_EL2 (both layouts) and HCR_EL2.
 */
#include "purgatory/cpufeature.h"

enum {
	ISAR0_SHA2_SHIFT = 12,
	PFR1_SME_SHIFT = 24,
	HCR_EL2_E2H = 34,
	CPACR_FPEN_SHIFT = 20,		/* 0b11: no trap at EL1 or EL0 */
	CPACR_SMEN_SHIFT = 24,
	CPTR_EL2_TFP = 10,		/* 1: trap FP/SIMD */
	CPTR_EL2_TSM = 12,		/* 1: trap SME */
};

bool cpu_has_sha256_insn(uint64_t id_aa64isar0)
{
	return ((id_aa64isar0 >> ISAR0_SHA2_SHIFT) & 0xf) != 0;
}

bool cpu_has_sme(uint64_t id_aa64pfr1)
{
	return ((id_aa64pfr1 >> PFR1_SME_SHIFT) & 0xf) != 0;
}

enum fp_trap_reg fp_trap_reg_for(unsigned int el, uint64_t hcr_el2)
{
	switch (el) {
	case 1:
		return FP_TRAP_CPACR_EL1;
	case 2:
		return (hcr_el2 >> HCR_EL2_E2H) & 1 ? FP_TRAP_CPTR_EL2_E2H :
						      FP_TRAP_CPTR_EL2;
	default:
		return FP_TRAP_UNSUPPORTED;
	}
}

uint64_t fp_untrap(enum fp_trap_reg reg, uint64_t value, bool sme)
{
	switch (reg) {
	case FP_TRAP_CPACR_EL1:
	case FP_TRAP_CPTR_EL2_E2H:
		value |= UINT64_C(3) << CPACR_FPEN_SHIFT;
		if (sme)
			value |= UINT64_C(3) << CPACR_SMEN_SHIFT;
		return value;
	case FP_TRAP_CPTR_EL2:
		value &= ~(UINT64_C(1) << CPTR_EL2_TFP);
		if (sme)
			value &= ~(UINT64_C(1) << CPTR_EL2_TSM);
		return value;
	case FP_TRAP_UNSUPPORTED:
		break;
	}
	return value;
}
