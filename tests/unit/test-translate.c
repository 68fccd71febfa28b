// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * lib/arch/translate.c with page tables built by hand and read through
 * the callback: each descriptor below is annotated with its path.  One
 * behaviour per test: every granule's geometry, blocks, LPA and LPA2
 * output addresses, the cheap methods, and every way a walk can fail.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "arch/translate.h"
#include "check-error.h"

/* ---- a sparse physical memory of 4 KiB pages ---- */

#define MAXPAGES 32

struct phys {
	struct {
		uint64_t pa;
		uint8_t data[4096];
	} page[MAXPAGES];
	int n;
	bool big;
	unsigned int reads;
};

static uint8_t *page_of(struct phys *m, uint64_t pa, bool create)
{
	for (int i = 0; i < m->n; i++)
		if (m->page[i].pa == (pa & ~4095ull))
			return m->page[i].data + (pa & 4095);
	if (!create)
		return NULL;
	assert_true(m->n < MAXPAGES);
	m->page[m->n].pa = pa & ~4095ull;
	memset(m->page[m->n].data, 0, 4096);
	return m->page[m->n++].data + (pa & 4095);
}

static void put64(struct phys *m, uint64_t pa, uint64_t v)
{
	uint8_t *p = page_of(m, pa, true);

	for (int i = 0; i < 8; i++)
		p[m->big ? 7 - i : i] = (uint8_t)(v >> (8 * i));
}

static struct ksd_error *read_phys(void *arg, uint64_t pa, void *buf,
				   size_t len)
{
	struct phys *m = arg;
	uint8_t *p = page_of(m, pa, false);

	m->reads++;
	if (!p || (pa & 4095) + len > 4096)
		return ksd_error_create(KSD_ERR_NOT_PRESENT,
					"physical address 0x%llx is not in the dump",
					(unsigned long long)pa);
	memcpy(buf, p, len);
	return NULL;
}

static struct phys *mem;

static int setup(void **state)
{
	(void)state;
	mem = calloc(1, sizeof(*mem));
	return mem ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	free(mem);
	return 0;
}

/* Descriptor helpers: table (0b11), block (0b01), page (0b11 at level 3). */
#define TABLE(pa) ((pa) | 3ull)
#define BLOCK(pa) ((pa) | 0x0060000000000705ull)	/* AF, SH, UXN|PXN */
#define PAGE(pa) ((pa) | 0x00e8000000000f03ull)

/* A flipped (5.4+) layout: _stext in the top half of the TTBR1 range. */
static void init(struct aarch64_xlat *x, unsigned int ps, unsigned int va,
		 unsigned int actual, unsigned int pa_bits, uint64_t root_pa)
{
	struct aarch64_xlat_params p = {
		.page_shift = ps, .va_bits = va, .vabits_actual = actual,
		.pa_bits = pa_bits,
		.kimage_voffset = 0xffff7fff00000000ull,
		.phys_offset = 0x40000000,
		.stext = 0xffffffffc0810000ull,
	};

	p.swapper_pg_dir = root_pa + p.kimage_voffset;
	check_ok(aarch64_xlat_init(x, &p, read_phys, mem));
}

static uint64_t walk_ok(const struct aarch64_xlat *x, uint64_t va)
{
	uint64_t pa = 0;

	check_ok(aarch64_walk(x, va, &pa));
	return pa;
}

/* 4K, 48 bits: levels 0-3 with 9 bits each, a page at the end. */
static void test_4k_48_page(void **state)
{
	struct aarch64_xlat x;
	uint64_t va = 0xffff800082034568ull;	/* idx 256, 2, 16, 52 */

	(void)state;
	init(&x, 12, 48, 48, 48, 0x40010000);
	assert_int_equal(x.levels, 4);
	put64(mem, 0x40010000 + 256 * 8, TABLE(0x40011000));	/* L0[256] */
	put64(mem, 0x40011000 + 2 * 8, TABLE(0x40012000));	/* L1[2] */
	put64(mem, 0x40012000 + 16 * 8, TABLE(0x40013000));	/* L2[16] */
	put64(mem, 0x40013000 + 52 * 8, PAGE(0x4abcd000));	/* L3[52] */
	assert_int_equal(walk_ok(&x, va), 0x4abcd568);
	/* Four reads, one per level. */
	assert_int_equal(mem->reads, 4);
}

