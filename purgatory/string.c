// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The four functions GCC may call even in freestanding code (for struct
 * copies and initialisation: see "Standards" in the GCC manual).  The
 * purgatory does not call them itself today; they are here so that a
 * compiler that decides to emit such a call still links, and the
 * undefined-symbol check stays meaningful.  Byte loops, kept as loops
 * by -fno-tree-loop-distribute-patterns (otherwise GCC would compile
 * memset's loop into a call to memset).  Speed does not matter: the
 * hashing does not use them.
 */
#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++) {
		if (*x != *y)
			return *x - *y;
	}
	return 0;
}
