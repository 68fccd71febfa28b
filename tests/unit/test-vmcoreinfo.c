// SPDX-License-Identifier: GPL-2.0-or-later
/* lib/kernel/vmcoreinfo: parsing the text and the typed lookups. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "kernel/vmcoreinfo.h"
#include "util/limits.h"
#include "check-error.h"

/*
 * Shaped like an arm64 6.x kernel's text: each macro in its own radix,
 * and CRASHTIME last without a newline, as old kernels appended it.
 */
static const char sample[] =
	"OSRELEASE=6.12.0-arm64\n"
	"BUILD-ID=0123456789abcdef0123456789abcdef01234567\n"
	"PAGESIZE=4096\n"
	"SYMBOL(_stext)=ffff800080010000\n"
	"SYMBOL(swapper_pg_dir)=ffff8000824a1000\n"
	"SIZE(page)=64\n"
	"OFFSET(page.flags)=0\n"
	"OFFSET(list_head.next)=8\n"
	"NUMBER(PAGE_BUDDY_MAPCOUNT_VALUE)=-129\n"
	"NUMBER(VA_BITS)=48\n"
	"NUMBER(kimage_voffset)=0xffff7fff00000000\n"
	"NUMBER(PHYS_OFFSET)=0xffffda8680000000\n"
	"KERNELOFFSET=7c0000\n"
	"CRASHTIME=1764083000";

static struct ksd_vmcoreinfo *parse(const char *text, size_t len)
{
	struct ksd_vmcoreinfo *vi = NULL;

	check_ok(ksd_vmcoreinfo_parse(text, len, &vi));
	assert_non_null(vi);
	return vi;
}

static uint64_t get(struct ksd_error *(*fn)(const struct ksd_vmcoreinfo *,
					    const char *, uint64_t *),
		    const struct ksd_vmcoreinfo *vi, const char *name)
{
	uint64_t v = 0xdeadbeef;

	check_ok(fn(vi, name, &v));
	return v;
}

static void test_symbol_is_hex_without_prefix(void **state)
{
	struct ksd_vmcoreinfo *vi = parse(sample, strlen(sample));

	(void)state;
	assert_int_equal(get(ksd_vmcoreinfo_symbol, vi, "_stext"),
			 0xffff800080010000);
	assert_int_equal(get(ksd_vmcoreinfo_symbol, vi, "swapper_pg_dir"),
			 0xffff8000824a1000);
	assert_int_equal(get(ksd_vmcoreinfo_hex, vi, "KERNELOFFSET"),
			 0x7c0000);
	ksd_vmcoreinfo_destroy(vi);
}

static void test_number_hex_and_negative(void **state)
{
	struct ksd_vmcoreinfo *vi = parse(sample, strlen(sample));

	(void)state;
	assert_int_equal(get(ksd_vmcoreinfo_number, vi, "VA_BITS"), 48);
	assert_int_equal(get(ksd_vmcoreinfo_number, vi, "kimage_voffset"),
			 0xffff7fff00000000);
	assert_int_equal(get(ksd_vmcoreinfo_number, vi,
			     "PAGE_BUDDY_MAPCOUNT_VALUE"),
			 (uint64_t)-129);
	ksd_vmcoreinfo_destroy(vi);
}

/*
 * PHYS_OFFSET is memstart_addr, "negative" on some machines: it must come
 * back bit for bit whether printed in hex or as signed decimal.
 */
static void test_negative_phys_offset_round_trips(void **state)
{
	static const char dec[] = "NUMBER(PHYS_OFFSET)=-41203768754176\n";
	struct ksd_vmcoreinfo *vi = parse(sample, strlen(sample));

	(void)state;
	assert_int_equal(get(ksd_vmcoreinfo_number, vi, "PHYS_OFFSET"),
			 0xffffda8680000000);
	ksd_vmcoreinfo_destroy(vi);
	vi = parse(dec, strlen(dec));
	assert_int_equal(get(ksd_vmcoreinfo_number, vi, "PHYS_OFFSET"),
			 0xffffda8680000000);
	ksd_vmcoreinfo_destroy(vi);
}

