// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * lib/kernel/btf.c and modules.c on blobs and memory built here (with
 * the fixtures' BTF writer, tests/fixtures/mkbtf.c): member offsets
 * through typedefs, modifiers and anonymous unions, both byte orders;
 * hostile BTF (bad header, sections out of bounds, references to
 * missing types, a typedef loop, bitfields); and hostile module lists
 * (an absurd count, num_symtab past the limit) in a fake memory.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "kernel/btf.h"
#include "kernel/modules.h"
#include "../fixtures/mkbtf.h"
#include "check-error.h"

/* struct inner { u32 a; } ; struct outer { long x; union { struct inner in[3]; }; const u32t y; int bf:3; } */
static const uint8_t *sample(struct mkbtf *b, size_t *len)
{
	uint32_t u32 = mkbtf_int(b, "unsigned int", 4), lng = mkbtf_int(b, "long", 8);
	uint32_t u32t = mkbtf_typedef(b, "u32", mkbtf_typedef(b, "__u32", u32));
	uint32_t in = mkbtf_struct(b, "inner", 4, (const struct mkbtf_member[]){ { "a", u32t, 0 } }, 1);
	uint32_t arr = mkbtf_array(b, mkbtf_const(b, in), u32, 3);
	uint32_t un = mkbtf_union(b, NULL, 12, (const struct mkbtf_member[]){ { "in", arr, 0 } }, 1);

	mkbtf_struct(b, "outer", 32, (const struct mkbtf_member[]){
		{ "x", lng, 0 }, { NULL, un, 64 }, { "y", mkbtf_const(b, u32t), 160 },
		{ "odd", u32, 196 } }, 4);
	return mkbtf_finish(b, len);
}

static void members(bool big)
{
	struct mkbtf *w = mkbtf_create(big);
	struct ksd_btf_member m;
	struct ksd_btf *b;
	const uint8_t *blob;
	uint64_t size;
	uint32_t id;
	size_t len;

	blob = sample(w, &len);
	check_ok(ksd_btf_parse(blob, len, "test BTF", &b));
	check_ok(ksd_btf_struct(b, "outer", &id, &size));
	assert_int_equal(size, 32);
	check_ok(ksd_btf_member(b, "outer", "y", &m));
	assert_int_equal(m.offset, 20);
	assert_int_equal(m.size, 4);
	check_ok(ksd_btf_member(b, "outer", "in", &m));
	assert_int_equal(m.offset, 8);
	assert_true(m.is_array);
	assert_int_equal(m.nelems, 3);
	assert_int_equal(m.elem_size, 4);
	assert_int_equal(m.size, 12);
	check_err(ksd_btf_member(b, "outer", "odd", &m), KSD_ERR_UNSUPPORTED, "bitfield");
	check_err(ksd_btf_member(b, "outer", "nope", &m), KSD_ERR_NOT_FOUND,
		  "test BTF: struct outer has no member nope");
	check_err(ksd_btf_struct(b, "module", &id, &size), KSD_ERR_NOT_FOUND, "no struct module");
	ksd_btf_destroy(b);
	mkbtf_destroy(w);
}

static void test_members_le(void **state)
{
	(void)state;
	members(false);
}

static void test_members_be(void **state)
{
	(void)state;
	members(true);
}

/* Parse a copy of the sample with @len bytes and header word @word set to @v. */
static struct ksd_error *damaged(size_t cut, int word, uint32_t v)
{
	struct mkbtf *w = mkbtf_create(false);
	struct ksd_btf *b = NULL;
	struct ksd_error *err;
	const uint8_t *blob;
	uint8_t *copy;
	size_t len;

	blob = sample(w, &len);
	copy = malloc(len);
	assert_non_null(copy);
	memcpy(copy, blob, len);
	if (word >= 0)
		memcpy(copy + 4 * word, &v, 4);
	err = ksd_btf_parse(copy, cut ? cut : len, "test BTF", &b);
	ksd_btf_destroy(b);
	free(copy);
	mkbtf_destroy(w);
	return err;
}

