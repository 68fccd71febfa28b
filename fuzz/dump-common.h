/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The body the dump harnesses share: open a dump held in memory, walk its
 * notes and read memory the way an analysis would, so the format's probe,
 * its page lookup and its page codecs all see the input.
 */
#ifndef KSD_FUZZ_DUMP_COMMON_H
#define KSD_FUZZ_DUMP_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dump/dump.h"

/* Read memory of an open dump (notes, pages) and drop every error. */
void fuzz_dump_exercise(struct ksd_dump *dump, const uint8_t *data,
			size_t size);

/* Read the frames each kdump-compressed part's bitmap says it dumped. */
void fuzz_dump_parts(struct ksd_dump *dump, const void *const *bufs,
		     const size_t *lens, size_t n);

/* Open @size bytes at @data as a dump and exercise it. */
void fuzz_dump_run(const uint8_t *data, size_t size);

/* True if @data starts with the @len bytes at @magic. */
bool fuzz_has_magic(const uint8_t *data, size_t size, const void *magic,
		    size_t len);

#endif /* KSD_FUZZ_DUMP_COMMON_H */
