/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Numbers read from dumps, /proc and /sys, strictly: the whole text is
 * the number.  strtoull() would also skip leading blanks, take a sign
 * ("-1" is 2^64 - 1) and stop at the first stray byte, so a lying or
 * damaged value could pass for a real one.
 */
#ifndef KSD_UTIL_NUMBER_H
#define KSD_UTIL_NUMBER_H

#include <stddef.h>
#include <stdint.h>

/*
 * All of @s[0..@n) as an unsigned number.  @base 10: decimal digits.
 * @base 16: hex digits, after an optional "0x" or "0X".  @base 0: hex
 * after "0x"/"0X", else decimal (never octal: no kernel prints it).  At
 * least one digit; no blanks, sign or trailing text; a value that does
 * not fit in 64 bits is refused.  Returns 0, or -1 leaving *@ret alone.
 */
int ksd_parse_u64n(const char *s, size_t n, unsigned int base, uint64_t *ret);

/* The same for the NUL-terminated @s. */
int ksd_parse_u64(const char *s, unsigned int base, uint64_t *ret);

#endif /* KSD_UTIL_NUMBER_H */
