// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * lib/util/decompress: every format round-trips through the library's own
 * encoders; the output bound, truncation, corruption, trailing data and
 * padding give the documented errors.
 */
#include "config.h"

#include <lzma.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>
#include <cmocka.h>

#include "util/decompress.h"

#define PLAIN_LEN 300000

static uint8_t plain[PLAIN_LEN];

struct collect {
	uint8_t *buf;
	size_t len;
};

static struct ksd_error *collect(void *arg, const void *buf, size_t len)
{
	struct collect *c = arg;

	c->buf = realloc(c->buf, c->len + len);
	assert_non_null(c->buf);
	memcpy(c->buf + c->len, buf, len);
	c->len += len;
	return NULL;
}

static int setup(void **state)
{
	(void)state;
	for (size_t i = 0; i < PLAIN_LEN; i++)
		plain[i] = (uint8_t)(i % 251 < 100 ? i * 7 : 'k');
	return 0;
}

/* A file holding @len bytes of @buf; the caller closes it. */
static int file_of(const void *buf, size_t len)
{
	FILE *f = tmpfile();
	int fd;

	assert_non_null(f);
	assert_int_equal(fwrite(buf, 1, len, f), len);
	fflush(f);
	fd = dup(fileno(f));
	fclose(f);
	return fd;
}

/* A gzip member whose header carries @extra_len bytes of FEXTRA, if any. */
static uint8_t *gzip_extra_of(const void *in, size_t len, size_t extra_len,
			      size_t *out_len)
{
	z_stream z = { 0 };
	gz_header h = { 0 };
	size_t cap = compressBound(len) + 64 + extra_len;
	uint8_t *out = malloc(cap), *extra = calloc(1, extra_len + 1);

	assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8,
				      Z_DEFAULT_STRATEGY), Z_OK);
	if (extra_len) {
		h.extra = extra;
		h.extra_len = (uInt)extra_len;
		assert_int_equal(deflateSetHeader(&z, &h), Z_OK);
	}
	z.next_in = (Bytef *)in;
	z.avail_in = (uInt)len;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
	*out_len = z.total_out;
	deflateEnd(&z);
	free(extra);
	return out;
}

static uint8_t *gzip_of(const void *in, size_t len, size_t *out_len)
{
	return gzip_extra_of(in, len, 0, out_len);
}

static uint8_t *zstd_of(const void *in, size_t len, size_t *out_len)
{
	size_t cap = ZSTD_compressBound(len);
	uint8_t *out = malloc(cap);

	*out_len = ZSTD_compress(out, cap, in, len, 3);
	assert_false(ZSTD_isError(*out_len));
	return out;
}

static uint8_t *xz_of(const void *in, size_t len, size_t *out_len, bool alone)
{
	lzma_stream s = LZMA_STREAM_INIT;
	lzma_options_lzma opt;
	size_t cap = len + len / 2 + 4096;
	uint8_t *out = malloc(cap);

	if (alone) {
		assert_false(lzma_lzma_preset(&opt, 6));
		assert_int_equal(lzma_alone_encoder(&s, &opt), LZMA_OK);
	} else {
		assert_int_equal(lzma_easy_encoder(&s, 6, LZMA_CHECK_CRC32), LZMA_OK);
	}
	s.next_in = in;
	s.avail_in = len;
	s.next_out = out;
	s.avail_out = cap;
	assert_int_equal(lzma_code(&s, LZMA_FINISH), LZMA_STREAM_END);
	*out_len = s.total_out;
	lzma_end(&s);
	return out;
}

static uint8_t *compress_as(enum ksd_compression c, const void *in, size_t len,
			    size_t *out_len)
{
	switch (c) {
	case KSD_COMP_GZIP: return gzip_of(in, len, out_len);
	case KSD_COMP_ZSTD: return zstd_of(in, len, out_len);
	case KSD_COMP_XZ:   return xz_of(in, len, out_len, false);
	case KSD_COMP_LZMA: return xz_of(in, len, out_len, true);
	default: fail();
	}
	return NULL;
}

