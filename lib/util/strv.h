/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Growing lists of formatted messages (a plan's warnings, the guesses
 * behind a memory map): one place for the formatting, the growth and the
 * cleanup when either runs out of memory.
 */
#ifndef KSD_UTIL_STRV_H
#define KSD_UTIL_STRV_H

#include "util/error.h"

/*
 * Append a string made from @fmt to the @*n strings at @*v.  On
 * &ksd_enomem the list is left as it was.
 */
struct ksd_error *ksd_strv_appendf(char ***v, unsigned int *n,
				   const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* KSD_UTIL_STRV_H */
