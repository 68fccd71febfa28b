// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <stdlib.h>

#include "dump/segments.h"

static struct ksd_error *push(struct seg **v, size_t *n, size_t *cap,
			      const struct seg *s)
{
	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		struct seg *nv = reallocarray(*v, ncap, sizeof(**v));

		if (!nv)
			return &ksd_enomem;
		*v = nv;
		*cap = ncap;
	}
	(*v)[(*n)++] = *s;
	return NULL;
}

struct ksd_error *segmap_add(struct segmap *map, uint64_t start, uint64_t len,
			     uint64_t file_off, bool excluded)
{
	struct seg s = { .start = start, .end = start + len, .file_off = file_off };

	if (len == 0)
		return NULL;
	if (excluded)
		return push(&map->excl, &map->nexcl, &map->capexcl, &s);
	return push(&map->data, &map->ndata, &map->capdata, &s);
}

static int cmp_seg(const void *a, const void *b)
{
	const struct seg *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	/* Longer first, so the clip below keeps the most. */
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	return 0;
}

/* Sort and clip so ranges are disjoint and ascending. */
static void normalise(struct seg *v, size_t *n, bool has_offsets)
{
	size_t out = 0;
	uint64_t covered = 0;

	if (*n < 2)
		return;
	qsort(v, *n, sizeof(*v), cmp_seg);
	for (size_t i = 0; i < *n; i++) {
		struct seg s = v[i];

		if (out && s.start < covered) {
			if (s.end <= covered)
				continue;
			if (has_offsets)
				s.file_off += covered - s.start;
			s.start = covered;
		}
		v[out++] = s;
		covered = s.end;
	}
	*n = out;
}

void segmap_finish(struct segmap *map)
{
	normalise(map->data, &map->ndata, true);
	normalise(map->excl, &map->nexcl, false);
}

/* Index of the last range starting at or below @addr, or -1. */
static long floor_index(const struct seg *v, size_t n, uint64_t addr)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid].start <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (long)lo - 1;
}

const struct seg *segmap_find(const struct segmap *map, uint64_t addr,
			      const struct seg **excl, uint64_t *next_data)
{
	long i = floor_index(map->data, map->ndata, addr);

	*excl = NULL;
	*next_data = (size_t)(i + 1) < map->ndata ? map->data[i + 1].start
						  : UINT64_MAX;
	if (i >= 0 && addr < map->data[i].end)
		return &map->data[i];
	i = floor_index(map->excl, map->nexcl, addr);
	if (i >= 0 && addr < map->excl[i].end)
		*excl = &map->excl[i];
	return NULL;
}

void segmap_release(struct segmap *map)
{
	free(map->data);
	free(map->excl);
	map->data = map->excl = NULL;
	map->ndata = map->nexcl = map->capdata = map->capexcl = 0;
}