/* Decompress @len bytes of @buf; returns the error, fills @c. */
static struct ksd_error *run(enum ksd_compression comp, const void *buf,
			     size_t len, uint64_t max, struct collect *c)
{
	int fd = file_of(buf, len);
	struct ksd_error *err;
	uint64_t out = 0;

	err = ksd_decompress_fd(comp, fd, 0, len, "test.data", max, collect, c, &out);
	if (!err)
		assert_int_equal(out, c->len);
	close(fd);
	return err;
}

static const enum ksd_compression all[] = {
	KSD_COMP_GZIP, KSD_COMP_ZSTD, KSD_COMP_XZ, KSD_COMP_LZMA,
};

static void test_roundtrip(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(all) / sizeof(*all); i++) {
		struct collect c = { 0 };
		size_t n;
		uint8_t *z = compress_as(all[i], plain, PLAIN_LEN, &n);

		assert_null(run(all[i], z, n, PLAIN_LEN, &c));
		assert_int_equal(c.len, PLAIN_LEN);
		assert_memory_equal(c.buf, plain, PLAIN_LEN);
		free(c.buf);
		free(z);
	}
}

static void test_detect(void **state)
{
	size_t n;
	uint8_t *z;

	(void)state;
	z = gzip_of(plain, 100, &n);
	assert_int_equal(ksd_compression_detect(z, n), KSD_COMP_GZIP);
	free(z);
	z = zstd_of(plain, 100, &n);
	assert_int_equal(ksd_compression_detect(z, n), KSD_COMP_ZSTD);
	free(z);
	z = xz_of(plain, 100, &n, false);
	assert_int_equal(ksd_compression_detect(z, n), KSD_COMP_XZ);
	free(z);
	/* lzma alone has no magic: never guessed */
	z = xz_of(plain, 100, &n, true);
	assert_int_equal(ksd_compression_detect(z, n), KSD_COMP_NONE);
	free(z);
	assert_int_equal(ksd_compression_detect("\x1f", 1), KSD_COMP_NONE);
	assert_string_equal(ksd_compression_name(KSD_COMP_LZMA), "lzma");
}

static void test_limit(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(all) / sizeof(*all); i++) {
		struct collect c = { 0 };
		struct ksd_error *err;
		size_t n;
		uint8_t *z = compress_as(all[i], plain, PLAIN_LEN, &n);

		err = run(all[i], z, n, PLAIN_LEN - 1, &c);
		assert_non_null(err);
		assert_int_equal(err->code, KSD_ERR_LIMIT);
		assert_non_null(strstr(err->message, "more than 299999 bytes"));
		assert_true(c.len <= PLAIN_LEN - 1);
		ksd_error_destroy(err);
		free(c.buf);
		free(z);
	}
}

static void test_truncated(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(all) / sizeof(*all); i++) {
		struct collect c = { 0 };
		struct ksd_error *err;
		size_t n;
		uint8_t *z = compress_as(all[i], plain, PLAIN_LEN, &n);

		err = run(all[i], z, n / 2, PLAIN_LEN, &c);
		assert_non_null(err);
		assert_true(err->code == KSD_ERR_EOF || err->code == KSD_ERR_CORRUPT);
		assert_non_null(strstr(err->message, "test.data"));
		ksd_error_destroy(err);
		free(c.buf);
		free(z);
	}
}