static void test_hostile_header(void **state)
{
	(void)state;
	check_err(damaged(10, -1, 0), KSD_ERR_CORRUPT, "shorter than a BTF header");
	check_err(damaged(0, 0, 0x0001beef), KSD_ERR_CORRUPT, "bad magic");
	check_err(damaged(0, 0, 0x0002eb9f), KSD_ERR_UNSUPPORTED, "version 2");
	check_err(damaged(0, 1, 0xffffff00), KSD_ERR_CORRUPT, "header length");
	check_err(damaged(0, 3, 0x7fffffff), KSD_ERR_CORRUPT, "leave the");
	check_err(damaged(0, 4, 8), KSD_ERR_CORRUPT, "overlap");
	check_err(damaged(0, 2, 2), KSD_ERR_CORRUPT, "overlap or leave");
	check_err(damaged(0, 3, 13), KSD_ERR_CORRUPT, "type 1: record runs past the type section");
	check_err(damaged(0, 3, 20), KSD_ERR_CORRUPT, "type 2: record cut off");
	check_err(ksd_btf_parse("", KSD_MAX_BTF_BYTES + 1ul, "big", &(struct ksd_btf *){ NULL }),
		  KSD_ERR_LIMIT, "KSD_MAX_BTF_BYTES");
}

static void test_hostile_types(void **state)
{
	struct mkbtf *w = mkbtf_create(false);
	struct ksd_btf_member m;
	struct ksd_btf *b;
	const uint8_t *blob;
	uint32_t self, missing;
	size_t len;

	(void)state;
	/* A typedef naming itself, and a member of a type that does not exist. */
	self = mkbtf_next_id(w);
	mkbtf_typedef(w, "loop_t", self);
	missing = 999;
	mkbtf_struct(w, "s", 16, (const struct mkbtf_member[]){
		{ "l", self, 0 }, { "m", missing, 64 } }, 2);
	blob = mkbtf_finish(w, &len);
	check_ok(ksd_btf_parse(blob, len, "test BTF", &b));
	check_err(ksd_btf_member(b, "s", "l", &m), KSD_ERR_CORRUPT, "typedefs and modifiers in a row");
	check_err(ksd_btf_member(b, "s", "m", &m), KSD_ERR_CORRUPT, "type 999, which does not exist");
	ksd_btf_destroy(b);
	mkbtf_destroy(w);

	/* A name offset past the string section, and an unknown kind. */
	w = mkbtf_create(false);
	mkbtf_int(w, "int", 4);
	blob = mkbtf_finish(w, &len);
	{
		uint8_t copy[256];

		memcpy(copy, blob, len);
		memcpy(copy + 24, &(uint32_t){ 0x1000 }, 4);
		check_err(ksd_btf_parse(copy, len, "test BTF", &b), KSD_ERR_CORRUPT,
			  "type 1: name offset 0x1000 is past the string section");
		memcpy(copy, blob, len);
		memcpy(copy + 28, &(uint32_t){ 31u << 24 }, 4);
		check_err(ksd_btf_parse(copy, len, "test BTF", &b), KSD_ERR_CORRUPT, "unknown kind 31");
		/* a struct claiming 65535 members in a 16-byte record */
		memcpy(copy, blob, len);
		memcpy(copy + 28, &(uint32_t){ 4u << 24 | 0xffff }, 4);
		check_err(ksd_btf_parse(copy, len, "test BTF", &b), KSD_ERR_CORRUPT,
			  "runs past the type section");
		/* names that could run off the end of the blob */
		memcpy(copy, blob, len);
		copy[len - 1] = 'x';
		check_err(ksd_btf_parse(copy, len, "test BTF", &b), KSD_ERR_CORRUPT,
			  "does not begin and end with a NUL");
	}
	mkbtf_destroy(w);

	/*
	 * An array of itself (its size would recurse forever), an array
	 * whose byte size overflows 64 bits, a member of a kind with no size.
	 */
	w = mkbtf_create(false);
	self = mkbtf_next_id(w);
	mkbtf_array(w, self, self, 2);
	{
		uint32_t u64 = mkbtf_int(w, "u64", 8);
		uint32_t huge = mkbtf_array(w, mkbtf_array(w, u64, u64, 0x80000000u), u64,
					    0x80000000u);

		mkbtf_struct(w, "t", 16, (const struct mkbtf_member[]){
			{ "a", self, 0 }, { "h", huge, 0 }, { "f", mkbtf_func(w, "fn"), 0 } }, 3);
	}
	blob = mkbtf_finish(w, &len);
	check_ok(ksd_btf_parse(blob, len, "test BTF", &b));
	check_err(ksd_btf_member(b, "t", "a", &m), KSD_ERR_CORRUPT, "arrays nested more than 32 deep");
	check_err(ksd_btf_member(b, "t", "h", &m), KSD_ERR_CORRUPT, "array size overflows");
	check_err(ksd_btf_member(b, "t", "f", &m), KSD_ERR_CORRUPT, "has no size");
	ksd_btf_destroy(b);
	mkbtf_destroy(w);
}

