// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Instructions per byte of the purgatory's two SHA-256 paths, counted by
 * the PMU's INST_RETIRED event on an emulated aarch64 CPU.  Run by
 * bench/purgatory-sha256.sh under qemu-system-aarch64 -icount shift=0,
 * where the count is exact and the same on every run (docs/performance.md).
 *
 * Bare metal, like the purgatory: each path hashes the same buffer
 * through ksd_sha256_update(), as the purgatory does a region, and the
 * count covers init, update and final.
 */
#include "tests/purgatory/bm.h"
#include "purgatory/sha256-arm64.h"
#include "util/sha256.h"

int main(void);

#define BUF ((uint8_t *)(uintptr_t)0x44000000)

static uint32_t measure(ksd_sha256_blocks_fn *fn, uint32_t len)
{
	uint8_t d[KSD_SHA256_DIGEST_SIZE];
	struct ksd_sha256 ctx;
	uint32_t start, end;

	start = (uint32_t)bm_insn_count();
	ksd_sha256_init(&ctx, fn);
	ksd_sha256_update(&ctx, BUF, len);
	ksd_sha256_final(&ctx, d);
	end = (uint32_t)bm_insn_count();
	return end - start;	/* modulo 2^32: the counter is 32 bits */
}

static void report(const char *path, uint32_t len, uint32_t insns)
{
	bm_puts("bench: path=");
	bm_puts(path);
	bm_puts(" bytes=");
	bm_dec(len);
	bm_puts(" insns=");
	bm_dec(insns);
	bm_puts("\n");
}

int main(void)
{
	static const uint32_t sizes[] = { 4096, 65536, 1u << 20, 16u << 20 };
	struct sha256_engine eng;
	uint64_t x = 1;

	for (uint32_t i = 0; i < (16u << 20); i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		BUF[i] = (uint8_t)x;
	}
	bm_pmu_start();
	sha256_engine_start(&eng, true);
	if (eng.blocks != sha256_blocks_ce) {
		bm_puts("bench: this CPU has no SHA-2 instructions\n");
		sha256_engine_stop(&eng);
		return 0;
	}
	for (unsigned int i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		report("generic", sizes[i], measure(ksd_sha256_blocks_generic, sizes[i]));
		report("sha2-insn", sizes[i], measure(sha256_blocks_ce, sizes[i]));
	}
	sha256_engine_stop(&eng);
	return 0;
}
