/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Internals shared by the printk readers: printk.c (entry, records,
 * formatting), printk-ring.c (the lockless ring buffer) and printk-log.c
 * (the structured log).  Not for use outside lib/kernel/printk*.c.
 */
#ifndef KSD_KERNEL_PRINTK_PRIV_H
#define KSD_KERNEL_PRINTK_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel/kmem.h"
#include "kernel/printk.h"
#include "kernel/vmcoreinfo.h"
#include "util/error.h"

/*
 * Collects records while a reader walks the log.  Texts go into one arena
 * whose total is capped (text_limit): a log cannot hold more text than its
 * ring has bytes, so overlapping blocks in a hostile dump cannot multiply
 * the memory it costs.
 */
struct printk_builder {
	struct ksd_printk_log *log;
	size_t cap;			/* records allocated */
	size_t *text_off;		/* each record's text in the arena */
	size_t arena_len, arena_cap;
	uint64_t text_limit;		/* bytes of text (without NULs) */
	uint64_t text_total;
	bool have_prev;
	uint64_t prev_seq;
};

/*
 * Add a record: @r without its text, then @text (@len bytes).  Returns
 * &ksd_enomem, or NULL; a text beyond text_limit is refused with a
 * warning and counted as a bad block (not an error).
 */
struct ksd_error *printk_add(struct printk_builder *b,
			     const struct ksd_printk_record *r,
			     const char *text, size_t len);

/* Keep a warning (the first KSD_PRINTK_MAX_WARNINGS) and count it. */
void printk_warn(struct printk_builder *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * A window onto an array in kernel memory, read in chunks so that a walk
 * of thousands of small records costs a few large reads.  A chunk that
 * cannot be read whole (part of it is not in the dump) falls back to
 * reading just the bytes asked for.
 */
struct printk_window {
	const struct ksd_kmem *m;
	uint64_t va;			/* start of the array */
	uint64_t size;			/* its length in bytes */
	uint64_t chunk_off;		/* offset of the cached chunk */
	size_t chunk_len;		/* 0: nothing cached */
	uint64_t bad_off;		/* a chunk known to be unreadable */
	bool bad_valid;
	uint8_t *buf;
};

void printk_window_init(struct printk_window *w, const struct ksd_kmem *m,
			uint64_t va, uint64_t size);
void printk_window_deinit(struct printk_window *w);
/* Read @len bytes at offset @off of the array; the range must lie inside. */
struct ksd_error *printk_window_read(struct printk_window *w, uint64_t off,
				     void *buf, size_t len);

/* VMCOREINFO lookups; @name is "printk_info.seq" and the like. */
struct ksd_error *printk_symbol(const struct ksd_vmcoreinfo *vi,
				const char *name, uint64_t *ret);
struct ksd_error *printk_size(const struct ksd_vmcoreinfo *vi,
			      const char *name, uint64_t *ret);
struct ksd_error *printk_offset(const struct ksd_vmcoreinfo *vi,
				const char *name, uint64_t *ret);
/* As printk_offset(), but a missing key yields @dflt, not an error. */
struct ksd_error *printk_offset_opt(const struct ksd_vmcoreinfo *vi,
				    const char *name, uint64_t dflt,
				    uint64_t *ret);

/* An unsigned integer of @width bytes (1, 2, 4 or 8) in the dump's order. */
uint64_t printk_load(const uint8_t *p, unsigned int width, bool big);

/* Read a pointer-sized or 32-bit variable of the dumped kernel. */
struct ksd_error *printk_read_ulong(const struct ksd_kmem *m, uint64_t va,
				    uint64_t *ret);
struct ksd_error *printk_read_u32(const struct ksd_kmem *m, uint64_t va,
				  uint32_t *ret);

/*
 * Decode the byte holding "u8 flags:5; u8 level:3;" of printk_info and
 * printk_log.  GCC allocates bit-fields from the least significant bit
 * on little-endian targets and from the most significant on big-endian
 * ones, so the same declaration puts level in different bits.
 */
void printk_decode_flags_level(uint8_t byte, bool big,
			       struct ksd_printk_record *r);

struct ksd_error *printk_read_lockless(struct printk_builder *b,
				       const struct ksd_kmem *m,
				       const struct ksd_vmcoreinfo *vi);
struct ksd_error *printk_read_structured(struct printk_builder *b,
					 const struct ksd_kmem *m,
					 const struct ksd_vmcoreinfo *vi);

#endif /* KSD_KERNEL_PRINTK_PRIV_H */