static void test_corrupt(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(all) / sizeof(*all); i++) {
		struct collect c = { 0 };
		struct ksd_error *err;
		size_t n;
		uint8_t *z = compress_as(all[i], plain, PLAIN_LEN, &n);

		memset(z + n / 3, 0x5a, 64);
		err = run(all[i], z, n, PLAIN_LEN, &c);
		/*
		 * gzip (CRC-32) and xz (CRC-32 here) carry checksums, and the
		 * lzma range decoder cannot end cleanly on damaged data: each
		 * must fail, naming the file.  zstd frames made without a
		 * checksum may decode to something else; that must at least
		 * never be the original.
		 */
		if (all[i] == KSD_COMP_ZSTD && !err) {
			assert_true(c.len != PLAIN_LEN ||
				    memcmp(c.buf, plain, PLAIN_LEN) != 0);
		} else {
			if (!err)
				fail_msg("%s: corrupt data decoded without an error",
					 ksd_compression_name(all[i]));
			assert_true(err->code == KSD_ERR_CORRUPT || err->code == KSD_ERR_EOF);
			assert_non_null(strstr(err->message, "test.data: "));
		}
		ksd_error_destroy(err);
		free(c.buf);
		free(z);
	}
}

/* zstd, made hostile: cut short, damaged under its checksum, a bomb. */
static void test_zstd_hostile(void **state)
{
	ZSTD_CCtx *cc = ZSTD_createCCtx();
	size_t cap = ZSTD_compressBound(PLAIN_LEN), n;
	uint8_t *z = malloc(cap), *zeros = calloc(1, 64u << 20);
	struct collect c = { 0 };
	struct ksd_error *err;

	(void)state;
	assert_false(ZSTD_isError(ZSTD_CCtx_setParameter(cc, ZSTD_c_checksumFlag, 1)));
	n = ZSTD_compress2(cc, z, cap, plain, PLAIN_LEN);
	assert_false(ZSTD_isError(n));
	/* the frame header alone, and the frame without its last byte */
	err = run(KSD_COMP_ZSTD, z, 6, PLAIN_LEN, &c);
	assert_non_null(err);
	assert_int_equal(err->code, KSD_ERR_EOF);
	assert_non_null(strstr(err->message, "test.data: zstd data is truncated"));
	ksd_error_destroy(err);
	free(c.buf);
	c = (struct collect){ 0 };
	err = run(KSD_COMP_ZSTD, z, n - 1, PLAIN_LEN, &c);
	assert_non_null(err);
	assert_int_equal(err->code, KSD_ERR_EOF);
	ksd_error_destroy(err);
	free(c.buf);
	/* a flipped bit in the content checksum */
	c = (struct collect){ 0 };
	z[n - 1] ^= 1;
	err = run(KSD_COMP_ZSTD, z, n, PLAIN_LEN, &c);
	assert_non_null(err);
	assert_int_equal(err->code, KSD_ERR_CORRUPT);
	assert_non_null(strstr(err->message, "corrupt zstd data near compressed byte"));
	ksd_error_destroy(err);
	free(c.buf);
	/* 64 MiB of zeros in a few KiB: stops at the bound, not at the end */
	c = (struct collect){ 0 };
	n = ZSTD_compress(z, cap, zeros, 64u << 20, 19);
	assert_false(ZSTD_isError(n));
	assert_true(n < 64u << 10);
	err = run(KSD_COMP_ZSTD, z, n, 1u << 20, &c);
	assert_non_null(err);
	assert_int_equal(err->code, KSD_ERR_LIMIT);
	assert_non_null(strstr(err->message, "zstd data unpacks to more than 1048576 bytes"));
	assert_true(c.len <= 1u << 20);
	ksd_error_destroy(err);
	free(c.buf);
	free(zeros);
	free(z);
	ZSTD_freeCCtx(cc);
}

/*
 * xz and lzma headers choose the dictionary the decoder allocates: one
 * asking for 4 GiB is refused by the memory limit before any is taken.
 */
