// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kexec_load DTB editor (kexec/fdt-edit.c).  Input trees are built
 * here with libfdt's sequential writer, shaped like what a first kernel
 * leaves in /sys/firmware/fdt: /chosen with bootargs, 64-bit
 * linux,initrd-* from the EFI stub, a kaslr-seed the kernel wiped to 0, a
 * /memreserve/ entry for the initrd.  Every output is decoded again with
 * libfdt, independently of the editor's own change list.
 */
#include "config.h"

#include <libfdt.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "check-error.h"
#include "fdt-edit.h"
#include "util/endian.h"

#define NAME "test.dtb"

#define OLD_INITRD_START 0x48000000ull
#define OLD_INITRD_END 0x48a00000ull
#define OTHER_RSV_BASE 0xbff00000ull
#define OTHER_RSV_SIZE 0x10000ull

struct tree_opts {
	int addr_cells, size_cells;	/* 0: property absent */
	bool chosen;
	bool old_initrd;
	bool kdump;			/* a capture kernel's own tree */
	bool paged_rsv;			/* initrd reserved in 64 KiB pages */
	uint32_t version;		/* 0: as written (17) */
};

/* <base size> in 2 + 2 cells, big-endian. */
static const uint8_t kdump_hdr[16] = {
	0, 0, 0, 0, 0x7f, 0xf0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0, 0,
};
static const uint8_t kdump_usable[16] = {
	0, 0, 0, 0, 0x70, 0, 0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0,
};

/* A first kernel's tree; returns a malloc'd blob of *len bytes. */
static void *make_tree(const struct tree_opts *o, size_t *len)
{
	size_t cap = 8192;
	uint8_t *fdt = malloc(cap);
	uint8_t zero8[8] = { 0 };

	assert_non_null(fdt);
	assert_int_equal(fdt_create(fdt, (int)cap), 0);
	if (o->old_initrd)
		assert_int_equal(fdt_add_reservemap_entry(fdt, OLD_INITRD_START,
							  OLD_INITRD_END - OLD_INITRD_START), 0);
	assert_int_equal(fdt_add_reservemap_entry(fdt, OTHER_RSV_BASE,
						  OTHER_RSV_SIZE), 0);
	assert_int_equal(fdt_finish_reservemap(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, ""), 0);
	if (o->addr_cells)
		assert_int_equal(fdt_property_u32(fdt, "#address-cells",
						  (uint32_t)o->addr_cells), 0);
	if (o->size_cells)
		assert_int_equal(fdt_property_u32(fdt, "#size-cells",
						  (uint32_t)o->size_cells), 0);
	assert_int_equal(fdt_property_string(fdt, "compatible", "linux,dummy-virt"), 0);
	if (o->chosen) {
		assert_int_equal(fdt_begin_node(fdt, "chosen"), 0);
		assert_int_equal(fdt_property_string(fdt, "bootargs",
						     "console=ttyAMA0 crashkernel=256M"), 0);
		if (o->old_initrd) {
			assert_int_equal(fdt_property_u64(fdt, "linux,initrd-start",
							  OLD_INITRD_START), 0);
			/* The reservation stays OLD_INITRD_END, rounded. */
			assert_int_equal(fdt_property_u64(fdt, "linux,initrd-end",
							  OLD_INITRD_END -
							  (o->paged_rsv ? 0x1234 : 0)), 0);
		}
		if (o->kdump) {
			/* What a loader left for this capture kernel. */
			assert_int_equal(fdt_property(fdt, "linux,elfcorehdr",
						      kdump_hdr, sizeof(kdump_hdr)), 0);
			assert_int_equal(fdt_property(fdt, "linux,usable-memory-range",
						      kdump_usable, sizeof(kdump_usable)), 0);
		}
		assert_int_equal(fdt_property(fdt, "kaslr-seed", zero8, 8), 0);
		assert_int_equal(fdt_property_string(fdt, "stdout-path",
						     "/pl011@9000000"), 0);
		assert_int_equal(fdt_end_node(fdt), 0);
	}
	assert_int_equal(fdt_begin_node(fdt, "memory@40000000"), 0);
	assert_int_equal(fdt_property_string(fdt, "device_type", "memory"), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_finish(fdt), 0);
	if (o->version)
		fdt_set_version(fdt, o->version);
	*len = fdt_totalsize(fdt);
	return fdt;
}

