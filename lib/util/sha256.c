// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SHA-256 after FIPS 180-4 (section numbers below refer to it).  Compiled
 * twice: for the host into lib/, and freestanding into the purgatory;
 * see sha256.h for the rules that keeps.
 */
#include "util/sha256.h"

/* The first 32 bits of the fractional parts of the cube roots of the
 * first 64 primes (4.2.2).
 */
static const uint32_t k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5,
	0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
	0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
	0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
	0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
	0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* The initial hash value (5.3.3). */
static const uint32_t h0[8] = {
	0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
	0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

/*
 * An aligned 64-bit load that may alias anything: block data is at
 * least 8-byte aligned (sha256.h), and one 8-byte load is one bus
 * transaction where the purgatory runs uncached, against eight for byte
 * loads.  may_alias because the memory is whatever the caller hashes.
 */
typedef uint64_t __attribute__((may_alias, aligned(8))) aligned_u64;

static inline uint64_t load_be64(const uint8_t *p)
{
	uint64_t v = *(const aligned_u64 *)p;

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	return v;
}

static inline uint32_t ror(uint32_t x, unsigned int n)
{
	return x >> n | x << (32 - n);
}

/* The functions of 4.1.2. */
#define CH(x, y, z)	(((x) & (y)) ^ (~(x) & (z)))
#define MAJ(x, y, z)	(((x) & (y)) ^ ((x) & (z)) ^ ((y) & (z)))
#define BSIG0(x)	(ror(x, 2) ^ ror(x, 13) ^ ror(x, 22))
#define BSIG1(x)	(ror(x, 6) ^ ror(x, 11) ^ ror(x, 25))
#define SSIG0(x)	(ror(x, 7) ^ ror(x, 18) ^ ((x) >> 3))
#define SSIG1(x)	(ror(x, 17) ^ ror(x, 19) ^ ((x) >> 10))

/*
 * One round of 6.2.2 step 3, with the eight working variables renamed
 * instead of shifted, so eight rounds in a row need no register moves.
 * The message schedule is a 16-word ring: SCHEDULE(t), for t >= 16,
 * computes W[t] into the slot of W[t - 16], which is no longer needed.
 */
#define SCHEDULE(t)							\
	(w[(t) & 15] += SSIG1(w[((t) + 14) & 15]) + w[((t) + 9) & 15] +	\
			SSIG0(w[((t) + 1) & 15]))

#define ROUND(a, b, c, d, e, f, g, h, t, wt)				\
	do {								\
		uint32_t t1 = (h) + BSIG1(e) + CH(e, f, g) + k[t] + (wt);	\
		(d) += t1;						\
		(h) = t1 + BSIG0(a) + MAJ(a, b, c);			\
	} while (0)

#define EIGHT_ROUNDS(t, W)						\
	do {								\
		ROUND(a, b, c, d, e, f, g, h, (t), W((t)));		\
		ROUND(h, a, b, c, d, e, f, g, (t) + 1, W((t) + 1));	\
		ROUND(g, h, a, b, c, d, e, f, (t) + 2, W((t) + 2));	\
		ROUND(f, g, h, a, b, c, d, e, (t) + 3, W((t) + 3));	\
		ROUND(e, f, g, h, a, b, c, d, (t) + 4, W((t) + 4));	\
		ROUND(d, e, f, g, h, a, b, c, (t) + 5, W((t) + 5));	\
		ROUND(c, d, e, f, g, h, a, b, (t) + 6, W((t) + 6));	\
		ROUND(b, c, d, e, f, g, h, a, (t) + 7, W((t) + 7));	\
	} while (0)

#define MESSAGE(t)	w[(t)]

void ksd_sha256_blocks_generic(uint32_t state[8], const uint8_t *data,
			       size_t nblocks)
{
	for (; nblocks; nblocks--, data += KSD_SHA256_BLOCK_SIZE) {
		uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
		uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
		uint32_t w[16];
		unsigned int t;

		for (unsigned int i = 0; i < 8; i++) {
			uint64_t v = load_be64(data + 8 * i);

			w[2 * i] = (uint32_t)(v >> 32);
			w[2 * i + 1] = (uint32_t)v;
		}
		for (t = 0; t < 16; t += 8)
			EIGHT_ROUNDS(t, MESSAGE);
		for (; t < 64; t += 8)
			EIGHT_ROUNDS(t, SCHEDULE);
		state[0] += a;
		state[1] += b;
		state[2] += c;
		state[3] += d;
		state[4] += e;
		state[5] += f;
		state[6] += g;
		state[7] += h;
	}
}

void ksd_sha256_init(struct ksd_sha256 *ctx, ksd_sha256_blocks_fn *blocks)
{
	for (unsigned int i = 0; i < 8; i++)
		ctx->state[i] = h0[i];
	ctx->length = 0;
	ctx->blocks = blocks ? blocks : ksd_sha256_blocks_generic;
	ctx->used = 0;
}

/*
 * Byte loops rather than memcpy/memset: the purgatory has no C library,
 * and it is built with -fno-tree-loop-distribute-patterns so these are
 * not turned back into calls.
 */
static void copy_bytes(uint8_t *dst, const uint8_t *src, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = src[i];
}

static void zero_bytes(uint8_t *dst, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = 0;
}

/* Add up to one block's worth of @n bytes to the buffer; hash it if full. */
static size_t fill_buffer(struct ksd_sha256 *ctx, const uint8_t *src,
			  size_t n)
{
	size_t room = KSD_SHA256_BLOCK_SIZE - ctx->used;

	if (n > room)
		n = room;
	if (src)
		copy_bytes(ctx->buf + ctx->used, src, n);
	else
		zero_bytes(ctx->buf + ctx->used, n);
	ctx->used += n;
	if (ctx->used == KSD_SHA256_BLOCK_SIZE) {
		ctx->blocks(ctx->state, ctx->buf, 1);
		ctx->used = 0;
	}
	return n;
}

void ksd_sha256_update(struct ksd_sha256 *ctx, const void *data, size_t len)
{
	const uint8_t *p = data;
	size_t n;

	ctx->length += len;
	if (ctx->used) {
		n = fill_buffer(ctx, p, len);
		p += n;
		len -= n;
	}
	if (((uintptr_t)p & 7) == 0) {
		n = len / KSD_SHA256_BLOCK_SIZE;
		if (n) {
			ctx->blocks(ctx->state, p, n);
			p += n * KSD_SHA256_BLOCK_SIZE;
			len -= n * KSD_SHA256_BLOCK_SIZE;
		}
	}
	/* Unaligned input goes through the buffer, a block at a time. */
	while (len) {
		n = fill_buffer(ctx, p, len);
		p += n;
		len -= n;
	}
}

void ksd_sha256_update_zeros(struct ksd_sha256 *ctx, uint64_t len)
{
	ctx->length += len;
	while (len)
		len -= fill_buffer(ctx, NULL, len > KSD_SHA256_BLOCK_SIZE ?
				   KSD_SHA256_BLOCK_SIZE : (size_t)len);
}

/* Padding (5.1.1): a 1 bit, zeros, then the length in bits, big-endian. */
void ksd_sha256_final(struct ksd_sha256 *ctx,
		      uint8_t digest[KSD_SHA256_DIGEST_SIZE])
{
	uint64_t bits = ctx->length << 3;

	ctx->buf[ctx->used++] = 0x80;
	if (ctx->used > KSD_SHA256_BLOCK_SIZE - 8) {
		zero_bytes(ctx->buf + ctx->used, KSD_SHA256_BLOCK_SIZE - ctx->used);
		ctx->blocks(ctx->state, ctx->buf, 1);
		ctx->used = 0;
	}
	zero_bytes(ctx->buf + ctx->used, KSD_SHA256_BLOCK_SIZE - 8 - ctx->used);
	for (unsigned int i = 0; i < 8; i++)
		ctx->buf[KSD_SHA256_BLOCK_SIZE - 1 - i] = (uint8_t)(bits >> (8 * i));
	ctx->blocks(ctx->state, ctx->buf, 1);
	ctx->used = 0;

	for (unsigned int i = 0; i < 8; i++) {
		digest[4 * i] = (uint8_t)(ctx->state[i] >> 24);
		digest[4 * i + 1] = (uint8_t)(ctx->state[i] >> 16);
		digest[4 * i + 2] = (uint8_t)(ctx->state[i] >> 8);
		digest[4 * i + 3] = (uint8_t)ctx->state[i];
	}
}

void ksd_sha256(const void *data, size_t len,
		uint8_t digest[KSD_SHA256_DIGEST_SIZE])
{
	struct ksd_sha256 ctx;

	ksd_sha256_init(&ctx, NULL);
	ksd_sha256_update(&ctx, data, len);
	ksd_sha256_final(&ctx, digest);
}
