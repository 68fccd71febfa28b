// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <string.h>

#include "util/number.h"

static int digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

int ksd_parse_u64n(const char *s, size_t n, unsigned int base, uint64_t *ret)
{
	uint64_t v = 0;

	if (base == 0 || base == 16) {
		if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
			s += 2;
			n -= 2;
			base = 16;
		} else if (base == 0) {
			base = 10;
		}
	}
	if (!n || (base != 10 && base != 16))
		return -1;
	for (size_t i = 0; i < n; i++) {
		unsigned int d = (unsigned int)digit(s[i]);

		if (d >= base || v > (UINT64_MAX - d) / base)
			return -1;
		v = v * base + d;
	}
	*ret = v;
	return 0;
}

int ksd_parse_u64(const char *s, unsigned int base, uint64_t *ret)
{
	return ksd_parse_u64n(s, strlen(s), base, ret);
}
