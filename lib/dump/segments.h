/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A map from physical address ranges to where their bytes are: at a file
 * offset (data), or declared but not saved (excluded: reads as zero).
 *
 * ELF dumps overlap themselves: the kernel-text PT_LOAD covers bytes that
 * a RAM PT_LOAD covers too, with identical contents.  segmap_finish()
 * sorts the ranges and clips overlaps so each address has one answer;
 * data always wins over an excluded range.
 */
#ifndef KSD_DUMP_SEGMENTS_H
#define KSD_DUMP_SEGMENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

struct seg {
	uint64_t start;		/* first physical address */
	uint64_t end;		/* one past the last */
	uint64_t file_off;	/* file offset of @start (data ranges) */
};

struct segmap {
	struct seg *data;
	size_t ndata, capdata;
	struct seg *excl;
	size_t nexcl, capexcl;
};

struct ksd_error *segmap_add(struct segmap *map, uint64_t start, uint64_t len,
			     uint64_t file_off, bool excluded);
void segmap_finish(struct segmap *map);

/*
 * Find @addr.  Returns the data range holding it, or NULL; if NULL and
 * @addr is excluded, *@excl is set to that range.  *@next_data is set to
 * the start of the first data range above @addr (UINT64_MAX if none), so
 * a reader can stop an excluded stretch where data resumes.
 */
const struct seg *segmap_find(const struct segmap *map, uint64_t addr,
			      const struct seg **excl, uint64_t *next_data);

void segmap_release(struct segmap *map);

#endif /* KSD_DUMP_SEGMENTS_H */
