// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/symtab.h"

struct ksd_symtab {
	char *source;
	struct ksd_sym *v;
	size_t n, cap;
	const struct ksd_sym **by_name;	/* sorted by name */
};

struct ksd_error *ksd_symtab_create(const char *source,
				    struct ksd_symtab **ret)
{
	struct ksd_symtab *t = calloc(1, sizeof(*t));

	if (!t || !(t->source = strdup(source))) {
		free(t);
		return &ksd_enomem;
	}
	*ret = t;
	return NULL;
}

void ksd_symtab_destroy(struct ksd_symtab *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i].name);
	free(t->v);
	free(t->by_name);
	free(t->source);
	free(t);
}

const char *ksd_symtab_source(const struct ksd_symtab *t)
{
	return t->source;
}

size_t ksd_symtab_count(const struct ksd_symtab *t)
{
	return t->n;
}

const struct ksd_sym *ksd_symtab_at(const struct ksd_symtab *t, size_t i)
{
	return &t->v[i];
}

struct ksd_error *ksd_symtab_add(struct ksd_symtab *t, const char *name,
				 uint64_t addr, uint64_t size, char type)
{
	char *copy;

	if (t->n == t->cap) {
		size_t ncap = t->cap ? t->cap * 2 : 1024;
		struct ksd_sym *nv = reallocarray(t->v, ncap, sizeof(*nv));

		if (!nv)
			return &ksd_enomem;
		t->v = nv;
		t->cap = ncap;
	}
	copy = strdup(name);
	if (!copy)
		return &ksd_enomem;
	t->v[t->n++] = (struct ksd_sym){
		.addr = addr, .size = size, .type = type, .name = copy,
	};
	return NULL;
}

