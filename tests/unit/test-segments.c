// SPDX-License-Identifier: GPL-2.0-or-later
/* lib/dump/segments: the physical address map built from PT_LOADs. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "dump/segments.h"
#include "check-error.h"

static void add(struct segmap *map, uint64_t start, uint64_t len,
		uint64_t file_off, bool excluded)
{
	check_ok(segmap_add(map, start, len, file_off, excluded));
}

/*
 * Assert that @addr is data and lives at file offset @file_off, which is
 * what a reader computes from the range found.
 */
static void expect_data(const struct segmap *map, uint64_t addr,
			uint64_t file_off, uint64_t next_data)
{
	const struct seg *s, *excl = NULL;
	uint64_t next = 0;

	s = segmap_find(map, addr, &excl, &next);
	if (!s)
		fail_msg("0x%llx: expected data, found none",
			 (unsigned long long)addr);
	assert_true(s->start <= addr && addr < s->end);
	assert_int_equal(s->file_off + (addr - s->start), file_off);
	assert_null(excl);
	assert_int_equal(next, next_data);
}

static void expect_excluded(const struct segmap *map, uint64_t addr,
			    uint64_t excl_end, uint64_t next_data)
{
	const struct seg *s, *excl = NULL;
	uint64_t next = 0;

	s = segmap_find(map, addr, &excl, &next);
	assert_null(s);
	if (!excl)
		fail_msg("0x%llx: expected an excluded range, found none",
			 (unsigned long long)addr);
	assert_true(excl->start <= addr && addr < excl->end);
	assert_int_equal(excl->end, excl_end);
	assert_int_equal(next, next_data);
}

static void expect_absent(const struct segmap *map, uint64_t addr,
			  uint64_t next_data)
{
	const struct seg *s, *excl = (const struct seg *)1;
	uint64_t next = 0;

	s = segmap_find(map, addr, &excl, &next);
	assert_null(s);
	assert_null(excl);
	assert_int_equal(next, next_data);
}

static void test_empty_map(void **state)
{
	struct segmap map = { 0 };

	(void)state;
	expect_absent(&map, 0, UINT64_MAX);
	segmap_finish(&map);
	expect_absent(&map, 0, UINT64_MAX);
	expect_absent(&map, UINT64_MAX, UINT64_MAX);
	/* A zero-length range adds nothing. */
	add(&map, 0x1000, 0, 0x10, false);
	add(&map, 0x1000, 0, 0, true);
	segmap_finish(&map);
	assert_int_equal(map.ndata, 0);
	assert_int_equal(map.nexcl, 0);
	expect_absent(&map, 0x1000, UINT64_MAX);
	segmap_release(&map);
	segmap_release(&map);
}

static void test_single_range_bounds(void **state)
{
	struct segmap map = { 0 };

	(void)state;
	add(&map, 0x1000, 0x1000, 0x200, false);
	segmap_finish(&map);
	expect_absent(&map, 0xfff, 0x1000);
	expect_data(&map, 0x1000, 0x200, UINT64_MAX);
	expect_data(&map, 0x1800, 0xa00, UINT64_MAX);
	expect_data(&map, 0x1fff, 0x11ff, UINT64_MAX);
	/* The end is exclusive. */
	expect_absent(&map, 0x2000, UINT64_MAX);
	segmap_release(&map);
}

/*
 * The kernel-text PT_LOAD comes first in a vmcore and lies inside a RAM
 * PT_LOAD, at another file offset; either copy is right, but the offset
 * must be the one of the range that answers.
 */
static void test_kernel_text_inside_ram(void **state)
{
	struct segmap map = { 0 };

	(void)state;
	add(&map, 0x40210000, 0x2000000, 0x5000, false);	/* text */
	add(&map, 0x40000000, 0x40000000, 0x10000, false);	/* RAM */
	add(&map, 0x90000000, 0x1000, 0x40010000, false);	/* RAM 2 */
	segmap_finish(&map);
	assert_int_equal(map.ndata, 2);
	expect_data(&map, 0x40000000, 0x10000, 0x90000000);
	expect_data(&map, 0x40210000, 0x10000 + 0x210000, 0x90000000);
	expect_data(&map, 0x42210000, 0x10000 + 0x2210000, 0x90000000);
	expect_data(&map, 0x7fffffff, 0x10000 + 0x3fffffff, 0x90000000);
	expect_absent(&map, 0x80000000, 0x90000000);
	expect_data(&map, 0x90000fff, 0x40010fff, UINT64_MAX);
	segmap_release(&map);
}

/* A range that starts inside another keeps only its tail, re-based. */
static void test_partial_overlap_clips_offset(void **state)
{
	struct segmap map = { 0 };

	(void)state;
	add(&map, 0x2000, 0x3000, 0x9000, false);	/* [0x2000, 0x5000) */
	add(&map, 0x1000, 0x2000, 0x100, false);	/* [0x1000, 0x3000) */
	segmap_finish(&map);
	assert_int_equal(map.ndata, 2);
	expect_data(&map, 0x1000, 0x100, 0x3000);
	expect_data(&map, 0x2800, 0x1900, 0x3000);
	expect_data(&map, 0x2fff, 0x20ff, 0x3000);
	expect_data(&map, 0x3000, 0xa000, UINT64_MAX);
	expect_data(&map, 0x4fff, 0xbfff, UINT64_MAX);
	expect_absent(&map, 0x5000, UINT64_MAX);
	segmap_release(&map);
}

