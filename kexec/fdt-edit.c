// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The DTB editor of the kexec_load path (fdt-edit.h).  Facts: the
 * kernel's of_kexec_alloc_and_setup_fdt() (drivers/of/kexec.c) makes the
 * same edits on the kexec_file_load path; docs/kexec.md says where this
 * editor follows it and where kexec-tools differs.
 */
#include "config.h"

#include <ctype.h>
#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fdt-check.h"
#include "fdt-edit.h"
#include "util/endian.h"

/* kexec-tools' limit, and what the arm64 kernel maps for the DTB. */
#define DTB_DEFAULT_MAX (2u << 20)

/*
 * Room for the edits beyond the variable-length values: each property
 * costs a 12-byte tag plus its name in the strings block, a node its
 * name and two tags, a reservation 16 bytes.  A tenth of this is used.
 */
#define DTB_EDIT_SLACK 4096

struct editor {
	void *fdt;
	const char *name;
	int chosen;
	int addr_cells, size_cells;
	struct dtb_edit_result *res;
	size_t cap;
};

static void change_deinit(struct dtb_change *c)
{
	free(c->path);
	free(c->value);
}

void dtb_edit_result_deinit(struct dtb_edit_result *res)
{
	for (size_t i = 0; i < res->nr_changes; i++)
		change_deinit(&res->changes[i]);
	free(res->changes);
	free(res->blob);
	memset(res, 0, sizeof(*res));
}

/* Record a change; takes @value (which may be NULL for a removal). */
static struct ksd_error *note(struct editor *ed, enum dtb_change_kind kind,
			      const char *path, char *value, bool had_old,
			      bool seed)
{
	struct dtb_edit_result *res = ed->res;
	struct dtb_change *c;

	if (res->nr_changes == ed->cap) {
		size_t cap = ed->cap ? ed->cap * 2 : 16;

		c = reallocarray(res->changes, cap, sizeof(*c));
		if (!c) {
			free(value);
			return &ksd_enomem;
		}
		res->changes = c;
		ed->cap = cap;
	}
	c = &res->changes[res->nr_changes];
	c->path = strdup(path);
	if (!c->path) {
		free(value);
		return &ksd_enomem;
	}
	c->kind = kind;
	c->value = value;
	c->had_old = had_old;
	c->seed = seed;
	res->nr_changes++;
	return NULL;
}

/* A growable string for the printed values. */
struct text {
	char *s;
	size_t len, cap;
	bool nomem;
};

static void text_add(struct text *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void text_add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	char *grown;
	int n;

	if (t->nomem)
		return;
	for (;;) {
		size_t room = t->cap - t->len;

		va_start(ap, fmt);
		n = vsnprintf(t->s ? t->s + t->len : NULL, room, fmt, ap);
		va_end(ap);
		if (n < 0) {
			t->nomem = true;
			return;
		}
		if ((size_t)n < room) {
			t->len += (size_t)n;
			return;
		}
		room = t->cap * 2 + (size_t)n + 64;
		grown = realloc(t->s, room);
		if (!grown) {
			t->nomem = true;
			return;
		}
		t->s = grown;
		t->cap = room;
	}
}

static char *text_take(struct text *t)
{
	if (t->nomem) {
		free(t->s);
		return NULL;
	}
	return t->s;
}

/* dtc's notation for a string: quotes, with escapes for what is not text. */
static char *show_string(const char *s)
{
	struct text t = { 0 };

	text_add(&t, "\"");
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			text_add(&t, "\\%c", c);
		else if (isprint(c))
			text_add(&t, "%c", c);
		else
			text_add(&t, "\\x%02x", c);
	}
	text_add(&t, "\"");
	return text_take(&t);
}

/* dtc's notation for a cell list: <0x0 0x80000000>. */
static char *show_cells(const uint8_t *v, size_t len)
{
	struct text t = { 0 };

	text_add(&t, "<");
	for (size_t i = 0; i + 4 <= len; i += 4)
		text_add(&t, "%s0x%x", i ? " " : "", ksd_load32(v + i, true));
	text_add(&t, ">");
	return text_take(&t);
}