static void test_size_offset_decimal(void **state)
{
	static const char hexy[] = "SIZE(page)=0x40\nOFFSET(page.lru)=1a\n";
	struct ksd_vmcoreinfo *vi = parse(sample, strlen(sample));

	(void)state;
	assert_int_equal(get(ksd_vmcoreinfo_size, vi, "page"), 64);
	assert_int_equal(get(ksd_vmcoreinfo_offset, vi, "page.flags"), 0);
	assert_int_equal(get(ksd_vmcoreinfo_offset, vi, "list_head.next"), 8);
	assert_int_equal(get(ksd_vmcoreinfo_decimal, vi, "PAGESIZE"), 4096);
	ksd_vmcoreinfo_destroy(vi);

	/* These are decimal macros: hex there is damage, not a number. */
	vi = parse(hexy, strlen(hexy));
	check_err(ksd_vmcoreinfo_size(vi, "page", &(uint64_t){ 0 }),
		  KSD_ERR_CORRUPT, "SIZE(page)=0x40", "not a decimal number");
	check_err(ksd_vmcoreinfo_offset(vi, "page.lru", &(uint64_t){ 0 }),
		  KSD_ERR_CORRUPT, "OFFSET(page.lru)=1a", "decimal");
	ksd_vmcoreinfo_destroy(vi);
}

static void test_last_line_without_newline(void **state)
{
	struct ksd_vmcoreinfo *vi = parse(sample, strlen(sample));
	const char *key, *value;

	(void)state;
	assert_int_equal(get(ksd_vmcoreinfo_decimal, vi, "CRASHTIME"),
			 1764083000);
	assert_string_equal(ksd_vmcoreinfo_get(vi, "OSRELEASE"),
			    "6.12.0-arm64");
	/* Every line is an entry, in text order. */
	assert_int_equal(ksd_vmcoreinfo_count(vi), 14);
	ksd_vmcoreinfo_entry(vi, 0, &key, &value);
	assert_string_equal(key, "OSRELEASE");
	assert_string_equal(value, "6.12.0-arm64");
	ksd_vmcoreinfo_entry(vi, 13, &key, &value);
	assert_string_equal(key, "CRASHTIME");
	assert_string_equal(value, "1764083000");
	ksd_vmcoreinfo_destroy(vi);
}

static void test_crlf(void **state)
{
	static const char text[] =
		"OSRELEASE=6.1.0\r\nSYMBOL(_stext)=ffff800008000000\r\n"
		"PAGESIZE=65536\r\n";
	struct ksd_vmcoreinfo *vi = parse(text, strlen(text));

	(void)state;
	assert_string_equal(ksd_vmcoreinfo_get(vi, "OSRELEASE"), "6.1.0");
	assert_int_equal(get(ksd_vmcoreinfo_symbol, vi, "_stext"),
			 0xffff800008000000);
	assert_int_equal(get(ksd_vmcoreinfo_decimal, vi, "PAGESIZE"), 65536);
	assert_int_equal(ksd_vmcoreinfo_count(vi), 3);
	ksd_vmcoreinfo_destroy(vi);
}

/* The note descriptor is padded with NULs; nothing after the first counts. */
static void test_nul_padding_ends_text(void **state)
{
	static const char text[] = "PAGESIZE=4096\nSIZE(page)=64\n\0\0\0"
				   "SIZE(page)=99\nSYMBOL(late)=1\n\0";
	struct ksd_vmcoreinfo *vi = parse(text, sizeof(text));

	(void)state;
	assert_int_equal(ksd_vmcoreinfo_count(vi), 2);
	assert_int_equal(get(ksd_vmcoreinfo_size, vi, "page"), 64);
	assert_null(ksd_vmcoreinfo_get(vi, "SYMBOL(late)"));
	ksd_vmcoreinfo_destroy(vi);
}

static void test_duplicate_key_last_wins(void **state)
{
	static const char text[] =
		"SIZE(page)=56\nPAGESIZE=4096\nSIZE(page)=64\n";
	struct ksd_vmcoreinfo *vi = parse(text, strlen(text));

	(void)state;
	assert_int_equal(get(ksd_vmcoreinfo_size, vi, "page"), 64);
	assert_string_equal(ksd_vmcoreinfo_get(vi, "SIZE(page)"), "64");
	ksd_vmcoreinfo_destroy(vi);
}

/* Lines without '=' or with an empty key are skipped, not fatal. */
static void test_junk_lines_skipped(void **state)
{
	static const char text[] =
		"\n\nno equals sign here\n=orphan\nCONFIG_KALLSYMS=y\nEMPTY=\n";
	struct ksd_vmcoreinfo *vi = parse(text, strlen(text));

	(void)state;
	assert_int_equal(ksd_vmcoreinfo_count(vi), 2);
	assert_string_equal(ksd_vmcoreinfo_get(vi, "CONFIG_KALLSYMS"), "y");
	assert_string_equal(ksd_vmcoreinfo_get(vi, "EMPTY"), "");
	assert_null(ksd_vmcoreinfo_get(vi, ""));
	ksd_vmcoreinfo_destroy(vi);
}