/* 4K, 39 bits: three levels starting at level 1, a 1 GiB block there. */
static void test_4k_39_block_1g(void **state)
{
	struct aarch64_xlat x;

	(void)state;
	init(&x, 12, 39, 39, 48, 0x40010000);
	assert_int_equal(x.levels, 3);
	/* 0xffffff8040000000: L1[1] (bits 38:30) */
	put64(mem, 0x40010000 + 1 * 8, BLOCK(0x80000000));
	assert_int_equal(walk_ok(&x, 0xffffff8040123456ull), 0x80123456);
}

/* 4K: a 2 MiB block at level 2; the block's low OA bits are ignored. */
static void test_4k_block_2m(void **state)
{
	struct aarch64_xlat x;

	(void)state;
	init(&x, 12, 48, 48, 48, 0x40010000);
	put64(mem, 0x40010000 + 511 * 8, TABLE(0x40011000));	/* L0[511] */
	put64(mem, 0x40011000 + 0 * 8, TABLE(0x40012000));	/* L1[0] */
	/* L2[3]: OA 0x4c200000 with stray bits 20:12 set, which a block ignores */
	put64(mem, 0x40012000 + 3 * 8, BLOCK(0x4c2ff000));
	assert_int_equal(walk_ok(&x, 0xffffff8000654321ull), 0x4c254321);
}

/* 16K, 47 bits: three levels of 11 bits, then a 32 MiB block at level 2. */
static void test_16k_47_block_32m(void **state)
{
	struct aarch64_xlat x;
	uint64_t va = 0xffffc00006123456ull;

	(void)state;
	init(&x, 14, 47, 47, 48, 0x40010000);
	assert_int_equal(x.levels, 3);
	/* bits 46:36 -> L1 index 1024; bits 35:25 -> L2 index 3 */
	put64(mem, 0x40010000 + 1024 * 8, TABLE(0x40014000));
	put64(mem, 0x40014000 + 3 * 8, BLOCK(0x50000000));
	assert_int_equal(walk_ok(&x, va), 0x50000000 | (va & 0x1ffffff));
}

/* 16K, 36 bits: two levels, the root at level 2 with 2048 entries. */
static void test_16k_36_two_levels(void **state)
{
	struct aarch64_xlat x;

	(void)state;
	init(&x, 14, 36, 36, 48, 0x40010000);
	assert_int_equal(x.levels, 2);
	/* 0xfffffff880004000: L2[1088] (bits 35:25), L3[0] */
	put64(mem, 0x40010000 + 1088 * 8, TABLE(0x40014000));
	put64(mem, 0x40014000 + 0 * 8, PAGE(0x61234000));
	assert_int_equal(walk_ok(&x, 0xfffffff880000123ull), 0x61234123);
}

/* 64K, 42 bits: two levels of 13 bits and a 512 MiB block at level 2. */
static void test_64k_42_block_512m(void **state)
{
	struct aarch64_xlat x;

	(void)state;
	init(&x, 16, 42, 42, 48, 0x40010000);
	assert_int_equal(x.levels, 2);
	/* 0xfffffe0020000000: L2[4097] (bits 41:29) */
	put64(mem, 0x40010000 + 4097 * 8, BLOCK(0xe0000000));
	assert_int_equal(walk_ok(&x, 0xfffffe003fedcba9ull), 0xffedcba9);
}

/*
 * 64K with 52-bit PAs (FEAT_LPA): OA[51:48] in bits [15:12].  6.12 also
 * leaves OA[49:48] in bits [49:48]; neither copy may be misread.
 */
static void test_64k_lpa(void **state)
{
	struct aarch64_xlat x;
	uint64_t table = 0xb800000020000ull;	/* OA[51:48] = 0xb, bit 47 set */
	uint64_t page = 0xa000012340000ull;

	(void)state;
	init(&x, 16, 52, 52, 52, 0x40010000);
	assert_int_equal(x.levels, 3);
	/* 0xfff0000000000000: L1[0] (bits 51:42), L2[0], L3[0] */
	put64(mem, 0x40010000, TABLE((table & 0xffffffff0000ull) | 0xb000 |
				     (table & (3ull << 48))));
	put64(mem, table, TABLE(0x40020000));
	put64(mem, 0x40020000, PAGE((page & 0xffffffff0000ull) | 0xa000 |
				    (page & (3ull << 48))));
	assert_int_equal(walk_ok(&x, 0xfff0000000001234ull), page | 0x1234);
}

/*
 * 4K with LPA2 and 52 bits: five levels from level -1 (16 entries);
 * OA[49:12] in place, OA[51:50] in bits [9:8], where SH would be.
 */
