// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * lib/kernel/kallsyms.c with tables built by hand in a memory image read
 * through the callback: every address encoding, both name-length forms,
 * and every way a table can be hostile (counts, token indices, names
 * that never end, names too long or empty, unreadable memory).
 *
 * The tables are kept simple on purpose: each byte is its own token
 * except a few multi-character ones, so the expected names are obvious.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "kernel/kallsyms.h"
#include "check-error.h"

/* The image: a buffer mapped at BASE, readable up to @readable bytes. */
#define BASE 0xffff800080000000ull
#define SIZE (1u << 20)

struct image {
	uint8_t *b;
	size_t readable;
	size_t hole_lo, hole_hi;	/* an unreadable range inside */
	bool big;
};

static struct image img;

static struct ksd_error *read_virt(void *arg, uint64_t va, void *buf, size_t len)
{
	struct image *m = arg;

	uint64_t off = va - BASE;

	if (va < BASE || off > m->readable || m->readable - off < len ||
	    (off < m->hole_hi && off + len > m->hole_lo))
		return ksd_error_create(KSD_ERR_NOT_PRESENT,
					"0x%llx is not in the dump", (unsigned long long)va);
	memcpy(buf, m->b + (va - BASE), len);
	return NULL;
}

static void put(uint64_t off, uint64_t v, int size)
{
	for (int i = 0; i < size; i++)
		img.b[off + (img.big ? (unsigned int)(size - 1 - i) : (unsigned int)i)] =
			(uint8_t)(v >> (8 * i));
}

/* Where the tables go inside the image. */
enum {
	O_NUM = 0x1000, O_NAMES = 0x1008, O_TT = 0x9000, O_TI = 0xa000,
	O_OFF = 0xa200, O_RB = 0xe000, O_ADDR = 0xe100,
	TEXT = 0x10000,		/* _text; _stext at TEXT + 0x10000 */
};

enum enc { BASE_REL, PLACE_REL, ABS_PERCPU, ABSOLUTE };

struct sym {
	const char *name;	/* type letter first */
	uint64_t addr;
};

/*
 * Tokens: code c is the character c for printable ASCII, except codes
 * 0x80.. which carry multi-character tokens, as learned tables do.
 */
static const char *const multi[] = { "_sys_", "write", "do_", "irq" };

static void write_tokens(void)
{
	size_t pos = 0;

	for (int c = 0; c < 256; c++) {
		const char *t = "";
		char one[2] = { (char)c, 0 };

		if (c >= 0x80 && c < 0x80 + 4)
			t = multi[c - 0x80];
		else if (c >= 0x20 && c < 0x7f)
			t = one;
		put(O_TI + 2 * (uint64_t)c, pos, 2);
		memcpy(img.b + O_TT + pos, t, strlen(t) + 1);
		pos += strlen(t) + 1;
	}
}

/* Encode @s greedily with the multi-character tokens. */
static size_t encode(const char *s, uint8_t *out)
{
	size_t n = 0;

	while (*s) {
		int m;

		for (m = 0; m < 4; m++)
			if (!strncmp(s, multi[m], strlen(multi[m])))
				break;
		if (m < 4) {
			out[n++] = (uint8_t)(0x80 + m);
			s += strlen(multi[m]);
		} else {
			out[n++] = (uint8_t)*s++;
		}
	}
	return n;
}

static uint64_t addr_of(uint64_t off)
{
	return BASE + off;
}

static struct ksd_vmcoreinfo *vi;
static size_t names_end;	/* offset just past the last name */

