// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The structured printk log of 3.5-5.9 (kernel/printk/printk.c before the
 * lockless ring): one byte array, log_buf of log_buf_len bytes, holding
 * records back to back from log_first_idx to log_next_idx:
 *
 *   struct printk_log {          (named "log" before 3.11)
 *           u64 ts_nsec;
 *           u16 len;             whole record: header, text, dict, padding
 *           u16 text_len;
 *           u16 dict_len;
 *           u8 facility;
 *           u8 flags:5;
 *           u8 level:3;
 *           u32 caller_id;       5.1+ with CONFIG_PRINTK_CALLER
 *   };                           followed by the text, then the dict
 *
 * When a record does not fit before the end of the array, the writer
 * leaves a header with len 0 there and continues at index 0; it always
 * keeps room for that header, so a record's header never crosses the end.
 *
 * The walk follows len from log_first_idx, wraps at most once, and stops
 * (keeping what it read, with a warning) at the first record that breaks
 * these rules, so it visits at most 2 * log_buf_len / SIZE(printk_log)
 * records.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/printk-priv.h"

struct log_layout {
	uint64_t buf_sym, len_sym, first_sym, next_sym;
	uint64_t hsize, ts_nsec, len, text_len, dict_len, caller_id;
	bool has_caller, has_level;
};

/* SIZE(printk_log) and OFFSET(printk_log.*), or the pre-3.11 "log". */
static struct ksd_error *get_layout(const struct ksd_vmcoreinfo *vi,
				    struct log_layout *l)
{
	const char *st = ksd_vmcoreinfo_get(vi, "SIZE(printk_log)") ? "printk_log"
								   : "log";
	struct ksd_error *err;
	char name[64];

	err = printk_symbol(vi, "log_buf", &l->buf_sym);
	if (!err)
		err = printk_symbol(vi, "log_buf_len", &l->len_sym);
	if (!err)
		err = printk_symbol(vi, "log_first_idx", &l->first_sym);
	if (!err)
		err = printk_symbol(vi, "log_next_idx", &l->next_sym);
	if (!err)
		err = printk_size(vi, st, &l->hsize);
#define OFF(field, fn) \
	(snprintf(name, sizeof(name), "%s." field, st), fn)
	if (!err)
		err = OFF("ts_nsec", printk_offset(vi, name, &l->ts_nsec));
	if (!err)
		err = OFF("len", printk_offset(vi, name, &l->len));
	if (!err)
		err = OFF("text_len", printk_offset(vi, name, &l->text_len));
	if (!err)
		err = OFF("dict_len", printk_offset_opt(vi, name, UINT64_MAX,
							&l->dict_len));
	if (!err)
		err = OFF("caller_id", printk_offset_opt(vi, name, UINT64_MAX,
							 &l->caller_id));
#undef OFF
	if (err)
		return err;
	if (l->ts_nsec + 8 > l->hsize || l->len + 2 > l->hsize ||
	    l->text_len + 2 > l->hsize)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"VMCOREINFO puts a field of struct %s outside its SIZE(%s)=%llu",
					st, st, (unsigned long long)l->hsize);
	l->has_caller = l->caller_id != UINT64_MAX &&
			l->caller_id + 4 <= l->hsize;
	/*
	 * facility and flags:5/level:3 are not exported; they follow
	 * dict_len in every version of the struct.
	 */
	l->has_level = l->dict_len == l->text_len + 2 &&
		       l->dict_len + 4 <= l->hsize;
	return NULL;
}

struct walk {
	const struct log_layout *l;
	struct printk_window win;
	uint32_t buf_len, first, next;
	uint8_t hdr[KSD_MAX_PRINTK_STRUCT];
	char *text;
};