static const struct tree_opts virt = {
	.addr_cells = 2, .size_cells = 2, .chosen = true, .old_initrd = true,
};

static const uint8_t rng[32] = {
	0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
	0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff,
	0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
	0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10,
};

/* What the loader asks for a crash kernel with an initrd. */
static struct dtb_edits crash_edits(void)
{
	struct dtb_edits e = {
		.bootargs_action = DTB_BOOTARGS_SET,
		.bootargs = "console=ttyAMA0 nr_cpus=1 reset_devices",
		.initrd = true,
		.initrd_start = 0x1ed000000ull,
		.initrd_end = 0x1ed123457ull,
		.elfcorehdr = true,
		.elfcorehdr_range = { 0x1eff00000ull, 0x10000 },
		.nr_usable = 2,
		/* Low first, as a caller might list them; must be written last. */
		.usable = { { 0x70000000, 0x10000000 },
			    { 0x1e0000000ull, 0x20000000 } },
		.kaslr_seed = true,
		.kaslr_seed_bytes = { 1, 2, 3, 4, 5, 6, 7, 8 },
		.rng_seed_len = sizeof(rng),
		.rng_seed = rng,
		.memreserve = true,
	};
	return e;
}

static const uint8_t *chosen_prop(const void *fdt, const char *name, int *len)
{
	int node = fdt_path_offset(fdt, "/chosen");

	assert_true(node >= 0);
	return fdt_getprop(fdt, node, name, len);
}

static uint64_t prop_u64(const void *fdt, const char *name)
{
	const uint8_t *v;
	int len;

	v = chosen_prop(fdt, name, &len);
	assert_non_null(v);
	assert_int_equal(len, 8);
	return ksd_load64(v, true);
}

/* Does the reservation map hold exactly [base, base + size)? */
static bool has_rsv(const void *fdt, uint64_t base, uint64_t size)
{
	for (int i = 0; i < fdt_num_mem_rsv(fdt); i++) {
		uint64_t a, s;

		assert_int_equal(fdt_get_mem_rsv(fdt, i, &a, &s), 0);
		if (a == base && s == size)
			return true;
	}
	return false;
}

static const struct dtb_change *find_change(const struct dtb_edit_result *r,
					    const char *path,
					    enum dtb_change_kind kind)
{
	for (size_t i = 0; i < r->nr_changes; i++) {
		if (!strcmp(r->changes[i].path, path) && r->changes[i].kind == kind)
			return &r->changes[i];
	}
	return NULL;
}

static void assert_change(const struct dtb_edit_result *r, const char *path,
			  enum dtb_change_kind kind, bool had_old,
			  const char *value)
{
	const struct dtb_change *c = find_change(r, path, kind);

	if (!c)
		fail_msg("no change of kind %d to %s", kind, path);
	assert_int_equal(c->had_old, had_old);
	if (value)
		assert_string_equal(c->value, value);
	else if (kind == DTB_CHANGE_REMOVE)
		assert_null(c->value);
}

