// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kallsyms tables (kernel/kallsyms.c, scripts/kallsyms.c):
 *   kallsyms_num_syms     number of symbols
 *   kallsyms_names        per symbol: a length L (one byte, or two as a
 *                         ULEB128 when bit 7 of the first is set), then L
 *                         token indices
 *   kallsyms_token_index  u16[256]: offset of each token in the table
 *   kallsyms_token_table  NUL-terminated token strings
 *   kallsyms_offsets      s32 per symbol, decoded by one of the encodings
 * The first character of a decoded name is its nm type letter.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "kernel/kallsyms.h"
#include "util/endian.h"

/* KSYM_NAME_LEN is 512; a longer name means the table is corrupt. */
#define MAX_NAME 1024
#define CHUNK 65536u

/* Sequential reader over kernel memory, a chunk at a time. */
struct stream {
	const struct ksd_kmem *m;
	uint64_t va;		/* address of buf[0] */
	uint8_t buf[CHUNK];
	size_t pos, len;
};

static struct ksd_error *stream_byte(struct stream *s, uint8_t *ret)
{
	struct ksd_error *err;

	if (s->pos == s->len) {
		s->va += s->len;
		s->len = CHUNK;
		err = ksd_kmem_read(s->m, s->va, s->buf, s->len);
		if (err) {
			/*
			 * The last chunk may run into memory the dump lacks;
			 * retry up to the next 4 KiB boundary only.
			 */
			ksd_error_destroy(err);
			s->len = 4096 - (s->va & 4095);
			err = ksd_kmem_read(s->m, s->va, s->buf, s->len);
			if (err)
				return err;
		}
		s->pos = 0;
	}
	*ret = s->buf[s->pos++];
	return NULL;
}

struct tables {
	uint64_t names, token_table, token_index, num_syms, offsets;
	uint64_t relative_base, addresses, stext;
	bool has_relative_base, has_addresses;
};

static struct ksd_error *find_tables(const struct ksd_vmcoreinfo *vi,
				     struct tables *t)
{
	static const char *const required[] = {
		"kallsyms_names", "kallsyms_token_table", "kallsyms_token_index",
		"kallsyms_num_syms", "_stext",
	};
	uint64_t *dst[] = { &t->names, &t->token_table, &t->token_index,
			    &t->num_syms, &t->stext };
	struct ksd_error *err;

	for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
		err = ksd_vmcoreinfo_symbol(vi, required[i], dst[i]);
		if (err)
			return ksd_error_prefix(err, "kallsyms in the dump needs Linux 6.0 or later");
	}
	err = ksd_vmcoreinfo_symbol(vi, "kallsyms_addresses", &t->addresses);
	t->has_addresses = !err;
	ksd_error_destroy(err);
	if (!t->has_addresses) {
		err = ksd_vmcoreinfo_symbol(vi, "kallsyms_offsets", &t->offsets);
		if (err)
			return ksd_error_prefix(err, "kallsyms");
		err = ksd_vmcoreinfo_symbol(vi, "kallsyms_relative_base",
					    &t->relative_base);
		t->has_relative_base = !err;
		ksd_error_destroy(err);
	}
	return NULL;
}

struct tokens {
	char *table;
	size_t len;
	uint16_t index[256];
};

static struct ksd_error *read_tokens(const struct ksd_kmem *m,
				     const struct tables *t, struct tokens *tok)
{
	uint8_t raw[512];
	uint16_t max = 0;
	struct ksd_error *err;

	err = ksd_kmem_read(m, t->token_index, raw, sizeof(raw));
	if (err)
		return ksd_error_prefix(err, "reading kallsyms_token_index");
	for (int i = 0; i < 256; i++) {
		tok->index[i] = ksd_load16(raw + 2 * i, m->big_endian);
		if (tok->index[i] > max)
			max = tok->index[i];
	}
	/* Tokens are short: the last one ends well within 1 KiB of its start. */
	tok->len = (size_t)max + 1024;
	tok->table = malloc(tok->len);
	if (!tok->table)
		return &ksd_enomem;
	err = ksd_kmem_read(m, t->token_table, tok->table, tok->len);
	if (err)
		return ksd_error_prefix(err, "reading kallsyms_token_table");
	for (int i = 0; i < 256; i++)
		if (!memchr(tok->table + tok->index[i], '\0',
			    tok->len - tok->index[i]))
			return ksd_error_create(KSD_ERR_CORRUPT,
						"kallsyms token %d at offset %u is not terminated",
						i, tok->index[i]);
	return NULL;
}

