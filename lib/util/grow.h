/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Arrays that grow one element at a time as an input is read (CPU
 * entries of a MADT, cpu nodes of a device tree, notes of a dump, lines
 * of a log).  Reallocating for every element costs a copy of the whole
 * array each time whenever realloc() cannot extend in place, as under
 * ASan or another allocator: quadratic in a count the input chooses.
 * ksd_grow() doubles instead, with no capacity field to keep: the
 * capacity of an array of @n elements built only through it is the
 * smallest power of two >= @n, so it reallocates only when @n is 0 or a
 * power of two.
 */
#ifndef KSD_UTIL_GROW_H
#define KSD_UTIL_GROW_H

#include <stdint.h>
#include <stdlib.h>

/*
 * Room for element @n (the count so far) of the array at @p, of @size
 * bytes each: returns @p itself, or the array moved to a bigger block,
 * or NULL when out of memory (then @p is still valid and unchanged).
 */
static inline void *ksd_grow(void *p, size_t n, size_t size)
{
	size_t cap;

	if (n && (n & (n - 1)))
		return p;		/* not full: n is below its power of two */
	cap = n ? 2 * n : 1;
	if (cap < n || cap > SIZE_MAX / size)
		return NULL;
	return realloc(p, cap * size);
}

/*
 * The room to give an array that must hold @n elements and grows by
 * doubling, when the room is not kept beside it: the smallest power of
 * two >= @n, 0 for 0.  For arrays indexed by a number the input names
 * (a CPU), which can jump ahead, where ksd_grow() takes one element at a
 * time.  @n must be at most 2^31.
 */
static inline unsigned int ksd_grow_room(unsigned int n)
{
	unsigned int room = 1;

	if (!n)
		return 0;
	while (room < n)
		room *= 2;
	return room;
}

#endif /* KSD_UTIL_GROW_H */
