/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Loads and stores of fixed-width integers in a stated byte order, from
 * byte buffers that need not be aligned.  Dumps are written in the dumped
 * machine's order, which need not be the host's (an aarch64_be dump read
 * on x86_64), so every multi-byte field read from a dump goes through
 * these.
 */
#ifndef KSD_UTIL_ENDIAN_H
#define KSD_UTIL_ENDIAN_H

#include <stdbool.h>
#include <stdint.h>

static inline uint16_t ksd_load16(const void *p, bool big)
{
	const uint8_t *b = p;

	return big ? (uint16_t)(b[0] << 8 | b[1]) : (uint16_t)(b[1] << 8 | b[0]);
}

static inline uint32_t ksd_load32(const void *p, bool big)
{
	const uint8_t *b = p;

	if (big)
		return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
		       (uint32_t)b[2] << 8 | b[3];
	return (uint32_t)b[3] << 24 | (uint32_t)b[2] << 16 |
	       (uint32_t)b[1] << 8 | b[0];
}

static inline uint64_t ksd_load64(const void *p, bool big)
{
	const uint8_t *b = p;
	uint64_t hi = ksd_load32(b + (big ? 0 : 4), big);
	uint64_t lo = ksd_load32(b + (big ? 4 : 0), big);

	return hi << 32 | lo;
}

static inline void ksd_store32(void *p, uint32_t v, bool big)
{
	uint8_t *b = p;

	for (int i = 0; i < 4; i++)
		b[big ? 3 - i : i] = (uint8_t)(v >> (8 * i));
}

static inline void ksd_store64(void *p, uint64_t v, bool big)
{
	uint8_t *b = p;

	for (int i = 0; i < 8; i++)
		b[big ? 7 - i : i] = (uint8_t)(v >> (8 * i));
}

#endif /* KSD_UTIL_ENDIAN_H */