/* dtc's notation for bytes: [01 02]. */
static char *show_bytes(const uint8_t *v, size_t len)
{
	struct text t = { 0 };

	text_add(&t, "[");
	for (size_t i = 0; i < len; i++)
		text_add(&t, "%s%02x", i ? " " : "", v[i]);
	text_add(&t, "]");
	return text_take(&t);
}

static struct ksd_error *fdt_fail(const struct editor *ed, int rc,
				  const char *fmt, const char *what)
{
	char buf[128];

	snprintf(buf, sizeof(buf), fmt, what);
	return ksd_error_create(rc == -FDT_ERR_NOSPACE ? KSD_ERR_LIMIT : KSD_ERR_CORRUPT,
				"%s: %s: %s", ed->name, buf, fdt_strerror(rc));
}

static bool has_prop(const struct editor *ed, const char *prop)
{
	return fdt_getprop(ed->fdt, ed->chosen, prop, NULL) != NULL;
}

/* Set /chosen/@prop to @len bytes at @val; @shown is the printed value. */
static struct ksd_error *set_prop(struct editor *ed, const char *prop,
				  const void *val, size_t len, char *shown,
				  bool seed)
{
	char path[64];
	bool had = has_prop(ed, prop);
	int rc;

	if (!shown)
		return &ksd_enomem;
	rc = fdt_setprop(ed->fdt, ed->chosen, prop, val, (int)len);
	if (rc < 0) {
		free(shown);
		return fdt_fail(ed, rc, "setting /chosen/%s", prop);
	}
	snprintf(path, sizeof(path), "/chosen/%s", prop);
	return note(ed, DTB_CHANGE_SET, path, shown, had, seed);
}

static struct ksd_error *del_prop(struct editor *ed, const char *prop)
{
	char path[64];
	int rc;

	if (!has_prop(ed, prop))
		return NULL;
	rc = fdt_delprop(ed->fdt, ed->chosen, prop);
	if (rc < 0)
		return fdt_fail(ed, rc, "deleting /chosen/%s", prop);
	snprintf(path, sizeof(path), "/chosen/%s", prop);
	return note(ed, DTB_CHANGE_REMOVE, path, NULL, true, false);
}

/*
 * A number property as the kernel reads it (of_read_number() over
 * len / 4 cells): 4 or 8 bytes.  False when absent or another size.
 */
static bool get_number(const struct editor *ed, const char *prop, uint64_t *ret)
{
	const uint8_t *v;
	int len;

	v = fdt_getprop(ed->fdt, ed->chosen, prop, &len);
	if (!v)
		return false;
	if (len == 4)
		*ret = ksd_load32(v, true);
	else if (len == 8)
		*ret = ksd_load64(v, true);
	else
		return false;
	return true;
}

static struct ksd_error *root_cells(struct editor *ed, const char *prop,
				    int *ret)
{
	const uint8_t *v;
	uint32_t cells;
	int len;

	v = fdt_getprop(ed->fdt, 0, prop, &len);
	if (!v) {
		if (len != -FDT_ERR_NOTFOUND)
			return fdt_fail(ed, len, "reading /%s", prop);
		/* The kernel's OF_ROOT_NODE_*_CELLS_DEFAULT. */
		*ret = 1;
		return NULL;
	}
	if (len != 4)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"%s: /%s is %d bytes, not one cell",
					ed->name, prop, len);
	cells = ksd_load32(v, true);
	if (cells != 1 && cells != 2)
		return ksd_error_create(KSD_ERR_UNSUPPORTED,
					"%s: /%s is %u; only 1 or 2 cells can hold a physical range",
					ed->name, prop, cells);
	*ret = (int)cells;
	return NULL;
}

/* Append @v in @cells big-endian cells at @p; false if it does not fit. */
static bool put_cells(uint8_t **p, uint64_t v, int cells)
{
	if (cells == 1) {
		if (v > UINT32_MAX)
			return false;
		ksd_store32(*p, (uint32_t)v, true);
		*p += 4;
	} else {
		ksd_store64(*p, v, true);
		*p += 8;
	}
	return true;
}

