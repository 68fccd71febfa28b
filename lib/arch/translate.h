/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * arm64 kernel virtual to physical address translation.
 *
 * Reads memory only through a callback, so it knows nothing of dump
 * files (style.md 7.2).  Three methods, cheapest first:
 *   - the kernel image: pa = va - kimage_voffset (4.6+);
 *   - the linear map: pa = (va - PAGE_OFFSET) + PHYS_OFFSET, with the
 *     config VA_BITS' PAGE_OFFSET, which stays right when a 52-bit kernel
 *     runs on 48-bit hardware because PHYS_OFFSET is adjusted to match
 *     (dump-formats.md 4.3);
 *   - everything else (vmalloc'd stacks, modules, per-CPU chunks): a walk
 *     of swapper_pg_dir, for 4K, 16K and 64K granules, 2 to 5 levels,
 *     48-bit output addresses, 52-bit LPA (64K) and LPA2 (4K/16K).
 *
 * A virtual address that no table maps is KSD_ERR_FAULT (naming the level
 * and the entry); a table that is not in the dump is the reader's
 * KSD_ERR_NOT_PRESENT, prefixed with the level.  The two never mix.
 * Levels are the Arm ARM's lookup levels: the last is always 3, so a
 * 5-level 4K walk starts at level -1 and a 3-level one at level 1.
 * Descriptors the hardware would fault on (reserved at the last level,
 * blocks where the granule has none) are faults too.
 */
#ifndef KSD_ARCH_TRANSLATE_H
#define KSD_ARCH_TRANSLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

/* Read @len bytes of physical memory at @pa. */
typedef struct ksd_error *ksd_read_phys_fn(void *arg, uint64_t pa, void *buf,
					   size_t len);

struct aarch64_xlat_params {
	unsigned int page_shift;	/* 12, 14 or 16 */
	unsigned int va_bits;		/* NUMBER(VA_BITS): the config value */
	unsigned int vabits_actual;	/* 64 - TCR_EL1_T1SZ, or va_bits */
	unsigned int pa_bits;		/* NUMBER(MAX_PHYSMEM_BITS), or 48 */
	uint64_t kimage_voffset;
	uint64_t phys_offset;		/* NUMBER(PHYS_OFFSET); may be "negative" */
	uint64_t swapper_pg_dir;	/* kimage VA of the root table, 0 = unknown */
	uint64_t stext;			/* SYMBOL(_stext) */
	bool big_endian;		/* byte order of the descriptors */
};

struct aarch64_xlat {
	struct aarch64_xlat_params p;
	bool flipped;			/* 5.4+ layout: linear map in the low half */
	uint64_t page_offset, page_end;	/* the linear map */
	uint64_t image_start, image_end;	/* the kernel image, kimage VAs */
	unsigned int walk_bits;		/* VA width the tables are laid out for */
	unsigned int levels;
	enum { DESC_48, DESC_LPA, DESC_LPA2 } desc;
	ksd_read_phys_fn *read;
	void *arg;
};

/*
 * Set up @x from @p.  Fails with KSD_ERR_UNSUPPORTED for a page size or
 * VA width arm64 does not have.
 */
struct ksd_error *aarch64_xlat_init(struct aarch64_xlat *x,
				    const struct aarch64_xlat_params *p,
				    ksd_read_phys_fn *read, void *arg);

/* Narrow the kernel image to [start, end) once _text and _end are known. */
void aarch64_xlat_set_image(struct aarch64_xlat *x, uint64_t start,
			    uint64_t end);

/* Translate @va by the cheapest method that applies. */
struct ksd_error *aarch64_vtop(const struct aarch64_xlat *x, uint64_t va,
			       uint64_t *pa);

/* Translate @va by walking swapper_pg_dir, whatever its region. */
struct ksd_error *aarch64_walk(const struct aarch64_xlat *x, uint64_t va,
			       uint64_t *pa);

/* Clear a KASAN/MTE tag: sign-extend bit 55 into bits 63:56. */
uint64_t aarch64_untag(uint64_t va);

#endif /* KSD_ARCH_TRANSLATE_H */
