// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The lockless printk ring buffer (5.10+, kernel/printk/printk_ringbuffer.h).
 *
 *   struct printk_ringbuffer  (*prb)
 *     desc_ring:  count_bits, descs[2^count_bits], infos[2^count_bits],
 *                 head_id, tail_id
 *     text_data_ring: size_bits, data[2^size_bits], head_lpos, tail_lpos
 *
 * Each descriptor's state_var holds its id in the low BITS_PER_LONG - 2
 * bits and its state in the top two (0 reserved, 1 committed, 2
 * finalized, 3 reusable).  Descriptor id N lives at index N mod count;
 * the records of the log are the ids from tail_id to head_id inclusive.
 * A data block starts with the id of its descriptor (an unsigned long),
 * then the text; its [begin, next) are logical positions whose low
 * size_bits are the index in the data array.  A block that would cross
 * the end of the array is stored at index 0 instead, and then next is in
 * the following wrap.  Logical positions with bit 0 set mark a record
 * with no data (FAILED_LPOS 0x1, EMPTY_LINE_LPOS 0x3).
 *
 * The walk visits at most 2^count_bits ids and reads each block once,
 * checks every block against the ring before reading it, and skips (and
 * counts) whatever does not hold together; docs/printk.md has the cases.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/printk-priv.h"

/* The VMCOREINFO facts the walk needs, in bytes. */
struct ring_layout {
	uint64_t prb_sym;
	uint64_t rb_size, desc_ring, text_ring;
	uint64_t count_bits, descs, infos, head_id, tail_id;
	uint64_t desc_size, state_var, text_blk, blk_begin, blk_next;
	uint64_t info_size, seq, ts_nsec, text_len, caller_id;
	bool has_caller, has_level;
	uint64_t size_bits, data;
	uint64_t counter;	/* OFFSET(atomic_long_t.counter) */
};

/* The ring as read from the dump. */
struct ring {
	const struct ksd_kmem *m;
	const struct ring_layout *l;
	unsigned int w;		/* sizeof(unsigned long) of the dumped kernel */
	uint64_t id_mask;
	unsigned int count_bits, size_bits;
	uint64_t count, size;
	struct printk_window descs, infos, data;
	uint8_t desc[KSD_MAX_PRINTK_STRUCT];
	uint8_t info[KSD_MAX_PRINTK_STRUCT];
	char *text;		/* one record's text, up to 64 KiB */
	unsigned int unreadable_run;
	bool stop;
};

/* Consecutive unreadable descriptors after which the walk gives up. */
enum { UNREADABLE_RUN = 1024 };

static struct ksd_error *get_layout(const struct ksd_vmcoreinfo *vi,
				    struct ring_layout *l)
{
	static const struct {
		enum { SYM, SZ, OFF } kind;
		const char *name;
		size_t field;
	} req[] = {
#define F(k, n, f) { k, n, offsetof(struct ring_layout, f) }
		F(SYM, "prb", prb_sym),
		F(SZ, "printk_ringbuffer", rb_size),
		F(OFF, "printk_ringbuffer.desc_ring", desc_ring),
		F(OFF, "printk_ringbuffer.text_data_ring", text_ring),
		F(OFF, "prb_desc_ring.count_bits", count_bits),
		F(OFF, "prb_desc_ring.descs", descs),
		F(OFF, "prb_desc_ring.infos", infos),
		F(OFF, "prb_desc_ring.head_id", head_id),
		F(OFF, "prb_desc_ring.tail_id", tail_id),
		F(SZ, "prb_desc", desc_size),
		F(OFF, "prb_desc.state_var", state_var),
		F(OFF, "prb_desc.text_blk_lpos", text_blk),
		F(OFF, "prb_data_blk_lpos.begin", blk_begin),
		F(OFF, "prb_data_blk_lpos.next", blk_next),
		F(SZ, "printk_info", info_size),
		F(OFF, "printk_info.seq", seq),
		F(OFF, "printk_info.ts_nsec", ts_nsec),
		F(OFF, "printk_info.text_len", text_len),
		F(OFF, "prb_data_ring.size_bits", size_bits),
		F(OFF, "prb_data_ring.data", data),
#undef F
	};
	struct ksd_error *err = NULL;