static struct ksd_error *set_ranges(struct editor *ed, const char *prop,
				    const struct dtb_range *r, unsigned int n)
{
	uint8_t val[2 * 16], *p = val;
	struct ksd_error *err;

	if (!ed->addr_cells) {
		err = root_cells(ed, "#address-cells", &ed->addr_cells);
		if (!err)
			err = root_cells(ed, "#size-cells", &ed->size_cells);
		if (err)
			return err;
	}
	for (unsigned int i = 0; i < n; i++) {
		if (!r[i].size || r[i].base + r[i].size - 1 < r[i].base)
			return ksd_error_create(KSD_ERR_INVALID_ARG,
						"%s: %s range 0x%llx+0x%llx is empty or wraps",
						ed->name, prop,
						(unsigned long long)r[i].base,
						(unsigned long long)r[i].size);
		if (!put_cells(&p, r[i].base, ed->addr_cells) ||
		    !put_cells(&p, r[i].size, ed->size_cells))
			return ksd_error_create(KSD_ERR_LIMIT,
						"%s: %s range 0x%llx+0x%llx does not fit #address-cells %d, #size-cells %d",
						ed->name, prop,
						(unsigned long long)r[i].base,
						(unsigned long long)r[i].size,
						ed->addr_cells, ed->size_cells);
	}
	return set_prop(ed, prop, val, (size_t)(p - val),
			show_cells(val, (size_t)(p - val)), false);
}

static struct ksd_error *set_u64(struct editor *ed, const char *prop,
				 uint64_t v)
{
	uint8_t val[8];

	ksd_store64(val, v, true);
	return set_prop(ed, prop, val, sizeof(val), show_cells(val, 8), false);
}

static char *show_reserve(uint64_t base, uint64_t size)
{
	char *s;

	if (asprintf(&s, "0x%llx 0x%llx", (unsigned long long)base,
		     (unsigned long long)size) < 0)
		return NULL;
	return s;
}

/* The index of the reservation [base, base + size), or -1. */
static int find_reserve(const struct editor *ed, uint64_t base, uint64_t size)
{
	int n = fdt_num_mem_rsv(ed->fdt);

	for (int i = 0; i < n; i++) {
		uint64_t a, s;

		if (fdt_get_mem_rsv(ed->fdt, i, &a, &s) == 0 && a == base &&
		    s == size)
			return i;
	}
	return -1;
}

static struct ksd_error *add_reserve(struct editor *ed, uint64_t base,
				     uint64_t size)
{
	int rc;

	if (!size || find_reserve(ed, base, size) >= 0)
		return NULL;
	rc = fdt_add_mem_rsv(ed->fdt, base, size);
	if (rc < 0)
		return fdt_fail(ed, rc, "adding a %s entry", "/memreserve/");
	return note(ed, DTB_CHANGE_RESERVE_ADD, "/memreserve/",
		    show_reserve(base, size), false, false);
}

static struct ksd_error *del_reserve(struct editor *ed, uint64_t base,
				     uint64_t size)
{
	int i = find_reserve(ed, base, size), rc;

	if (i < 0)
		return NULL;
	rc = fdt_del_mem_rsv(ed->fdt, i);
	if (rc < 0)
		return fdt_fail(ed, rc, "deleting a %s entry", "/memreserve/");
	return note(ed, DTB_CHANGE_RESERVE_REMOVE, "/memreserve/",
		    show_reserve(base, size), true, false);
}

static struct ksd_error *edit_initrd(struct editor *ed, const struct dtb_edits *e)
{
	struct ksd_error *err;
	uint64_t old_start, old_end;
	bool old;

