// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * lib/dump/flat.c: the flattened stream read in place must equal the file
 * makedumpfile -R would rebuild by replaying the records, byte for byte:
 * later records win where they overlap, bytes no record wrote are zero.
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

#include "dump/reader.h"
#include "util/endian.h"

struct stream {
	uint8_t *p;
	size_t len;
};

static void add(struct stream *s, const void *data, size_t n)
{
	s->p = realloc(s->p, s->len + n);
	assert_non_null(s->p);
	memcpy(s->p + s->len, data, n);
	s->len += n;
}

static void start(struct stream *s)
{
	uint8_t h[4096] = "makedumpfile";

	ksd_store64(h + 16, 1, true);
	ksd_store64(h + 24, 1, true);
	s->p = NULL;
	s->len = 0;
	add(s, h, sizeof(h));
}

static void record(struct stream *s, uint64_t off, const uint8_t *data, uint64_t n)
{
	uint8_t h[16];

	ksd_store64(h, off, true);
	ksd_store64(h + 8, n, true);
	add(s, h, sizeof(h));
	add(s, data, (size_t)n);
}

static void finish(struct stream *s)
{
	uint8_t h[16];

	memset(h, 0xff, sizeof(h));
	add(s, h, sizeof(h));
}

static struct dump_reader *open_flat(struct stream *s, struct ksd_error **errp)
{
	struct dump_reader *r, *f = NULL;
	bool flat = false;

	assert_null(reader_open_memory(s->p, s->len, "test.flat", &r));
	assert_null(flat_detect(r, &flat));
	assert_true(flat);
	*errp = flat_reader_create(r, &f);
	return f;
}

/* Replay the records into @file, as makedumpfile -R does. */
static void replay(uint8_t *file, uint64_t off, const uint8_t *data, uint64_t n)
{
	memcpy(file + off, data, (size_t)n);
}

static void check_equal(struct dump_reader *f, const uint8_t *file, size_t size)
{
	uint8_t *got = malloc(size);

	assert_non_null(got);
	assert_int_equal(f->size, size);
	assert_null(reader_read(f, got, size, 0));
	assert_memory_equal(got, file, size);
	/* Byte-sized reads at every offset cross every boundary. */
	for (size_t i = 0; i < size; i += 7) {
		uint8_t b;

		assert_null(reader_read(f, &b, 1, i));
		assert_int_equal(b, file[i]);
	}
	free(got);
}

static void test_overlaps_and_gaps(void **state)
{
	uint8_t file[1000] = { 0 }, a[400], b[50], c[150], d[10];
	struct stream s;
	struct dump_reader *f;
	struct ksd_error *err;

	(void)state;
	memset(a, 'a', sizeof(a));
	memset(b, 'b', sizeof(b));
	memset(c, 'c', sizeof(c));
	memset(d, 'd', sizeof(d));
	start(&s);
	/* [100, 500) a, then [200, 250) b inside it, then [0, 150) c over
	 * its start, then d past a gap at [990, 1000). */
	record(&s, 100, a, sizeof(a));
	replay(file, 100, a, sizeof(a));
	record(&s, 200, b, sizeof(b));
	replay(file, 200, b, sizeof(b));
	record(&s, 0, c, sizeof(c));
	replay(file, 0, c, sizeof(c));
	record(&s, 990, d, sizeof(d));
	replay(file, 990, d, sizeof(d));
	/* An earlier-written region rewritten with the same boundaries. */
	record(&s, 200, c, 50);
	replay(file, 200, c, 50);
	finish(&s);
	f = open_flat(&s, &err);
	assert_null(err);
	check_equal(f, file, sizeof(file));
	assert_string_equal(f->container, "flattened");
	reader_destroy(f);
	free(s.p);
}