static int cmp_addr(const void *a, const void *b)
{
	const struct ksd_sym *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* By name; among equal names, table (address) order, so the first wins. */
static int cmp_name(const void *a, const void *b)
{
	const struct ksd_sym *const *x = a, *const *y = b;
	int c = strcmp((*x)->name, (*y)->name);

	if (c)
		return c;
	return *x < *y ? -1 : *x > *y;
}

void ksd_symtab_finish(struct ksd_symtab *t)
{
	if (t->n > 1)
		qsort(t->v, t->n, sizeof(*t->v), cmp_addr);
	/* Guess sizes from the next address, skipping aliases of this one. */
	for (size_t i = 0, next = 0; i < t->n; i++) {
		uint64_t gap;

		if (next <= i)
			for (next = i + 1; next < t->n && t->v[next].addr == t->v[i].addr;)
				next++;
		if (t->v[i].size || next == t->n)
			continue;
		gap = t->v[next].addr - t->v[i].addr;
		if (gap < KSD_SYM_MAX_GUESSED_SIZE)
			t->v[i].size = gap;
	}
	free(t->by_name);
	t->by_name = malloc((t->n ? t->n : 1) * sizeof(*t->by_name));
	if (!t->by_name)
		return;		/* name lookups then scan linearly */
	for (size_t i = 0; i < t->n; i++)
		t->by_name[i] = &t->v[i];
	if (t->n > 1)
		qsort(t->by_name, t->n, sizeof(*t->by_name), cmp_name);
}

const struct ksd_sym *ksd_symtab_by_name(const struct ksd_symtab *t,
					 const char *name)
{
	size_t lo = 0, hi = t->n;

	if (!t->by_name) {
		for (size_t i = 0; i < t->n; i++)
			if (strcmp(t->v[i].name, name) == 0)
				return &t->v[i];
		return NULL;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(t->by_name[mid]->name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < t->n && strcmp(t->by_name[lo]->name, name) == 0)
		return t->by_name[lo];
	return NULL;
}

/* __start_X, __stop_X, __end_X, __X_start, __X_end (section markers) */
static bool linker_provided(const char *n)
{
	size_t len = strlen(n);

	if (len < 8 || n[0] != '_' || n[1] != '_')
		return false;
	return !strncmp(n + 2, "start_", 6) || !strncmp(n + 2, "stop_", 5) ||
	       !strncmp(n + 2, "end_", 4) || !strcmp(n + len - 6, "_start") ||
	       !strcmp(n + len - 4, "_end");
}

static bool is_text(char type)
{
	return type == 't' || type == 'T';
}

/*
 * Whether alias @a names an address better than @b, as the kernel's %pS
 * would: scripts/kallsyms.c sorts aliases so that real symbols come
 * before linker-script markers and fewer leading underscores before
 * more, and kallsyms_lookup() takes the first.  Code is preferred to
 * data at one address.
 */
static bool better_alias(const struct ksd_sym *a, const struct ksd_sym *b)
{
	size_t ua, ub;

	if (is_text(a->type) != is_text(b->type))
		return is_text(a->type);
	if (linker_provided(a->name) != linker_provided(b->name))
		return !linker_provided(a->name);
	ua = strspn(a->name, "_");
	ub = strspn(b->name, "_");
	return ua < ub;
}

const struct ksd_sym *ksd_symtab_by_addr(const struct ksd_symtab *t,
					 uint64_t addr, uint64_t *off)
{
	size_t lo = 0, hi = t->n;
	const struct ksd_sym *s;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->v[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	s = &t->v[lo - 1];
	for (const struct ksd_sym *p = s; p > t->v && p[-1].addr == s->addr; p--)
		if (better_alias(&p[-1], s))
			s = &p[-1];
	if (addr - s->addr >= (s->size ? s->size : KSD_SYM_MAX_GUESSED_SIZE))
		return NULL;
	*off = addr - s->addr;
	return s;
}

char *ksd_symtab_describe(const struct ksd_symtab *t, uint64_t addr,
			  char *buf, size_t len)
{
	const struct ksd_sym *s = t ? ksd_symtab_by_addr(t, addr, &(uint64_t){ 0 }) : NULL;

	if (!s) {
		snprintf(buf, len, "0x%llx", (unsigned long long)addr);
		return buf;
	}
	if (s->size)
		snprintf(buf, len, "%s+0x%llx/0x%llx", s->name,
			 (unsigned long long)(addr - s->addr),
			 (unsigned long long)s->size);
	else
		snprintf(buf, len, "%s+0x%llx", s->name,
			 (unsigned long long)(addr - s->addr));
	return buf;
}

/* Longest System.map line accepted; real ones are under 200 bytes. */
#define MAX_MAP_LINE 4096

struct ksd_error *ksd_symtab_load_system_map(const char *path, uint64_t offset,
					     struct ksd_symtab **ret)
{
	struct ksd_symtab *t = NULL;
	struct ksd_error *err;
	char line[MAX_MAP_LINE];
	unsigned long lineno = 0;
	FILE *f;

	f = fopen(path, "r");
	if (!f)
		return ksd_error_errno(errno, "cannot open '%s'", path);
	err = ksd_symtab_create("System.map", &t);
	while (!err && fgets(line, sizeof(line), f)) {
		unsigned long long addr;
		char type, name[MAX_MAP_LINE];

		lineno++;
		if (!strchr(line, '\n') && !feof(f)) {
			err = ksd_error_create(KSD_ERR_CORRUPT,
					       "'%s' line %lu is longer than %d bytes",
					       path, lineno, MAX_MAP_LINE);
			break;
		}
		if (sscanf(line, "%llx %c %4095s", &addr, &type, name) != 3) {
			err = ksd_error_create(KSD_ERR_CORRUPT,
					       "'%s' line %lu is not 'ADDRESS TYPE NAME'",
					       path, lineno);
			break;
		}
		err = ksd_symtab_add(t, name, addr + offset, 0, type);
	}
	if (!err && ferror(f))
		err = ksd_error_errno(errno, "cannot read '%s'", path);
	fclose(f);
	if (!err && t->n == 0)
		err = ksd_error_create(KSD_ERR_CORRUPT, "'%s' holds no symbols", path);
	if (err) {
		ksd_symtab_destroy(t);
		return err;
	}
	ksd_symtab_finish(t);
	*ret = t;
	return NULL;
}
