// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * lib/util/sha256: the FIPS 180-2 example vectors (checked against
 * coreutils sha256sum when written), the padding boundaries, incremental
 * updates at every split point, unaligned input, zero runs, and the
 * block-function hook the purgatory uses for its instruction path.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/sha256.h"

static void hex(const uint8_t *d, char *out)
{
	for (int i = 0; i < KSD_SHA256_DIGEST_SIZE; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

static void assert_sha256(const void *msg, size_t len, const char *want)
{
	uint8_t d[KSD_SHA256_DIGEST_SIZE];
	char got[2 * KSD_SHA256_DIGEST_SIZE + 1];

	ksd_sha256(msg, len, d);
	hex(d, got);
	assert_string_equal(got, want);
}

static void test_fips_examples(void **state)
{
	(void)state;
	assert_sha256("", 0,
		      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	assert_sha256("abc", 3,
		      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
		      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	assert_sha256("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
		      "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", 112,
		      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void test_million_a(void **state)
{
	char *m = malloc(1000000);

	(void)state;
	assert_non_null(m);
	memset(m, 'a', 1000000);
	assert_sha256(m, 1000000,
		      "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(m);
}

/*
 * Lengths around the padding boundaries (55/56 and 119/120 bytes: the
 * length field fits in the last block or needs one more; 63/64: a full
 * block then padding alone), values from coreutils sha256sum on runs
 * of 'x'.
 */
static void test_padding_boundaries(void **state)
{
	static const struct {
		size_t len;
		const char *digest;
	} cases[] = {
		{ 55, "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072" },
		{ 56, "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e" },
		{ 63, "75220b47218278e656f2013bb8f0c455a25eaf01e86c64924e9d48d89776d6f2" },
		{ 64, "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c" },
		{ 119, "000b48d4edf0fa7bee3c6236ecd2785baa5db4eeb8bb54341b029e0d9fa5fb0c" },
		{ 120, "13f05a0b594787f5ecd315edc96141bd3243203d1b7d4f0836f37308b276ba98" },
	};
	char m[120];

	(void)state;
	memset(m, 'x', sizeof(m));
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_sha256(m, cases[i].len, cases[i].digest);
}

static void digest_pieces(const uint8_t *msg, size_t len, size_t split,
			  uint8_t *out)
{
	struct ksd_sha256 ctx;

	ksd_sha256_init(&ctx, NULL);
	ksd_sha256_update(&ctx, msg, split);
	ksd_sha256_update(&ctx, msg + split, len - split);
	ksd_sha256_final(&ctx, out);
}

static void test_every_split(void **state)
{
	uint8_t msg[300], whole[32], part[32];

	(void)state;
	for (size_t i = 0; i < sizeof(msg); i++)
		msg[i] = (uint8_t)(i * 131 + 7);
	for (size_t len = 0; len <= sizeof(msg); len += 23) {
		ksd_sha256(msg, len, whole);
		for (size_t split = 0; split <= len; split++) {
			digest_pieces(msg, len, split, part);
			assert_memory_equal(whole, part, 32);
		}
	}
}

static void test_unaligned_input(void **state)
{
	uint8_t *buf = malloc(4096 + 16), ref[32], d[32];

	(void)state;
	assert_non_null(buf);
	for (size_t i = 0; i < 4096 + 16; i++)
		buf[i] = (uint8_t)(i ^ (i >> 8));
	ksd_sha256(buf, 4096, ref);
	for (size_t off = 1; off < 16; off++) {
		memmove(buf + off, buf, 4096);
		ksd_sha256(buf + off, 4096, d);
		assert_memory_equal(ref, d, 32);
		memmove(buf, buf + off, 4096);
	}
	free(buf);
}

static void test_zeros(void **state)
{
	static const uint64_t lens[] = { 0, 1, 55, 64, 65, 4096, 100000 };
	uint8_t *z = calloc(1, 100000 + 3), a[32], b[32];
	struct ksd_sha256 ctx;

	(void)state;
	assert_non_null(z);
	for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		/* "abc" then zeros, as a segment with bufsz < memsz. */
		memcpy(z, "abc", 3);
		memset(z + 3, 0, lens[i]);
		ksd_sha256(z, 3 + lens[i], a);
		ksd_sha256_init(&ctx, NULL);
		ksd_sha256_update(&ctx, "abc", 3);
		ksd_sha256_update_zeros(&ctx, lens[i]);
		ksd_sha256_final(&ctx, b);
		assert_memory_equal(a, b, 32);
	}
	free(z);
}

/* The hook: the given block function is what runs, always on aligned data. */
static size_t hook_blocks;
static int hook_misaligned;

static void counting_blocks(uint32_t st[8], const uint8_t *data, size_t n)
{
	hook_blocks += n;
	if ((uintptr_t)data & 7)
		hook_misaligned++;
	ksd_sha256_blocks_generic(st, data, n);
}

static void test_block_hook(void **state)
{
	uint8_t *buf = malloc(1000 + 8), a[32], b[32];
	struct ksd_sha256 ctx;

	(void)state;
	assert_non_null(buf);
	for (size_t i = 0; i < 1008; i++)
		buf[i] = (uint8_t)i;
	for (size_t off = 0; off < 8; off++) {
		hook_blocks = 0;
		ksd_sha256(buf + off, 1000, a);
		ksd_sha256_init(&ctx, counting_blocks);
		ksd_sha256_update(&ctx, buf + off, 1000);
		ksd_sha256_final(&ctx, b);
		assert_memory_equal(a, b, 32);
		/* 1000 bytes + 9 of padding: 16 blocks. */
		assert_int_equal(hook_blocks, 16);
	}
	assert_int_equal(hook_misaligned, 0);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fips_examples),
		cmocka_unit_test(test_million_a),
		cmocka_unit_test(test_padding_boundaries),
		cmocka_unit_test(test_every_split),
		cmocka_unit_test(test_unaligned_input),
		cmocka_unit_test(test_zeros),
		cmocka_unit_test(test_block_hook),
	};

	return cmocka_run_group_tests_name("sha256", tests, NULL, NULL);
}
