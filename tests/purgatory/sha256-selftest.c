// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The purgatory's two SHA-256 paths on a real (emulated) aarch64 CPU,
 * bare metal under qemu-system-aarch64, reporting TAP on the UART:
 *  - both against the FIPS 180-2 / NIST example vectors;
 *  - each against the other on pseudo-random data of many lengths, at
 *    every start alignment, hashed whole and in uneven pieces;
 *  - the engine picks the instructions when ID_AA64ISAR0_EL1 has them,
 *    and puts the FP/SIMD trap register back afterwards.
 * It starts with FP/SIMD trapped (the reset state at EL1, or set by the
 * test at EL2), like the purgatory may be entered: if the engine did not
 * untrap it first, the first SIMD instruction would end the run through
 * bm-vectors.S with the syndrome on the console.
 */
#include "bm.h"
#include "purgatory/sha256-arm64.h"
#include "util/sha256.h"

int main(void);

/* RAM nothing else uses while this runs. */
#define SCRATCH ((uint8_t *)(uintptr_t)0x44000000)
#define SCRATCH_SIZE (2u << 20)

static unsigned int tests, failures;

static void result(bool ok, const char *what)
{
	tests++;
	if (!ok)
		failures++;
	bm_puts(ok ? "ok " : "not ok ");
	bm_dec(tests);
	bm_puts(" - ");
	bm_puts(what);
	bm_puts("\n");
}

static unsigned int hexval(char c)
{
	return c <= '9' ? (unsigned int)(c - '0') : (unsigned int)(c - 'a' + 10);
}

static bool digest_is(const uint8_t *d, const char *hex)
{
	for (unsigned int i = 0; i < KSD_SHA256_DIGEST_SIZE; i++) {
		if (d[i] != (hexval(hex[2 * i]) << 4 | hexval(hex[2 * i + 1])))
			return false;
	}
	return true;
}

static void hash(ksd_sha256_blocks_fn *fn, const uint8_t *p, size_t len,
		 size_t piece, uint8_t *out)
{
	struct ksd_sha256 ctx;

	ksd_sha256_init(&ctx, fn);
	while (len) {
		size_t n = piece && piece < len ? piece : len;

		ksd_sha256_update(&ctx, p, n);
		p += n;
		len -= n;
	}
	ksd_sha256_final(&ctx, out);
}

static size_t cstrlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

static const struct {
	const char *msg;
	const char *digest;
} vectors[] = {
	{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
	{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
	{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	{ "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
	  "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
	  "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1" },
};

static void test_vectors(ksd_sha256_blocks_fn *fn, const char *name)
{
	uint8_t d[KSD_SHA256_DIGEST_SIZE];
	bool ok = true;

	for (unsigned int i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		size_t len = cstrlen(vectors[i].msg);

		/* Through the aligned scratch buffer and at an odd address. */
		for (unsigned int off = 0; off < 2; off++) {
			for (size_t j = 0; j < len; j++)
				SCRATCH[off + j] = (uint8_t)vectors[i].msg[j];
			hash(fn, SCRATCH + off, len, 0, d);
			ok &= digest_is(d, vectors[i].digest);
		}
	}
	bm_puts("# ");
	bm_puts(name);
	bm_puts(": FIPS 180-2 examples\n");
	result(ok, "example vectors");

	for (unsigned int j = 0; j < 1000000; j++)
		SCRATCH[j] = 'a';
	hash(fn, SCRATCH, 1000000, 0, d);
	result(digest_is(d, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
	       "one million 'a'");
}

static void fill_random(void)
{
	uint64_t x = 0x9e3779b97f4a7c15;

	for (unsigned int i = 0; i < SCRATCH_SIZE; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		SCRATCH[i] = (uint8_t)(x >> 24);
	}
}

/* Both paths agree on every length/alignment/piece combination. */
static void test_agree(ksd_sha256_blocks_fn *ce)
{
	static const size_t big[] = { 4095, 4096, 4097, 65536, 65600, 1u << 20 };
	static const size_t pieces[] = { 0, 1, 7, 63, 64, 65, 1000 };
	uint8_t a[KSD_SHA256_DIGEST_SIZE], b[KSD_SHA256_DIGEST_SIZE];
	unsigned int cases = 0, bad = 0;

	fill_random();
	for (size_t len = 0; len <= 300; len++) {
		for (unsigned int off = 0; off < 8; off++) {
			for (unsigned int p = 0; p < 3; p++) {
				hash(ksd_sha256_blocks_generic, SCRATCH + off, len,
				     pieces[p], a);
				hash(ce, SCRATCH + off, len, pieces[p], b);
				cases++;
				for (unsigned int i = 0; i < sizeof(a); i++)
					bad += a[i] != b[i];
			}
		}
	}
	for (unsigned int i = 0; i < sizeof(big) / sizeof(big[0]); i++) {
		for (unsigned int p = 0; p < sizeof(pieces) / sizeof(pieces[0]); p++) {
			unsigned int off = p & 1 ? 3 : 0;

			hash(ksd_sha256_blocks_generic, SCRATCH + off, big[i],
			     pieces[p], a);
			hash(ce, SCRATCH + off, big[i], pieces[p], b);
			cases++;
			for (unsigned int k = 0; k < sizeof(a); k++)
				bad += a[k] != b[k];
		}
	}
	bm_puts("# ");
	bm_dec(cases);
	bm_puts(" length/alignment/piece cases\n");
	result(bad == 0, "instructions and generic C agree");
}

static uint64_t fp_trap_reg(void)
{
	uint64_t v;

	if (bm_current_el() == 2)
		__asm__ volatile("mrs %0, cptr_el2" : "=r"(v));
	else
		__asm__ volatile("mrs %0, cpacr_el1" : "=r"(v));
	return v;
}

int main(void)
{
	uint64_t isar0, before = fp_trap_reg();
	struct sha256_engine eng;

	__asm__ volatile("mrs %0, id_aa64isar0_el1" : "=r"(isar0));
	bm_puts("TAP version 13\n");

	test_vectors(ksd_sha256_blocks_generic, "generic C");

	sha256_engine_start(&eng, true);
	bm_puts("# engine: ");
	bm_puts(eng.name);
	bm_puts("\n");
	result((eng.blocks == sha256_blocks_ce) == cpu_has_sha256_insn(isar0),
	       "engine follows ID_AA64ISAR0_EL1.SHA2");
	if (eng.blocks == sha256_blocks_ce) {
		test_vectors(sha256_blocks_ce, "SHA-2 instructions");
		test_agree(sha256_blocks_ce);
	}
	sha256_engine_stop(&eng);
	result(fp_trap_reg() == before, "FP/SIMD trap register restored");

	sha256_engine_start(&eng, false);
	result(eng.blocks == ksd_sha256_blocks_generic,
	       "instructions can be refused (KSD_PURGATORY_NO_SHA_INSN)");
	sha256_engine_stop(&eng);

	bm_puts("1..");
	bm_dec(tests);
	bm_puts("\n");
	bm_puts(failures ? "# selftest: FAILED\n" : "# selftest: passed\n");
	return 0;
}
