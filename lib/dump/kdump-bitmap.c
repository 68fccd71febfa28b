// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The 1st and 2nd bitmaps of a kdump-compressed file, and the descriptor
 * index they imply.
 *
 * Frame p is bit (p & 7) of byte (p >> 3), least significant bit first
 * (makedumpfile's is_on()).  The descriptor of a dumped frame is the n-th
 * of the descriptor array, n being the number of dumped frames before it.
 * Counting from frame 0 for every lookup would read the whole bitmap each
 * time, so the count at the start of every chunk of 4096 frames is kept,
 * built lazily up to the highest chunk asked for: a lookup costs at most
 * one 512-byte popcount once the chunks below it are counted.  Bitmap
 * bytes are read through one 64 KiB window per bitmap.
 *
 * While counting, every chunk is checked for frames dumped (2nd bitmap)
 * but not RAM (1st bitmap): such bitmaps contradict each other, and the
 * descriptor index of every later frame is in doubt.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dump/kdump.h"
#include "util/endian.h"

#define CHUNK_BITS 4096u
#define CHUNK_BYTES (CHUNK_BITS / 8)
#define WINDOW (64u << 10)

void kdump_bitmap_init(struct kdump_bitmap *bm, struct dump_reader *r,
		       const struct kdump_header *h)
{
	memset(bm, 0, sizeof(*bm));
	bm->r = r;
	bm->off1 = h->bitmap1_off;
	bm->off2 = h->bitmap2_off;
	bm->len = h->bitmap_len;
	bm->nbits = h->max_mapnr;
	bm->base = h->split ? h->start_pfn : 0;
	bm->chunk0 = bm->base / CHUNK_BITS;
	bm->base_count = UINT64_MAX;
}

void kdump_bitmap_release(struct kdump_bitmap *bm)
{
	free(bm->prefix);
	free(bm->win[0].buf);
	free(bm->win[1].buf);
	bm->prefix = NULL;
	bm->win[0].buf = bm->win[1].buf = NULL;
}

/* The 512 bytes of chunk @chunk of bitmap @which (0 = 1st, 1 = 2nd). */
static struct ksd_error *chunk_bytes(struct kdump_bitmap *bm, int which,
				     uint64_t chunk, const uint8_t **ret)
{
	struct kdump_window *w = &bm->win[which];
	uint64_t byte = chunk * CHUNK_BYTES;
	struct ksd_error *err;

	if (!w->buf || byte < w->start || byte + CHUNK_BYTES > w->start + w->len) {
		uint64_t start = byte / WINDOW * WINDOW;
		size_t len = WINDOW;

		if (!w->buf) {
			w->buf = malloc(WINDOW);
			if (!w->buf)
				return &ksd_enomem;
		}
		if (bm->len - start < len)
			len = (size_t)(bm->len - start);
		w->len = 0;
		err = reader_read(bm->r, w->buf, len,
				  (which ? bm->off2 : bm->off1) + start);
		if (err)
			return ksd_error_prefix(err, "reading the %s bitmap",
						which ? "2nd" : "1st");
		w->start = start;
		w->len = len;
	}
	*ret = w->buf + (byte - w->start);
	return NULL;
}

/* Set bits of @p below bit @nbits. */
static uint64_t count_bits(const uint8_t *p, unsigned int nbits)
{
	uint64_t n = 0;
	unsigned int i = 0;

	for (; i + 64 <= nbits; i += 64)
		n += (uint64_t)__builtin_popcountll(ksd_load64(p + i / 8, false));
	for (; i + 8 <= nbits; i += 8)
		n += (uint64_t)__builtin_popcount(p[i / 8]);
	if (i < nbits)
		n += (uint64_t)__builtin_popcount(p[i / 8] & ((1u << (nbits - i)) - 1));
	return n;
}

static struct ksd_error *disagree(uint64_t pfn)
{
	return ksd_error_create(KSD_ERR_CORRUPT,
				"the bitmaps disagree: page frame 0x%llx is dumped (2nd bitmap) but not RAM (1st bitmap)",
				(unsigned long long)pfn);
}

/* Dumped frames of @chunk, after checking the chunk against the 1st bitmap. */
static struct ksd_error *count_chunk(struct kdump_bitmap *bm, uint64_t chunk,
				     uint64_t *ret)
{
	const uint8_t *b1, *b2;
	struct ksd_error *err;

	err = chunk_bytes(bm, 1, chunk, &b2);
	if (err)
		return err;
	if (bm->off1 != bm->off2) {
		err = chunk_bytes(bm, 0, chunk, &b1);
		if (err)
			return err;
		for (unsigned int i = 0; i < CHUNK_BYTES; i++) {
			uint8_t bad = (uint8_t)(b2[i] & ~b1[i]);

			if (bad)
				return disagree(chunk * CHUNK_BITS + i * 8 +
						(uint64_t)__builtin_ctz(bad));
		}
	}
	*ret = count_bits(b2, CHUNK_BITS);
	return NULL;
}

/* Make prefix[@chunk - chunk0] known. */
static struct ksd_error *build_to(struct kdump_bitmap *bm, uint64_t chunk)
{
	size_t need = (size_t)(chunk - bm->chunk0) + 1;

	if (bm->nprefix >= need)
		return NULL;
	if (need > bm->capprefix) {
		size_t ncap = bm->capprefix ? bm->capprefix : 64;
		uint64_t *nv;

		while (ncap < need)
			ncap *= 2;
		nv = reallocarray(bm->prefix, ncap, sizeof(*nv));
		if (!nv)
			return &ksd_enomem;
		bm->prefix = nv;
		bm->capprefix = ncap;
	}
	if (bm->nprefix == 0)
		bm->prefix[bm->nprefix++] = 0;
	while (bm->nprefix < need) {
		uint64_t c = bm->chunk0 + bm->nprefix - 1, n = 0;
		struct ksd_error *err = count_chunk(bm, c, &n);

		if (err)
			return err;
		bm->prefix[bm->nprefix] = bm->prefix[bm->nprefix - 1] + n;
		bm->nprefix++;
	}
	return NULL;
}

static bool bit(const uint8_t *chunk, uint64_t pfn)
{
	unsigned int i = (unsigned int)(pfn % CHUNK_BITS);

	return chunk[i / 8] >> (i % 8) & 1;
}

struct ksd_error *kdump_bitmap_lookup(struct kdump_bitmap *bm, uint64_t pfn,
				      bool *ram, bool *dumped, uint64_t *index)
{
	uint64_t chunk = pfn / CHUNK_BITS;
	const uint8_t *b1, *b2;
	struct ksd_error *err;

	*ram = *dumped = false;
	if (pfn >= bm->nbits || pfn < bm->base)
		return NULL;
	err = chunk_bytes(bm, 0, chunk, &b1);
	if (err)
		return err;
	*ram = bit(b1, pfn);
	err = chunk_bytes(bm, 1, chunk, &b2);
	if (err)
		return err;
	*dumped = bit(b2, pfn);
	if (*dumped && !*ram)
		return disagree(pfn);
	if (!*dumped)
		return NULL;
	if (bm->base_count == UINT64_MAX) {
		err = chunk_bytes(bm, 1, bm->chunk0, &b2);
		if (err)
			return err;
		bm->base_count = count_bits(b2, (unsigned int)(bm->base % CHUNK_BITS));
	}
	err = build_to(bm, chunk);
	if (err)
		return err;
	/* build_to() may have moved the window. */
	err = chunk_bytes(bm, 1, chunk, &b2);
	if (err)
		return err;
	*index = bm->prefix[chunk - bm->chunk0] +
		 count_bits(b2, (unsigned int)(pfn % CHUNK_BITS)) - bm->base_count;
	return NULL;
}