	for (size_t i = 0; i < sizeof(req) / sizeof(req[0]) && !err; i++) {
		uint64_t *v = (uint64_t *)((char *)l + req[i].field);

		if (req[i].kind == SYM)
			err = printk_symbol(vi, req[i].name, v);
		else if (req[i].kind == SZ)
			err = printk_size(vi, req[i].name, v);
		else
			err = printk_offset(vi, req[i].name, v);
	}
	if (!err)
		err = printk_offset_opt(vi, "atomic_long_t.counter", 0,
					&l->counter);
	if (!err)
		err = printk_offset_opt(vi, "printk_info.caller_id", UINT64_MAX,
					&l->caller_id);
	if (err)
		return err;
	l->has_caller = l->caller_id != UINT64_MAX;
	/*
	 * VMCOREINFO does not export facility, flags and level.  Since 5.10
	 * they sit between text_len and caller_id (u16 text_len; u8
	 * facility; u8 flags:5, level:3; u32 caller_id); trust that only
	 * when caller_id is exactly where that layout puts it.
	 */
	l->has_level = l->has_caller && l->caller_id == l->text_len + 4;
	return NULL;
}

/* @off + @width must fit in a structure of @size bytes. */
static struct ksd_error *fits(const char *what, uint64_t off, uint64_t width,
			      uint64_t size, const char *in)
{
	if (off <= size && width <= size - off)
		return NULL;
	return ksd_error_create(KSD_ERR_CORRUPT,
				"VMCOREINFO puts %s (%llu bytes at offset %llu) outside SIZE(%s)=%llu",
				what, (unsigned long long)width,
				(unsigned long long)off, in,
				(unsigned long long)size);
}

static struct ksd_error *check_layout(const struct ring_layout *l,
				      unsigned int w)
{
	struct ksd_error *err;
	uint64_t sv = l->state_var + l->counter;

	err = fits("prb_desc_ring.count_bits", l->desc_ring + l->count_bits, 4,
		   l->rb_size, "printk_ringbuffer");
	if (!err)
		err = fits("prb_desc_ring.descs", l->desc_ring + l->descs, w,
			   l->rb_size, "printk_ringbuffer");
	if (!err)
		err = fits("prb_desc_ring.infos", l->desc_ring + l->infos, w,
			   l->rb_size, "printk_ringbuffer");
	if (!err)
		err = fits("prb_desc_ring.head_id",
			   l->desc_ring + l->head_id + l->counter, w,
			   l->rb_size, "printk_ringbuffer");
	if (!err)
		err = fits("prb_desc_ring.tail_id",
			   l->desc_ring + l->tail_id + l->counter, w,
			   l->rb_size, "printk_ringbuffer");
	if (!err)
		err = fits("prb_data_ring.size_bits", l->text_ring + l->size_bits,
			   4, l->rb_size, "printk_ringbuffer");
	if (!err)
		err = fits("prb_data_ring.data", l->text_ring + l->data, w,
			   l->rb_size, "printk_ringbuffer");
	if (!err)
		err = fits("prb_desc.state_var", sv, w, l->desc_size, "prb_desc");
	if (!err)
		err = fits("prb_data_blk_lpos.begin", l->text_blk + l->blk_begin,
			   w, l->desc_size, "prb_desc");
	if (!err)
		err = fits("prb_data_blk_lpos.next", l->text_blk + l->blk_next,
			   w, l->desc_size, "prb_desc");
	if (!err)
		err = fits("printk_info.seq", l->seq, 8, l->info_size,
			   "printk_info");
	if (!err)
		err = fits("printk_info.ts_nsec", l->ts_nsec, 8, l->info_size,
			   "printk_info");
	if (!err)
		err = fits("printk_info.text_len", l->text_len, 2, l->info_size,
			   "printk_info");
	if (!err && l->has_caller)
		err = fits("printk_info.caller_id", l->caller_id, 4,
			   l->info_size, "printk_info");
	return err;
}

