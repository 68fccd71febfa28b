// SPDX-License-Identifier: GPL-2.0-or-later
/* Parameter checks and region verification; see verify.h. */
#include "purgatory/params-check.h"
#include "purgatory/verify.h"

enum {
	/*
	 * Regions are hashed in pieces of this size so that a 64-bit length
	 * fits size_t on any host that runs the unit tests.  A multiple of
	 * the block size and of 8, so every piece starts aligned if the
	 * region does.
	 */
	PIECE = 1u << 30,
};

static bool bad(struct console *con, const char *what, uint64_t value)
{
	console_puts(con, "purgatory: bad parameters: ");
	console_puts(con, what);
	console_puts(con, " ");
	console_put_hex(con, value);
	console_puts(con, "\n");
	return false;
}

bool purgatory_params_ok(const struct ksd_purgatory_params *p,
			 struct console *con)
{
	uint64_t value;
	const char *what = ksd_purgatory_params_problem(p, &value);

	return what ? bad(con, what, value) : true;
}

static void hash_region(const struct ksd_purgatory_region *r,
			ksd_sha256_blocks_fn *blocks,
			uint8_t digest[KSD_SHA256_DIGEST_SIZE])
{
	const uint8_t *p = (const uint8_t *)(uintptr_t)r->start;
	uint64_t left = r->len;
	struct ksd_sha256 ctx;

	ksd_sha256_init(&ctx, blocks);
	while (left) {
		size_t n = left > PIECE ? PIECE : (size_t)left;

		ksd_sha256_update(&ctx, p, n);
		p += n;
		left -= n;
	}
	ksd_sha256_final(&ctx, digest);
}

static bool same(const uint8_t *a, const uint8_t *b, size_t n)
{
	uint8_t diff = 0;

	for (size_t i = 0; i < n; i++)
		diff |= a[i] ^ b[i];
	return diff == 0;
}

static void report_mismatch(struct console *con, uint32_t i,
			    const struct ksd_purgatory_region *r,
			    const uint8_t *digest)
{
	console_puts(con, "purgatory: region ");
	console_put_dec(con, i);
	console_puts(con, " at ");
	console_put_hex(con, r->start);
	console_puts(con, ", ");
	console_put_hex(con, r->len);
	console_puts(con, " bytes: sha256 mismatch\npurgatory:   expected ");
	console_put_bytes(con, r->sha256, sizeof(r->sha256));
	console_puts(con, "\npurgatory:   computed ");
	console_put_bytes(con, digest, KSD_SHA256_DIGEST_SIZE);
	console_puts(con, "\n");
}

bool purgatory_verify_regions(struct ksd_purgatory_params *p,
			      struct console *con,
			      ksd_sha256_blocks_fn *blocks, const char *how)
{
	uint8_t digest[KSD_SHA256_DIGEST_SIZE];
	uint32_t nbad = 0;
	uint64_t total = 0;

	console_puts(con, "purgatory: verifying ");
	console_put_dec(con, p->nr_regions);
	console_puts(con, " regions with ");
	console_puts(con, how);
	console_puts(con, "\n");

	p->bad_regions = 0;
	for (uint32_t i = 0; i < p->nr_regions; i++) {
		const struct ksd_purgatory_region *r = &p->regions[i];

		hash_region(r, blocks, digest);
		total += r->len;
		if (same(digest, r->sha256, sizeof(digest)))
			continue;
		p->bad_regions |= UINT32_C(1) << i;
		nbad++;
		report_mismatch(con, i, r, digest);
	}
	if (nbad) {
		console_puts(con, "purgatory: ");
		console_put_dec(con, nbad);
		console_puts(con, " of ");
		console_put_dec(con, p->nr_regions);
		console_puts(con, " regions changed since they were loaded\n");
		return false;
	}
	console_puts(con, "purgatory: ");
	console_put_dec(con, total);
	console_puts(con, " bytes verified\n");
	return true;
}
