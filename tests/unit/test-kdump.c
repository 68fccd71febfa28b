// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * lib/dump kdump internals: the descriptor index the bitmaps give (against
 * a naive count), their disagreement, and the page codecs' handling of
 * good pages, bombs and garbage.
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

#include "dump/kdump.h"

#ifdef HAVE_ZLIB
#include <zlib.h>
#endif
#ifdef HAVE_LZO
#include <lzo/lzo1x.h>
#endif
#ifdef HAVE_SNAPPY
#include <snappy-c.h>
#endif
#ifdef HAVE_ZSTD
#include <zstd.h>
#endif

static uint64_t rnd(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

static bool bit(const uint8_t *b, uint64_t pfn)
{
	return b[pfn / 8] >> (pfn % 8) & 1;
}

/* Bitmaps of @nbits frames at offsets 0 and @len in one buffer. */
static void check_index(uint64_t nbits, uint64_t base, uint64_t seed)
{
	uint64_t len = (nbits / 8 + 4095) / 4096 * 4096, x = seed, count = 0;
	uint8_t *buf = calloc(2, len);
	struct kdump_header h = { 0 };
	struct kdump_bitmap bm;
	struct dump_reader *r;

	assert_non_null(buf);
	for (uint64_t i = 0; i < len; i++) {
		/* Runs of RAM, mostly dumped, as real dumps have. */
		buf[i] = (i / 300) % 3 ? 0xff : (uint8_t)rnd(&x);
		buf[len + i] = buf[i] & (uint8_t)(rnd(&x) | rnd(&x));
	}
	h.bitmap1_off = 0;
	h.bitmap2_off = len;
	h.bitmap_len = len;
	h.max_mapnr = nbits;
	h.split = base != 0;
	h.start_pfn = base;
	assert_null(reader_open_memory(buf, 2 * len, "bitmaps", &r));
	kdump_bitmap_init(&bm, r, &h);
	/* Look frames up out of order, so the lazy index grows in jumps. */
	for (int pass = 0; pass < 2; pass++) {
		count = 0;
		for (uint64_t pfn = base; pfn < nbits; pfn++) {
			uint64_t idx = 0, probe = pass ? pfn : nbits - 1 - (pfn - base);
			bool ram, dumped;

			if (pass == 0) {
				assert_null(kdump_bitmap_lookup(&bm, probe, &ram, &dumped, &idx));
				assert_int_equal(ram, bit(buf, probe));
				assert_int_equal(dumped, bit(buf + len, probe));
				continue;
			}
			assert_null(kdump_bitmap_lookup(&bm, pfn, &ram, &dumped, &idx));
			if (dumped)
				assert_int_equal(idx, count);
			count += bit(buf + len, pfn);
		}
	}
	kdump_bitmap_release(&bm);
	reader_destroy(r);
	free(buf);
}

static void test_index_whole(void **state)
{
	(void)state;
	check_index(200000, 0, 1);
	check_index(4096 * 3 + 17, 0, 2);
}

static void test_index_split_part(void **state)
{
	(void)state;
	/* A part starting mid-chunk, as split parts may. */
	check_index(100000, 4096 * 5 + 1234, 3);
}

static void test_disagree(void **state)
{
	uint8_t buf[2 * 4096] = { 0 };
	struct kdump_header h = { .bitmap2_off = 4096, .bitmap_len = 4096,
				  .max_mapnr = 32768 };
	struct kdump_bitmap bm;
	struct dump_reader *r;
	struct ksd_error *err;
	uint64_t idx;
	bool ram, dumped;

	(void)state;
	memset(buf, 0xff, 4096);
	memset(buf + 4096, 0xff, 4096);
	buf[100] = 0xfb;		/* frame 802 is not RAM ... */
	assert_null(reader_open_memory(buf, sizeof(buf), "bitmaps", &r));
	kdump_bitmap_init(&bm, r, &h);
	/* ... yet dumped: found while counting towards frame 5000. */
	err = kdump_bitmap_lookup(&bm, 5000, &ram, &dumped, &idx);
	assert_non_null(err);
	assert_int_equal(err->code, KSD_ERR_CORRUPT);
	assert_string_equal(err->message,
			    "the bitmaps disagree: page frame 0x322 is dumped (2nd bitmap) but not RAM (1st bitmap)");
	ksd_error_destroy(err);
	/* Frames below it still read. */
	assert_null(kdump_bitmap_lookup(&bm, 700, &ram, &dumped, &idx));
	assert_int_equal(idx, 700);
	kdump_bitmap_release(&bm);
	reader_destroy(r);
}

/* A page with some structure, so every codec compresses it. */
static void sample_page(uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)((i / 64) ^ (i % 7 == 0 ? 0x5a : 0));
}

typedef size_t (*compress_fn)(const uint8_t *in, size_t n, uint8_t *out, size_t cap);