/*
 * Anonymous members searched for a member name: a struct made of 64
 * anonymous copies of itself, and eight distinct levels of 16 anonymous
 * members each, would be 64^8 and 16^8 searches if every path were
 * followed.  Each struct is searched once per lookup; the alarm turns a
 * regression (a hang) into a failure.
 */
static void test_hostile_nesting(void **state)
{
	struct mkbtf *w = mkbtf_create(false);
	struct mkbtf_member many[64];
	struct ksd_btf_member m;
	struct ksd_btf *b;
	const uint8_t *blob;
	uint32_t self, u32, level;
	size_t len;

	(void)state;
	alarm(20);
	self = mkbtf_next_id(w);
	for (size_t i = 0; i < 64; i++)
		many[i] = (struct mkbtf_member){ NULL, self, 0 };
	mkbtf_struct(w, "selfish", 16, many, 64);
	u32 = mkbtf_int(w, "unsigned int", 4);
	level = mkbtf_struct(w, "level8", 8, (const struct mkbtf_member[]){
		{ "pad", u32, 0 }, { "deep", u32, 32 } }, 2);
	for (int l = 7; l >= 0; l--) {
		char name[16];

		for (size_t i = 0; i < 16; i++)
			many[i] = (struct mkbtf_member){ NULL, level, 0 };
		snprintf(name, sizeof(name), "level%d", l);
		level = mkbtf_struct(w, name, 8, many, 16);
	}
	blob = mkbtf_finish(w, &len);
	check_ok(ksd_btf_parse(blob, len, "test BTF", &b));
	check_err(ksd_btf_member(b, "selfish", "nope", &m), KSD_ERR_NOT_FOUND,
		  "struct selfish has no member nope");
	check_err(ksd_btf_member(b, "level0", "nope", &m), KSD_ERR_NOT_FOUND,
		  "struct level0 has no member nope");
	/* Eight anonymous levels down is within KSD_BTF_MAX_NEST. */
	check_ok(ksd_btf_member(b, "level0", "deep", &m));
	assert_int_equal(m.offset, 4);
	alarm(0);
	ksd_btf_destroy(b);
	mkbtf_destroy(w);
}

/*
 * A struct first reached at the nesting limit, where its own anonymous
 * members are not looked into, and then again near the top: the second
 * time its members are within reach, and the member is found there.
 * "near" holds "deep" two anonymous levels down; "root" reaches it
 * through seven anonymous levels (depth 8, KSD_BTF_MAX_NEST) and then
 * directly (depth 1).
 */
static void test_nesting_limit_then_shallower(void **state)
{
	struct mkbtf *w = mkbtf_create(false);
	struct ksd_btf_member m;
	struct ksd_btf *b;
	const uint8_t *blob;
	uint32_t u32, inner, near, chain;
	size_t len;

	(void)state;
	u32 = mkbtf_int(w, "unsigned int", 4);
	inner = mkbtf_struct(w, "inner", 8, (const struct mkbtf_member[]){
		{ "pad", u32, 0 }, { "deep", u32, 32 } }, 2);
	near = mkbtf_struct(w, "near", 8, (const struct mkbtf_member[]){
		{ NULL, inner, 0 } }, 1);
	chain = near;
	for (int l = 7; l >= 1; l--) {
		char name[16];

		snprintf(name, sizeof(name), "chain%d", l);
		chain = mkbtf_struct(w, name, 8, (const struct mkbtf_member[]){
			{ NULL, chain, 0 } }, 1);
	}
	mkbtf_struct(w, "root", 16, (const struct mkbtf_member[]){
		{ NULL, chain, 0 }, { NULL, near, 64 } }, 2);
	blob = mkbtf_finish(w, &len);
	check_ok(ksd_btf_parse(blob, len, "test BTF", &b));
	check_ok(ksd_btf_member(b, "root", "deep", &m));
	assert_int_equal(m.offset, 8 + 4);
	ksd_btf_destroy(b);
	mkbtf_destroy(w);
}

