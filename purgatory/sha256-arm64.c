// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Selecting the SHA-256 block function on the running CPU.  This file is
 * compiled -mgeneral-regs-only like the rest of the purgatory: it only
 * reads and writes system registers.  Every FP/SIMD instruction lives in
 * sha256-ce.S, which runs only after sha256_engine_start() has checked
 * ID_AA64ISAR0_EL1 and untrapped FP/SIMD (cpufeature.h says why).
 */
#include "purgatory/sha256-arm64.h"

/*
 * System registers by their encodings (Arm ARM), so that any assembler
 * accepts them whatever -march says.
 */
#define SYSREG_READ(fn, enc)						\
	static inline uint64_t fn(void)					\
	{								\
		uint64_t v;						\
		__asm__ volatile("mrs %0, " enc : "=r"(v));		\
		return v;						\
	}
#define SYSREG_WRITE(fn, enc)						\
	static inline void fn(uint64_t v)				\
	{								\
		__asm__ volatile("msr " enc ", %0\n\tisb" : : "r"(v) : "memory"); \
	}

SYSREG_READ(read_id_aa64isar0, "S3_0_C0_C6_0")
SYSREG_READ(read_id_aa64pfr1, "S3_0_C0_C4_1")
SYSREG_READ(read_currentel, "S3_0_C4_C2_2")
SYSREG_READ(read_hcr_el2, "S3_4_C1_C1_0")
SYSREG_READ(read_cpacr_el1, "S3_0_C1_C0_2")
SYSREG_READ(read_cptr_el2, "S3_4_C1_C1_2")
SYSREG_READ(read_svcr, "S3_3_C4_C2_2")
/* The isb makes the new trap setting apply to the next instruction. */
SYSREG_WRITE(write_cpacr_el1, "S3_0_C1_C0_2")
SYSREG_WRITE(write_cptr_el2, "S3_4_C1_C1_2")

static uint64_t trap_read(enum fp_trap_reg reg)
{
	return reg == FP_TRAP_CPACR_EL1 ? read_cpacr_el1() : read_cptr_el2();
}

static void trap_write(enum fp_trap_reg reg, uint64_t v)
{
	if (reg == FP_TRAP_CPACR_EL1)
		write_cpacr_el1(v);
	else
		write_cptr_el2(v);
}

/* Why not, or NULL when the instructions can be used (FP then untrapped). */
static const char *try_insn(struct sha256_engine *eng)
{
	unsigned int el;
	bool sme;

	if (!cpu_has_sha256_insn(read_id_aa64isar0()))
		return "generic C (no SHA-2 instructions)";
	el = (read_currentel() >> 2) & 3;
	eng->reg = fp_trap_reg_for(el, el == 2 ? read_hcr_el2() : 0);
	if (eng->reg == FP_TRAP_UNSUPPORTED)
		return "generic C (unexpected exception level)";

	sme = cpu_has_sme(read_id_aa64pfr1());
	eng->saved = trap_read(eng->reg);
	trap_write(eng->reg, fp_untrap(eng->reg, eng->saved, sme));
	/*
	 * In SME streaming mode (PSTATE.SM still set, e.g. by a crash while
	 * a streaming-mode task was interrupted) the SHA-2 instructions are
	 * illegal.  Leaving streaming mode is not ours to do: use C.
	 */
	if (sme && (read_svcr() & 1)) {
		trap_write(eng->reg, eng->saved);
		eng->reg = FP_TRAP_UNSUPPORTED;
		return "generic C (SME streaming mode)";
	}
	return NULL;
}

void sha256_engine_start(struct sha256_engine *eng, bool allow_insn)
{
	const char *why = "generic C (instructions disabled by the loader)";

	eng->reg = FP_TRAP_UNSUPPORTED;
	eng->saved = 0;
	if (allow_insn)
		why = try_insn(eng);
	if (why) {
		eng->blocks = ksd_sha256_blocks_generic;
		eng->name = why;
		eng->reg = FP_TRAP_UNSUPPORTED;
	} else {
		eng->blocks = sha256_blocks_ce;
		eng->name = "Armv8 SHA-2 instructions";
	}
}

void sha256_engine_stop(struct sha256_engine *eng)
{
	if (eng->reg != FP_TRAP_UNSUPPORTED)
		trap_write(eng->reg, eng->saved);
	eng->reg = FP_TRAP_UNSUPPORTED;
}