static void build(const struct sym *syms, size_t n, enum enc e)
{
	char text[2048];
	size_t pos = O_NAMES;

	memset(img.b, 0, SIZE);
	img.readable = SIZE;
	img.hole_lo = img.hole_hi = 0;
	write_tokens();
	put(O_NUM, n, 4);
	for (size_t i = 0; i < n; i++) {
		uint8_t codes[1024];
		size_t len = encode(syms[i].name, codes);

		if (len > 127) {
			img.b[pos++] = (uint8_t)((len & 0x7f) | 0x80);
			img.b[pos++] = (uint8_t)(len >> 7);
		} else {
			img.b[pos++] = (uint8_t)len;
		}
		memcpy(img.b + pos, codes, len);
		pos += len;
		switch (e) {
		case BASE_REL:
			put(O_OFF + 4 * i, syms[i].addr - addr_of(TEXT), 4);
			break;
		case PLACE_REL:
			put(O_OFF + 4 * i, syms[i].addr - addr_of(O_OFF + 4 * i), 4);
			break;
		case ABS_PERCPU:
			put(O_OFF + 4 * i, (uint64_t)(-(int64_t)(syms[i].addr - addr_of(TEXT)) - 1), 4);
			break;
		case ABSOLUTE:
			put(O_ADDR + 8 * i, syms[i].addr, 8);
			break;
		}
	}
	names_end = pos;
	put(O_RB, addr_of(TEXT), 8);
	snprintf(text, sizeof(text),
		 "OSRELEASE=6.12.0\nSYMBOL(_stext)=%llx\nSYMBOL(kallsyms_names)=%llx\n"
		 "SYMBOL(kallsyms_num_syms)=%llx\nSYMBOL(kallsyms_token_table)=%llx\n"
		 "SYMBOL(kallsyms_token_index)=%llx\n%s",
		 (unsigned long long)addr_of(TEXT + 0x10000),
		 (unsigned long long)addr_of(O_NAMES), (unsigned long long)addr_of(O_NUM),
		 (unsigned long long)addr_of(O_TT), (unsigned long long)addr_of(O_TI),
		 "");
	if (e == ABSOLUTE)
		snprintf(text + strlen(text), sizeof(text) - strlen(text),
			 "SYMBOL(kallsyms_addresses)=%llx\n",
			 (unsigned long long)addr_of(O_ADDR));
	else
		snprintf(text + strlen(text), sizeof(text) - strlen(text),
			 "SYMBOL(kallsyms_offsets)=%llx\n", (unsigned long long)addr_of(O_OFF));
	if (e == BASE_REL || e == ABS_PERCPU)
		snprintf(text + strlen(text), sizeof(text) - strlen(text),
			 "SYMBOL(kallsyms_relative_base)=%llx\n",
			 (unsigned long long)addr_of(O_RB));
	ksd_vmcoreinfo_destroy(vi);
	vi = NULL;
	check_ok(ksd_vmcoreinfo_parse(text, strlen(text), &vi));
}

static struct ksd_kmem kmem(void)
{
	return (struct ksd_kmem){ .read = read_virt, .arg = &img,
				  .big_endian = img.big, .ptr_size = 8 };
}

static int setup(void **state)
{
	(void)state;
	img.b = calloc(1, SIZE);
	img.big = false;
	return img.b ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	free(img.b);
	ksd_vmcoreinfo_destroy(vi);
	vi = NULL;
	return 0;
}

static const struct sym basic[] = {
	{ "T_text", BASE + TEXT },
	{ "T_stext", BASE + TEXT + 0x10000 },
	{ "tgic_handle_irq", BASE + TEXT + 0x10000 },
	{ "tdo_irq_write", BASE + TEXT + 0x10100 },
	{ "T__arm64_sys_write", BASE + TEXT + 0x10200 },
	{ "Dnr_cpu_ids", BASE + TEXT + 0x80000 },
	{ "B_end", BASE + TEXT + 0x90000 },
};
#define NBASIC (sizeof(basic) / sizeof(basic[0]))

static void expect_basic(struct ksd_symtab *t)
{
	assert_int_equal(ksd_symtab_count(t), NBASIC);
	for (size_t i = 0; i < NBASIC; i++) {
		const struct ksd_sym *s = ksd_symtab_by_name(t, basic[i].name + 1);

		if (!s)
			fail_msg("%s not decoded", basic[i].name + 1);
		assert_int_equal(s->addr, basic[i].addr);
		assert_int_equal(s->type, basic[i].name[0]);
	}
	ksd_symtab_destroy(t);
}

static void decode_ok(enum enc e)
{
	struct ksd_kmem m = kmem();
	struct ksd_symtab *t = NULL;

	build(basic, NBASIC, e);
	check_ok(ksd_kallsyms_load(&m, vi, &t));
	expect_basic(t);
}

static void test_base_relative(void **state)
{
	(void)state;
	decode_ok(BASE_REL);
}

static void test_place_relative(void **state)
{
	(void)state;
	decode_ok(PLACE_REL);
}

static void test_absolute_percpu(void **state)
{
	(void)state;
	decode_ok(ABS_PERCPU);
}

static void test_absolute_addresses(void **state)
{
	(void)state;
	decode_ok(ABSOLUTE);
}