static void test_lzma_memlimit(void **state)
{
	struct collect c = { 0 };
	struct ksd_error *err;
	size_t n, hsize;
	uint8_t *z;
	bool found = false;

	(void)state;
	/* .lzma: props, dictionary size (LE32), uncompressed size (LE64) */
	z = xz_of(plain, 1000, &n, true);
	z[1] = z[2] = z[3] = z[4] = 0xff;
	err = run(KSD_COMP_LZMA, z, n, PLAIN_LEN, &c);
	assert_non_null(err);
	assert_int_equal(err->code, KSD_ERR_LIMIT);
	assert_non_null(strstr(err->message, "needs more memory than the limit"));
	ksd_error_destroy(err);
	free(c.buf);
	free(z);
	/*
	 * .xz: the block header after the 12-byte stream header holds the
	 * LZMA2 filter (id 0x21, one property byte: the dictionary size);
	 * 40 means 4 GiB - 1.  Its CRC-32 is then made right again.
	 */
	c = (struct collect){ 0 };
	z = xz_of(plain, 1000, &n, false);
	hsize = ((size_t)z[12] + 1) * 4;
	for (size_t i = 14; i + 2 < 12 + hsize - 4; i++)
		if (z[i] == 0x21 && z[i + 1] == 0x01) {
			z[i + 2] = 40;
			found = true;
			break;
		}
	assert_true(found);
	uint32_t crc = (uint32_t)crc32(0, z + 12, (uInt)(hsize - 4));

	z[12 + hsize - 4] = (uint8_t)crc;
	z[12 + hsize - 3] = (uint8_t)(crc >> 8);
	z[12 + hsize - 2] = (uint8_t)(crc >> 16);
	z[12 + hsize - 1] = (uint8_t)(crc >> 24);
	err = run(KSD_COMP_XZ, z, n, PLAIN_LEN, &c);
	assert_non_null(err);
	assert_int_equal(err->code, KSD_ERR_LIMIT);
	assert_non_null(strstr(err->message, "test.data: xz data near compressed byte"));
	assert_non_null(strstr(err->message, "needs more memory than the limit"));
	assert_int_equal(c.len, 0);
	ksd_error_destroy(err);
	free(c.buf);
	free(z);
}

static void test_trailing(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(all) / sizeof(*all); i++) {
		struct collect c = { 0 };
		struct ksd_error *err;
		size_t n;
		uint8_t *z = compress_as(all[i], plain, 1000, &n), *p;

		/* zero padding is accepted, however long (docs/kexec.md) */
		p = calloc(1, n + 300);
		memcpy(p, z, n);
		for (size_t pad = 1; pad <= 5; pad++) {
			c = (struct collect){ 0 };
			err = run(all[i], p, n + pad, PLAIN_LEN, &c);
			if (err)
				fail_msg("%s + %zu zero bytes: %s",
					 ksd_compression_name(all[i]), pad, err->message);
			assert_int_equal(c.len, 1000);
			free(c.buf);
		}
		c = (struct collect){ 0 };
		assert_null(run(all[i], p, n + 300, PLAIN_LEN, &c));
		assert_int_equal(c.len, 1000);
		free(c.buf);
		/* anything else is not, and is called trailing data */
		c = (struct collect){ 0 };
		p[n + 200] = 'x';
		err = run(all[i], p, n + 300, PLAIN_LEN, &c);
		assert_non_null(err);
		assert_int_equal(err->code, KSD_ERR_CORRUPT);
		if (!strstr(err->message, "300 bytes of trailing data after the"))
			fail_msg("%s: '%s'", ksd_compression_name(all[i]), err->message);
		ksd_error_destroy(err);
		free(c.buf);
		/* straight after the stream too */
		c = (struct collect){ 0 };
		memcpy(p + n, "garbage", 7);
		err = run(all[i], p, n + 7, PLAIN_LEN, &c);
		assert_non_null(err);
		assert_int_equal(err->code, KSD_ERR_CORRUPT);
		if (!strstr(err->message, "7 bytes of trailing data after the"))
			fail_msg("%s: '%s'", ksd_compression_name(all[i]), err->message);
		ksd_error_destroy(err);
		free(c.buf);
		free(p);
		free(z);
	}
}

