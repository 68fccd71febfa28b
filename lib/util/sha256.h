/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SHA-256 (FIPS 180-4), shared by the loader and the purgatory.
 *
 * The loader hashes every kexec segment with this code; the purgatory,
 * after a crash, hashes the same memory with the same code (or with the
 * Armv8 SHA-2 instructions) and compares.  One implementation on both
 * sides means one set of test vectors proves both.
 *
 * Freestanding rule: sha256.c is also compiled by the aarch64 cross
 * compiler with -ffreestanding -mgeneral-regs-only -mstrict-align, so it
 * includes only <stddef.h> and <stdint.h>, calls no library function
 * (not even memcpy, which the purgatory would have to provide), keeps no
 * global state and uses no floating point.
 *
 * Alignment rule: the purgatory runs with the MMU off, where every data
 * access is Device-nGnRnE, and an access to Device memory that is not
 * aligned to its own size takes an Alignment fault whatever SCTLR_ELx.A
 * says (Arm ARM DDI 0487, "Alignment of data accesses").  So a block
 * function is only ever handed 8-byte aligned data: ksd_sha256_update()
 * passes the caller's buffer straight through when it is 8-byte aligned
 * and copies it byte by byte into the context's aligned buffer otherwise.
 * Loading eight bytes at a time also matters for speed there: with the
 * caches off every load is a bus transaction.
 */
#ifndef KSD_UTIL_SHA256_H
#define KSD_UTIL_SHA256_H

#include <stddef.h>
#include <stdint.h>

enum {
	KSD_SHA256_DIGEST_SIZE = 32,
	KSD_SHA256_BLOCK_SIZE = 64,
};

/*
 * A block function: run the SHA-256 compression function over @nblocks
 * consecutive 64-byte blocks at @data, updating @state (a, b, ..., h as
 * native integers).  @data is 8-byte aligned; @nblocks may be 0.
 */
typedef void ksd_sha256_blocks_fn(uint32_t state[8], const uint8_t *data,
				  size_t nblocks);

/*
 * A running hash.  Caller storage: init, then update any number of times,
 * then final.  No allocation, so nothing to release.
 */
struct ksd_sha256 {
	uint32_t state[8];
	uint64_t length;		/* bytes hashed so far */
	ksd_sha256_blocks_fn *blocks;
	size_t used;			/* bytes waiting in buf */
	_Alignas(8) uint8_t buf[KSD_SHA256_BLOCK_SIZE];
};

/* The portable block function (plain C, no SIMD). */
void ksd_sha256_blocks_generic(uint32_t state[8], const uint8_t *data,
			       size_t nblocks);

/**
 * ksd_sha256_init() - start a hash
 * @blocks: the block function to use, or NULL for the portable one.  The
 *          purgatory passes the Armv8 SHA-2 instruction path here when
 *          the CPU has it.
 */
void ksd_sha256_init(struct ksd_sha256 *ctx, ksd_sha256_blocks_fn *blocks);

/* Hash @len bytes at @data (any alignment; @data may be NULL if @len is 0). */
void ksd_sha256_update(struct ksd_sha256 *ctx, const void *data, size_t len);

/*
 * Hash @len zero bytes without reading memory: the loader uses it for the
 * part of a segment between bufsz and memsz, which the kernel zero-fills.
 */
void ksd_sha256_update_zeros(struct ksd_sha256 *ctx, uint64_t len);

/* Finish: write the digest.  @ctx must be initialised again to be reused. */
void ksd_sha256_final(struct ksd_sha256 *ctx,
		      uint8_t digest[KSD_SHA256_DIGEST_SIZE]);

/* One-shot convenience with the portable block function. */
void ksd_sha256(const void *data, size_t len,
		uint8_t digest[KSD_SHA256_DIGEST_SIZE]);

#endif /* KSD_UTIL_SHA256_H */