static void test_big_endian(void **state)
{
	(void)state;
	img.big = true;
	decode_ok(BASE_REL);
	decode_ok(PLACE_REL);
}

/* Names over 127 tokens carry a two-byte length (6.1+). */
static void test_two_byte_length(void **state)
{
	char longname[400];
	struct sym syms[4];
	struct ksd_kmem m = kmem();
	struct ksd_symtab *t = NULL;
	const struct ksd_sym *s;

	(void)state;
	longname[0] = 't';
	for (int i = 1; i < 300; i++)
		longname[i] = (char)('a' + i % 26);
	longname[300] = '\0';
	syms[0] = basic[0];
	syms[1] = basic[1];
	syms[2] = (struct sym){ longname, BASE + TEXT + 0x10080 };
	syms[3] = basic[6];
	build(syms, 4, BASE_REL);
	/* 300 characters, one token each: length (300 & 0x7f) | 0x80, then 2. */
	assert_int_equal(img.b[O_NAMES + 1 + 6 + 1 + 7], 0x80 | (300 & 0x7f));
	assert_int_equal(img.b[O_NAMES + 1 + 6 + 1 + 7 + 1], 300 >> 7);
	check_ok(ksd_kallsyms_load(&m, vi, &t));
	s = ksd_symtab_by_name(t, longname + 1);
	assert_non_null(s);
	assert_int_equal(s->addr, BASE + TEXT + 0x10080);
	/* The symbol after it decodes: the length was consumed exactly. */
	assert_non_null(ksd_symtab_by_name(t, "_end"));
	ksd_symtab_destroy(t);
}

static void load_err(enum ksd_error_code code, const char *frag)
{
	struct ksd_kmem m = kmem();
	struct ksd_symtab *t = NULL;

	check_err(ksd_kallsyms_load(&m, vi, &t), code, frag);
	assert_null(t);
}

/* No encoding puts _stext where VMCOREINFO says: refuse, do not guess. */
static void test_stext_mismatch(void **state)
{
	(void)state;
	build(basic, NBASIC, BASE_REL);
	put(O_RB, addr_of(TEXT) + 0x1000, 8);
	load_err(KSD_ERR_CORRUPT, "no kallsyms address encoding puts _stext at 0xffff800080020000");
}

static void test_no_stext(void **state)
{
	struct sym syms[2] = { basic[0], basic[2] };

	(void)state;
	build(syms, 2, BASE_REL);
	load_err(KSD_ERR_CORRUPT, "kallsyms has no _stext");
}

static void test_num_syms_absurd(void **state)
{
	(void)state;
	build(basic, NBASIC, BASE_REL);
	put(O_NUM, 0xffffffff, 4);
	load_err(KSD_ERR_LIMIT, "kallsyms_num_syms is 4294967295 (limit 4194304, KSD_MAX_KALLSYMS)");
	put(O_NUM, 0, 4);
	load_err(KSD_ERR_CORRUPT, "kallsyms_num_syms is 0");
}

/* A count far above the table: the names run into unreadable memory. */
static void test_names_never_end(void **state)
{
	(void)state;
	build(basic, NBASIC, BASE_REL);
	put(O_NUM, 4000000, 4);
	/* After the real names, "tx" names (length 2) right up to a hole. */
	for (size_t o = names_end; o < 0x2000; o++)
		img.b[o] = (uint8_t)"\x02tx"[(o - names_end) % 3];
	img.hole_lo = 0x2000;
	img.hole_hi = 0x8000;
	load_err(KSD_ERR_NOT_PRESENT, "reading kallsyms_names (symbol");
}

static void test_name_too_long(void **state)
{
	(void)state;
	build(basic, NBASIC, BASE_REL);
	/* Symbol 0: 0x3fff tokens of "write" decode to far over 1024 bytes. */
	img.b[O_NAMES] = 0xff;
	img.b[O_NAMES + 1] = 0x7f;
	memset(img.b + O_NAMES + 2, 0x81, O_TT - O_NAMES - 2);
	load_err(KSD_ERR_CORRUPT, "kallsyms symbol 0 decodes to more than 1024 bytes");
}

static void test_empty_name(void **state)
{
	(void)state;
	build(basic, NBASIC, BASE_REL);
	img.b[O_NAMES] = 0;
	load_err(KSD_ERR_CORRUPT, "kallsyms symbol 0 has an empty name");
}