/* cat a.xz b.xz, with or without stream padding between, as xz -dc reads */
static void test_xz_streams(void **state)
{
	size_t n1, n2;
	uint8_t *a = xz_of(plain, 1000, &n1, false), *b = xz_of(plain + 1000, 2000, &n2, false);
	uint8_t *both = calloc(1, n1 + 8 + n2);

	(void)state;
	for (size_t pad = 0; pad <= 8; pad += 4) {
		struct collect c = { 0 };

		memcpy(both, a, n1);
		memset(both + n1, 0, pad);
		memcpy(both + n1 + pad, b, n2);
		assert_null(run(KSD_COMP_XZ, both, n1 + pad + n2, PLAIN_LEN, &c));
		assert_int_equal(c.len, 3000);
		assert_memory_equal(c.buf, plain, 3000);
		free(c.buf);
	}
	free(both);
	free(a);
	free(b);
}

/* zstd frames in sequence, a skippable frame between, as zstd -dc reads */
static void test_zstd_frames(void **state)
{
	static const uint8_t skip[12] = { 0x5e, 0x2a, 0x4d, 0x18, 4, 0, 0, 0, 'n', 'o', 't', 'e' };
	size_t n1, n2;
	uint8_t *a = zstd_of(plain, 1000, &n1), *b = zstd_of(plain + 1000, 2000, &n2);
	uint8_t *both = malloc(n1 + sizeof(skip) + n2);

	(void)state;
	for (size_t with_skip = 0; with_skip <= 1; with_skip++) {
		struct collect c = { 0 };
		size_t k = with_skip ? sizeof(skip) : 0;

		memcpy(both, a, n1);
		memcpy(both + n1, skip, k);
		memcpy(both + n1 + k, b, n2);
		assert_null(run(KSD_COMP_ZSTD, both, n1 + k + n2, PLAIN_LEN, &c));
		assert_int_equal(c.len, 3000);
		assert_memory_equal(c.buf, plain, 3000);
		free(c.buf);
	}
	free(both);
	free(a);
	free(b);
}

static void test_gzip_members(void **state)
{
	struct collect c = { 0 };
	size_t n1, n2;
	uint8_t *a = gzip_of(plain, 1000, &n1), *b = gzip_of(plain + 1000, 2000, &n2);
	uint8_t *both = malloc(n1 + n2);

	(void)state;
	memcpy(both, a, n1);
	memcpy(both + n1, b, n2);
	assert_null(run(KSD_COMP_GZIP, both, n1 + n2, PLAIN_LEN, &c));
	assert_int_equal(c.len, 3000);
	assert_memory_equal(c.buf, plain, 3000);
	free(c.buf);
	free(both);
	free(a);
	free(b);
}

/*
 * The next member's magic may straddle one of the 64 KiB reads: pad the
 * first member (with an FEXTRA field) to end on each side of byte 65536.
 */
static void test_gzip_members_boundary(void **state)
{
	size_t n0, n1, n2;
	uint8_t *a = gzip_of(plain, 1000, &n0), *b, *both;

	(void)state;
	free(a);
	b = gzip_of(plain + 1000, 2000, &n2);
	for (size_t end = 65533; end <= 65538; end++) {
		struct collect c = { 0 };

		/* FEXTRA adds its 2-byte length and the data */
		a = gzip_extra_of(plain, 1000, end - n0 - 2, &n1);
		assert_int_equal(n1, end);
		both = malloc(n1 + n2);
		memcpy(both, a, n1);
		memcpy(both + n1, b, n2);
		assert_null(run(KSD_COMP_GZIP, both, n1 + n2, PLAIN_LEN, &c));
		assert_int_equal(c.len, 3000);
		assert_memory_equal(c.buf, plain, 3000);
		free(c.buf);
		free(both);
		free(a);
	}
	free(b);
}

/*
 * A zstd frame header may ask for any window up to 2^41 bytes, which the
 * decoder would allocate before producing a byte: the cap is 2^27.
 */
