/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The device tree the capture (or next) kernel boots with, on the
 * kexec_load path: the first kernel's DTB (/sys/firmware/fdt, or --dtb)
 * with /chosen rewritten for the new kernel, edited with libfdt.
 *
 * What dtb_edit() does, each only when the caller asks for it:
 *
 *   /chosen/bootargs                  set, removed, or left as it was
 *   /chosen/linux,initrd-start, -end  set as 64-bit big-endian values; both
 *                                     removed when there is no initrd, so a
 *                                     first boot's values cannot survive
 *   /chosen/linux,elfcorehdr          <base size>, or removed
 *   /chosen/linux,usable-memory-range one or two <base size> pairs, the
 *                                     lowest range LAST (the order arm64
 *                                     kernels and older kdump expect), or
 *                                     removed; a kdump kernel's values
 *                                     never reach the kernel it loads
 *   /chosen/kaslr-seed                8 caller-supplied bytes
 *   /chosen/rng-seed                  caller-supplied bytes
 *   /memreserve/                      one entry each for the new initrd and
 *                                     elfcorehdr; the entry of the first
 *                                     boot's initrd (the range its
 *                                     /chosen/linux,initrd-* name, or
 *                                     that range in whole 4, 16 or 64 KiB
 *                                     pages) removed
 *
 * <base size> pairs are written in the ROOT node's #address-cells and
 * #size-cells (1 or 2; absent means 1, as the kernel's
 * OF_ROOT_NODE_ADDR_CELLS_DEFAULT and _SIZE_CELLS_DEFAULT, which is how it
 * will read them back); a value that does not fit is an error.  /chosen
 * is created when missing.
 *
 * Random bytes come from the caller (getrandom() in the loader), so the
 * same input and edits always give the same blob: --dry-run output and
 * the tests are reproducible.
 *
 * Hostile input: the blob is checked whole with fdt_check_full() before
 * anything is read from it; a bad header, a truncated or oversized blob,
 * a broken structure block, unusable cells or a result larger than the
 * caller's maximum is a clear error naming the blob.  The input is never
 * written.
 */
#ifndef KSD_KEXEC_FDT_EDIT_H
#define KSD_KEXEC_FDT_EDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fdt-check.h"
#include "util/error.h"

struct dtb_range {
	uint64_t base;
	uint64_t size;
};

enum dtb_bootargs {
	DTB_BOOTARGS_KEEP,	/* leave /chosen/bootargs as it is */
	DTB_BOOTARGS_SET,	/* set it to dtb_edits.bootargs */
	DTB_BOOTARGS_REMOVE,	/* delete it */
};

struct dtb_edits {
	enum dtb_bootargs bootargs_action;
	const char *bootargs;		/* for DTB_BOOTARGS_SET */

	/* No initrd: the linux,initrd-* properties are removed. */
	bool initrd;
	uint64_t initrd_start, initrd_end;	/* end exclusive, as the kernel */

	/* False: linux,elfcorehdr is removed. */
	bool elfcorehdr;
	struct dtb_range elfcorehdr_range;

	/* 0: linux,usable-memory-range is removed; 1 or 2: set it. */
	unsigned int nr_usable;
	struct dtb_range usable[2];	/* any order; written low range last */

	bool kaslr_seed;
	uint8_t kaslr_seed_bytes[8];

	/* 0: leave rng-seed alone. */
	size_t rng_seed_len;
	const uint8_t *rng_seed;

	/*
	 * Add /memreserve/ entries for the new initrd and elfcorehdr (and
	 * drop the first boot's initrd entry), as the kernel's own
	 * kexec_file_load path does.
	 */
	bool memreserve;

	/* The edited blob may be at most this many bytes (0: 2 MiB). */
	size_t max_size;
};

enum dtb_change_kind {
	DTB_CHANGE_SET,			/* property created or replaced */
	DTB_CHANGE_REMOVE,		/* property deleted */
	DTB_CHANGE_RESERVE_ADD,		/* /memreserve/ entry added */
	DTB_CHANGE_RESERVE_REMOVE,	/* /memreserve/ entry deleted */
	DTB_CHANGE_NODE_ADD,		/* node created (/chosen) */
};

/*
 * One change, for --dry-run.  @path is "/chosen/bootargs" or
 * "/memreserve/"; @value is the new value as dtc would print it
 * ("\"console=ttyAMA0\"", "<0x0 0x80000000 0x0 0x1000000>",
 * "[01 02 ...]") or, for reservations, "0xBASE 0xSIZE"; NULL for a
 * removal.  @had_old: the property (entry) existed before.  @seed marks
 * kaslr-seed and rng-seed, whose values a printer may want to hide.
 */
struct dtb_change {
	enum dtb_change_kind kind;
	char *path;
	char *value;
	bool had_old;
	bool seed;
};

struct dtb_edit_result {
	void *blob;			/* malloc'd, packed */
	size_t size;
	struct dtb_change *changes;
	size_t nr_changes;
};

/**
 * dtb_edit() - apply @edits to a copy of the DTB in @dtb
 * @dtb, @len:	the blob as read (from /sys/firmware/fdt or --dtb)
 * @name:	what to call it in messages, e.g. the file name
 * @edits:	what to change
 * @ret:	on success, the new blob and the list of changes; the caller
 *		releases it with dtb_edit_result_deinit()
 *
 * Return: NULL, or an error whose message starts with @name; @ret then
 * holds nothing.
 */
struct ksd_error *dtb_edit(const void *dtb, size_t len, const char *name,
			   const struct dtb_edits *edits,
			   struct dtb_edit_result *ret);

void dtb_edit_result_deinit(struct dtb_edit_result *res);

#endif /* KSD_KEXEC_FDT_EDIT_H */
