/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * void sha256_blocks_ce(uint32_t state[8], const uint8_t *data, size_t nblocks)
 *
 * The SHA-256 compression function (FIPS 180-4 6.2.2) with the Armv8
 * Cryptographic Extension instructions SHA256H, SHA256H2, SHA256SU0 and
 * SHA256SU1, written from their definitions in the Arm ARM (DDI 0487).
 * This is the only code in the purgatory that touches FP/SIMD registers;
 * it runs only after sha256_engine_start() found the instructions in
 * ID_AA64ISAR0_EL1 and untrapped FP/SIMD.
 *
 * Registers:
 *   v0 = {a,b,c,d}, v1 = {e,f,g,h}   the state, lane 0 first (as in memory)
 *   v2, v3                           the state at the start of the block
 *   v4-v7                            the message schedule, W[t..t+15]
 *   v8                               W[t..t+3] + K[t..t+3]
 *   v9                               {a,b,c,d} before SHA256H, for SHA256H2
 *   v16-v31                          K[0..63], loaded once per call
 * AAPCS64 makes the low halves of v8-v15 callee-saved, so d8 and d9 are
 * saved on the stack; everything else used is caller-saved.
 *
 * Memory: with the MMU off every load is Device-nGnRnE, where an access
 * must be aligned to its element size.  The message is loaded as 64-bit
 * elements (ld1 .2d), which needs only the 8-byte alignment that
 * ksd_sha256_update() guarantees, and costs 8 bus transactions a block
 * rather than 64 for byte elements.  On a little-endian CPU the register
 * bytes are the same as for a byte-element load, and rev32 turns each
 * 32-bit lane into the big-endian word that SHA-256 uses.
 *
 * No relocations: the constants sit in this section and are reached
 * with adr, so the loader has nothing to patch in this file.
 */
	.arch	armv8-a+crypto
	.text

/*
 * Four rounds on W[t..t+3] (in v\w) with K[t..t+3] (in v\k).  When \upd,
 * also turn v\w into W[t+16..t+19] from W[t+4..t+7] (v\w1),
 * W[t+8..t+11] (v\w2) and W[t+12..t+15] (v\w3): SHA256SU0 adds
 * sigma0 of the following words, SHA256SU1 adds W[t+9..] and sigma1.
 */
	.macro	quad, k, w, w1, w2, w3, upd
	add	v8.4s, v\w\().4s, v\k\().4s
	.if	\upd
	sha256su0 v\w\().4s, v\w1\().4s
	.endif
	mov	v9.16b, v0.16b
	sha256h	q0, q1, v8.4s
	sha256h2 q1, q9, v8.4s
	.if	\upd
	sha256su1 v\w\().4s, v\w2\().4s, v\w3\().4s
	.endif
	.endm

	.balign	16
	.globl	sha256_blocks_ce
	.type	sha256_blocks_ce, %function
sha256_blocks_ce:
	cbz	x2, 2f
	stp	d8, d9, [sp, #-16]!
	adr	x3, .Lk
	ld1	{v16.4s-v19.4s}, [x3], #64
	ld1	{v20.4s-v23.4s}, [x3], #64
	ld1	{v24.4s-v27.4s}, [x3], #64
	ld1	{v28.4s-v31.4s}, [x3]
	ld1	{v0.4s, v1.4s}, [x0]

1:	ld1	{v4.2d-v7.2d}, [x1], #64
	rev32	v4.16b, v4.16b
	rev32	v5.16b, v5.16b
	rev32	v6.16b, v6.16b
	rev32	v7.16b, v7.16b
	mov	v2.16b, v0.16b
	mov	v3.16b, v1.16b

	quad	16, 4, 5, 6, 7, 1
	quad	17, 5, 6, 7, 4, 1
	quad	18, 6, 7, 4, 5, 1
	quad	19, 7, 4, 5, 6, 1
	quad	20, 4, 5, 6, 7, 1
	quad	21, 5, 6, 7, 4, 1
	quad	22, 6, 7, 4, 5, 1
	quad	23, 7, 4, 5, 6, 1
	quad	24, 4, 5, 6, 7, 1
	quad	25, 5, 6, 7, 4, 1
	quad	26, 6, 7, 4, 5, 1
	quad	27, 7, 4, 5, 6, 1
	quad	28, 4, 5, 6, 7, 0
	quad	29, 5, 6, 7, 4, 0
	quad	30, 6, 7, 4, 5, 0
	quad	31, 7, 4, 5, 6, 0

	add	v0.4s, v0.4s, v2.4s
	add	v1.4s, v1.4s, v3.4s
	subs	x2, x2, #1
	b.ne	1b

	st1	{v0.4s, v1.4s}, [x0]
	ldp	d8, d9, [sp], #16
2:	ret
	.size	sha256_blocks_ce, . - sha256_blocks_ce

/* K[0..63] (FIPS 180-4 4.2.2), in the same section so adr reaches it. */
	.balign	16
.Lk:
	.word	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5
	.word	0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5
	.word	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3
	.word	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174
	.word	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc
	.word	0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da
	.word	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7
	.word	0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967
	.word	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13
	.word	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85
	.word	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3
	.word	0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070
	.word	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5
	.word	0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3
	.word	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208
	.word	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
	.size	.Lk, . - .Lk
