// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kernel log: choosing the reader, collecting records, formatting
 * them as vmcore-dmesg does.  Facts: docs/printk.md.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/printk-priv.h"
#include "util/endian.h"

/* ---- VMCOREINFO ---- */

struct ksd_error *printk_symbol(const struct ksd_vmcoreinfo *vi,
				const char *name, uint64_t *ret)
{
	return ksd_vmcoreinfo_symbol(vi, name, ret);
}

static struct ksd_error *bounded(struct ksd_error *err, const char *macro,
				 const char *name, uint64_t v)
{
	if (err || v <= KSD_MAX_PRINTK_STRUCT)
		return err;
	return ksd_error_create(KSD_ERR_LIMIT,
				"VMCOREINFO %s(%s)=%llu exceeds the limit of %u (KSD_MAX_PRINTK_STRUCT)",
				macro, name, (unsigned long long)v,
				KSD_MAX_PRINTK_STRUCT);
}

struct ksd_error *printk_size(const struct ksd_vmcoreinfo *vi,
			      const char *name, uint64_t *ret)
{
	struct ksd_error *err = ksd_vmcoreinfo_size(vi, name, ret);

	err = bounded(err, "SIZE", name, err ? 0 : *ret);
	if (!err && *ret == 0)
		err = ksd_error_create(KSD_ERR_CORRUPT,
				       "VMCOREINFO SIZE(%s) is 0", name);
	return err;
}

struct ksd_error *printk_offset(const struct ksd_vmcoreinfo *vi,
				const char *name, uint64_t *ret)
{
	struct ksd_error *err = ksd_vmcoreinfo_offset(vi, name, ret);

	return bounded(err, "OFFSET", name, err ? 0 : *ret);
}

struct ksd_error *printk_offset_opt(const struct ksd_vmcoreinfo *vi,
				    const char *name, uint64_t dflt,
				    uint64_t *ret)
{
	struct ksd_error *err = printk_offset(vi, name, ret);

	if (err && err->code == KSD_ERR_NOT_FOUND) {
		ksd_error_destroy(err);
		*ret = dflt;
		return NULL;
	}
	return err;
}

uint64_t printk_load(const uint8_t *p, unsigned int width, bool big)
{
	switch (width) {
	case 1:
		return p[0];
	case 2:
		return ksd_load16(p, big);
	case 4:
		return ksd_load32(p, big);
	default:
		return ksd_load64(p, big);
	}
}

struct ksd_error *printk_read_ulong(const struct ksd_kmem *m, uint64_t va,
				    uint64_t *ret)
{
	uint8_t b[8];
	struct ksd_error *err = ksd_kmem_read(m, va, b, m->ptr_size);

	if (!err)
		*ret = printk_load(b, m->ptr_size, m->big_endian);
	return err;
}

struct ksd_error *printk_read_u32(const struct ksd_kmem *m, uint64_t va,
				  uint32_t *ret)
{
	uint8_t b[4];
	struct ksd_error *err = ksd_kmem_read(m, va, b, 4);

	if (!err)
		*ret = ksd_load32(b, m->big_endian);
	return err;
}

void printk_decode_flags_level(uint8_t byte, bool big,
			       struct ksd_printk_record *r)
{
	if (big) {
		r->log_flags = byte >> 3;
		r->level = byte & 7;
	} else {
		r->log_flags = byte & 0x1f;
		r->level = byte >> 5;
	}
	r->rflags |= KSD_PRINTK_REC_LEVEL;
}

/* ---- reading kernel arrays in chunks ---- */

enum { WINDOW_CHUNK = 64 << 10 };

void printk_window_init(struct printk_window *w, const struct ksd_kmem *m,
			uint64_t va, uint64_t size)
{
	*w = (struct printk_window){ .m = m, .va = va, .size = size };
}

void printk_window_deinit(struct printk_window *w)
{
	free(w->buf);
	w->buf = NULL;
}

static struct ksd_error *load_chunk(struct printk_window *w, uint64_t start)
{
	size_t n = w->size - start < WINDOW_CHUNK ? (size_t)(w->size - start)
						  : WINDOW_CHUNK;
	struct ksd_error *err;

	if (!w->buf) {
		w->buf = malloc(WINDOW_CHUNK);
		if (!w->buf)
			return &ksd_enomem;
	}
	w->chunk_len = 0;
	err = ksd_kmem_read(w->m, w->va + start, w->buf, n);
	if (err)
		return err;
	w->chunk_off = start;
	w->chunk_len = n;
	return NULL;
}