	old = get_number(ed, "linux,initrd-start", &old_start) &&
	      get_number(ed, "linux,initrd-end", &old_end) &&
	      old_start < old_end;
	if (e->initrd) {
		if (e->initrd_end < e->initrd_start)
			return ksd_error_create(KSD_ERR_INVALID_ARG,
						"%s: initrd ends (0x%llx) before it starts (0x%llx)",
						ed->name,
						(unsigned long long)e->initrd_end,
						(unsigned long long)e->initrd_start);
		err = set_u64(ed, "linux,initrd-start", e->initrd_start);
		if (!err)
			err = set_u64(ed, "linux,initrd-end", e->initrd_end);
	} else {
		err = del_prop(ed, "linux,initrd-start");
		if (!err)
			err = del_prop(ed, "linux,initrd-end");
	}
	if (err || !e->memreserve)
		return err;
	/*
	 * The first boot's initrd is gone; so is the need to reserve it.
	 * Firmware may have reserved it in whole pages (the kernel's file
	 * path looks for both sizes too): 4, 16 or 64 KiB on arm64.
	 */
	for (unsigned int i = 0; old && i < 4; i++) {
		static const uint64_t page[] = { 1, 4096, 16384, 65536 };
		uint64_t size = old_end - old_start;

		if (size > UINT64_MAX - (page[i] - 1))
			break;
		size = (size + page[i] - 1) & ~(page[i] - 1);
		if (find_reserve(ed, old_start, size) >= 0) {
			err = del_reserve(ed, old_start, size);
			if (err)
				return err;
			break;
		}
	}
	if (e->initrd)
		err = add_reserve(ed, e->initrd_start,
				  e->initrd_end - e->initrd_start);
	return err;
}

static struct ksd_error *edit_usable(struct editor *ed, const struct dtb_edits *e)
{
	struct dtb_range r[2];

	if (e->nr_usable > 2)
		return ksd_error_create(KSD_ERR_INVALID_ARG,
					"%s: %u usable memory ranges; at most 2 (crashkernel and crashkernel low)",
					ed->name, e->nr_usable);
	memcpy(r, e->usable, e->nr_usable * sizeof(r[0]));
	/*
	 * The low range last: the kernel caps memory to the first pair and
	 * only adds the others, and kernels that know a single range read
	 * the first pair alone; that must be the main (high) crashkernel
	 * region.  kexec-tools writes the same order.
	 */
	if (e->nr_usable == 2 && r[0].base < r[1].base) {
		struct dtb_range t = r[0];

		r[0] = r[1];
		r[1] = t;
	}
	return set_ranges(ed, "linux,usable-memory-range", r, e->nr_usable);
}

static struct ksd_error *edit_chosen(struct editor *ed, const struct dtb_edits *e)
{
	struct ksd_error *err = NULL;

	switch (e->bootargs_action) {
	case DTB_BOOTARGS_KEEP:
		break;
	case DTB_BOOTARGS_SET:
		if (!e->bootargs)
			return ksd_error_create(KSD_ERR_INVALID_ARG,
						"%s: bootargs to set, but no string",
						ed->name);
		err = set_prop(ed, "bootargs", e->bootargs,
			       strlen(e->bootargs) + 1,
			       show_string(e->bootargs), false);
		break;
	case DTB_BOOTARGS_REMOVE:
		err = del_prop(ed, "bootargs");
		break;
	default:
		return ksd_error_create(KSD_ERR_INVALID_ARG,
					"%s: unknown bootargs action %d",
					ed->name, (int)e->bootargs_action);
	}
	if (!err)
		err = edit_initrd(ed, e);
	/*
	 * A tree that came from a kdump kernel still names its elfcorehdr
	 * and caps memory to its crashkernel region: a kernel booted with
	 * those would believe it is a capture kernel in a small machine.
	 * The kernel's file path deletes both before it adds its own.
	 */
	if (!err && e->elfcorehdr) {
		err = set_ranges(ed, "linux,elfcorehdr", &e->elfcorehdr_range, 1);
		if (!err && e->memreserve)
			err = add_reserve(ed, e->elfcorehdr_range.base,
					  e->elfcorehdr_range.size);
	} else if (!err) {
		err = del_prop(ed, "linux,elfcorehdr");
	}
	if (!err && e->nr_usable)
		err = edit_usable(ed, e);
	else if (!err)
		err = del_prop(ed, "linux,usable-memory-range");
	if (!err && e->kaslr_seed)
		err = set_prop(ed, "kaslr-seed", e->kaslr_seed_bytes, 8,
			       show_bytes(e->kaslr_seed_bytes, 8), true);
	if (!err && e->rng_seed_len) {
		if (!e->rng_seed)
			return ksd_error_create(KSD_ERR_INVALID_ARG,
						"%s: rng-seed length without bytes",
						ed->name);
		err = set_prop(ed, "rng-seed", e->rng_seed, e->rng_seed_len,
			       show_bytes(e->rng_seed, e->rng_seed_len), true);
	}
	return err;
}