static void test_4k_lpa2_five_levels(void **state)
{
	struct aarch64_xlat x;
	uint64_t t1 = 0xa000000021000ull;	/* OA[51:50] = 0b10, OA[49] = 1 */
	uint64_t va = 0xfff0000000001abcull;	/* idx 0 at every level, L3[1] */

	(void)state;
	init(&x, 12, 52, 52, 52, 0x40010000);
	assert_int_equal(x.levels, 5);
	put64(mem, 0x40010000, TABLE((t1 & 0x3fffffffff000ull) | 0x200));	/* L-1[0] */
	put64(mem, t1, TABLE(0x40012000));					/* L0[0] */
	put64(mem, 0x40012000, TABLE(0x40013000));				/* L1[0] */
	put64(mem, 0x40013000, TABLE(0x40014000));				/* L2[0] */
	/* L3[1]: 0x9000000055000 = OA[51:50] 0b10 in [9:8], OA[48] in place */
	put64(mem, 0x40014000 + 8, (0x9000000055000ull & 0x3fffffffff000ull) | 0x200 | 0x403);
	assert_int_equal(walk_ok(&x, va), 0x9000000055abcull);
}

/* 4K, 52-bit config on 48-bit hardware: the 48-bit format, SH in [9:8]. */
static void test_4k_52_on_48_keeps_sh(void **state)
{
	struct aarch64_xlat x;

	(void)state;
	init(&x, 12, 52, 48, 52, 0x40010000);
	assert_int_equal(x.levels, 4);
	assert_int_equal(x.desc, DESC_48);
	put64(mem, 0x40010000 + 256 * 8, TABLE(0x40011000) | 0x300);
	put64(mem, 0x40011000, TABLE(0x40012000) | 0x300);
	put64(mem, 0x40012000, TABLE(0x40013000) | 0x300);
	put64(mem, 0x40013000, PAGE(0x47000000));	/* SH = 0b11 in [9:8] */
	assert_int_equal(walk_ok(&x, 0xffff800000000042ull), 0x47000042);
}

/* 64K, 52-bit config on 48-bit hardware: the PGD keeps its 52-bit layout. */
static void test_64k_52_on_48_walks_52_bit_pgd(void **state)
{
	struct aarch64_xlat x;

	(void)state;
	init(&x, 16, 52, 48, 52, 0x40010000);
	assert_int_equal(x.walk_bits, 52);
	/* 0xffff000000000000 >> 42 & 0x3ff = 960: the top 64 of 1024 entries */
	put64(mem, 0x40010000 + 960 * 8, TABLE(0x40020000));
	put64(mem, 0x40020000, BLOCK(0x60000000));
	assert_int_equal(walk_ok(&x, 0xffff000000000777ull), 0x60000777);
}

static void test_big_endian_descriptors(void **state)
{
	struct aarch64_xlat x;
	struct aarch64_xlat_params p;

	(void)state;
	mem->big = true;
	init(&x, 12, 39, 39, 48, 0x40010000);
	p = x.p;
	p.big_endian = true;
	check_ok(aarch64_xlat_init(&x, &p, read_phys, mem));
	put64(mem, 0x40010000 + 1 * 8, BLOCK(0x80000000));
	assert_int_equal(walk_ok(&x, 0xffffff8040000010ull), 0x80000010);
}

/* ---- failures ---- */

/* An invalid entry names the Arm ARM level: -1 is the LPA2 root. */
static void test_fault_names_level_and_entry(void **state)
{
	struct aarch64_xlat x;
	uint64_t pa;

	(void)state;
	init(&x, 12, 52, 52, 52, 0x40010000);
	put64(mem, 0x40010000 + 15 * 8, 0);
	check_err(aarch64_walk(&x, 0xffff800000000000ull, &pa), KSD_ERR_FAULT,
		  "translating 0xffff800000000000: level -1 entry 15 is not valid (0x0 at 0x40010078)");
	init(&x, 12, 39, 39, 48, 0x40010000);
	check_err(aarch64_walk(&x, 0xffffffc000000000ull, &pa), KSD_ERR_FAULT,
		  "level 1 entry 256 is not valid");
	init(&x, 16, 42, 42, 48, 0x40010000);
	check_err(aarch64_walk(&x, 0xfffffc0000000000ull, &pa), KSD_ERR_FAULT,
		  "level 2 entry 0 is not valid");
}

