// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/vmcoreinfo.h"
#include "util/limits.h"
#include "util/number.h"

struct vi_entry {
	char *key;
	char *value;
};

struct ksd_vmcoreinfo {
	char *text;		/* a private copy, split in place */
	struct vi_entry *v;
	size_t n;
};

void ksd_vmcoreinfo_destroy(struct ksd_vmcoreinfo *vi)
{
	if (!vi)
		return;
	free(vi->text);
	free(vi->v);
	free(vi);
}

static size_t count_lines(const char *s, size_t len)
{
	size_t n = 1;

	for (size_t i = 0; i < len; i++)
		n += s[i] == '\n';
	return n;
}

struct ksd_error *ksd_vmcoreinfo_parse(const char *text, size_t len,
				       struct ksd_vmcoreinfo **ret)
{
	struct ksd_vmcoreinfo *vi;
	char *line, *next;

	if (len > KSD_MAX_VMCOREINFO_BYTES)
		return ksd_error_create(KSD_ERR_LIMIT,
					"VMCOREINFO is %zu bytes, more than the limit of %u (KSD_MAX_VMCOREINFO_BYTES)",
					len, KSD_MAX_VMCOREINFO_BYTES);
	/* The text ends at the first NUL: the rest is note padding. */
	len = strnlen(text, len);
	vi = calloc(1, sizeof(*vi));
	if (!vi)
		return &ksd_enomem;
	vi->text = malloc(len + 1);
	vi->v = calloc(count_lines(text, len), sizeof(*vi->v));
	if (!vi->text || !vi->v) {
		ksd_vmcoreinfo_destroy(vi);
		return &ksd_enomem;
	}
	memcpy(vi->text, text, len);
	vi->text[len] = '\0';
	for (line = vi->text; line; line = next) {
		char *eq, *cr;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		cr = strchr(line, '\r');
		if (cr)
			*cr = '\0';
		eq = strchr(line, '=');
		if (!eq || eq == line)
			continue;
		*eq = '\0';
		vi->v[vi->n].key = line;
		vi->v[vi->n].value = eq + 1;
		vi->n++;
	}
	*ret = vi;
	return NULL;
}

const char *ksd_vmcoreinfo_get(const struct ksd_vmcoreinfo *vi,
			       const char *key)
{
	for (size_t i = vi->n; i-- > 0;)
		if (strcmp(vi->v[i].key, key) == 0)
			return vi->v[i].value;
	return NULL;
}

/*
 * Parse all of @s as an unsigned number in @base.  Only NUMBER() values
 * are printed signed (%ld), so only they may carry a leading '-'.
 */
static int parse_u64(const char *s, unsigned int base, bool is_signed,
		     uint64_t *ret)
{
	bool neg = is_signed && *s == '-';
	uint64_t v;

	if (ksd_parse_u64(s + neg, base, &v) < 0)
		return -1;
	*ret = neg ? (uint64_t)0 - v : v;
	return 0;
}

static struct ksd_error *lookup(const struct ksd_vmcoreinfo *vi,
				const char *macro, const char *name,
				unsigned int base, uint64_t *ret)
{
	char key[256];
	const char *val;

	if (macro)
		snprintf(key, sizeof(key), "%s(%s)", macro, name);
	else
		snprintf(key, sizeof(key), "%s", name);
	val = ksd_vmcoreinfo_get(vi, key);
	if (!val)
		return ksd_error_create(KSD_ERR_NOT_FOUND,
					"VMCOREINFO has no %s", key);
	if (parse_u64(val, base, macro && strcmp(macro, "NUMBER") == 0, ret) < 0)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"VMCOREINFO %s=%s is not a %s number",
					key, val, base == 16 ? "hexadecimal" :
					base == 10 ? "decimal" : "valid");
	return NULL;
}

struct ksd_error *ksd_vmcoreinfo_symbol(const struct ksd_vmcoreinfo *vi,
					const char *name, uint64_t *ret)
{
	return lookup(vi, "SYMBOL", name, 16, ret);
}

struct ksd_error *ksd_vmcoreinfo_number(const struct ksd_vmcoreinfo *vi,
					const char *name, uint64_t *ret)
{
	return lookup(vi, "NUMBER", name, 0, ret);
}

struct ksd_error *ksd_vmcoreinfo_size(const struct ksd_vmcoreinfo *vi,
				      const char *name, uint64_t *ret)
{
	return lookup(vi, "SIZE", name, 10, ret);
}

struct ksd_error *ksd_vmcoreinfo_offset(const struct ksd_vmcoreinfo *vi,
					const char *name, uint64_t *ret)
{
	return lookup(vi, "OFFSET", name, 10, ret);
}

struct ksd_error *ksd_vmcoreinfo_decimal(const struct ksd_vmcoreinfo *vi,
					 const char *key, uint64_t *ret)
{
	return lookup(vi, NULL, key, 10, ret);
}

struct ksd_error *ksd_vmcoreinfo_hex(const struct ksd_vmcoreinfo *vi,
				     const char *key, uint64_t *ret)
{
	return lookup(vi, NULL, key, 16, ret);
}

size_t ksd_vmcoreinfo_count(const struct ksd_vmcoreinfo *vi)
{
	return vi->n;
}

void ksd_vmcoreinfo_entry(const struct ksd_vmcoreinfo *vi, size_t i,
			  const char **key, const char **value)
{
	*key = vi->v[i].key;
	*value = vi->v[i].value;
}
