// SPDX-License-Identifier: GPL-2.0-or-later
/* lib/dump/notes: iterating ELF note buffers, well-formed and hostile. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "dump/notes.h"
#include "check-error.h"

/*
 * The note layout is written here byte by byte from the ELF spec, not
 * with lib/ helpers, so a wrong reader cannot agree with itself.
 */
static void put32(uint8_t *p, uint32_t v, bool big)
{
	for (int i = 0; i < 4; i++)
		p[big ? 3 - i : i] = (uint8_t)(v >> (8 * i));
}

static size_t pad4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

/*
 * Append a note at *@pos: header {namesz, descsz, type}, @name_bytes bytes
 * of @name, zero padding, @desc, zero padding.  @namesz is written as
 * given so tests can lie about it.
 */
static void put_note(uint8_t *buf, size_t *pos, bool big, uint32_t namesz,
		     const char *name, size_t name_bytes, uint32_t type,
		     const void *desc, uint32_t descsz)
{
	uint8_t *p = buf + *pos;

	put32(p, namesz, big);
	put32(p + 4, descsz, big);
	put32(p + 8, type, big);
	memset(p + 12, 0, pad4(name_bytes));
	memcpy(p + 12, name, name_bytes);
	p += 12 + pad4(name_bytes);
	memset(p, 0, pad4(descsz));
	if (descsz)
		memcpy(p, desc, descsz);
	*pos += 12 + pad4(name_bytes) + pad4(descsz);
}

static void next_ok(struct ksd_note_iter *it, struct ksd_note *n)
{
	bool end = true;

	check_ok(ksd_note_next(it, n, &end));
	assert_false(end);
}

static void next_end(struct ksd_note_iter *it)
{
	struct ksd_note n;
	bool end = false;

	check_ok(ksd_note_next(it, &n, &end));
	assert_true(end);
}

/*
 * "CORE" (namesz 5, padded to 8) with a 6-byte descriptor (padded to 8),
 * "VMCOREINFO" (namesz 11, padded to 12) with 3 bytes (padded to 4), and
 * the all-zero terminator the kernel's final_note() writes.
 */
static void two_notes(bool big)
{
	static const uint8_t core_desc[6] = { 1, 2, 3, 4, 5, 6 };
	uint8_t buf[128];
	struct ksd_note_iter it;
	struct ksd_note n;
	size_t len = 0;

	memset(buf, 0, sizeof(buf));
	put_note(buf, &len, big, 5, "CORE", 5, 1, core_desc, 6);
	put_note(buf, &len, big, 11, "VMCOREINFO", 11, 0, "A=1", 3);
	len += 12;	/* terminator */
	assert_int_equal(len, 28 + 28 + 12);

	ksd_note_iter_init(&it, buf, len, big);
	next_ok(&it, &n);
	assert_int_equal(n.offset, 0);
	assert_int_equal(n.size, 12 + 8 + 8);
	assert_int_equal(n.name_len, 4);
	assert_memory_equal(n.name, "CORE", 4);
	assert_int_equal(n.type, 1);
	assert_ptr_equal(n.desc, buf + 20);
	assert_int_equal(n.desc_len, 6);
	assert_memory_equal(n.desc, core_desc, 6);
	assert_true(ksd_note_is(&n, "CORE", 1));

	next_ok(&it, &n);
	assert_int_equal(n.offset, 28);
	assert_int_equal(n.size, 12 + 12 + 4);
	assert_int_equal(n.name_len, 10);
	assert_memory_equal(n.name, "VMCOREINFO", 10);
	assert_int_equal(n.type, 0);
	assert_ptr_equal(n.desc, buf + 28 + 24);
	assert_int_equal(n.desc_len, 3);
	assert_memory_equal(n.desc, "A=1", 3);

	next_end(&it);
	/* The end is sticky: asking again does not walk past it. */
	next_end(&it);
}

static void test_two_notes_little_endian(void **state)
{
	(void)state;
	two_notes(false);
}

static void test_two_notes_big_endian(void **state)
{
	(void)state;
	two_notes(true);
}

/* A big-endian list read as little-endian has absurd sizes: corrupt. */
static void test_wrong_byte_order_is_corrupt(void **state)
{
	uint8_t buf[64];
	struct ksd_note_iter it;
	struct ksd_note n;
	size_t len = 0;
	bool end;

	(void)state;
	memset(buf, 0, sizeof(buf));
	put_note(buf, &len, true, 5, "CORE", 5, 1, "abcd", 4);
	ksd_note_iter_init(&it, buf, len, false);
	check_err(ksd_note_next(&it, &n, &end), KSD_ERR_CORRUPT,
		  "note at offset 0x0", "83886080 bytes", "overrun");
}

static void test_name_without_nul(void **state)
{
	uint8_t buf[64];
	struct ksd_note_iter it;
	struct ksd_note n;
	size_t len = 0;

	(void)state;
	memset(buf, 0, sizeof(buf));
	/* n_namesz 4 counts no NUL: the whole name is "CORE". */
	put_note(buf, &len, false, 4, "CORE", 4, 1, "abcd", 4);
	/* n_namesz 8 with the NUL early: the name stops at it. */
	put_note(buf, &len, false, 8, "AB\0\0XYZ", 8, 7, NULL, 0);
	ksd_note_iter_init(&it, buf, len, false);

	next_ok(&it, &n);
	assert_int_equal(n.name_len, 4);
	assert_int_equal(n.size, 12 + 4 + 4);
	assert_true(ksd_note_is(&n, "CORE", 1));
	assert_memory_equal(n.desc, "abcd", 4);

	next_ok(&it, &n);
	assert_int_equal(n.offset, 20);
	assert_int_equal(n.name_len, 2);
	assert_true(ksd_note_is(&n, "AB", 7));
	assert_int_equal(n.desc_len, 0);
	assert_int_equal(n.size, 12 + 8);
	/* The buffer ends exactly after the last note. */
	next_end(&it);
}