static void test_crash_edits(void **state)
{
	struct dtb_edits e = crash_edits();
	struct dtb_edit_result r;
	const uint8_t *v;
	size_t len;
	void *in = make_tree(&virt, &len), *copy;
	int plen;

	(void)state;
	copy = malloc(len);
	assert_non_null(copy);
	memcpy(copy, in, len);
	assert_null(dtb_edit(in, len, NAME, &e, &r));
	/* The input is never written. */
	assert_memory_equal(in, copy, len);
	assert_int_equal(fdt_check_full(r.blob, r.size), 0);
	assert_int_equal(fdt_totalsize(r.blob), r.size);

	v = chosen_prop(r.blob, "bootargs", &plen);
	assert_non_null(v);
	assert_int_equal(plen, (int)strlen(e.bootargs) + 1);
	assert_string_equal((const char *)v, e.bootargs);
	assert_true(prop_u64(r.blob, "linux,initrd-start") == 0x1ed000000ull);
	assert_true(prop_u64(r.blob, "linux,initrd-end") == 0x1ed123457ull);

	/* <base size> in 2 + 2 cells. */
	v = chosen_prop(r.blob, "linux,elfcorehdr", &plen);
	assert_int_equal(plen, 16);
	assert_true(ksd_load64(v, true) == 0x1eff00000ull);
	assert_true(ksd_load64(v + 8, true) == 0x10000);

	/* The high range first, the low range last. */
	v = chosen_prop(r.blob, "linux,usable-memory-range", &plen);
	assert_int_equal(plen, 32);
	assert_true(ksd_load64(v, true) == 0x1e0000000ull);
	assert_true(ksd_load64(v + 8, true) == 0x20000000);
	assert_true(ksd_load64(v + 16, true) == 0x70000000);
	assert_true(ksd_load64(v + 24, true) == 0x10000000);

	v = chosen_prop(r.blob, "kaslr-seed", &plen);
	assert_int_equal(plen, 8);
	assert_memory_equal(v, e.kaslr_seed_bytes, 8);
	v = chosen_prop(r.blob, "rng-seed", &plen);
	assert_int_equal(plen, (int)sizeof(rng));
	assert_memory_equal(v, rng, sizeof(rng));
	/* Untouched properties survive. */
	v = chosen_prop(r.blob, "stdout-path", &plen);
	assert_string_equal((const char *)v, "/pl011@9000000");

	/* Old initrd's reservation gone, the new ones there, others kept. */
	assert_int_equal(fdt_num_mem_rsv(r.blob), 3);
	assert_false(has_rsv(r.blob, OLD_INITRD_START, OLD_INITRD_END - OLD_INITRD_START));
	assert_true(has_rsv(r.blob, OTHER_RSV_BASE, OTHER_RSV_SIZE));
	assert_true(has_rsv(r.blob, 0x1ed000000ull, 0x123457));
	assert_true(has_rsv(r.blob, 0x1eff00000ull, 0x10000));

	assert_change(&r, "/chosen/bootargs", DTB_CHANGE_SET, true,
		      "\"console=ttyAMA0 nr_cpus=1 reset_devices\"");
	assert_change(&r, "/chosen/linux,initrd-start", DTB_CHANGE_SET, true,
		      "<0x1 0xed000000>");
	assert_change(&r, "/chosen/linux,initrd-end", DTB_CHANGE_SET, true,
		      "<0x1 0xed123457>");
	assert_change(&r, "/chosen/linux,elfcorehdr", DTB_CHANGE_SET, false,
		      "<0x1 0xeff00000 0x0 0x10000>");
	assert_change(&r, "/chosen/linux,usable-memory-range", DTB_CHANGE_SET, false,
		      "<0x1 0xe0000000 0x0 0x20000000 0x0 0x70000000 0x0 0x10000000>");
	assert_change(&r, "/chosen/kaslr-seed", DTB_CHANGE_SET, true,
		      "[01 02 03 04 05 06 07 08]");
	assert_true(find_change(&r, "/chosen/kaslr-seed", DTB_CHANGE_SET)->seed);
	assert_true(find_change(&r, "/chosen/rng-seed", DTB_CHANGE_SET)->seed);
	assert_false(find_change(&r, "/chosen/bootargs", DTB_CHANGE_SET)->seed);
	assert_change(&r, "/memreserve/", DTB_CHANGE_RESERVE_REMOVE, true,
		      "0x48000000 0xa00000");
	assert_int_equal(r.nr_changes, 10);

	dtb_edit_result_deinit(&r);
	free(copy);
	free(in);
}

/* Same input, same edits: the same bytes (the dry run is reproducible). */
static void test_deterministic(void **state)
{
	struct dtb_edits e = crash_edits();
	struct dtb_edit_result a, b;
	size_t len;
	void *in = make_tree(&virt, &len);

	(void)state;
	assert_null(dtb_edit(in, len, NAME, &e, &a));
	assert_null(dtb_edit(in, len, NAME, &e, &b));
	assert_int_equal(a.size, b.size);
	assert_memory_equal(a.blob, b.blob, a.size);
	dtb_edit_result_deinit(&a);
	dtb_edit_result_deinit(&b);
	free(in);
}