static struct ksd_error *read_one(struct walk *w, struct printk_builder *b,
				  uint32_t idx, uint64_t seq, uint32_t *len)
{
	const struct log_layout *l = w->l;
	bool big = w->win.m->big_endian;
	struct ksd_printk_record rec = { .seq = seq };
	size_t tlen;
	struct ksd_error *err;

	err = printk_window_read(&w->win, idx, w->hdr, l->hsize);
	if (err)
		return err;
	*len = (uint32_t)printk_load(w->hdr + l->len, 2, big);
	if (*len == 0)
		return NULL;
	if (*len < l->hsize || *len > w->buf_len - idx)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"record at index %u has len %u, outside %llu..%u",
					idx, *len, (unsigned long long)l->hsize,
					w->buf_len - idx);
	rec.ts_nsec = printk_load(w->hdr + l->ts_nsec, 8, big);
	tlen = (size_t)printk_load(w->hdr + l->text_len, 2, big);
	if (tlen > *len - l->hsize) {
		b->log->skipped.truncated++;
		printk_warn(b, "record at index %u: text_len %zu exceeds its %llu-byte record; text cut",
			    idx, tlen, (unsigned long long)(*len - l->hsize));
		rec.rflags |= KSD_PRINTK_REC_TRUNCATED;
		tlen = *len - l->hsize;
	}
	if (l->has_caller) {
		rec.caller_id = (uint32_t)printk_load(w->hdr + l->caller_id, 4,
						      big);
		rec.rflags |= KSD_PRINTK_REC_CALLER;
	}
	if (l->has_level) {
		rec.facility = w->hdr[l->dict_len + 2];
		printk_decode_flags_level(w->hdr[l->dict_len + 3], big, &rec);
	}
	if (tlen == 0)
		rec.rflags |= KSD_PRINTK_REC_DATALESS;
	err = printk_window_read(&w->win, idx + l->hsize, w->text, tlen);
	if (err)
		return err;
	return printk_add(b, &rec, w->text, tlen);
}

static struct ksd_error *walk(struct walk *w, struct printk_builder *b)
{
	uint32_t idx = w->first, len = 0;
	bool wrapped = false;
	uint64_t seq = 0;
	struct ksd_error *err;

	while (idx != w->next) {
		/* Past log_next_idx in the stretch that should end there. */
		if ((wrapped || w->first <= w->next) && idx > w->next) {
			printk_warn(b, "record at index %u runs past log_next_idx %u; the rest is not read",
				    idx, w->next);
			return NULL;
		}
		if (idx > w->buf_len - w->l->hsize) {
			printk_warn(b, "record header at index %u crosses the end of the %u-byte log_buf; the rest is not read",
				    idx, w->buf_len);
			return NULL;
		}
		err = read_one(w, b, idx, seq, &len);
		if (err == &ksd_enomem)
			return err;
		if (err) {
			if (err->code == KSD_ERR_CORRUPT) {
				b->log->skipped.bad_block++;
			} else {
				b->log->skipped.unreadable++;
			}
			printk_warn(b, "%s; the rest is not read", err->message);
			ksd_error_destroy(err);
			return NULL;
		}
		if (len == 0) {
			if (wrapped) {
				printk_warn(b, "a second end-of-buffer marker at index %u: the log is cyclic; the rest is not read",
					    idx);
				return NULL;
			}
			wrapped = true;
			idx = 0;
			continue;
		}
		seq++;
		idx += len;
	}
	return NULL;
}

struct ksd_error *printk_read_structured(struct printk_builder *b,
					 const struct ksd_kmem *m,
					 const struct ksd_vmcoreinfo *vi)
{
	struct log_layout l;
	struct walk w = { .l = &l };
	uint64_t buf_va;
	struct ksd_error *err;

	err = get_layout(vi, &l);
	if (!err)
		err = printk_read_ulong(m, l.buf_sym, &buf_va);
	if (!err)
		err = printk_read_u32(m, l.len_sym, &w.buf_len);
	if (!err)
		err = printk_read_u32(m, l.first_sym, &w.first);
	if (!err)
		err = printk_read_u32(m, l.next_sym, &w.next);
	if (err)
		return ksd_error_prefix(err, "reading log_buf, log_buf_len, log_first_idx and log_next_idx");
	b->log->ring_va = buf_va;
	b->log->ring_size = w.buf_len;
	if (w.buf_len > 1u << KSD_MAX_PRINTK_DATA_BITS)
		return ksd_error_create(KSD_ERR_LIMIT,
					"log_buf_len %u exceeds the limit of 2^%u (KSD_MAX_PRINTK_DATA_BITS)",
					w.buf_len, KSD_MAX_PRINTK_DATA_BITS);
	if (w.buf_len < l.hsize || w.first > w.buf_len - l.hsize ||
	    w.next > w.buf_len - l.hsize)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"log_first_idx %u or log_next_idx %u lies outside log_buf_len %u",
					w.first, w.next, w.buf_len);
	b->text_limit = w.buf_len;
	w.text = malloc(UINT16_MAX + 1);
	if (!w.text)
		return &ksd_enomem;
	printk_window_init(&w.win, m, buf_va, w.buf_len);
	err = walk(&w, b);
	printk_window_deinit(&w.win);
	free(w.text);
	return err;
}