/* A table the dump lacks is the reader's not-present, with the level. */
static void test_missing_table_is_not_present(void **state)
{
	struct aarch64_xlat x;
	uint64_t pa;

	(void)state;
	init(&x, 12, 48, 48, 48, 0x40010000);
	put64(mem, 0x40010000 + 256 * 8, TABLE(0x7fff0000000ull));
	check_err(aarch64_walk(&x, 0xffff800000000000ull, &pa), KSD_ERR_NOT_PRESENT,
		  "translating 0xffff800000000000: level 1 table at 0x7fff0000000: physical address 0x7fff0000000 is not in the dump");
}

static void test_reserved_last_level(void **state)
{
	struct aarch64_xlat x;
	uint64_t pa;

	(void)state;
	init(&x, 16, 42, 42, 48, 0x40010000);
	put64(mem, 0x40010000, TABLE(0x40020000));
	put64(mem, 0x40020000 + 8, 0x50000001);	/* 0b01 at level 3 */
	check_err(aarch64_walk(&x, 0xfffffc0000010000ull, &pa), KSD_ERR_FAULT,
		  "reserved level 3 descriptor 0x50000001 at 0x40020008");
}

/* Blocks only where the granule has them (Arm ARM D8.3). */
static void test_block_where_the_granule_has_none(void **state)
{
	struct aarch64_xlat x;
	uint64_t pa;

	(void)state;
	init(&x, 12, 48, 48, 48, 0x40010000);
	put64(mem, 0x40010000 + 256 * 8, BLOCK(0));
	check_err(aarch64_walk(&x, 0xffff800000000000ull, &pa), KSD_ERR_FAULT,
		  "level 0 block descriptor", "4K pages have no level-0 blocks without LPA2");
	init(&x, 14, 48, 48, 48, 0x40010000);
	put64(mem, 0x40010000 + 1 * 8, BLOCK(0));	/* L0[1] of 2 */
	check_err(aarch64_walk(&x, 0xffff800000000000ull, &pa), KSD_ERR_FAULT,
		  "level 0 block descriptor", "16K pages have no blocks at this level");
	init(&x, 16, 48, 48, 48, 0x40010000);
	put64(mem, 0x40010000 + 32 * 8, BLOCK(0));
	check_err(aarch64_walk(&x, 0xffff800000000000ull, &pa), KSD_ERR_FAULT,
		  "level 1 block descriptor", "64K pages have no level-1 blocks without 52-bit PAs");
	/* With 52-bit PAs a 64K level-1 block (4 TiB) is real. */
	init(&x, 16, 48, 48, 52, 0x40010000);
	assert_int_equal(walk_ok(&x, 0xffff800000000123ull), 0x123);
	/* With LPA2 a 4K level-0 block (512 GiB) is real too. */
	init(&x, 12, 52, 52, 52, 0x40010000);
	put64(mem, 0x40010000 + 15 * 8, TABLE(0x40011000));
	/* SH would be OA[51:50] under LPA2: leave it out */
	put64(mem, 0x40011000 + 256 * 8, BLOCK(0x8000000000ull) & ~0x300ull);
	assert_int_equal(walk_ok(&x, 0xffff800000000456ull), 0x8000000456ull);
}

static void test_not_a_kernel_address(void **state)
{
	struct aarch64_xlat x;
	uint64_t pa;

	(void)state;
	init(&x, 12, 48, 48, 48, 0x40010000);
	check_err(aarch64_walk(&x, 0x0000ffff12345678ull, &pa), KSD_ERR_FAULT,
		  "0xffff12345678 is not a kernel (TTBR1) address for a 48-bit VA space");
	/* One bit below the 48-bit range. */
	check_err(aarch64_walk(&x, 0xfffeffffffffffffull, &pa), KSD_ERR_FAULT,
		  "is not a kernel (TTBR1) address");
	assert_int_equal(mem->reads, 0);
}

/* ---- the cheap methods ---- */

static void test_vtop_image_and_linear(void **state)
{
	struct aarch64_xlat x;
	uint64_t pa;

	(void)state;
	init(&x, 12, 48, 48, 48, 0x40010000);
	aarch64_xlat_set_image(&x, 0xffff800080000000ull, 0xffff800082000000ull);
	check_ok(aarch64_vtop(&x, 0xffff800080001234ull, &pa));
	assert_int_equal(pa, 0xffff800080001234ull - 0xffff7fff00000000ull);
	/* Linear: (va - PAGE_OFFSET) + PHYS_OFFSET */
	check_ok(aarch64_vtop(&x, 0xffff000000005678ull, &pa));
	assert_int_equal(pa, 0x40005678);
	/* Neither method read memory. */
	assert_int_equal(mem->reads, 0);
}