static uint64_t rnd(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/* Random records, many overlapping: the index against a replay. */
static void test_random_replay(void **state)
{
	enum { SIZE = 20000 };
	uint64_t x = 0x1234567;

	(void)state;
	for (int round = 0; round < 20; round++) {
		uint8_t *file = calloc(1, SIZE), data[3000];
		uint64_t end = 0;
		struct stream s;
		struct dump_reader *f;
		struct ksd_error *err;
		int n = 1 + (int)(rnd(&x) % 60);

		assert_non_null(file);
		start(&s);
		for (int i = 0; i < n; i++) {
			uint64_t len = 1 + rnd(&x) % sizeof(data);
			uint64_t off = rnd(&x) % (SIZE - len);

			memset(data, (int)(i + 1), (size_t)len);
			record(&s, off, data, len);
			replay(file, off, data, len);
			if (off + len > end)
				end = off + len;
		}
		finish(&s);
		f = open_flat(&s, &err);
		assert_null(err);
		check_equal(f, file, (size_t)end);
		reader_destroy(f);
		free(s.p);
		free(file);
	}
}

/*
 * Records that never overlap, written in a shuffled order: most touch
 * their neighbours, every third leaves a gap.  This is what makedumpfile
 * writes (headers, bitmaps, page descriptors and pages, each once), and
 * the index is then the sorted records themselves.
 */
static void test_disjoint_records_shuffled(void **state)
{
	enum { N = 64, LEN = 100 };
	uint8_t file[N * LEN] = { 0 }, data[LEN];
	unsigned int order[N];
	uint64_t x = 0xfeed;
	struct stream s;
	struct dump_reader *f;
	struct ksd_error *err;

	(void)state;
	for (unsigned int i = 0; i < N; i++)
		order[i] = i;
	for (unsigned int i = N - 1; i > 0; i--) {
		unsigned int j = (unsigned int)(rnd(&x) % (i + 1)), t = order[i];

		order[i] = order[j];
		order[j] = t;
	}
	start(&s);
	for (unsigned int i = 0; i < N; i++) {
		unsigned int k = order[i];
		/* The last slot is whole, so the file ends where it does. */
		uint64_t len = k % 3 == 0 && k != N - 1 ? LEN / 2 : LEN;

		memset(data, (int)(k + 1), sizeof(data));
		record(&s, (uint64_t)k * LEN, data, len);
		replay(file, (uint64_t)k * LEN, data, len);
	}
	finish(&s);
	f = open_flat(&s, &err);
	assert_null(err);
	check_equal(f, file, sizeof(file));
	reader_destroy(f);
	free(s.p);
}

static void expect_error(struct stream *s, const char *text)
{
	struct dump_reader *f;
	struct ksd_error *err;

	f = open_flat(s, &err);
	assert_null(f);
	assert_non_null(err);
	if (!strstr(err->message, text))
		fail_msg("'%s' lacks '%s'", err->message, text);
	ksd_error_destroy(err);
	free(s->p);
}

static void test_truncated(void **state)
{
	uint8_t a[100] = { 1 };
	struct stream s;

	(void)state;
	start(&s);
	record(&s, 0, a, sizeof(a));
	expect_error(&s, "after 1 records, without its end marker: the stream is truncated");

	start(&s);
	record(&s, 0, a, sizeof(a));
	s.len -= 10;
	expect_error(&s, "flattened record 0 at stream offset 0x1000 holds 100 bytes but the stream ends 90 bytes later");
}

static void test_bad_records(void **state)
{
	uint8_t a[8] = { 1 };
	struct stream s;

	(void)state;
	start(&s);
	record(&s, 0, a, sizeof(a));
	record(&s, (uint64_t)-2, a, sizeof(a));
	finish(&s);
	expect_error(&s, "flattened record 1 at stream offset 0x1018 has an invalid header {offset -2, size 8}: a negative offset");

	start(&s);
	record(&s, INT64_MAX - 4, a, sizeof(a));
	finish(&s);
	expect_error(&s, "flattened record 0 at stream offset 0x1000 has an invalid header {offset 9223372036854775803, size 8}: its data would end past 2^63");

	start(&s);
	ksd_store64(s.p + 16, 7, true);
	finish(&s);
	expect_error(&s, "flattened header type is 7, expected 1");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_overlaps_and_gaps),
		cmocka_unit_test(test_random_replay),
		cmocka_unit_test(test_disjoint_records_shuffled),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_bad_records),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
