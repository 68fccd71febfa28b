/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Where each kexec_load segment goes (kexec-arm64.md 1.3, 1.5, 1.7).
 *
 * The layout holds the regions segments may use (for a crash kernel the
 * crashkernel= reservation the kernel calls crashk_res, the last "Crash
 * kernel" range: kexec_load refuses any segment outside it; for kexec -l
 * the free System RAM) and the segments placed so far.  Every segment
 * starts and ends on a page boundary of the running kernel, lies inside
 * one region, overlaps no other, and there are at most KEXEC_SEGMENT_MAX
 * of them: the kernel's own checks (sanity_check_segment_list()), made
 * here first so a bad plan is refused with a message, not EINVAL or
 * EADDRNOTAVAIL.
 */
#ifndef KSD_KEXEC_LAYOUT_H
#define KSD_KEXEC_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "memmap.h"

/* include/uapi/linux/kexec.h */
#define KEXEC_SEGMENT_MAX 16

struct layout_slot {
	const char *what;
	uint64_t start, end;	/* inclusive */
};

struct layout {
	struct mem_range *regions;	/* ascending, not overlapping */
	size_t nregions;
	uint64_t page_size;
	struct layout_slot slots[KEXEC_SEGMENT_MAX];	/* ascending */
	unsigned int nslots;
};

enum layout_dir {
	LAYOUT_BOTTOM_UP,	/* the lowest fit at or above @min */
	LAYOUT_TOP_DOWN,	/* the highest fit */
};

/* @regions is copied; each is trimmed inward to whole pages. */
struct ksd_error *layout_init(struct layout *l, const struct mem_range *regions,
			      size_t n, uint64_t page_size);
void layout_deinit(struct layout *l);

/*
 * Claim [@mem, @mem + @memsz) for @what (a string that outlives @l).
 * Errors say which rule the segment breaks.
 */
struct ksd_error *layout_claim(struct layout *l, const char *what,
			       uint64_t mem, uint64_t memsz);

/*
 * Find room for @size bytes (rounded up to pages) aligned to @align (a
 * power of two; raised to the page size) at or above @min, and claim it.
 */
struct ksd_error *layout_place(struct layout *l, const char *what,
			       uint64_t size, uint64_t align, uint64_t min,
			       enum layout_dir dir, uint64_t *ret);

/* @n rounded up to the layout's page size (0 if it would wrap). */
uint64_t layout_page_up(const struct layout *l, uint64_t n);

#endif /* KSD_KEXEC_LAYOUT_H */