#ifdef HAVE_ZLIB
static size_t c_zlib(const uint8_t *in, size_t n, uint8_t *out, size_t cap)
{
	uLongf len = cap;

	assert_int_equal(compress2(out, &len, in, n, 1), Z_OK);
	return len;
}
#endif
#ifdef HAVE_LZO
static size_t c_lzo(const uint8_t *in, size_t n, uint8_t *out, size_t cap)
{
	static uint8_t wrk[LZO1X_1_MEM_COMPRESS];
	lzo_uint len = cap;

	assert_int_equal(lzo1x_1_compress(in, n, out, &len, wrk), LZO_E_OK);
	return len;
}
#endif
#ifdef HAVE_SNAPPY
static size_t c_snappy(const uint8_t *in, size_t n, uint8_t *out, size_t cap)
{
	size_t len = cap;

	assert_int_equal(snappy_compress((const char *)in, n, (char *)out, &len), SNAPPY_OK);
	return len;
}
#endif
#ifdef HAVE_ZSTD
static size_t c_zstd(const uint8_t *in, size_t n, uint8_t *out, size_t cap)
{
	size_t len = ZSTD_compress(out, cap, in, n, 1);

	assert_false(ZSTD_isError(len));
	return len;
}
#endif

static void check_codec(uint32_t flag, compress_fn comp)
{
	enum { BS = 4096 };
	uint8_t in[2 * BS], c[4 * BS], out[BS];
	struct ksd_error *err;
	char bomb[80];
	size_t n;

	assert_true(kdump_codec_available(flag));
	sample_page(in, sizeof(in));
	n = comp(in, BS, c, sizeof(c));
	assert_null(kdump_decompress(flag, c, n, out, BS));
	assert_memory_equal(in, out, BS);

	/* Two blocks' worth: refused, never written past the block. */
	n = comp(in, 2 * BS, c, sizeof(c));
	err = kdump_decompress(flag, c, n, out, BS);
	assert_non_null(err);
	assert_int_equal(err->code, KSD_ERR_CORRUPT);
	snprintf(bomb, sizeof(bomb), "%s data inflates past the 4096-byte block",
		 kdump_codec_name(flag));
	assert_string_equal(err->message, bomb);
	ksd_error_destroy(err);

	/* Half a block: wrong size, or cut short. */
	n = comp(in, BS / 2, c, sizeof(c));
	err = kdump_decompress(flag, c, n, out, BS);
	assert_non_null(err);
	assert_int_equal(err->code, KSD_ERR_CORRUPT);
	ksd_error_destroy(err);

	/* A truncated stream. */
	n = comp(in, BS, c, sizeof(c));
	err = kdump_decompress(flag, c, n / 2, out, BS);
	assert_non_null(err);
	assert_int_equal(err->code, KSD_ERR_CORRUPT);
	ksd_error_destroy(err);
}

static void test_codecs(void **state)
{
	(void)state;
#ifdef HAVE_ZLIB
	check_codec(KDUMP_ZLIB, c_zlib);
	{
		/* All of the page but the Adler-32 trailer: cut short, no bomb. */
		uint8_t in[4096], c[8192], out[4096];
		struct ksd_error *err;
		size_t n;

		sample_page(in, sizeof(in));
		n = c_zlib(in, sizeof(in), c, sizeof(c));
		err = kdump_decompress(KDUMP_ZLIB, c, n - 4, out, sizeof(out));
		assert_non_null(err);
		assert_string_equal(err->message, "zlib data does not decode (stream cut short)");
		ksd_error_destroy(err);
	}
#endif
#ifdef HAVE_LZO
	check_codec(KDUMP_LZO, c_lzo);
#endif
#ifdef HAVE_SNAPPY
	check_codec(KDUMP_SNAPPY, c_snappy);
#endif
#ifdef HAVE_ZSTD
	check_codec(KDUMP_ZSTD, c_zstd);
#endif
}

static void test_codec_missing_or_unknown(void **state)
{
	static const uint32_t flags[] = { KDUMP_ZLIB, KDUMP_LZO, KDUMP_SNAPPY, KDUMP_ZSTD };
	uint8_t in[16] = { 0 }, out[4096];
	struct ksd_error *err;

	(void)state;
	for (size_t i = 0; i < 4; i++) {
		if (kdump_codec_available(flags[i]))
			continue;
		err = kdump_decompress(flags[i], in, sizeof(in), out, sizeof(out));
		assert_non_null(err);
		assert_int_equal(err->code, KSD_ERR_UNSUPPORTED);
		assert_non_null(strstr(err->message, "this build of kexec-sdei lacks"));
		ksd_error_destroy(err);
	}
	err = kdump_decompress(0x40, in, sizeof(in), out, sizeof(out));
	assert_non_null(err);
	assert_string_equal(err->message, "unknown compression flags 0x40");
	ksd_error_destroy(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_index_whole),
		cmocka_unit_test(test_index_split_part),
		cmocka_unit_test(test_disagree),
		cmocka_unit_test(test_codecs),
		cmocka_unit_test(test_codec_missing_or_unknown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