static struct ksd_error *find_chosen(struct editor *ed)
{
	struct ksd_error *err;

	ed->chosen = fdt_path_offset(ed->fdt, "/chosen");
	if (ed->chosen >= 0)
		return NULL;
	if (ed->chosen != -FDT_ERR_NOTFOUND)
		return fdt_fail(ed, ed->chosen, "finding %s", "/chosen");
	ed->chosen = fdt_add_subnode(ed->fdt, 0, "chosen");
	if (ed->chosen < 0)
		return fdt_fail(ed, ed->chosen, "creating %s", "/chosen");
	err = note(ed, DTB_CHANGE_NODE_ADD, "/chosen", NULL, false, false);
	return err;
}

struct ksd_error *dtb_edit(const void *dtb, size_t len, const char *name,
			   const struct dtb_edits *e, struct dtb_edit_result *ret)
{
	struct dtb_edit_result res = { 0 };
	struct editor ed = { .name = name, .res = &res };
	size_t max = e->max_size ? e->max_size : DTB_DEFAULT_MAX;
	size_t extra, room, bootargs_len;
	struct ksd_error *err;
	int rc;

	memset(ret, 0, sizeof(*ret));
	err = fdt_blob_check(dtb, len, name);
	if (err)
		return err;

	/*
	 * The work buffer: the input, room for every value we may add, and
	 * slack for tags and names.  Values the caller made larger than the
	 * limit itself can never fit, so they are refused before any
	 * allocation.
	 */
	bootargs_len = e->bootargs_action == DTB_BOOTARGS_SET && e->bootargs ?
		strlen(e->bootargs) + 1 : 0;
	if (bootargs_len > max || e->rng_seed_len > max)
		return ksd_error_create(KSD_ERR_LIMIT,
					"%s: bootargs (%zu bytes) or rng-seed (%zu bytes) larger than the %zu-byte limit of the device tree",
					name, bootargs_len, e->rng_seed_len, max);
	extra = bootargs_len + e->rng_seed_len + DTB_EDIT_SLACK;
	room = fdt_totalsize(dtb) + extra;
	if (room > INT32_MAX)
		return ksd_error_create(KSD_ERR_LIMIT, "%s: edited tree too large",
					name);
	ed.fdt = malloc(room);
	if (!ed.fdt)
		return &ksd_enomem;
	rc = fdt_open_into(dtb, ed.fdt, (int)room);
	if (rc < 0) {
		err = fdt_fail(&ed, rc, "%s", "opening the tree for editing");
		goto fail;
	}
	err = find_chosen(&ed);
	if (!err)
		err = edit_chosen(&ed, e);
	if (err)
		goto fail;
	rc = fdt_pack(ed.fdt);
	if (rc < 0) {
		err = fdt_fail(&ed, rc, "%s", "packing the edited tree");
		goto fail;
	}
	res.size = fdt_totalsize(ed.fdt);
	if (res.size > max) {
		err = ksd_error_create(KSD_ERR_LIMIT,
				       "%s: the edited device tree is %zu bytes, more than the %zu allowed",
				       name, res.size, max);
		goto fail;
	}
	/* What we hand the kernel must pass the check we demand of input. */
	rc = fdt_check_full(ed.fdt, res.size);
	if (rc < 0) {
		err = ksd_error_create(KSD_ERR_INTERNAL,
				       "%s: the edited tree fails its check: %s",
				       name, fdt_strerror(rc));
		goto fail;
	}
	res.blob = realloc(ed.fdt, res.size);
	if (!res.blob)
		res.blob = ed.fdt;
	*ret = res;
	return NULL;
fail:
	free(ed.fdt);
	dtb_edit_result_deinit(&res);
	return err;
}
