// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <string.h>

#include "util/cmdline.h"

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

const char *ksd_cmdline_next(const char *p, struct ksd_cmdline_param *ret)
{
	bool quoted = false;
	const char *eq = NULL;

	while (blank(*p))
		p++;
	if (!*p)
		return NULL;
	ret->start = p;
	for (; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && blank(*p))
			break;
		else if (*p == '=' && !eq && !quoted)
			eq = p;
	}
	ret->end = p;
	if (eq) {
		ret->namelen = (size_t)(eq - ret->start);
		ret->val = eq + 1;
		ret->vlen = (size_t)(p - eq - 1);
		/* The kernel strips one pair of quotes around a value. */
		if (ret->vlen >= 2 && ret->val[0] == '"' &&
		    ret->val[ret->vlen - 1] == '"') {
			ret->val++;
			ret->vlen -= 2;
		}
	} else {
		ret->namelen = (size_t)(p - ret->start);
		ret->val = NULL;
		ret->vlen = 0;
	}
	return p;
}

bool ksd_cmdline_is(const struct ksd_cmdline_param *pa, const char *name)
{
	size_t n = strlen(name);

	return pa->namelen == n && memcmp(pa->start, name, n) == 0;
}

bool ksd_cmdline_get(const char *line, const char *name, const char **val,
		     size_t *vlen)
{
	struct ksd_cmdline_param pa;
	bool found = false;

	for (const char *p = line; (p = ksd_cmdline_next(p, &pa));) {
		if (ksd_cmdline_is(&pa, name)) {
			found = true;
			*val = pa.val;
			*vlen = pa.vlen;
		}
	}
	return found;
}