/* Decode symbol names into @names[i] (malloc'd, type letter first). */
static struct ksd_error *read_names(struct stream *s, const struct tokens *tok,
				    uint32_t num, char **names)
{
	char name[MAX_NAME + 256];
	struct ksd_error *err;
	size_t total = 0;

	for (uint32_t i = 0; i < num; i++) {
		uint8_t b0, b1 = 0, c;
		size_t len, n = 0;

		err = stream_byte(s, &b0);
		if (!err && (b0 & 0x80))
			err = stream_byte(s, &b1);
		if (err)
			return ksd_error_prefix(err, "reading kallsyms_names (symbol %u)", i);
		len = (b0 & 0x80) ? ((size_t)(b0 & 0x7f) | (size_t)b1 << 7) : b0;
		for (size_t k = 0; k < len; k++) {
			const char *piece;
			size_t plen;

			err = stream_byte(s, &c);
			if (err)
				return ksd_error_prefix(err, "reading kallsyms_names (symbol %u)", i);
			piece = tok->table + tok->index[c];
			plen = strlen(piece);
			if (n + plen > MAX_NAME)
				return ksd_error_create(KSD_ERR_CORRUPT,
							"kallsyms symbol %u decodes to more than %d bytes",
							i, MAX_NAME);
			memcpy(name + n, piece, plen);
			n += plen;
		}
		if (n < 2)
			return ksd_error_create(KSD_ERR_CORRUPT,
						"kallsyms symbol %u has an empty name", i);
		name[n] = '\0';
		total += n + 1;
		if (total > KSD_MAX_KALLSYMS_NAME_BYTES)
			return ksd_error_create(KSD_ERR_LIMIT,
						"kallsyms names decode to more than %u MiB (KSD_MAX_KALLSYMS_NAME_BYTES) at symbol %u of %u",
						KSD_MAX_KALLSYMS_NAME_BYTES >> 20, i, num);
		names[i] = strdup(name);
		if (!names[i])
			return &ksd_enomem;
	}
	return NULL;
}

static struct ksd_error *read_words(const struct ksd_kmem *m, uint64_t va,
				    size_t size, uint32_t num, uint64_t *out)
{
	uint8_t buf[CHUNK];
	size_t per = CHUNK / size;

	for (uint32_t i = 0; i < num; i += (uint32_t)per) {
		size_t n = num - i < per ? num - i : per;
		struct ksd_error *err;

		err = ksd_kmem_read(m, va + (uint64_t)i * size, buf, n * size);
		if (err)
			return err;
		for (size_t k = 0; k < n; k++)
			out[i + k] = size == 8 ? ksd_load64(buf + 8 * k, m->big_endian)
					       : ksd_load32(buf + 4 * k, m->big_endian);
	}
	return NULL;
}

enum encoding { ENC_BASE_RELATIVE, ENC_ABS_PERCPU, ENC_PLACE_RELATIVE, ENC_COUNT };

static uint64_t decode(enum encoding e, const struct tables *t, uint32_t i,
		       uint64_t raw)
{
	int32_t off = (int32_t)(uint32_t)raw;

	switch (e) {
	case ENC_BASE_RELATIVE:
		return t->relative_base + (uint32_t)off;
	case ENC_ABS_PERCPU:
		return off >= 0 ? (uint64_t)off : t->relative_base - 1 - (uint64_t)(int64_t)off;
	case ENC_PLACE_RELATIVE:
		return t->offsets + 4ull * i + (uint64_t)(int64_t)off;
	case ENC_COUNT:
		break;
	}
	return 0;
}