/* A token index far past the table: read what exists, then refuse. */
static void test_token_index_out_of_range(void **state)
{
	(void)state;
	build(basic, NBASIC, BASE_REL);
	put(O_TI + 2 * 'a', 0xffff, 2);
	img.readable = O_TT + 0x8000;
	load_err(KSD_ERR_NOT_PRESENT, "reading kallsyms_token_table");
	img.readable = SIZE;
	/* Readable but no NUL anywhere after it. */
	memset(img.b + O_TT + 0xffff, 'x', 1024);
	load_err(KSD_ERR_CORRUPT, "kallsyms token 97 at offset 65535 is not terminated");
}

static void test_missing_vmcoreinfo_keys(void **state)
{
	const char *text = "OSRELEASE=5.15.0\nSYMBOL(_stext)=ffff800080010000\n";

	(void)state;
	ksd_vmcoreinfo_destroy(vi);
	check_ok(ksd_vmcoreinfo_parse(text, strlen(text), &vi));
	load_err(KSD_ERR_NOT_FOUND, "kallsyms in the dump needs Linux 6.0 or later");
}

/* The 64 KiB read of the names runs into a hole; the 4 KiB one must do. */
static void test_names_end_near_unreadable_memory(void **state)
{
	struct ksd_kmem m = kmem();
	struct ksd_symtab *t = NULL;

	(void)state;
	build(basic, NBASIC, BASE_REL);
	img.hole_lo = 0x2000;
	img.hole_hi = 0x8000;
	check_ok(ksd_kallsyms_load(&m, vi, &t));
	expect_basic(t);
}

/*
 * Names that each decode to 1000 bytes through a long token: 67,109 of
 * them would take 64 MiB.  The decoder must stop at its limit instead of
 * letting a 470 KiB table claim gigabytes.
 */
static void test_names_total_bounded(void **state)
{
	char text[1024];
	struct ksd_kmem m;
	struct ksd_symtab *t = NULL;
	const uint32_t n = 70000;
	size_t pos = 0x20000;

	(void)state;
	build(basic, NBASIC, BASE_REL);
	/* Token 0x90: 200 characters. */
	put(O_TI + 2 * 0x90, 0x800, 2);
	memset(img.b + O_TT + 0x800, 'k', 200);
	img.b[O_TT + 0x800 + 200] = 0;
	put(O_NUM, n, 4);
	for (uint32_t i = 0; i < n; i++) {
		img.b[pos++] = 5;
		memset(img.b + pos, 0x90, 5);
		pos += 5;
	}
	assert_true(pos < SIZE);
	snprintf(text, sizeof(text),
		 "SYMBOL(_stext)=%llx\nSYMBOL(kallsyms_names)=%llx\n"
		 "SYMBOL(kallsyms_num_syms)=%llx\nSYMBOL(kallsyms_token_table)=%llx\n"
		 "SYMBOL(kallsyms_token_index)=%llx\nSYMBOL(kallsyms_offsets)=%llx\n",
		 (unsigned long long)addr_of(TEXT + 0x10000),
		 (unsigned long long)addr_of(0x20000), (unsigned long long)addr_of(O_NUM),
		 (unsigned long long)addr_of(O_TT), (unsigned long long)addr_of(O_TI),
		 (unsigned long long)addr_of(O_OFF));
	ksd_vmcoreinfo_destroy(vi);
	check_ok(ksd_vmcoreinfo_parse(text, strlen(text), &vi));
	m = kmem();
	check_err(ksd_kallsyms_load(&m, vi, &t), KSD_ERR_LIMIT,
		  "kallsyms names decode to more than 64 MiB (KSD_MAX_KALLSYMS_NAME_BYTES)",
		  "symbol 670");
	assert_null(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_base_relative),
		T(test_place_relative),
		T(test_absolute_percpu),
		T(test_absolute_addresses),
		T(test_big_endian),
		T(test_two_byte_length),
		T(test_stext_mismatch),
		T(test_no_stext),
		T(test_num_syms_absurd),
		T(test_names_never_end),
		T(test_name_too_long),
		T(test_empty_name),
		T(test_token_index_out_of_range),
		T(test_missing_vmcoreinfo_keys),
		T(test_names_end_near_unreadable_memory),
		T(test_names_total_bounded),
#undef T
	};

	return cmocka_run_group_tests_name("kallsyms", tests, NULL, NULL);
}
