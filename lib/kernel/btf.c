// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * BTF as include/uapi/linux/btf.h lays it out:
 *
 *   struct btf_header (24 bytes; hdr_len may be larger)
 *     u16 magic 0xeb9f, u8 version 1, u8 flags, u32 hdr_len,
 *     u32 type_off, type_len, str_off, str_len  (from the header's end)
 *   type section: struct btf_type records, ids 1, 2, ... in order
 *     u32 name_off, u32 info (vlen 0-15, kind 24-28, kind_flag 31),
 *     u32 size or type, then kind-specific data (table below)
 *   string section: NUL-terminated names, the first one empty
 *
 * Type id 0 is void.  A struct's members are {name_off, type, offset};
 * offset is in bits, or with kind_flag bitfield size << 24 | bit offset.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/btf.h"
#include "util/endian.h"

enum {
	BTF_MAGIC = 0xeb9f,
	KIND_INT = 1, KIND_PTR, KIND_ARRAY, KIND_STRUCT, KIND_UNION,
	KIND_ENUM, KIND_FWD, KIND_TYPEDEF, KIND_VOLATILE, KIND_CONST,
	KIND_RESTRICT, KIND_FUNC, KIND_FUNC_PROTO, KIND_VAR, KIND_DATASEC,
	KIND_FLOAT, KIND_DECL_TAG, KIND_TYPE_TAG, KIND_ENUM64,
	KIND_MAX = KIND_ENUM64,
};

/* Bytes after the 12-byte struct btf_type: fixed, and per vlen item. */
static const struct {
	uint8_t fixed, per_item;
} kind_extra[KIND_MAX + 1] = {
	[KIND_INT] = { 4, 0 },		[KIND_PTR] = { 0, 0 },
	[KIND_ARRAY] = { 12, 0 },	[KIND_STRUCT] = { 0, 12 },
	[KIND_UNION] = { 0, 12 },	[KIND_ENUM] = { 0, 8 },
	[KIND_FWD] = { 0, 0 },		[KIND_TYPEDEF] = { 0, 0 },
	[KIND_VOLATILE] = { 0, 0 },	[KIND_CONST] = { 0, 0 },
	[KIND_RESTRICT] = { 0, 0 },	[KIND_FUNC] = { 0, 0 },
	[KIND_FUNC_PROTO] = { 0, 8 },	[KIND_VAR] = { 4, 0 },
	[KIND_DATASEC] = { 0, 12 },	[KIND_FLOAT] = { 0, 0 },
	[KIND_DECL_TAG] = { 4, 0 },	[KIND_TYPE_TAG] = { 0, 0 },
	[KIND_ENUM64] = { 0, 12 },
};

struct ksd_btf {
	char *what;
	uint8_t *data;
	bool big;
	const uint8_t *types, *strs;
	size_t types_len, strs_len;
	uint32_t *offs;		/* offs[id - 1]: the record's offset in types */
	uint32_t ntypes;
};

struct rec {
	uint32_t name_off, vlen, kind, size_or_type;
	bool kind_flag;
	const uint8_t *extra;
};

static uint32_t u32_at(const struct ksd_btf *b, const uint8_t *p)
{
	return ksd_load32(p, b->big);
}

static void get_rec(const struct ksd_btf *b, uint32_t id, struct rec *r)
{
	const uint8_t *p = b->types + b->offs[id - 1];
	uint32_t info = u32_at(b, p + 4);

	r->name_off = u32_at(b, p);
	r->vlen = info & 0xffff;
	r->kind = (info >> 24) & 0x1f;
	r->kind_flag = info >> 31;
	r->size_or_type = u32_at(b, p + 8);
	r->extra = p + 12;
}

/* Every name_off was checked at parse time; the section ends in a NUL. */
static const char *name_of(const struct ksd_btf *b, uint32_t off)
{
	return (const char *)b->strs + off;
}

static struct ksd_error *corrupt(const struct ksd_btf *b, const char *fmt,
				 uint32_t id, uint64_t v)
{
	char msg[160];

	snprintf(msg, sizeof(msg), fmt, (unsigned long long)v);
	return ksd_error_create(KSD_ERR_CORRUPT, "%s: type %u: %s", b->what, id, msg);
}

static struct ksd_error *check_name(const struct ksd_btf *b, uint32_t id,
				    uint32_t off)
{
	if (off >= b->strs_len)
		return corrupt(b, "name offset 0x%llx is past the string section", id, off);
	return NULL;
}

static struct ksd_error *index_types(struct ksd_btf *b)
{
	size_t pos = 0, cap = b->types_len / 12;

	b->offs = malloc((cap ? cap : 1) * sizeof(*b->offs));
	if (!b->offs)
		return &ksd_enomem;
	while (pos < b->types_len) {
		uint32_t id = b->ntypes + 1;
		struct rec r;
		size_t need;
		struct ksd_error *err;

		if (b->types_len - pos < 12)
			return corrupt(b, "record cut off at type section offset 0x%llx", id, pos);
		b->offs[b->ntypes++] = (uint32_t)pos;
		get_rec(b, id, &r);
		if (r.kind == 0 || r.kind > KIND_MAX)
			return corrupt(b, "unknown kind %llu", id, r.kind);
		need = 12 + kind_extra[r.kind].fixed +
		       (size_t)kind_extra[r.kind].per_item * r.vlen;
		if (need > b->types_len - pos)
			return corrupt(b, "record runs past the type section (%llu bytes)", id, need);
		err = check_name(b, id, r.name_off);
		if (err)
			return err;
		if (r.kind == KIND_STRUCT || r.kind == KIND_UNION)
			for (uint32_t i = 0; i < r.vlen; i++) {
				err = check_name(b, id, u32_at(b, r.extra + 12 * i));
				if (err)
					return err;
			}
		pos += need;
	}
	return NULL;
}

struct ksd_error *ksd_btf_parse(const void *data, size_t len, const char *what,
				struct ksd_btf **ret)
{
	const uint8_t *p = data;
	struct ksd_btf *b;
	uint64_t hdr_len, type_off, type_len, str_off, str_len, body;
	struct ksd_error *err;

	if (len < 24)
		return ksd_error_create(KSD_ERR_CORRUPT, "%s: %zu bytes, shorter than a BTF header",
					what, len);
	if (len > KSD_MAX_BTF_BYTES)
		return ksd_error_create(KSD_ERR_LIMIT, "%s: %zu bytes, over KSD_MAX_BTF_BYTES (%u)",
					what, len, KSD_MAX_BTF_BYTES);
	b = calloc(1, sizeof(*b));
	if (!b)
		return &ksd_enomem;
	b->what = strdup(what);
	b->data = malloc(len);
	if (!b->what || !b->data) {
		ksd_btf_destroy(b);
		return &ksd_enomem;
	}
	memcpy(b->data, p, len);
	if (ksd_load16(p, false) == BTF_MAGIC) {
		b->big = false;
	} else if (ksd_load16(p, true) == BTF_MAGIC) {
		b->big = true;
	} else {
		err = ksd_error_create(KSD_ERR_CORRUPT, "%s: bad magic 0x%02x%02x, not BTF",
				       what, p[0], p[1]);
		goto fail;
	}
	if (p[2] != 1) {
		err = ksd_error_create(KSD_ERR_UNSUPPORTED, "%s: BTF version %u, only 1 is known",
				       what, p[2]);
		goto fail;
	}
	hdr_len = ksd_load32(p + 4, b->big);
	type_off = ksd_load32(p + 8, b->big);
	type_len = ksd_load32(p + 12, b->big);
	str_off = ksd_load32(p + 16, b->big);
	str_len = ksd_load32(p + 20, b->big);
	if (hdr_len < 24 || hdr_len > len) {
		err = ksd_error_create(KSD_ERR_CORRUPT, "%s: header length %llu outside 24..%zu",
				       what, (unsigned long long)hdr_len, len);
		goto fail;
	}
	body = len - hdr_len;
	if (type_off + type_len > body || str_off + str_len > body || type_off % 4 ||
	    (type_off < str_off + str_len && str_off < type_off + type_len)) {
		err = ksd_error_create(KSD_ERR_CORRUPT,
				       "%s: sections (types 0x%llx+0x%llx, strings 0x%llx+0x%llx) overlap or leave the %llu-byte blob",
				       what, (unsigned long long)type_off, (unsigned long long)type_len,
				       (unsigned long long)str_off, (unsigned long long)str_len,
				       (unsigned long long)body);
		goto fail;
	}
	b->types = b->data + hdr_len + type_off;
	b->types_len = type_len;
	b->strs = b->data + hdr_len + str_off;
	b->strs_len = str_len;
	/* As the kernel's btf_parse_str_sec(): the first and last bytes are NUL. */
	if (!str_len || b->strs[0] || b->strs[str_len - 1]) {
		err = ksd_error_create(KSD_ERR_CORRUPT,
				       "%s: the string section does not begin and end with a NUL",
				       what);
		goto fail;
	}
	err = index_types(b);
	if (err)
		goto fail;
	*ret = b;
	return NULL;
fail:
	ksd_btf_destroy(b);
	return err;
}

void ksd_btf_destroy(struct ksd_btf *b)
{
	if (!b)
		return;
	free(b->what);
	free(b->data);
	free(b->offs);
	free(b);
}

uint32_t ksd_btf_count(const struct ksd_btf *b)
{
	return b->ntypes;
}

static struct ksd_error *bad_ref(const struct ksd_btf *b, uint32_t id, uint32_t to)
{
	return corrupt(b, "refers to type %llu, which does not exist", id, to);
}

/* Skip typedefs and modifiers: the type that gives @id its shape. */
static struct ksd_error *resolve(const struct ksd_btf *b, uint32_t id,
				 uint32_t *ret, struct rec *r)
{
	uint32_t start = id;

	for (unsigned int hops = 0; hops <= KSD_BTF_MAX_CHAIN; hops++) {
		if (id == 0 || id > b->ntypes)
			return bad_ref(b, start, id);
		get_rec(b, id, r);
		switch (r->kind) {
		case KIND_TYPEDEF: case KIND_VOLATILE: case KIND_CONST:
		case KIND_RESTRICT: case KIND_TYPE_TAG:
			id = r->size_or_type;
			continue;
		default:
			*ret = id;
			return NULL;
		}
	}
	return corrupt(b, "more than %llu typedefs and modifiers in a row (a loop?)",
		       start, KSD_BTF_MAX_CHAIN);
}

/* The byte size of type @id; arrays nest at most KSD_BTF_MAX_CHAIN deep. */
static struct ksd_error *size_of(const struct ksd_btf *b, uint32_t id,
				 unsigned int depth, uint64_t *ret)
{
	struct ksd_error *err;
	uint64_t elem;
	struct rec r;

	if (depth > KSD_BTF_MAX_CHAIN)
		return corrupt(b, "arrays nested more than %llu deep (a loop?)", id,
			       KSD_BTF_MAX_CHAIN);
	err = resolve(b, id, &id, &r);
	if (err)
		return err;
	switch (r.kind) {
	case KIND_INT: case KIND_STRUCT: case KIND_UNION: case KIND_ENUM:
	case KIND_ENUM64: case KIND_FLOAT: case KIND_DATASEC:
		*ret = r.size_or_type;
		return NULL;
	case KIND_PTR:
		*ret = 8;	/* BTF does not say; the kernels read are 64-bit */
		return NULL;
	case KIND_ARRAY:
		err = size_of(b, u32_at(b, r.extra), depth + 1, &elem);
		if (err)
			return err;
		if (elem && u32_at(b, r.extra + 8) > UINT64_MAX / elem)
			return corrupt(b, "array size overflows", id, 0);
		*ret = elem * u32_at(b, r.extra + 8);
		return NULL;
	default:
		return corrupt(b, "kind %llu has no size", id, r.kind);
	}
}

struct ksd_error *ksd_btf_struct(const struct ksd_btf *b, const char *name,
				 uint32_t *id_ret, uint64_t *size_ret)
{
	for (uint32_t id = 1; id <= b->ntypes; id++) {
		struct rec r;

		get_rec(b, id, &r);
		if ((r.kind == KIND_STRUCT || r.kind == KIND_UNION) &&
		    !strcmp(name_of(b, r.name_off), name)) {
			*id_ret = id;
			*size_ret = r.size_or_type;
			return NULL;
		}
	}
	return ksd_error_create(KSD_ERR_NOT_FOUND, "%s has no struct %s", b->what, name);
}

static struct ksd_error *fill_member(const struct ksd_btf *b, uint32_t sid,
				     uint32_t type, uint64_t bit_off,
				     struct ksd_btf_member *ret)
{
	struct ksd_error *err;
	uint32_t id;
	struct rec r;

	err = resolve(b, type, &id, &r);
	if (!err)
		err = size_of(b, id, 0, &ret->size);
	if (err)
		return err;
	/* An int bitfield in the old encoding: its bits say so, not the member. */
	if (r.kind == KIND_INT &&
	    ((u32_at(b, r.extra) & 0xff) != ret->size * 8 || (u32_at(b, r.extra) >> 16 & 0xff)))
		return ksd_error_create(KSD_ERR_UNSUPPORTED,
					"%s: a member of type %u is a bitfield", b->what, sid);
	if (bit_off % 8)
		return ksd_error_create(KSD_ERR_UNSUPPORTED,
					"%s: a member of type %u is a bitfield", b->what, sid);
	ret->offset += bit_off / 8;
	ret->type = id;
	ret->is_array = r.kind == KIND_ARRAY;
	if (ret->is_array) {
		ret->nelems = u32_at(b, r.extra + 8);
		err = size_of(b, u32_at(b, r.extra), 0, &ret->elem_size);
		if (!err)
			err = resolve(b, u32_at(b, r.extra), &ret->type, &r);
	}
	return err;
}

/*
 * Search struct/union @sid (at @base bytes) and its anonymous members.
 * @searched[id] is 1 + the shallowest depth at which struct @id was
 * searched in this lookup (0: not yet): it did not hold the member, and
 * is searched again only from a shallower depth, where the nesting limit
 * leaves more of it to look at.  Each struct is then searched at most
 * KSD_BTF_MAX_NEST + 1 times; without that a struct of N anonymous
 * members of its own type costs N^KSD_BTF_MAX_NEST steps, and a few
 * hundred bytes of BTF would hang the reader.
 */
static struct ksd_error *find_member(const struct ksd_btf *b, uint32_t sid,
				     const char *member, uint64_t base,
				     unsigned int nest, uint8_t *searched,
				     struct ksd_btf_member *ret)
{
	struct rec r;

	searched[sid] = (uint8_t)(nest + 1);
	get_rec(b, sid, &r);
	for (uint32_t i = 0; i < r.vlen; i++) {
		const uint8_t *m = r.extra + 12 * i;
		uint32_t name = u32_at(b, m), type = u32_at(b, m + 4);
		uint32_t off = u32_at(b, m + 8);
		uint64_t bit_off = r.kind_flag ? off & 0xffffff : off;
		struct ksd_error *err;
		struct rec t;
		uint32_t tid;

		if (r.kind_flag && off >> 24 && !strcmp(name_of(b, name), member))
			return ksd_error_create(KSD_ERR_UNSUPPORTED,
						"%s: member %s of type %u is a bitfield",
						b->what, member, sid);
		if (name && !strcmp(name_of(b, name), member)) {
			*ret = (struct ksd_btf_member){ .offset = base };
			return fill_member(b, sid, type, bit_off, ret);
		}
		if (name || nest >= KSD_BTF_MAX_NEST)
			continue;
		err = resolve(b, type, &tid, &t);
		if (err)
			return err;
		if ((t.kind == KIND_STRUCT || t.kind == KIND_UNION) && bit_off % 8 == 0 &&
		    (!searched[tid] || searched[tid] > nest + 2)) {
			err = find_member(b, tid, member, base + bit_off / 8, nest + 1,
					  searched, ret);
			if (!err || err->code != KSD_ERR_NOT_FOUND)
				return err;
			ksd_error_destroy(err);
		}
	}
	return ksd_error_create(KSD_ERR_NOT_FOUND, "no member %s", member);
}

struct ksd_error *ksd_btf_member(const struct ksd_btf *b, const char *sname,
				 const char *member,
				 struct ksd_btf_member *ret)
{
	struct ksd_error *err;
	uint8_t *searched;
	uint64_t size;
	uint32_t sid;

	err = ksd_btf_struct(b, sname, &sid, &size);
	if (err)
		return err;
	searched = calloc((size_t)b->ntypes + 1, 1);
	if (!searched)
		return &ksd_enomem;
	err = find_member(b, sid, member, 0, 0, searched, ret);
	free(searched);
	if (err && err->code == KSD_ERR_NOT_FOUND) {
		ksd_error_destroy(err);
		return ksd_error_create(KSD_ERR_NOT_FOUND, "%s: struct %s has no member %s",
					b->what, sname, member);
	}
	return err;
}
