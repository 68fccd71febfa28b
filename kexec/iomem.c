// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "iomem.h"
#include "util/number.h"

/* Resource names are short ("System RAM", "0000:00:01.0"); be generous. */
#define MAX_NAME 256
/* The kernel nests resources a handful of levels deep. */
#define MAX_DEPTH 32

/*
 * Parse the 1-16 hex digits at *p (before @end), advancing it past them:
 * the kernel prints at most 16 (%0*llx), so more is not its file.
 */
static int parse_hex(const char **p, const char *end, uint64_t *ret)
{
	size_t n = 0;

	while (*p + n < end && (*p)[n] && strchr("0123456789abcdefABCDEF", (*p)[n]))
		n++;
	if (n > 16 || ksd_parse_u64n(*p, n, 16, ret) < 0)
		return -1;
	*p += n;
	return 0;
}

static struct ksd_error *bad_line(const char *what, unsigned int lineno,
				  const char *msg)
{
	return ksd_error_create(KSD_ERR_CORRUPT, "%s line %u: %s", what, lineno, msg);
}

static struct ksd_error *parse_line(const char *line, const char *end,
				    const char *what, unsigned int lineno,
				    struct iomem_range *r)
{
	const char *p = line;
	size_t spaces = 0, n;

	while (p < end && *p == ' ') {
		p++;
		spaces++;
	}
	if (spaces % 2)
		return bad_line(what, lineno, "indentation is not a multiple of two spaces");
	if (spaces / 2 > MAX_DEPTH)
		return bad_line(what, lineno, "nested deeper than 32 levels");
	r->depth = (unsigned int)(spaces / 2);
	if (parse_hex(&p, end, &r->start) < 0 || p >= end || *p != '-')
		return bad_line(what, lineno, "expected '<start>-<end> : <name>' with hex addresses");
	p++;
	if (parse_hex(&p, end, &r->end) < 0 || end - p < 3 || memcmp(p, " : ", 3) != 0)
		return bad_line(what, lineno, "expected '<start>-<end> : <name>' with hex addresses");
	p += 3;
	if (r->end < r->start)
		return bad_line(what, lineno, "range ends before it starts");
	n = (size_t)(end - p);
	if (!n)
		return bad_line(what, lineno, "range has no name");
	if (n > MAX_NAME)
		return bad_line(what, lineno, "name longer than 256 bytes");
	r->name = strndup(p, n);
	return r->name ? NULL : &ksd_enomem;
}

/*
 * A child must lie inside its parent: the closest range before it one
 * level up, which is the last range seen at that depth (@last, indexed
 * by depth), so the check costs the same for the 65536th sibling as for
 * the first.
 */
static struct ksd_error *check_nesting(const struct iomem *io, size_t *last,
				       const char *what, unsigned int lineno)
{
	const struct iomem_range *r = &io->ranges[io->n - 1];
	const struct iomem_range *parent;

	if (io->n == 1 && r->depth)
		return bad_line(what, lineno, "first range is indented");
	if (io->n > 1 && r->depth > io->ranges[io->n - 2].depth + 1)
		return bad_line(what, lineno, "indented more than one level below the range before it");
	last[r->depth] = io->n - 1;
	if (!r->depth)
		return NULL;
	/* Every level above was seen: depth grows one level at a time. */
	parent = &io->ranges[last[r->depth - 1]];
	if (r->start < parent->start || r->end > parent->end)
		return bad_line(what, lineno, "range lies outside the range it is nested in");
	return NULL;
}

struct ksd_error *iomem_parse(const char *text, size_t len, const char *what,
			      struct iomem *ret)
{
	struct iomem io = { .hidden = true };
	struct ksd_error *err = NULL;
	size_t last[MAX_DEPTH + 1] = { 0 };
	const char *p = text, *end = text + len;
	unsigned int lineno = 0;
	size_t cap = 0;

	if (len > KSD_MAX_IOMEM_BYTES)
		return ksd_error_create(KSD_ERR_LIMIT,
					"%s is %zu bytes, more than the %u accepted",
					what, len, KSD_MAX_IOMEM_BYTES);
	while (p < end && !err) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;

		lineno++;
		if (eol == p) {
			err = bad_line(what, lineno, "empty line");
			break;
		}
		if (memchr(p, '\0', (size_t)(eol - p))) {
			err = bad_line(what, lineno, "contains a NUL byte");
			break;
		}
		if (io.n == cap) {
			struct iomem_range *v;

			if (cap >= KSD_MAX_IOMEM_RANGES) {
				err = ksd_error_create(KSD_ERR_LIMIT,
						       "%s has more than %u ranges, the most accepted",
						       what, KSD_MAX_IOMEM_RANGES);
				break;
			}
			cap = cap ? cap * 2 : 64;
			v = reallocarray(io.ranges, cap, sizeof(*v));
			if (!v) {
				err = &ksd_enomem;
				break;
			}
			io.ranges = v;
		}
		err = parse_line(p, eol, what, lineno, &io.ranges[io.n]);
		if (err)
			break;
		io.n++;
		if (io.ranges[io.n - 1].end)
			io.hidden = false;
		err = check_nesting(&io, last, what, lineno);
		p = nl ? nl + 1 : end;
	}
	if (!err && !io.n)
		err = ksd_error_create(KSD_ERR_CORRUPT, "%s is empty", what);
	if (err) {
		iomem_deinit(&io);
		return err;
	}
	*ret = io;
	return NULL;
}

struct ksd_error *iomem_read(const struct sysroot *sr, struct iomem *ret)
{
	struct ksd_error *err;
	char *text, *full;
	size_t len;

	err = sysroot_read(sr, "/proc/iomem", KSD_MAX_IOMEM_BYTES, &text, &len);
	if (err)
		return err;
	full = sysroot_path(sr, "/proc/iomem");
	err = iomem_parse(text, len, full ? full : "/proc/iomem", ret);
	free(full);
	free(text);
	return err;
}

void iomem_deinit(struct iomem *io)
{
	for (size_t i = 0; i < io->n; i++)
		free(io->ranges[i].name);
	free(io->ranges);
	io->ranges = NULL;
	io->n = 0;
}

size_t iomem_find(const struct iomem *io, const char *name, size_t from)
{
	for (size_t i = from; i < io->n; i++)
		if (strcmp(io->ranges[i].name, name) == 0)
			return i;
	return io->n;
}