/* No initrd: stale first-boot values and their reservation go. */
static void test_no_initrd(void **state)
{
	struct dtb_edits e = crash_edits();
	struct dtb_edit_result r;
	size_t len;
	void *in = make_tree(&virt, &len);
	int plen;

	(void)state;
	e.initrd = false;
	assert_null(dtb_edit(in, len, NAME, &e, &r));
	assert_null(chosen_prop(r.blob, "linux,initrd-start", &plen));
	assert_int_equal(plen, -FDT_ERR_NOTFOUND);
	assert_null(chosen_prop(r.blob, "linux,initrd-end", &plen));
	assert_change(&r, "/chosen/linux,initrd-start", DTB_CHANGE_REMOVE, true, NULL);
	assert_change(&r, "/chosen/linux,initrd-end", DTB_CHANGE_REMOVE, true, NULL);
	assert_false(has_rsv(r.blob, OLD_INITRD_START, OLD_INITRD_END - OLD_INITRD_START));
	assert_int_equal(fdt_num_mem_rsv(r.blob), 2);
	dtb_edit_result_deinit(&r);
	free(in);
}

/*
 * Firmware that reserved the first initrd in whole pages: that entry
 * goes too (the kernel's file path looks for the rounded size as well).
 */
static void test_paged_initrd_reservation(void **state)
{
	struct tree_opts o = virt;
	struct dtb_edits e = crash_edits();
	struct dtb_edit_result r;
	size_t len;
	void *in;

	(void)state;
	o.paged_rsv = true;
	in = make_tree(&o, &len);
	assert_null(dtb_edit(in, len, NAME, &e, &r));
	assert_false(has_rsv(r.blob, OLD_INITRD_START, OLD_INITRD_END - OLD_INITRD_START));
	assert_true(has_rsv(r.blob, OTHER_RSV_BASE, OTHER_RSV_SIZE));
	assert_int_equal(fdt_num_mem_rsv(r.blob), 3);
	assert_change(&r, "/memreserve/", DTB_CHANGE_RESERVE_REMOVE, true,
		      "0x48000000 0xa00000");
	dtb_edit_result_deinit(&r);
	free(in);
}

/* Without memreserve the reservation map is left as it was. */
static void test_no_memreserve(void **state)
{
	struct dtb_edits e = crash_edits();
	struct dtb_edit_result r;
	size_t len;
	void *in = make_tree(&virt, &len);

	(void)state;
	e.memreserve = false;
	assert_null(dtb_edit(in, len, NAME, &e, &r));
	assert_int_equal(fdt_num_mem_rsv(r.blob), 2);
	assert_true(has_rsv(r.blob, OLD_INITRD_START, OLD_INITRD_END - OLD_INITRD_START));
	assert_null(find_change(&r, "/memreserve/", DTB_CHANGE_RESERVE_ADD));
	dtb_edit_result_deinit(&r);
	free(in);
}

static void test_bootargs_keep_remove(void **state)
{
	struct dtb_edits e = { .bootargs_action = DTB_BOOTARGS_KEEP };
	struct dtb_edit_result r;
	size_t len;
	void *in = make_tree(&virt, &len);
	const uint8_t *v;
	int plen;

	(void)state;
	e.initrd = true;
	e.initrd_start = OLD_INITRD_START;
	e.initrd_end = OLD_INITRD_END;
	assert_null(dtb_edit(in, len, NAME, &e, &r));
	v = chosen_prop(r.blob, "bootargs", &plen);
	assert_string_equal((const char *)v, "console=ttyAMA0 crashkernel=256M");
	assert_null(find_change(&r, "/chosen/bootargs", DTB_CHANGE_SET));
	/* Nothing asked about seeds or ranges: none added. */
	assert_null(chosen_prop(r.blob, "rng-seed", &plen));
	assert_null(chosen_prop(r.blob, "linux,elfcorehdr", &plen));
	assert_null(chosen_prop(r.blob, "linux,usable-memory-range", &plen));
	dtb_edit_result_deinit(&r);

	e.bootargs_action = DTB_BOOTARGS_REMOVE;
	assert_null(dtb_edit(in, len, NAME, &e, &r));
	assert_null(chosen_prop(r.blob, "bootargs", &plen));
	assert_change(&r, "/chosen/bootargs", DTB_CHANGE_REMOVE, true, NULL);
	dtb_edit_result_deinit(&r);
	free(in);
}