/* Bytes after the terminator are never looked at. */
static void test_zero_header_ends_list(void **state)
{
	uint8_t buf[64];
	struct ksd_note_iter it;
	struct ksd_note n;
	size_t len = 0;

	(void)state;
	memset(buf, 0xff, sizeof(buf));
	put_note(buf, &len, true, 5, "CORE", 5, 1, "abcd", 4);
	memset(buf + len, 0, 12);
	ksd_note_iter_init(&it, buf, sizeof(buf), true);
	next_ok(&it, &n);
	next_end(&it);
	/* An empty buffer is an empty list. */
	ksd_note_iter_init(&it, buf, 0, true);
	next_end(&it);
}

/* The PT_NOTE may end in padding shorter than a header. */
static void test_short_zero_padding_ends_list(void **state)
{
	uint8_t buf[64];
	struct ksd_note_iter it;
	struct ksd_note n;
	size_t len = 0;

	(void)state;
	memset(buf, 0, sizeof(buf));
	put_note(buf, &len, false, 5, "CORE", 5, 1, "abcd", 4);
	ksd_note_iter_init(&it, buf, len + 11, false);
	next_ok(&it, &n);
	next_end(&it);
}

static void test_partial_header_is_corrupt(void **state)
{
	uint8_t buf[64];
	struct ksd_note_iter it;
	struct ksd_note n;
	size_t len = 0;
	bool end;

	(void)state;
	memset(buf, 0, sizeof(buf));
	put_note(buf, &len, false, 5, "CORE", 5, 1, "abcd", 4);
	assert_int_equal(len, 24);
	buf[len + 2] = 0x01;
	ksd_note_iter_init(&it, buf, len + 5, false);
	next_ok(&it, &n);
	check_err(ksd_note_next(&it, &n, &end), KSD_ERR_CORRUPT,
		  "note at offset 0x18", "header truncated", "5 of 12 bytes");
}

static void test_overrunning_note_is_corrupt(void **state)
{
	static const uint8_t desc[16];
	uint8_t buf[128];
	struct ksd_note_iter it;
	struct ksd_note n;
	size_t len = 0;
	bool end;

	(void)state;
	memset(buf, 0, sizeof(buf));
	put_note(buf, &len, true, 5, "CORE", 5, 1, desc, 16);
	put_note(buf, &len, true, 5, "CORE", 5, 1, desc, 16);
	/* Cut the second note's descriptor short by one padded word. */
	ksd_note_iter_init(&it, buf, len - 4, true);
	next_ok(&it, &n);
	check_err(ksd_note_next(&it, &n, &end), KSD_ERR_CORRUPT,
		  "note at offset 0x24", "name (5 bytes)",
		  "descriptor (16 bytes)", "32 bytes left");
}

/*
 * Sizes near 2^32 must not wrap when padded: in 32-bit arithmetic
 * pad4(0xfffffffd) is 0, which would pass a 12-byte note off as whole
 * and hand out a name of four billion bytes.
 */
static void huge(uint32_t namesz, uint32_t descsz, const char *frag)
{
	uint8_t buf[32];
	struct ksd_note_iter it;
	struct ksd_note n;
	bool end;

	memset(buf, 0, sizeof(buf));
	put32(buf, namesz, false);
	put32(buf + 4, descsz, false);
	put32(buf + 8, 1, false);
	ksd_note_iter_init(&it, buf, sizeof(buf), false);
	check_err(ksd_note_next(&it, &n, &end), KSD_ERR_CORRUPT,
		  "note at offset 0x0", frag, "overrun");
}

static void test_huge_sizes_do_not_overflow(void **state)
{
	(void)state;
	huge(0xffffffff, 0, "name (4294967295 bytes)");
	huge(0xfffffffd, 0, "name (4294967293 bytes)");
	huge(4, 0xffffffff, "descriptor (4294967295 bytes)");
	huge(0xfffffffd, 0xfffffffd, "descriptor (4294967293 bytes)");
}

static void test_note_is(void **state)
{
	uint8_t buf[64];
	struct ksd_note_iter it;
	struct ksd_note n;
	size_t len = 0;

	(void)state;
	memset(buf, 0, sizeof(buf));
	put_note(buf, &len, false, 11, "VMCOREINFO", 11, 0, "X=1\n", 4);
	ksd_note_iter_init(&it, buf, len, false);
	next_ok(&it, &n);
	assert_true(ksd_note_is(&n, "VMCOREINFO", 0));
	assert_false(ksd_note_is(&n, "VMCOREINFO", 1));
	assert_false(ksd_note_is(&n, "VMCOREINF", 0));
	assert_false(ksd_note_is(&n, "VMCOREINFO_XEN", 0));
	assert_false(ksd_note_is(&n, "vmcoreinfo", 0));
	assert_false(ksd_note_is(&n, "", 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_two_notes_little_endian),
		cmocka_unit_test(test_two_notes_big_endian),
		cmocka_unit_test(test_wrong_byte_order_is_corrupt),
		cmocka_unit_test(test_name_without_nul),
		cmocka_unit_test(test_zero_header_ends_list),
		cmocka_unit_test(test_short_zero_padding_ends_list),
		cmocka_unit_test(test_partial_header_is_corrupt),
		cmocka_unit_test(test_overrunning_note_is_corrupt),
		cmocka_unit_test(test_huge_sizes_do_not_overflow),
		cmocka_unit_test(test_note_is),
	};

	return cmocka_run_group_tests_name("notes", tests, NULL, NULL);
}