/* Read the ring's control structure and check its geometry. */
static struct ksd_error *open_ring(struct ring *r, struct printk_builder *b,
				   uint64_t *head, uint64_t *tail)
{
	const struct ring_layout *l = r->l;
	const struct ksd_kmem *m = r->m;
	bool big = m->big_endian;
	uint8_t rb[KSD_MAX_PRINTK_STRUCT];
	uint64_t rb_va, descs_va, infos_va, data_va;
	uint32_t cbits, sbits;
	struct ksd_error *err;

	err = printk_read_ulong(m, l->prb_sym, &rb_va);
	if (err)
		return ksd_error_prefix(err, "reading the pointer prb at 0x%llx",
					(unsigned long long)l->prb_sym);
	err = ksd_kmem_read(m, rb_va, rb, l->rb_size);
	if (err)
		return ksd_error_prefix(err, "reading struct printk_ringbuffer at 0x%llx",
					(unsigned long long)rb_va);
	b->log->ring_va = rb_va;
	cbits = (uint32_t)printk_load(rb + l->desc_ring + l->count_bits, 4, big);
	sbits = (uint32_t)printk_load(rb + l->text_ring + l->size_bits, 4, big);
	if (cbits > KSD_MAX_PRINTK_DESC_BITS)
		return ksd_error_create(KSD_ERR_LIMIT,
					"the ring at 0x%llx claims 2^%u descriptors, more than the limit of 2^%u (KSD_MAX_PRINTK_DESC_BITS)",
					(unsigned long long)rb_va, cbits,
					KSD_MAX_PRINTK_DESC_BITS);
	/* A data block holds at least its id; the kernel's smallest ring is 4 KiB. */
	if (sbits > KSD_MAX_PRINTK_DATA_BITS || (1ull << sbits) < 2 * r->w)
		return ksd_error_create(sbits > KSD_MAX_PRINTK_DATA_BITS ?
					KSD_ERR_LIMIT : KSD_ERR_CORRUPT,
					"the ring at 0x%llx claims a text ring of 2^%u bytes, outside 2^%u..2^%u (KSD_MAX_PRINTK_DATA_BITS)",
					(unsigned long long)rb_va, sbits,
					r->w == 8 ? 4 : 3, KSD_MAX_PRINTK_DATA_BITS);
	r->count_bits = cbits;
	r->size_bits = sbits;
	r->count = 1ull << cbits;
	r->size = 1ull << sbits;
	b->log->ring_size = r->size;
	b->log->nr_descs = r->count;
	b->text_limit = r->size;
	descs_va = printk_load(rb + l->desc_ring + l->descs, r->w, big);
	infos_va = printk_load(rb + l->desc_ring + l->infos, r->w, big);
	data_va = printk_load(rb + l->text_ring + l->data, r->w, big);
	*head = printk_load(rb + l->desc_ring + l->head_id + l->counter, r->w,
			    big);
	*tail = printk_load(rb + l->desc_ring + l->tail_id + l->counter, r->w,
			    big);
	printk_window_init(&r->descs, m, descs_va, r->count * l->desc_size);
	printk_window_init(&r->infos, m, infos_va, r->count * l->info_size);
	printk_window_init(&r->data, m, data_va, r->size);
	return NULL;
}

/*
 * Locate the text of a block [begin, next): its offset in the data array
 * and length, id word included.  False if no block of this ring can have
 * these positions (the kernel's get_data() warns and gives up on them).
 */