/*
 * Loading from a kdump kernel: its linux,elfcorehdr and
 * linux,usable-memory-range must not reach the next kernel, which would
 * think itself a capture kernel confined to the crashkernel region.  A
 * crash load replaces them.
 */
static void test_kdump_tree(void **state)
{
	struct tree_opts o = virt;
	struct dtb_edits e = { .bootargs_action = DTB_BOOTARGS_KEEP };
	struct dtb_edit_result r;
	const uint8_t *v;
	size_t len;
	void *in;
	int plen;

	(void)state;
	o.kdump = true;
	in = make_tree(&o, &len);
	assert_null(dtb_edit(in, len, NAME, &e, &r));
	assert_null(chosen_prop(r.blob, "linux,elfcorehdr", &plen));
	assert_int_equal(plen, -FDT_ERR_NOTFOUND);
	assert_null(chosen_prop(r.blob, "linux,usable-memory-range", &plen));
	assert_int_equal(plen, -FDT_ERR_NOTFOUND);
	assert_change(&r, "/chosen/linux,elfcorehdr", DTB_CHANGE_REMOVE, true, NULL);
	assert_change(&r, "/chosen/linux,usable-memory-range", DTB_CHANGE_REMOVE,
		      true, NULL);
	dtb_edit_result_deinit(&r);

	e = crash_edits();
	assert_null(dtb_edit(in, len, NAME, &e, &r));
	v = chosen_prop(r.blob, "linux,elfcorehdr", &plen);
	assert_int_equal(plen, 16);
	assert_true(ksd_load64(v, true) == 0x1eff00000ull);
	v = chosen_prop(r.blob, "linux,usable-memory-range", &plen);
	assert_int_equal(plen, 32);
	assert_true(ksd_load64(v, true) == 0x1e0000000ull);
	assert_change(&r, "/chosen/linux,elfcorehdr", DTB_CHANGE_SET, true, NULL);
	assert_change(&r, "/chosen/linux,usable-memory-range", DTB_CHANGE_SET,
		      true, NULL);
	assert_null(find_change(&r, "/chosen/linux,elfcorehdr", DTB_CHANGE_REMOVE));
	dtb_edit_result_deinit(&r);
	free(in);
}

/* A tree without /chosen and without root cells: 1 + 1 cells. */
static void test_no_chosen_default_cells(void **state)
{
	struct tree_opts o = { 0 };
	struct dtb_edits e = crash_edits();
	struct dtb_edit_result r;
	size_t len;
	void *in = make_tree(&o, &len);
	const uint8_t *v;
	int plen;

	(void)state;
	e.elfcorehdr_range.base = 0x8ff00000;
	e.nr_usable = 1;
	e.usable[0].base = 0x80000000;
	e.usable[0].size = 0x10000000;
	e.initrd = false;
	assert_null(dtb_edit(in, len, NAME, &e, &r));
	assert_change(&r, "/chosen", DTB_CHANGE_NODE_ADD, false, NULL);
	v = chosen_prop(r.blob, "linux,elfcorehdr", &plen);
	assert_int_equal(plen, 8);
	assert_int_equal(ksd_load32(v, true), 0x8ff00000);
	assert_int_equal(ksd_load32(v + 4, true), 0x10000);
	v = chosen_prop(r.blob, "linux,usable-memory-range", &plen);
	assert_int_equal(plen, 8);
	assert_int_equal(ksd_load32(v, true), 0x80000000);
	assert_change(&r, "/chosen/bootargs", DTB_CHANGE_SET, false, NULL);
	/* A tree that had no initrd has nothing to remove. */
	assert_null(find_change(&r, "/chosen/linux,initrd-start", DTB_CHANGE_REMOVE));
	dtb_edit_result_deinit(&r);
	free(in);
}

/* 2 address cells, 1 size cell: the common arm64 server layout. */
static void test_mixed_cells(void **state)
{
	struct tree_opts o = virt;
	struct dtb_edits e = crash_edits();
	struct dtb_edit_result r;
	size_t len;
	void *in;
	const uint8_t *v;
	int plen;

	(void)state;
	o.size_cells = 1;
	in = make_tree(&o, &len);
	assert_null(dtb_edit(in, len, NAME, &e, &r));
	v = chosen_prop(r.blob, "linux,elfcorehdr", &plen);
	assert_int_equal(plen, 12);
	assert_true(ksd_load64(v, true) == 0x1eff00000ull);
	assert_int_equal(ksd_load32(v + 8, true), 0x10000);
	v = chosen_prop(r.blob, "linux,usable-memory-range", &plen);
	assert_int_equal(plen, 24);
	assert_true(ksd_load64(v + 12, true) == 0x70000000);
	dtb_edit_result_deinit(&r);
	free(in);
}