static void test_zstd_window(void **state)
{
	/* magic, no content size, Window_Descriptor exponent 18: 2^28 */
	static const uint8_t big[] = {
		0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x90, 0x01, 0x00, 0x00,
	};
	struct collect c = { 0 };
	struct ksd_error *err;
	ZSTD_CCtx *cc = ZSTD_createCCtx();
	size_t cap = ZSTD_compressBound(PLAIN_LEN);
	uint8_t *z = malloc(cap);
	ZSTD_inBuffer in = { plain, PLAIN_LEN, 0 };
	ZSTD_outBuffer out = { z, cap, 0 };

	(void)state;
	err = run(KSD_COMP_ZSTD, big, sizeof(big), PLAIN_LEN, &c);
	assert_non_null(err);
	assert_int_equal(err->code, KSD_ERR_LIMIT);
	assert_non_null(strstr(err->message, "test.data: zstd frame needs a window larger than 134217728 bytes"));
	ksd_error_destroy(err);
	free(c.buf);

	/* a real frame with the largest window accepted, 2^27, unpacks */
	c = (struct collect){ 0 };
	assert_false(ZSTD_isError(ZSTD_CCtx_setParameter(cc, ZSTD_c_windowLog, 27)));
	/* streamed, so the size is unknown and the window is not shrunk */
	assert_false(ZSTD_isError(ZSTD_compressStream2(cc, &out, &in, ZSTD_e_continue)));
	assert_int_equal(ZSTD_compressStream2(cc, &out, &in, ZSTD_e_end), 0);
	assert_int_equal(z[5] >> 3, 27 - 10);
	assert_null(run(KSD_COMP_ZSTD, z, out.pos, PLAIN_LEN, &c));
	assert_int_equal(c.len, PLAIN_LEN);
	free(c.buf);
	free(z);
	ZSTD_freeCCtx(cc);
}

static struct ksd_error *stop_early(void *arg, const void *buf, size_t len)
{
	(void)arg;
	(void)buf;
	(void)len;
	return ksd_error_create(KSD_ERR_CORRUPT, "sink says stop");
}

static void test_sink_stops(void **state)
{
	struct ksd_error *err;
	size_t n;
	uint8_t *z = zstd_of(plain, PLAIN_LEN, &n);
	int fd = file_of(z, n);

	(void)state;
	err = ksd_decompress_fd(KSD_COMP_ZSTD, fd, 0, n, "x", PLAIN_LEN, stop_early,
				NULL, NULL);
	assert_non_null(err);
	assert_string_equal(err->message, "sink says stop");
	ksd_error_destroy(err);
	close(fd);
	free(z);
}

/* A range inside a file, as for a zboot payload. */
static void test_range(void **state)
{
	struct collect c = { 0 };
	size_t n;
	uint8_t *z = gzip_of(plain, 5000, &n), *f = calloc(1, n + 8192);
	int fd;

	(void)state;
	memset(f, 0xee, 4096);
	memcpy(f + 4096, z, n);
	memset(f + 4096 + n, 0xee, 4096);
	fd = file_of(f, n + 8192);
	assert_null(ksd_decompress_fd(KSD_COMP_GZIP, fd, 4096, n, "r", PLAIN_LEN,
				      collect, &c, NULL));
	assert_int_equal(c.len, 5000);
	close(fd);
	free(c.buf);
	free(f);
	free(z);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_detect),
		cmocka_unit_test(test_limit),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_corrupt),
		cmocka_unit_test(test_zstd_hostile),
		cmocka_unit_test(test_lzma_memlimit),
		cmocka_unit_test(test_trailing),
		cmocka_unit_test(test_xz_streams),
		cmocka_unit_test(test_zstd_frames),
		cmocka_unit_test(test_gzip_members),
		cmocka_unit_test(test_gzip_members_boundary),
		cmocka_unit_test(test_zstd_window),
		cmocka_unit_test(test_sink_stops),
		cmocka_unit_test(test_range),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