static bool locate(const struct ring *r, uint64_t begin, uint64_t next,
		   uint64_t *off, uint64_t *len)
{
	uint64_t lmask = r->w == 8 ? ~0ull : 0xffffffffull;
	uint64_t wb = (begin & lmask) >> r->size_bits;
	uint64_t wn = (next & lmask) >> r->size_bits;
	uint64_t wb1 = ((begin + r->size) & lmask) >> r->size_bits;

	if (wb == wn) {
		if (next <= begin)
			return false;
		*off = begin & (r->size - 1);
		*len = next - begin;
	} else if (wb1 == wn) {
		/* Wrapped: the data was placed at the start of the array. */
		*off = 0;
		*len = next & (r->size - 1);
	} else {
		return false;
	}
	return *len >= r->w;
}

static struct ksd_error *read_text(struct ring *r, struct printk_builder *b,
				   uint64_t id, uint64_t begin, uint64_t next,
				   struct ksd_printk_record *rec, size_t *len)
{
	bool big = r->m->big_endian;
	uint64_t off, blen, blk_id;
	uint8_t idb[8];
	struct ksd_error *err;

	if (!locate(r, begin, next, &off, &blen)) {
		b->log->skipped.bad_block++;
		printk_warn(b, "descriptor %llu: data block [0x%llx, 0x%llx) is not a block of the %llu-byte text ring",
			    (unsigned long long)id, (unsigned long long)begin,
			    (unsigned long long)next,
			    (unsigned long long)r->size);
		return NULL;
	}
	err = printk_window_read(&r->data, off, idb, r->w);
	if (err)
		goto unreadable;
	blk_id = printk_load(idb, r->w, big);
	if (blk_id != id) {
		/* The block was reused by a newer record: its text is gone. */
		b->log->skipped.bad_block++;
		printk_warn(b, "descriptor %llu: its data block at ring offset %llu carries id %llu",
			    (unsigned long long)id, (unsigned long long)off,
			    (unsigned long long)blk_id);
		return NULL;
	}
	if (*len > blen - r->w) {
		/* As vmcore-dmesg and makedumpfile: keep what the block holds. */
		b->log->skipped.truncated++;
		printk_warn(b, "descriptor %llu: text_len %zu exceeds its %llu-byte data block; text cut",
			    (unsigned long long)id, *len,
			    (unsigned long long)(blen - r->w));
		rec->rflags |= KSD_PRINTK_REC_TRUNCATED;
		*len = (size_t)(blen - r->w);
	}
	err = printk_window_read(&r->data, off + r->w, r->text, *len);
	if (!err)
		return printk_add(b, rec, r->text, *len);
unreadable:
	if (err == &ksd_enomem)
		return err;
	b->log->skipped.unreadable++;
	printk_warn(b, "descriptor %llu: text: %s", (unsigned long long)id,
		    err->message);
	ksd_error_destroy(err);
	return NULL;
}

/*
 * A descriptor or its info is not in the dump.  After a long run of them
 * the arrays are taken to be missing and the walk stops (r->stop), so a
 * hostile geometry over unreadable memory costs no more than that run.
 */
static struct ksd_error *unreadable(struct ring *r, struct printk_builder *b,
				    uint64_t id, struct ksd_error *err)
{
	if (err == &ksd_enomem)
		return err;
	b->log->skipped.unreadable++;
	printk_warn(b, "descriptor %llu: %s", (unsigned long long)id,
		    err->message);
	ksd_error_destroy(err);
	if (++r->unreadable_run == UNREADABLE_RUN) {
		r->stop = true;
		printk_warn(b, "%u descriptors in a row are not in the dump; the rest of the ring is not read",
			    UNREADABLE_RUN);
	}
	return NULL;
}

