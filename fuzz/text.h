/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Text inputs for the harnesses of the loader's /proc, /sys and log
 * parsers, which take NUL-terminated strings: a copy of the input with a
 * NUL after it, and its lines one at a time.
 */
#ifndef KSD_FUZZ_TEXT_H
#define KSD_FUZZ_TEXT_H

#include <stdlib.h>
#include <string.h>

#include "util/error.h"

/* A malloc'd, NUL-terminated copy of @data (NULL when out of memory). */
static inline char *fuzz_strndup(const void *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s) {
		memcpy(s, data, size);
		s[size] = '\0';
	}
	return s;
}

/*
 * Call @fn with each line of @text (which it may not keep), cut at '\n';
 * stop at the first error, which is returned.
 */
static inline struct ksd_error *fuzz_lines(char *text,
					   struct ksd_error *(*fn)(void *,
								   const char *),
					   void *arg)
{
	char *line = text;

	for (;;) {
		char *nl = strchr(line, '\n');
		struct ksd_error *err;

		if (nl)
			*nl = '\0';
		err = fn(arg, line);
		if (nl)
			*nl = '\n';
		if (err || !nl)
			return err;
		line = nl + 1;
	}
}

#endif /* KSD_FUZZ_TEXT_H */
