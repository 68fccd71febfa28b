// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/strv.h"

struct ksd_error *ksd_strv_appendf(char ***v, unsigned int *n,
				   const char *fmt, ...)
{
	char **grown, *s;
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (r < 0)
		return &ksd_enomem;
	grown = reallocarray(*v, (size_t)*n + 1, sizeof(*grown));
	if (!grown) {
		free(s);
		return &ksd_enomem;
	}
	*v = grown;
	grown[(*n)++] = s;
	return NULL;
}
