/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Kernel command-line parameters, split as the kernel's next_arg() splits
 * them: at blanks outside double quotes, "name" or "name=value", with
 * one pair of quotes around a value stripped.  The loader edits the
 * capture kernel's line with this, and the dump reader finds the record
 * token in it, so both see the parameters the kernel sees.
 */
#ifndef KSD_UTIL_CMDLINE_H
#define KSD_UTIL_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>

struct ksd_cmdline_param {
	const char *start, *end;	/* the whole "name=value" */
	size_t namelen;
	const char *val;		/* NULL for a bare "name" */
	size_t vlen;
};

/*
 * The parameter at or after @p: fills @ret and returns where the next
 * search starts, or NULL when only blanks are left.
 */
const char *ksd_cmdline_next(const char *p, struct ksd_cmdline_param *ret);

/* True if @pa is parameter @name. */
bool ksd_cmdline_is(const struct ksd_cmdline_param *pa, const char *name);

/*
 * Find parameter @name in @line; on success *@val points at its value
 * (after '=', or NULL for a bare flag) and *@vlen is the value's length.
 * The last occurrence wins, as for the kernel's own parameters.
 */
bool ksd_cmdline_get(const char *line, const char *name, const char **val,
		     size_t *vlen);

#endif /* KSD_UTIL_CMDLINE_H */