struct ksd_error *printk_window_read(struct printk_window *w, uint64_t off,
				     void *buf, size_t len)
{
	uint8_t *out = buf;

	if (off > w->size || len > w->size - off)
		return ksd_error_create(KSD_ERR_INTERNAL,
					"read of %zu bytes at offset %llu of a %llu-byte array",
					len, (unsigned long long)off,
					(unsigned long long)w->size);
	while (len) {
		uint64_t start = off - off % WINDOW_CHUNK;
		struct ksd_error *err = NULL;
		size_t n;

		if (!w->chunk_len || start != w->chunk_off) {
			if (w->bad_valid && w->bad_off == start)
				return ksd_kmem_read(w->m, w->va + off, out, len);
			err = load_chunk(w, start);
			if (err == &ksd_enomem)
				return err;
			if (err) {
				/* Some page of the chunk is missing: read only what is asked. */
				ksd_error_destroy(err);
				w->bad_off = start;
				w->bad_valid = true;
				return ksd_kmem_read(w->m, w->va + off, out, len);
			}
		}
		n = (size_t)(w->chunk_off + w->chunk_len - off);
		if (n > len)
			n = len;
		memcpy(out, w->buf + (off - w->chunk_off), n);
		out += n;
		off += n;
		len -= n;
	}
	return NULL;
}

/* ---- collecting records ---- */

void printk_warn(struct printk_builder *b, const char *fmt, ...)
{
	struct ksd_printk_log *log = b->log;
	va_list ap;
	char *s;

	if (log->nr_warnings++ >= KSD_PRINTK_MAX_WARNINGS)
		return;
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	log->warnings[log->nr_warnings - 1] = s;
}

/* Make room for @need elements of @elem bytes in *@p, doubling. */
static struct ksd_error *grow(void **p, size_t *cap, size_t need,
			      size_t elem)
{
	size_t n = *cap ? *cap : 64;
	void *q;

	while (n < need)
		n *= 2;
	if (n == *cap)
		return NULL;
	q = realloc(*p, n * elem);
	if (!q)
		return &ksd_enomem;
	*p = q;
	*cap = n;
	return NULL;
}

static struct ksd_error *grow_records(struct printk_builder *b)
{
	size_t cap = b->cap ? b->cap * 2 : 64;
	void *r, *t;

	r = realloc(b->log->records, cap * sizeof(*b->log->records));
	if (!r)
		return &ksd_enomem;
	b->log->records = r;
	t = realloc(b->text_off, cap * sizeof(*b->text_off));
	if (!t)
		return &ksd_enomem;
	b->text_off = t;
	b->cap = cap;
	return NULL;
}

struct ksd_error *printk_add(struct printk_builder *b,
			     const struct ksd_printk_record *r,
			     const char *text, size_t len)
{
	struct ksd_printk_log *log = b->log;
	size_t n = log->nr_records;
	struct ksd_error *err;

	if (len > b->text_limit - b->text_total) {
		log->skipped.bad_block++;
		printk_warn(b, "record %llu: its text would take the log past the %llu bytes its ring holds (data blocks overlap)",
			    (unsigned long long)r->seq,
			    (unsigned long long)b->text_limit);
		return NULL;
	}
	if (n == b->cap) {
		err = grow_records(b);
		if (err)
			return err;
	}
	err = grow((void **)&log->text_arena, &b->arena_cap,
		   b->arena_len + len + 1, 1);
	if (err)
		return err;
	memcpy(log->text_arena + b->arena_len, text, len);
	log->text_arena[b->arena_len + len] = '\0';
	b->text_off[n] = b->arena_len;
	b->arena_len += len + 1;
	b->text_total += len;
	log->records[n] = *r;
	log->records[n].text_len = len;
	log->records[n].text = NULL;
	log->nr_records++;

	if (b->have_prev && r->seq > b->prev_seq + 1)
		log->skipped.seq_gaps += r->seq - b->prev_seq - 1;
	else if (b->have_prev && r->seq <= b->prev_seq)
		printk_warn(b, "record %llu follows record %llu: sequence numbers go backwards",
			    (unsigned long long)r->seq,
			    (unsigned long long)b->prev_seq);
	b->have_prev = true;
	b->prev_seq = r->seq;
	return NULL;
}

static void finish(struct printk_builder *b)
{
	struct ksd_printk_log *log = b->log;

	for (size_t i = 0; i < log->nr_records; i++)
		log->records[i].text = log->text_arena + b->text_off[i];
	free(b->text_off);
	b->text_off = NULL;
}

void ksd_printk_log_destroy(struct ksd_printk_log *log)
{
	if (!log)
		return;
	for (size_t i = 0; i < KSD_PRINTK_MAX_WARNINGS; i++)
		free(log->warnings[i]);
	free(log->records);
	free(log->text_arena);
	free(log);
}

static bool has_symbol(const struct ksd_vmcoreinfo *vi, const char *name)
{
	char key[64];

	snprintf(key, sizeof(key), "SYMBOL(%s)", name);
	return ksd_vmcoreinfo_get(vi, key) != NULL;
}