static struct ksd_error *read_record(struct ring *r, struct printk_builder *b,
				     uint64_t id)
{
	const struct ring_layout *l = r->l;
	bool big = r->m->big_endian;
	uint64_t idx = id & (r->count - 1);
	struct ksd_printk_record rec = { 0 };
	uint64_t sv, begin, next;
	struct ksd_error *err;
	unsigned int state;
	size_t len;

	err = printk_window_read(&r->descs, idx * l->desc_size, r->desc,
				 l->desc_size);
	if (err)
		return unreadable(r, b, id, err);
	sv = printk_load(r->desc + l->state_var + l->counter, r->w, big);
	state = (unsigned int)(sv >> (8 * r->w - 2));
	if ((sv & r->id_mask) != id) {
		b->log->skipped.recycled++;
		printk_warn(b, "descriptor %llu: slot %llu holds id %llu",
			    (unsigned long long)id, (unsigned long long)idx,
			    (unsigned long long)(sv & r->id_mask));
		return NULL;
	}
	if (state == 3)		/* reusable: the record was already dropped */
		return NULL;
	if (state == 0) {
		b->log->skipped.reserved++;
		printk_warn(b, "descriptor %llu: still reserved by its writer",
			    (unsigned long long)id);
		return NULL;
	}
	if (state == 1)
		rec.rflags |= KSD_PRINTK_REC_UNFINALIZED;
	err = printk_window_read(&r->infos, idx * l->info_size, r->info,
				 l->info_size);
	if (err)
		return unreadable(r, b, id, err);
	r->unreadable_run = 0;
	rec.seq = printk_load(r->info + l->seq, 8, big);
	rec.ts_nsec = printk_load(r->info + l->ts_nsec, 8, big);
	len = (size_t)printk_load(r->info + l->text_len, 2, big);
	if (l->has_caller) {
		rec.caller_id = (uint32_t)printk_load(r->info + l->caller_id, 4,
						      big);
		rec.rflags |= KSD_PRINTK_REC_CALLER;
	}
	if (l->has_level) {
		rec.facility = r->info[l->text_len + 2];
		printk_decode_flags_level(r->info[l->text_len + 3], big, &rec);
	}
	begin = printk_load(r->desc + l->text_blk + l->blk_begin, r->w, big);
	next = printk_load(r->desc + l->text_blk + l->blk_next, r->w, big);
	if ((begin & 1) && (next & 1)) {
		rec.rflags |= KSD_PRINTK_REC_DATALESS;
		return printk_add(b, &rec, "", 0);
	}
	return read_text(r, b, id, begin, next, &rec, &len);
}

struct ksd_error *printk_read_lockless(struct printk_builder *b,
				       const struct ksd_kmem *m,
				       const struct ksd_vmcoreinfo *vi)
{
	struct ring_layout l;
	struct ring *r;
	uint64_t head, tail, n;
	struct ksd_error *err;

	err = get_layout(vi, &l);
	if (!err)
		err = check_layout(&l, m->ptr_size);
	if (err)
		return err;
	r = calloc(1, sizeof(*r));
	if (!r)
		return &ksd_enomem;
	r->m = m;
	r->l = &l;
	r->w = m->ptr_size;
	r->id_mask = (r->w == 8 ? ~0ull : 0xffffffffull) >> 2;
	r->text = malloc(UINT16_MAX + 1);
	err = r->text ? open_ring(r, b, &head, &tail) : &ksd_enomem;
	if (err)
		goto out;
	head &= r->id_mask;
	tail &= r->id_mask;
	n = ((head - tail) & r->id_mask) + 1;
	if (n > r->count) {
		printk_warn(b, "tail id %llu is %llu ids behind head id %llu, more than the ring's %llu descriptors: reading the last %llu",
			    (unsigned long long)tail, (unsigned long long)(n - 1),
			    (unsigned long long)head,
			    (unsigned long long)r->count,
			    (unsigned long long)r->count);
		n = r->count;
		tail = (head - (n - 1)) & r->id_mask;
	}
	for (uint64_t i = 0; i < n && !err && !r->stop; i++)
		err = read_record(r, b, (tail + i) & r->id_mask);
out:
	printk_window_deinit(&r->descs);
	printk_window_deinit(&r->infos);
	printk_window_deinit(&r->data);
	free(r->text);
	free(r);
	return err;
}