/* Of two ranges starting together the longer is kept whole. */
static void test_same_start_longer_wins(void **state)
{
	struct segmap map = { 0 };

	(void)state;
	add(&map, 0x1000, 0x1000, 0x0, false);
	add(&map, 0x1000, 0x3000, 0x8000, false);
	segmap_finish(&map);
	assert_int_equal(map.ndata, 1);
	expect_data(&map, 0x1800, 0x8800, UINT64_MAX);
	expect_data(&map, 0x3fff, 0xafff, UINT64_MAX);
	segmap_release(&map);
}

static void test_adjacent_ranges_stay_apart(void **state)
{
	struct segmap map = { 0 };

	(void)state;
	add(&map, 0x2000, 0x1000, 0x7000, false);
	add(&map, 0x1000, 0x1000, 0x3000, false);
	segmap_finish(&map);
	assert_int_equal(map.ndata, 2);
	expect_data(&map, 0x1fff, 0x3fff, 0x2000);
	expect_data(&map, 0x2000, 0x7000, UINT64_MAX);
	segmap_release(&map);
}

/*
 * An excluded range overlapped by data (a makedumpfile tail next to a
 * kernel-text copy): data answers, and next_data tells a reader where
 * the zeros stop.
 */
static void test_data_wins_over_excluded(void **state)
{
	struct segmap map = { 0 };

	(void)state;
	add(&map, 0x0, 0x10000, 0, true);
	add(&map, 0x4000, 0x1000, 0x100, false);
	segmap_finish(&map);
	expect_excluded(&map, 0x0, 0x10000, 0x4000);
	expect_excluded(&map, 0x3fff, 0x10000, 0x4000);
	expect_data(&map, 0x4000, 0x100, UINT64_MAX);
	expect_data(&map, 0x4fff, 0x10ff, UINT64_MAX);
	expect_excluded(&map, 0x5000, 0x10000, UINT64_MAX);
	expect_absent(&map, 0x10000, UINT64_MAX);
	segmap_release(&map);
}

/* Overlapping excluded ranges collapse as data ranges do. */
static void test_excluded_overlaps(void **state)
{
	struct segmap map = { 0 };

	(void)state;
	add(&map, 0x3000, 0x2000, 0, true);	/* [0x3000, 0x5000) */
	add(&map, 0x1000, 0x1000, 0, true);	/* [0x1000, 0x2000) */
	add(&map, 0x1800, 0x2000, 0, true);	/* [0x1800, 0x3800) */
	segmap_finish(&map);
	assert_int_equal(map.nexcl, 3);
	expect_excluded(&map, 0x1000, 0x2000, UINT64_MAX);
	expect_excluded(&map, 0x2000, 0x3800, UINT64_MAX);
	expect_excluded(&map, 0x3800, 0x5000, UINT64_MAX);
	expect_absent(&map, 0x5000, UINT64_MAX);
	segmap_release(&map);
}

/* Gaps between ranges: neither data nor excluded, with the next data. */
static void test_gaps_and_next_data(void **state)
{
	struct segmap map = { 0 };

	(void)state;
	add(&map, 0x9000, 0x1000, 0x3000, false);
	add(&map, 0x1000, 0x1000, 0x1000, false);
	add(&map, 0x2000, 0x1000, 0, true);	/* excluded tail of 0x1000 */
	add(&map, 0x5000, 0x1000, 0x2000, false);
	segmap_finish(&map);
	expect_absent(&map, 0x0, 0x1000);
	expect_data(&map, 0x1000, 0x1000, 0x5000);
	expect_excluded(&map, 0x2800, 0x3000, 0x5000);
	expect_absent(&map, 0x3000, 0x5000);
	expect_absent(&map, 0x4fff, 0x5000);
	expect_data(&map, 0x5000, 0x2000, 0x9000);
	expect_absent(&map, 0x6000, 0x9000);
	expect_data(&map, 0x9fff, 0x3fff, UINT64_MAX);
	expect_absent(&map, 0xa000, UINT64_MAX);
	expect_absent(&map, UINT64_MAX, UINT64_MAX);
	segmap_release(&map);
}

/* Many ranges, added in reverse, past the first growth of the arrays. */
static void test_many_ranges_sorted(void **state)
{
	struct segmap map = { 0 };

	(void)state;
	for (uint64_t i = 100; i-- > 0;)
		add(&map, 0x100000 * i, 0x80000, 0x1000 * i, false);
	segmap_finish(&map);
	assert_int_equal(map.ndata, 100);
	for (uint64_t i = 0; i < 100; i++) {
		uint64_t next = i < 99 ? 0x100000 * (i + 1) : UINT64_MAX;

		expect_data(&map, 0x100000 * i + 0x7fff0, 0x1000 * i + 0x7fff0,
			    next);
		expect_absent(&map, 0x100000 * i + 0x80000, next);
	}
	segmap_release(&map);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_map),
		cmocka_unit_test(test_single_range_bounds),
		cmocka_unit_test(test_kernel_text_inside_ram),
		cmocka_unit_test(test_partial_overlap_clips_offset),
		cmocka_unit_test(test_same_start_longer_wins),
		cmocka_unit_test(test_adjacent_ranges_stay_apart),
		cmocka_unit_test(test_data_wins_over_excluded),
		cmocka_unit_test(test_excluded_overlaps),
		cmocka_unit_test(test_gaps_and_next_data),
		cmocka_unit_test(test_many_ranges_sorted),
	};

	return cmocka_run_group_tests_name("segments", tests, NULL, NULL);
}