static void test_missing_key_not_found(void **state)
{
	struct ksd_vmcoreinfo *vi = parse(sample, strlen(sample));
	uint64_t v = 7;

	(void)state;
	check_err(ksd_vmcoreinfo_symbol(vi, "crash_notes", &v),
		  KSD_ERR_NOT_FOUND, "VMCOREINFO has no SYMBOL(crash_notes)");
	/* The macro is part of the key: _stext is not a NUMBER. */
	check_err(ksd_vmcoreinfo_number(vi, "_stext", &v),
		  KSD_ERR_NOT_FOUND, "NUMBER(_stext)");
	check_err(ksd_vmcoreinfo_decimal(vi, "PAGE_SIZE", &v),
		  KSD_ERR_NOT_FOUND, "no PAGE_SIZE");
	assert_null(ksd_vmcoreinfo_get(vi, "SYMBOL(crash_notes)"));
	/* The out-parameter is written only on success. */
	assert_int_equal(v, 7);
	ksd_vmcoreinfo_destroy(vi);
}

static void test_garbage_value_corrupt(void **state)
{
	static const char text[] =
		"SYMBOL(bad)=xyz\n"
		"SYMBOL(gap)=ffff 0000\n"
		"NUMBER(tail)=12abc\n"
		"NUMBER(dash)=-\n"
		"NUMBER(twice)=--5\n"
		"SIZE(empty)=\n"
		"SIZE(plus)=+5\n"
		"SIZE(space)= 5\n"
		"SIZE(huge)=99999999999999999999999\n";
	struct ksd_vmcoreinfo *vi = parse(text, strlen(text));
	uint64_t v = 7;

	(void)state;
	check_err(ksd_vmcoreinfo_symbol(vi, "bad", &v), KSD_ERR_CORRUPT,
		  "VMCOREINFO SYMBOL(bad)=xyz", "not a hexadecimal number");
	check_err(ksd_vmcoreinfo_symbol(vi, "gap", &v), KSD_ERR_CORRUPT,
		  "SYMBOL(gap)=ffff 0000");
	check_err(ksd_vmcoreinfo_number(vi, "tail", &v), KSD_ERR_CORRUPT,
		  "NUMBER(tail)=12abc");
	check_err(ksd_vmcoreinfo_number(vi, "dash", &v), KSD_ERR_CORRUPT,
		  "NUMBER(dash)=-");
	check_err(ksd_vmcoreinfo_number(vi, "twice", &v), KSD_ERR_CORRUPT,
		  "NUMBER(twice)=--5");
	check_err(ksd_vmcoreinfo_size(vi, "empty", &v), KSD_ERR_CORRUPT,
		  "SIZE(empty)=", "decimal");
	check_err(ksd_vmcoreinfo_size(vi, "plus", &v), KSD_ERR_CORRUPT,
		  "SIZE(plus)=+5");
	check_err(ksd_vmcoreinfo_size(vi, "space", &v), KSD_ERR_CORRUPT,
		  "SIZE(space)= 5");
	check_err(ksd_vmcoreinfo_size(vi, "huge", &v), KSD_ERR_CORRUPT,
		  "SIZE(huge)=99999999999999999999999");
	assert_int_equal(v, 7);
	ksd_vmcoreinfo_destroy(vi);
}

/* VMCOREINFO is at most a page; a larger "note" is refused up front. */
static void test_length_limit(void **state)
{
	size_t max = KSD_MAX_VMCOREINFO_BYTES;
	char *text = malloc(max + 1);
	struct ksd_vmcoreinfo *vi = (struct ksd_vmcoreinfo *)0x1;

	(void)state;
	assert_non_null(text);
	memset(text, '\n', max + 1);
	memcpy(text, "PAGESIZE=4096\n", 14);
	check_err(ksd_vmcoreinfo_parse(text, max + 1, &vi), KSD_ERR_LIMIT,
		  "65537 bytes", "KSD_MAX_VMCOREINFO_BYTES");
	assert_ptr_equal(vi, (struct ksd_vmcoreinfo *)0x1);
	/* Exactly at the limit is fine. */
	vi = parse(text, max);
	assert_int_equal(get(ksd_vmcoreinfo_decimal, vi, "PAGESIZE"), 4096);
	ksd_vmcoreinfo_destroy(vi);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_symbol_is_hex_without_prefix),
		cmocka_unit_test(test_number_hex_and_negative),
		cmocka_unit_test(test_negative_phys_offset_round_trips),
		cmocka_unit_test(test_size_offset_decimal),
		cmocka_unit_test(test_last_line_without_newline),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_nul_padding_ends_text),
		cmocka_unit_test(test_duplicate_key_last_wins),
		cmocka_unit_test(test_junk_lines_skipped),
		cmocka_unit_test(test_missing_key_not_found),
		cmocka_unit_test(test_garbage_value_corrupt),
		cmocka_unit_test(test_length_limit),
	};

	return cmocka_run_group_tests_name("vmcoreinfo", tests, NULL, NULL);
}