static void test_range_does_not_fit(void **state)
{
	struct tree_opts o = { .addr_cells = 1, .size_cells = 1, .chosen = true };
	struct dtb_edits e = crash_edits();
	struct dtb_edit_result r;
	size_t len;
	void *in = make_tree(&o, &len);

	(void)state;
	check_err(dtb_edit(in, len, NAME, &e, &r), KSD_ERR_LIMIT, NAME,
		  "linux,elfcorehdr range 0x1eff00000+0x10000 does not fit #address-cells 1");
	assert_null(r.blob);
	e.elfcorehdr = false;
	check_err(dtb_edit(in, len, NAME, &e, &r), KSD_ERR_LIMIT, NAME,
		  "linux,usable-memory-range", "does not fit");
	free(in);
}

static void test_bad_cells(void **state)
{
	struct dtb_edits e = crash_edits();
	struct dtb_edit_result r;
	struct tree_opts o = virt;
	size_t len;
	void *in;

	(void)state;
	o.addr_cells = 3;
	in = make_tree(&o, &len);
	check_err(dtb_edit(in, len, NAME, &e, &r), KSD_ERR_UNSUPPORTED, NAME,
		  "/#address-cells is 3", "only 1 or 2");
	free(in);

	o = virt;
	o.size_cells = 0x10000;
	in = make_tree(&o, &len);
	check_err(dtb_edit(in, len, NAME, &e, &r), KSD_ERR_UNSUPPORTED, NAME,
		  "/#size-cells is 65536");
	/* Cells do not matter when no range is written. */
	e.elfcorehdr = false;
	e.nr_usable = 0;
	assert_null(dtb_edit(in, len, NAME, &e, &r));
	dtb_edit_result_deinit(&r);
	free(in);
}

/* #address-cells of 8 bytes is not a cell. */
static void test_cells_wrong_length(void **state)
{
	struct dtb_edits e = crash_edits();
	struct dtb_edit_result r;
	uint8_t buf[512];
	uint64_t two = 0;

	(void)state;
	ksd_store64(&two, 2, true);
	assert_int_equal(fdt_create_empty_tree(buf, sizeof(buf)), 0);
	assert_int_equal(fdt_setprop(buf, 0, "#address-cells", &two, 8), 0);
	check_err(dtb_edit(buf, fdt_totalsize(buf), NAME, &e, &r),
		  KSD_ERR_CORRUPT, NAME, "/#address-cells is 8 bytes");
}

static void test_too_large_result(void **state)
{
	struct dtb_edits e = crash_edits();
	struct dtb_edit_result r;
	size_t len;
	void *in = make_tree(&virt, &len);
	char *big;

	(void)state;
	e.max_size = len + 64;
	check_err(dtb_edit(in, len, NAME, &e, &r), KSD_ERR_LIMIT, NAME,
		  "the edited device tree is", "more than the");
	assert_null(r.blob);
	assert_int_equal(r.nr_changes, 0);

	/* A command line larger than the limit is refused before any work. */
	big = malloc(3u << 20);
	assert_non_null(big);
	memset(big, 'x', (3u << 20) - 1);
	big[(3u << 20) - 1] = '\0';
	e = crash_edits();
	e.bootargs = big;
	check_err(dtb_edit(in, len, NAME, &e, &r), KSD_ERR_LIMIT, NAME,
		  "larger than the 2097152-byte limit");
	free(big);
	free(in);
}