/* Pick the encoding that puts _stext at SYMBOL(_stext). */
static struct ksd_error *resolve(const struct tables *t, uint32_t num,
				 char **names, uint64_t *addr)
{
	long stext = -1;

	if (t->has_addresses)
		return NULL;
	for (uint32_t i = 0; i < num; i++)
		if (strcmp(names[i] + 1, "_stext") == 0) {
			stext = i;
			break;
		}
	if (stext < 0)
		return ksd_error_create(KSD_ERR_CORRUPT, "kallsyms has no _stext");
	for (int e = 0; e < ENC_COUNT; e++) {
		if (e != ENC_PLACE_RELATIVE && !t->has_relative_base)
			continue;
		if (decode(e, t, (uint32_t)stext, addr[stext]) != t->stext)
			continue;
		for (uint32_t i = 0; i < num; i++)
			addr[i] = decode(e, t, i, addr[i]);
		return NULL;
	}
	return ksd_error_create(KSD_ERR_CORRUPT,
				"no kallsyms address encoding puts _stext at 0x%llx",
				(unsigned long long)t->stext);
}

struct ksd_error *ksd_kallsyms_load(const struct ksd_kmem *m,
				    const struct ksd_vmcoreinfo *vi,
				    struct ksd_symtab **ret)
{
	struct tokens tok = { 0 };
	struct stream *s = NULL;
	struct ksd_symtab *symtab = NULL;
	struct tables t = { 0 };
	uint64_t *addr = NULL;
	char **names = NULL;
	struct ksd_error *err;
	uint8_t raw[4];
	uint32_t num = 0;

	err = find_tables(vi, &t);
	if (!err)
		err = ksd_kmem_read(m, t.num_syms, raw, 4);
	if (err)
		goto out;
	num = ksd_load32(raw, m->big_endian);
	if (num == 0 || num > KSD_MAX_KALLSYMS) {
		err = ksd_error_create(num ? KSD_ERR_LIMIT : KSD_ERR_CORRUPT,
				       "kallsyms_num_syms is %u (limit %u, KSD_MAX_KALLSYMS)",
				       num, KSD_MAX_KALLSYMS);
		goto out;
	}
	names = calloc(num, sizeof(*names));
	addr = calloc(num, sizeof(*addr));
	s = calloc(1, sizeof(*s));
	if (!names || !addr || !s) {
		err = &ksd_enomem;
		goto out;
	}
	if (t.has_relative_base) {
		/* VMCOREINFO gives the variable's address; we need its value. */
		uint8_t rb[8];

		err = ksd_kmem_read(m, t.relative_base, rb, 8);
		if (err) {
			err = ksd_error_prefix(err, "reading kallsyms_relative_base");
			goto out;
		}
		t.relative_base = ksd_load64(rb, m->big_endian);
	}
	err = read_tokens(m, &t, &tok);
	if (err)
		goto out;
	s->m = m;
	s->va = t.names;	/* empty: the first byte read fills it */
	err = read_names(s, &tok, num, names);
	if (!err)
		err = read_words(m, t.has_addresses ? t.addresses : t.offsets,
				 t.has_addresses ? 8 : 4, num, addr);
	if (!err)
		err = resolve(&t, num, names, addr);
	if (!err)
		err = ksd_symtab_create("kallsyms", &symtab);
	for (uint32_t i = 0; !err && i < num; i++)
		err = ksd_symtab_add(symtab, names[i] + 1, addr[i], 0, names[i][0]);
	if (!err) {
		ksd_symtab_finish(symtab);
		*ret = symtab;
		symtab = NULL;
	}
out:
	if (names)
		for (uint32_t i = 0; i < num; i++)
			free(names[i]);
	free(names);
	free(addr);
	free(s);
	free(tok.table);
	ksd_symtab_destroy(symtab);
	return err;
}