/*
 * Without swapper_pg_dir (a VMCOREINFO that lacks it) the image and the
 * linear map still translate; a walk says what is missing, reading nothing.
 */
static void test_no_root_walk_says_so(void **state)
{
	struct aarch64_xlat x;
	uint64_t pa;

	(void)state;
	init(&x, 12, 48, 48, 48, 0x40010000);
	x.p.swapper_pg_dir = 0;
	check_ok(aarch64_vtop(&x, 0xffff000000005678ull, &pa));
	assert_int_equal(pa, 0x40005678);
	check_err(aarch64_vtop(&x, 0xffff800090000000ull, &pa), KSD_ERR_NOT_FOUND,
		  "translating 0xffff800090000000: no page-table root");
	assert_int_equal(mem->reads, 0);
}

/* A KASLR'd linear map: PHYS_OFFSET "negative", arithmetic mod 2^64. */
static void test_vtop_negative_phys_offset(void **state)
{
	struct aarch64_xlat x;
	struct aarch64_xlat_params p;
	uint64_t pa;

	(void)state;
	init(&x, 12, 48, 48, 48, 0x40010000);
	p = x.p;
	p.phys_offset = 0xffffc4d080000000ull;
	check_ok(aarch64_xlat_init(&x, &p, read_phys, mem));
	check_ok(aarch64_vtop(&x, 0xffff3b2fc0000000ull, &pa));
	assert_int_equal(pa, 0x40000000);
}

/* 16K, 52 bits: PAGE_END is -(1 << 46), VA_BITS_MIN being 47. */
static void test_vtop_16k_52_page_end(void **state)
{
	struct aarch64_xlat x;
	uint64_t pa;

	(void)state;
	init(&x, 14, 52, 52, 52, 0x40010000);
	assert_int_equal(x.page_end, 0xffffc00000000000ull);
	check_ok(aarch64_vtop(&x, 0xffff900000000000ull, &pa));
	assert_int_equal(pa, 0xffff900000000000ull - 0xfff0000000000000ull + 0x40000000);
	init(&x, 12, 52, 52, 52, 0x40010000);
	assert_int_equal(x.page_end, 0xffff800000000000ull);
}

static void test_untag(void **state)
{
	(void)state;
	/* KASAN/MTE tags in the top byte; bit 55 says which half. */
	assert_int_equal(aarch64_untag(0xf2ff800012345678ull), 0xffff800012345678ull);
	assert_int_equal(aarch64_untag(0x0aff800012345678ull), 0xffff800012345678ull);
	assert_int_equal(aarch64_untag(0xf200ffff12345678ull), 0x0000ffff12345678ull);
}

static void test_init_refuses_impossible_layouts(void **state)
{
	struct aarch64_xlat x;
	struct aarch64_xlat_params p = { .page_shift = 13, .va_bits = 48,
					 .vabits_actual = 48 };

	(void)state;
	check_err(aarch64_xlat_init(&x, &p, read_phys, mem), KSD_ERR_UNSUPPORTED,
		  "page size 2^13 is not an arm64 granule");
	p.page_shift = 12;
	p.va_bits = 53;
	check_err(aarch64_xlat_init(&x, &p, read_phys, mem), KSD_ERR_UNSUPPORTED,
		  "VA_BITS 53");
	p.va_bits = 48;
	p.vabits_actual = 0;
	check_err(aarch64_xlat_init(&x, &p, read_phys, mem), KSD_ERR_UNSUPPORTED,
		  "actual 0");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_4k_48_page),
		T(test_4k_39_block_1g),
		T(test_4k_block_2m),
		T(test_16k_47_block_32m),
		T(test_16k_36_two_levels),
		T(test_64k_42_block_512m),
		T(test_64k_lpa),
		T(test_4k_lpa2_five_levels),
		T(test_4k_52_on_48_keeps_sh),
		T(test_64k_52_on_48_walks_52_bit_pgd),
		T(test_big_endian_descriptors),
		T(test_fault_names_level_and_entry),
		T(test_missing_table_is_not_present),
		T(test_reserved_last_level),
		T(test_block_where_the_granule_has_none),
		T(test_not_a_kernel_address),
		T(test_vtop_image_and_linear),
		T(test_no_root_walk_says_so),
		T(test_vtop_negative_phys_offset),
		T(test_vtop_16k_52_page_end),
		T(test_untag),
		T(test_init_refuses_impossible_layouts),
#undef T
	};

	return cmocka_run_group_tests_name("translate", tests, NULL, NULL);
}