struct ksd_error *ksd_printk_read(const struct ksd_kmem *m,
				  const struct ksd_vmcoreinfo *vi,
				  struct ksd_printk_log **ret)
{
	struct printk_builder b = { 0 };
	struct ksd_error *err;

	if (m->ptr_size != 4 && m->ptr_size != 8)
		return ksd_error_create(KSD_ERR_INVALID_ARG,
					"kernel log: pointer size %u is neither 4 nor 8",
					m->ptr_size);
	b.log = calloc(1, sizeof(*b.log));
	if (!b.log)
		return &ksd_enomem;
	if (has_symbol(vi, "prb")) {
		b.log->format = KSD_PRINTK_LOCKLESS;
		err = printk_read_lockless(&b, m, vi);
	} else if (has_symbol(vi, "log_first_idx")) {
		b.log->format = KSD_PRINTK_STRUCTURED;
		b.log->seq_relative = true;
		err = printk_read_structured(&b, m, vi);
	} else if (has_symbol(vi, "log_end")) {
		err = ksd_error_create(KSD_ERR_UNSUPPORTED,
				       "the text-only log of kernels before 3.5 (SYMBOL(log_end)) is not supported");
	} else {
		err = ksd_error_create(KSD_ERR_NOT_FOUND,
				       "VMCOREINFO has neither SYMBOL(prb) (5.10+) nor SYMBOL(log_first_idx) (3.5-5.9)");
	}
	if (err) {
		free(b.text_off);
		ksd_printk_log_destroy(b.log);
		return ksd_error_prefix(err, "kernel log");
	}
	finish(&b);
	*ret = b.log;
	return NULL;
}

/* ---- formatting ---- */

struct out {
	char *buf;
	size_t size;
	size_t len;
};

static void out_putc(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void out_printf(struct out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void out_printf(struct out *o, const char *fmt, ...)
{
	char tmp[64];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	for (int i = 0; i < n && i < (int)sizeof(tmp) - 1; i++)
		out_putc(o, tmp[i]);
}

/* vmcore-dmesg keeps what isprint() || isspace() accepts in the C locale. */
static bool kept(unsigned char c)
{
	return (c >= 0x20 && c <= 0x7e) || c == '\t' || c == '\n' ||
	       c == '\v' || c == '\f' || c == '\r';
}

size_t ksd_printk_format(const struct ksd_printk_record *r,
			 unsigned int flags, char *buf, size_t size)
{
	struct out o = { .buf = buf, .size = size };
	size_t indent;

	if ((flags & KSD_PRINTK_FMT_LEVEL) && (r->rflags & KSD_PRINTK_REC_LEVEL))
		out_printf(&o, "<%u>", (unsigned int)r->facility << 3 | r->level);
	out_printf(&o, "[%5llu.%06llu] ",
		   (unsigned long long)(r->ts_nsec / 1000000000u),
		   (unsigned long long)(r->ts_nsec % 1000000000u / 1000u));
	if ((flags & KSD_PRINTK_FMT_CALLER) && (r->rflags & KSD_PRINTK_REC_CALLER)) {
		char id[16];

		snprintf(id, sizeof(id), "%c%u",
			 r->caller_id & KSD_PRINTK_CALLER_CPU ? 'C' : 'T',
			 r->caller_id & ~KSD_PRINTK_CALLER_CPU);
		out_printf(&o, "[%8s] ", id);
	}
	indent = o.len;
	for (size_t i = 0; i < r->text_len; i++) {
		unsigned char c = (unsigned char)r->text[i];

		if (c == '\n' && (flags & KSD_PRINTK_FMT_INDENT)) {
			out_putc(&o, '\n');
			for (size_t k = 0; k < indent; k++)
				out_putc(&o, ' ');
		} else if (kept(c)) {
			out_putc(&o, (char)c);
		} else {
			out_printf(&o, "\\x%02x", c);
		}
	}
	out_putc(&o, '\n');
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return o.len;
}

struct ksd_error *ksd_printk_format_all(const struct ksd_printk_log *log,
					unsigned int flags, char **ret,
					size_t *len)
{
	size_t total = 0, pos = 0;
	char *s;

	for (size_t i = 0; i < log->nr_records; i++)
		total += ksd_printk_format(&log->records[i], flags, NULL, 0);
	s = malloc(total + 1);
	if (!s)
		return &ksd_enomem;
	for (size_t i = 0; i < log->nr_records; i++)
		pos += ksd_printk_format(&log->records[i], flags, s + pos,
					 total + 1 - pos);
	s[total] = '\0';
	*ret = s;
	*len = total;
	return NULL;
}