static void test_hostile_input(void **state)
{
	struct dtb_edits e = crash_edits();
	struct dtb_edit_result r;
	size_t len;
	uint8_t *in = make_tree(&virt, &len), *bad;
	uint32_t off;

	(void)state;
	check_err(dtb_edit(in, 20, NAME, &e, &r), KSD_ERR_EOF, NAME,
		  "20 bytes, too short");
	check_err(dtb_edit(in, len - 1, NAME, &e, &r), KSD_ERR_EOF, NAME,
		  "truncated: the header says");

	bad = malloc(len);
	assert_non_null(bad);
	memcpy(bad, in, len);
	bad[0] ^= 0xff;
	check_err(dtb_edit(bad, len, NAME, &e, &r), KSD_ERR_CORRUPT, NAME,
		  "not a flattened device tree (magic 0x2f0dfeed");

	/* A structure block with a garbage tag in the middle. */
	memcpy(bad, in, len);
	off = fdt_off_dt_struct(bad);
	ksd_store32(bad + off + 12, 0x12345678, true);
	check_err(dtb_edit(bad, len, NAME, &e, &r), KSD_ERR_CORRUPT, NAME,
		  "not a valid flattened device tree");

	/* A strings block that runs past the end of the blob. */
	memcpy(bad, in, len);
	fdt_set_size_dt_strings(bad, fdt_size_dt_strings(bad) + 4096);
	check_err(dtb_edit(bad, len, NAME, &e, &r), KSD_ERR_CORRUPT, NAME,
		  "not a valid flattened device tree");

	/*
	 * Old versions and misaligned blocks: libfdt 1.6.1's
	 * fdt_check_full() crashed on such a blob (fuzz/regressions/fdt_edit).
	 */
	memcpy(bad, in, len);
	fdt_set_version(bad, 16);
	check_err(dtb_edit(bad, len, NAME, &e, &r), KSD_ERR_UNSUPPORTED, NAME,
		  "device tree version 16 (compatible with 16): only version 17");
	memcpy(bad, in, len);
	fdt_set_off_mem_rsvmap(bad, fdt_off_mem_rsvmap(bad) + 2);
	check_err(dtb_edit(bad, len, NAME, &e, &r), KSD_ERR_CORRUPT, NAME,
		  "misaligned blocks");

	/* A header claiming 4 GiB, in a buffer that big on paper. */
	memcpy(bad, in, len);
	fdt_set_totalsize(bad, 0xfffffff0u);
	check_err(dtb_edit(bad, len, NAME, &e, &r), KSD_ERR_EOF, NAME,
		  "the header says 4294967280 bytes");
	free(bad);

	/* Too large to be a device tree: refused before it is read. */
	check_err(dtb_edit(in, KSD_MAX_DTB_BYTES + 1, NAME, &e, &r),
		  KSD_ERR_LIMIT, NAME, "more than the 16777216");
	free(in);
}

/* Caller mistakes are errors too, not crashes. */
static void test_bad_edits(void **state)
{
	struct dtb_edits e;
	struct dtb_edit_result r;
	size_t len;
	void *in = make_tree(&virt, &len);

	(void)state;
	e = crash_edits();
	e.initrd_end = e.initrd_start - 1;
	check_err(dtb_edit(in, len, NAME, &e, &r), KSD_ERR_INVALID_ARG, NAME,
		  "initrd ends");
	e = crash_edits();
	e.nr_usable = 3;
	check_err(dtb_edit(in, len, NAME, &e, &r), KSD_ERR_INVALID_ARG, NAME,
		  "3 usable memory ranges");
	e = crash_edits();
	e.elfcorehdr_range.size = 0;
	check_err(dtb_edit(in, len, NAME, &e, &r), KSD_ERR_INVALID_ARG, NAME,
		  "empty or wraps");
	e = crash_edits();
	e.bootargs = NULL;
	check_err(dtb_edit(in, len, NAME, &e, &r), KSD_ERR_INVALID_ARG, NAME,
		  "no string");
	free(in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crash_edits),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_no_initrd),
		cmocka_unit_test(test_paged_initrd_reservation),
		cmocka_unit_test(test_no_memreserve),
		cmocka_unit_test(test_bootargs_keep_remove),
		cmocka_unit_test(test_kdump_tree),
		cmocka_unit_test(test_no_chosen_default_cells),
		cmocka_unit_test(test_mixed_cells),
		cmocka_unit_test(test_range_does_not_fit),
		cmocka_unit_test(test_bad_cells),
		cmocka_unit_test(test_cells_wrong_length),
		cmocka_unit_test(test_too_large_result),
		cmocka_unit_test(test_hostile_input),
		cmocka_unit_test(test_bad_edits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
