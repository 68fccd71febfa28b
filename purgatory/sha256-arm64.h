/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Choosing how the purgatory hashes: with the Armv8 SHA-2 instructions
 * (sha256-ce.S) when the CPU has them and they can be used safely, with
 * the portable C code (lib/util/sha256.c) otherwise.
 *
 * Usage: sha256_engine_start(), hash with engine.blocks, then
 * sha256_engine_stop() before anything else, which puts the FP/SIMD trap
 * register back as the kernel left it.
 */
#ifndef KSD_PURGATORY_SHA256_ARM64_H
#define KSD_PURGATORY_SHA256_ARM64_H

#include <stdbool.h>
#include <stdint.h>

#include "purgatory/cpufeature.h"
#include "util/sha256.h"

struct sha256_engine {
	ksd_sha256_blocks_fn *blocks;
	const char *name;		/* for the console */
	enum fp_trap_reg reg;		/* changed register, or UNSUPPORTED */
	uint64_t saved;			/* its value before */
};

/* The instruction path: only call between start and stop, when chosen. */
void sha256_blocks_ce(uint32_t state[8], const uint8_t *data, size_t nblocks);

/* Pick the block function; @allow_insn false forces the C path. */
void sha256_engine_start(struct sha256_engine *eng, bool allow_insn);
void sha256_engine_stop(struct sha256_engine *eng);

#endif /* KSD_PURGATORY_SHA256_ARM64_H */