/* ---- modules in a fake memory ---- */

#define MEM_BASE 0xffff800010000000ull
#define MEM_SIZE 0x10000u

struct fake {
	uint8_t mem[MEM_SIZE];
};

static struct ksd_error *fake_read(void *arg, uint64_t va, void *buf, size_t len)
{
	struct fake *f = arg;

	if (va < MEM_BASE || va - MEM_BASE > MEM_SIZE || len > MEM_SIZE - (va - MEM_BASE))
		return ksd_error_create(KSD_ERR_FAULT, "0x%llx not mapped", (unsigned long long)va);
	memcpy(buf, f->mem + (va - MEM_BASE), len);
	return NULL;
}

static void put64(struct fake *f, uint64_t va, uint64_t v)
{
	memcpy(f->mem + (va - MEM_BASE), &v, 8);
}

/* A list head at MEM_BASE whose first entry's next points to itself forever. */
static void test_module_list_bounds(void **state)
{
	struct fake *f = calloc(1, sizeof(*f));
	struct ksd_kmem m = { fake_read, f, false, 8 };
	struct ksd_modules *mods;
	uint64_t a = MEM_BASE + 0x100;

	(void)state;
	/* head -> a.list; a.list.next = a.list (a self loop), prev = head */
	put64(f, MEM_BASE, a + 8);
	put64(f, a + 8, a + 8);
	put64(f, a + 16, MEM_BASE);
	memcpy(f->mem + 0x100 + 24, "selfloop", 8);
	check_ok(ksd_modules_load(&m, MEM_BASE, NULL, &mods));
	assert_int_equal(ksd_modules_count(mods), 1);
	assert_non_null(strstr(ksd_modules_problem(mods), "loops back"));
	assert_string_equal(ksd_modules_at(mods, 0)->name, "selfloop");
	assert_non_null(ksd_modules_at(mods, 0)->syms_problem);
	ksd_modules_destroy(mods);

	/* An unreadable head is an error, not a problem. */
	check_err(ksd_modules_load(&m, 0xffff900000000000ull, NULL, &mods), KSD_ERR_FAULT,
		  "the modules list head at 0xffff900000000000");

	/* A probed mod_kallsyms with num_symtab past the limit is refused. */
	memset(f->mem, 0, MEM_SIZE);
	put64(f, MEM_BASE, a + 8);
	put64(f, a + 8, MEM_BASE);
	put64(f, a + 16, MEM_BASE);
	put64(f, a + 0x200, a + 0x208);		/* kallsyms -> core_kallsyms */
	put64(f, a + 0x208, MEM_BASE + 0x8000);	/* symtab */
	put64(f, a + 0x210, 0xffffffff);	/* num_symtab */
	put64(f, a + 0x218, MEM_BASE + 0x9000);	/* strtab */
	check_ok(ksd_modules_load(&m, MEM_BASE, NULL, &mods));
	assert_int_equal(ksd_modules_count(mods), 1);
	assert_null(ksd_modules_problem(mods));
	assert_non_null(strstr(ksd_modules_at(mods, 0)->syms_problem, "no kallsyms pointer"));
	ksd_modules_destroy(mods);
	free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_members_le),
		cmocka_unit_test(test_members_be),
		cmocka_unit_test(test_hostile_header),
		cmocka_unit_test(test_hostile_types),
		cmocka_unit_test(test_hostile_nesting),
		cmocka_unit_test(test_nesting_limit_then_shallower),
		cmocka_unit_test(test_module_list_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
