// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * lib/kernel/printk: both log formats read from hand-built memory images,
 * each descriptor, info and data block placed by the test, so that every
 * state the kernel's writer can leave (and some it cannot) is covered.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "kernel/printk.h"
#include "util/endian.h"

/* ---- kernel memory: a few regions, nothing else mapped ---- */

struct region {
	uint64_t va;
	uint8_t *buf;
	size_t len;
};

struct tmem {
	struct region r[8];
	int n;
	unsigned long reads;
};

static struct ksd_error *tread(void *arg, uint64_t va, void *buf, size_t len)
{
	struct tmem *m = arg;

	m->reads++;
	for (int i = 0; i < m->n; i++) {
		const struct region *r = &m->r[i];

		if (va >= r->va && len <= r->len && va - r->va <= r->len - len) {
			memcpy(buf, r->buf + (va - r->va), len);
			return NULL;
		}
	}
	return ksd_error_create(KSD_ERR_FAULT, "0x%llx is not mapped",
				(unsigned long long)va);
}

static void map(struct tmem *m, uint64_t va, uint8_t *buf, size_t len)
{
	m->r[m->n++] = (struct region){ va, buf, len };
}

/* ---- a lockless ring ---- */

/* Where the test maps things; a 32-bit kernel's addresses are truncated. */
#define PRB_VA		0xffff800081000000ull
#define RB_VA		0xffff800081000100ull
#define DESCS_VA	0xffff000010000000ull
#define INFOS_VA	0xffff000020000000ull
#define DATA_VA		0xffff000030000000ull
#define VA(t, va)	((t)->w == 8 ? (va) : (va) & 0xffffffffull)

enum { D_RESERVED, D_COMMITTED, D_FINALIZED, D_REUSABLE };

struct tring {
	bool big;
	unsigned int w;			/* sizeof(long): 8, or 4 */
	unsigned int cbits, sbits;
	uint64_t count, size;
	uint8_t prb[8], rb[128];
	uint8_t *descs, *infos, *data;
	unsigned int desc_size, rb_size;
	struct tmem mem;
	struct ksd_kmem km;
	struct ksd_vmcoreinfo *vi;
	char extra_vi[512];		/* appended VMCOREINFO lines */
	const char *drop_vi;		/* a key to leave out */
};

static void put(struct tring *t, uint8_t *p, uint64_t v, unsigned int size)
{
	for (unsigned int i = 0; i < size; i++)
		p[t->big ? size - 1 - i : i] = (uint8_t)(v >> (8 * i));
}

/* Offsets of the 64-bit (6.12) or 32-bit layout. */
struct lay {
	unsigned int rb_size, dr, tr, fail, count_bits, descs, infos, head,
		tail, size_bits, data, desc_size, sv, blk, begin, next;
};

static const struct lay lay64 = { 88, 0, 48, 80, 0, 8, 16, 24, 32, 0, 8, 24,
				  0, 8, 0, 8 };
static const struct lay lay32 = { 44, 0, 24, 40, 0, 4, 8, 12, 16, 0, 4, 12,
				  0, 4, 0, 4 };

static const struct lay *lay(const struct tring *t)
{
	return t->w == 8 ? &lay64 : &lay32;
}

static struct tring *tr_new(unsigned int cbits, unsigned int sbits, bool big,
			    unsigned int w)
{
	struct tring *t = calloc(1, sizeof(*t));

	assert_non_null(t);
	t->big = big;
	t->w = w;
	t->cbits = cbits;
	t->sbits = sbits;
	t->count = 1ull << cbits;
	t->size = 1ull << sbits;
	t->desc_size = lay(t)->desc_size;
	t->rb_size = lay(t)->rb_size;
	t->descs = calloc(t->count, t->desc_size);
	t->infos = calloc(t->count, 88);
	t->data = calloc(1, t->size);
	assert_non_null(t->descs);
	assert_non_null(t->infos);
	assert_non_null(t->data);
	return t;
}

static void tr_free(struct tring *t)
{
	ksd_vmcoreinfo_destroy(t->vi);
	free(t->descs);
	free(t->infos);
	free(t->data);
	free(t);
}

static uint64_t idmask(const struct tring *t)
{
	return (t->w == 8 ? ~0ull : 0xffffffffull) >> 2;
}

static void tr_desc(struct tring *t, uint64_t id, unsigned int state,
		    uint64_t begin, uint64_t next)
{
	uint8_t *d = t->descs + (id & (t->count - 1)) * t->desc_size;
	const struct lay *l = lay(t);

	put(t, d + l->sv, (uint64_t)state << (8 * t->w - 2) | (id & idmask(t)), t->w);
	put(t, d + l->blk + l->begin, begin, t->w);
	put(t, d + l->blk + l->next, next, t->w);
}

static void tr_info(struct tring *t, uint64_t id, uint64_t seq, uint64_t ts,
		    unsigned int text_len, uint32_t caller, unsigned int level,
		    unsigned int facility)
{
	uint8_t *in = t->infos + (id & (t->count - 1)) * 88;

	put(t, in, seq, 8);
	put(t, in + 8, ts, 8);
	put(t, in + 16, text_len, 2);
	in[18] = (uint8_t)facility;
	/* LOG_NEWLINE in flags:5, and level:3, as GCC lays them out */
	in[19] = t->big ? (uint8_t)(2 << 3 | level) : (uint8_t)(level << 5 | 2);
	put(t, in + 20, caller, 4);
}

/*
 * A data block for @id holding @text, at lpos @begin: the id word, then
 * the text, padded to the id size.  Wraps as the kernel's data_alloc()
 * does.  Returns next.
 */
static uint64_t tr_block(struct tring *t, uint64_t id, uint64_t begin,
			 const char *text, size_t len)
{
	uint64_t lmask = t->w == 8 ? ~0ull : 0xffffffffull;
	uint64_t size = (len + t->w + t->w - 1) & ~(uint64_t)(t->w - 1);
	uint64_t next = (begin + size) & lmask, mask = t->size - 1;
	uint8_t *at;

	put(t, t->data + (begin & mask), id, t->w);
	if (begin >> t->sbits != next >> t->sbits) {
		next = ((next & ~mask) + size) & lmask;
		put(t, t->data, id, t->w);
		at = t->data;
	} else {
		at = t->data + (begin & mask);
	}
	memcpy(at + t->w, text, len);
	return next;
}

/* A finalized record with text, id @id, seq @seq; returns next lpos. */
static uint64_t tr_rec(struct tring *t, uint64_t id, uint64_t seq,
		       uint64_t begin, const char *text)
{
	size_t len = strlen(text);
	uint64_t next = tr_block(t, id, begin, text, len);

	tr_desc(t, id, D_FINALIZED, begin, next);
	tr_info(t, id, seq, seq * 1000000000 + 1234000, (unsigned int)len,
		(uint32_t)(100 + seq), 6, 0);
	return next;
}

static void tr_headtail(struct tring *t, uint64_t head, uint64_t tail)
{
	const struct lay *l = lay(t);

	put(t, t->rb + l->dr + l->head, head, t->w);
	put(t, t->rb + l->dr + l->tail, tail, t->w);
}

static void tr_vi_line(char **p, const char *end, const struct tring *t,
		       const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void tr_vi_line(char **p, const char *end, const struct tring *t,
		       const char *fmt, ...)
{
	char line[128];
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (t->drop_vi && !strncmp(line, t->drop_vi, strlen(t->drop_vi)))
		return;
	n = strlen(line);
	assert_true(*p + n < end);
	memcpy(*p, line, n + 1);
	*p += n;
}

/* Write the control structure, map everything, parse VMCOREINFO. */
static void tr_finish(struct tring *t)
{
	const struct lay *l = lay(t);
	char vi[4096], *p = vi, *e = vi + sizeof(vi);

	put(t, t->prb, VA(t, RB_VA), t->w);
	put(t, t->rb + l->dr + l->count_bits, t->cbits, 4);
	put(t, t->rb + l->dr + l->descs, VA(t, DESCS_VA), t->w);
	put(t, t->rb + l->dr + l->infos, VA(t, INFOS_VA), t->w);
	put(t, t->rb + l->tr + l->size_bits, t->sbits, 4);
	put(t, t->rb + l->tr + l->data, VA(t, DATA_VA), t->w);
	map(&t->mem, VA(t, PRB_VA), t->prb, t->w);
	map(&t->mem, VA(t, RB_VA), t->rb, t->rb_size);
	map(&t->mem, VA(t, DESCS_VA), t->descs, t->count * t->desc_size);
	map(&t->mem, VA(t, INFOS_VA), t->infos, t->count * 88);
	map(&t->mem, VA(t, DATA_VA), t->data, t->size);
	tr_vi_line(&p, e, t, "SYMBOL(prb)=%llx\n", VA(t, PRB_VA));
	tr_vi_line(&p, e, t, "SIZE(printk_ringbuffer)=%u\n", l->rb_size);
	tr_vi_line(&p, e, t, "OFFSET(printk_ringbuffer.desc_ring)=%u\n", l->dr);
	tr_vi_line(&p, e, t, "OFFSET(printk_ringbuffer.text_data_ring)=%u\n", l->tr);
	tr_vi_line(&p, e, t, "OFFSET(prb_desc_ring.count_bits)=%u\n", l->count_bits);
	tr_vi_line(&p, e, t, "OFFSET(prb_desc_ring.descs)=%u\n", l->descs);
	tr_vi_line(&p, e, t, "OFFSET(prb_desc_ring.infos)=%u\n", l->infos);
	tr_vi_line(&p, e, t, "OFFSET(prb_desc_ring.head_id)=%u\n", l->head);
	tr_vi_line(&p, e, t, "OFFSET(prb_desc_ring.tail_id)=%u\n", l->tail);
	tr_vi_line(&p, e, t, "SIZE(prb_desc)=%u\n", l->desc_size);
	tr_vi_line(&p, e, t, "OFFSET(prb_desc.state_var)=%u\n", l->sv);
	tr_vi_line(&p, e, t, "OFFSET(prb_desc.text_blk_lpos)=%u\n", l->blk);
	tr_vi_line(&p, e, t, "OFFSET(prb_data_blk_lpos.begin)=%u\n", l->begin);
	tr_vi_line(&p, e, t, "OFFSET(prb_data_blk_lpos.next)=%u\n", l->next);
	tr_vi_line(&p, e, t, "SIZE(printk_info)=88\n");
	tr_vi_line(&p, e, t, "OFFSET(printk_info.seq)=0\n");
	tr_vi_line(&p, e, t, "OFFSET(printk_info.ts_nsec)=8\n");
	tr_vi_line(&p, e, t, "OFFSET(printk_info.text_len)=16\n");
	tr_vi_line(&p, e, t, "OFFSET(printk_info.caller_id)=20\n");
	tr_vi_line(&p, e, t, "OFFSET(prb_data_ring.size_bits)=%u\n", l->size_bits);
	tr_vi_line(&p, e, t, "OFFSET(prb_data_ring.data)=%u\n", l->data);
	tr_vi_line(&p, e, t, "OFFSET(atomic_long_t.counter)=0\n");
	assert_true(strlen(t->extra_vi) < (size_t)(e - p));
	strcpy(p, t->extra_vi);
	assert_null(ksd_vmcoreinfo_parse(vi, strlen(vi), &t->vi));
	t->km = (struct ksd_kmem){ .read = tread, .arg = &t->mem,
				   .big_endian = t->big, .ptr_size = t->w };
}

static struct ksd_printk_log *tr_read(struct tring *t)
{
	struct ksd_printk_log *log = NULL;

	tr_finish(t);
	assert_null(ksd_printk_read(&t->km, t->vi, &log));
	assert_non_null(log);
	return log;
}

/* The error of reading @t: its code and message are checked together. */
static void tr_read_fails(struct tring *t, enum ksd_error_code code,
			  const char *msg)
{
	struct ksd_printk_log *log = NULL;
	struct ksd_error *err;

	tr_finish(t);
	err = ksd_printk_read(&t->km, t->vi, &log);
	assert_non_null(err);
	assert_null(log);
	if (err->code != code || strcmp(err->message, msg) != 0)
		fail_msg("got %s \"%s\"\nwanted %s \"%s\"",
			 ksd_error_code_name(err->code), err->message,
			 ksd_error_code_name(code), msg);
	ksd_error_destroy(err);
}

static char *fmt_all(const struct ksd_printk_log *log, unsigned int flags)
{
	char *s;
	size_t len;

	assert_null(ksd_printk_format_all(log, flags, &s, &len));
	assert_int_equal(len, strlen(s));
	return s;
}

static void assert_text(const struct ksd_printk_log *log, unsigned int flags,
			const char *want)
{
	char *got = fmt_all(log, flags);

	assert_string_equal(got, want);
	free(got);
}

/* The kernel's initial id: the last slot, so that the first record is slot 0. */
static uint64_t desc0(const struct tring *t)
{
	return (0 - (t->count + 1)) & idmask(t);
}

/* ---- the lockless ring ---- */

static void test_ring_empty(void **state)
{
	struct tring *t = tr_new(4, 10, false, 8);
	struct ksd_printk_log *log;

	(void)state;
	/* _DEFINE_PRINTKRB(): one reusable, data-less descriptor, head = tail */
	tr_desc(t, desc0(t), D_REUSABLE, 1, 1);
	tr_headtail(t, desc0(t), desc0(t));
	log = tr_read(t);
	assert_int_equal(log->format, KSD_PRINTK_LOCKLESS);
	assert_int_equal(log->nr_records, 0);
	assert_int_equal(log->nr_warnings, 0);
	assert_int_equal(log->ring_size, 1024);
	assert_int_equal(log->nr_descs, 16);
	assert_int_equal(log->ring_va, RB_VA);
	ksd_printk_log_destroy(log);
	tr_free(t);
}

static void test_ring_records(void **state)
{
	struct tring *t = tr_new(4, 10, false, 8);
	struct ksd_printk_log *log;
	uint64_t lpos = 0 - t->size;	/* BLK0_LPOS */
	/* the first record takes the id after DESC0_ID: slot 0 */
	uint64_t id = (desc0(t) + 1) & idmask(t);
	const struct ksd_printk_record *r;

	(void)state;
	tr_desc(t, desc0(t), D_REUSABLE, 1, 1);
	lpos = tr_rec(t, id, 0, lpos, "Booting Linux on physical CPU 0x0");
	lpos = tr_rec(t, id + 1, 1, lpos, "SMP: stopping secondary CPUs");
	tr_rec(t, id + 2, 2, lpos, "Bye!");
	tr_info(t, id + 2, 2, 5837320123ull, 4, 0x80000001u, 0, 0);
	tr_headtail(t, id + 2, desc0(t));
	log = tr_read(t);
	assert_int_equal(log->nr_records, 3);
	r = &log->records[2];
	assert_int_equal(r->seq, 2);
	assert_int_equal(r->ts_nsec, 5837320123ull);
	assert_int_equal(r->caller_id, 0x80000001u);
	assert_int_equal(r->level, 0);
	assert_int_equal(r->log_flags, 2);
	assert_int_equal(r->rflags, KSD_PRINTK_REC_CALLER | KSD_PRINTK_REC_LEVEL);
	assert_int_equal(r->text_len, 4);
	assert_string_equal(r->text, "Bye!");
	assert_int_equal(log->records[1].caller_id, 101);
	assert_text(log, 0,
		    "[    0.001234] Booting Linux on physical CPU 0x0\n"
		    "[    1.001234] SMP: stopping secondary CPUs\n"
		    "[    5.837320] Bye!\n");
	assert_text(log, KSD_PRINTK_FMT_LEVEL | KSD_PRINTK_FMT_CALLER,
		    "<6>[    0.001234] [    T100] Booting Linux on physical CPU 0x0\n"
		    "<6>[    1.001234] [    T101] SMP: stopping secondary CPUs\n"
		    "<0>[    5.837320] [      C1] Bye!\n");
	assert_int_equal(log->nr_warnings, 0);
	assert_int_equal(log->skipped.seq_gaps, 0);
	ksd_printk_log_destroy(log);
	tr_free(t);
}

/* Descriptor states: committed kept, reserved and recycled counted, reusable silent. */
static void test_ring_states(void **state)
{
	struct tring *t = tr_new(3, 10, false, 8);
	struct ksd_printk_log *log;
	uint64_t lpos = 4096;		/* some later wrap */

	(void)state;
	lpos = tr_rec(t, 40, 40, lpos, "dropped already");
	tr_desc(t, 40, D_REUSABLE, 4096, lpos);
	lpos = tr_rec(t, 41, 41, lpos, "kept");
	lpos = tr_rec(t, 42, 42, lpos, "half written");
	tr_desc(t, 42, D_RESERVED, lpos - 24, lpos);
	/* slot of 43 still holds id 35 from the previous lap */
	tr_rec(t, 35, 35, lpos, "stale");
	lpos = tr_rec(t, 44, 44, lpos + 32, "no newline yet");
	tr_desc(t, 44, D_COMMITTED, lpos - 24, lpos);
	tr_headtail(t, 44, 40);
	log = tr_read(t);
	assert_int_equal(log->nr_records, 2);
	assert_string_equal(log->records[0].text, "kept");
	assert_string_equal(log->records[1].text, "no newline yet");
	assert_true(log->records[1].rflags & KSD_PRINTK_REC_UNFINALIZED);
	assert_false(log->records[0].rflags & KSD_PRINTK_REC_UNFINALIZED);
	assert_int_equal(log->skipped.reserved, 1);
	assert_int_equal(log->skipped.recycled, 1);
	assert_int_equal(log->skipped.seq_gaps, 2);
	assert_int_equal(log->nr_warnings, 2);
	assert_string_equal(log->warnings[0], "descriptor 42: still reserved by its writer");
	assert_string_equal(log->warnings[1], "descriptor 43: slot 3 holds id 35");
	ksd_printk_log_destroy(log);
	tr_free(t);
}

/* A block that would cross the end of the array is stored at index 0. */
static void test_ring_data_wrap(void **state)
{
	struct tring *t = tr_new(3, 6, false, 8);	/* a 64-byte text ring */
	struct ksd_printk_log *log;
	uint64_t lpos = 3 * 64 + 32, next;

	(void)state;
	memset(t->data, 'x', t->size);
	next = tr_rec(t, 8, 8, lpos, "0123456789");	/* 24 bytes: fits */
	assert_int_equal(next, 3 * 64 + 56);
	next = tr_rec(t, 9, 9, next, "abcdefghijklmnop");	/* 24: wraps */
	assert_int_equal(next, 4 * 64 + 24);
	tr_headtail(t, 9, 8);
	log = tr_read(t);
	assert_int_equal(log->nr_records, 2);
	assert_string_equal(log->records[0].text, "0123456789");
	assert_string_equal(log->records[1].text, "abcdefghijklmnop");
	assert_int_equal(log->nr_warnings, 0);
	ksd_printk_log_destroy(log);
	tr_free(t);
}

/* The id word at the head of a block must be the descriptor's. */
static void test_ring_overwritten_block(void **state)
{
	struct tring *t = tr_new(3, 7, false, 8);
	struct ksd_printk_log *log;
	uint64_t next;

	(void)state;
	next = tr_rec(t, 8, 8, 128, "old text");
	tr_rec(t, 9, 9, next, "newer");
	/* a later record's block now starts where 8's did */
	put(t, t->data, 17, 8);
	tr_headtail(t, 9, 8);
	log = tr_read(t);
	assert_int_equal(log->nr_records, 1);
	assert_string_equal(log->records[0].text, "newer");
	assert_int_equal(log->skipped.bad_block, 1);
	assert_string_equal(log->warnings[0],
			    "descriptor 8: its data block at ring offset 0 carries id 17");
	ksd_printk_log_destroy(log);
	tr_free(t);
}

static void test_ring_bad_lpos(void **state)
{
	struct tring *t = tr_new(3, 7, false, 8);
	struct ksd_printk_log *log;

	(void)state;
	tr_rec(t, 8, 8, 128, "fine");
	tr_desc(t, 8, D_FINALIZED, 128, 128 + 5 * 128);	/* spans five laps */
	tr_rec(t, 9, 9, 256, "backwards");
	tr_desc(t, 9, D_FINALIZED, 272, 256);
	tr_rec(t, 10, 10, 384, "tiny");
	tr_desc(t, 10, D_FINALIZED, 384, 388);		/* shorter than the id */
	tr_headtail(t, 10, 8);
	log = tr_read(t);
	assert_int_equal(log->nr_records, 0);
	assert_int_equal(log->skipped.bad_block, 3);
	assert_string_equal(log->warnings[0],
			    "descriptor 8: data block [0x80, 0x300) is not a block of the 128-byte text ring");
	ksd_printk_log_destroy(log);
	tr_free(t);
}

/* text_len larger than the block: cut, as vmcore-dmesg and makedumpfile do. */
static void test_ring_truncated(void **state)
{
	struct tring *t = tr_new(3, 7, false, 8);
	struct ksd_printk_log *log;

	(void)state;
	tr_rec(t, 8, 8, 128, "12345678");
	tr_info(t, 8, 8, 0, 60000, 1, 6, 0);
	tr_headtail(t, 8, 8);
	log = tr_read(t);
	assert_int_equal(log->nr_records, 1);
	assert_int_equal(log->records[0].text_len, 8);
	assert_true(log->records[0].rflags & KSD_PRINTK_REC_TRUNCATED);
	assert_int_equal(log->skipped.truncated, 1);
	assert_string_equal(log->warnings[0],
			    "descriptor 8: text_len 60000 exceeds its 8-byte data block; text cut");
	ksd_printk_log_destroy(log);
	tr_free(t);
}

/* EMPTY_LINE_LPOS (printk("\n")) and FAILED_LPOS (no room for the text). */
static void test_ring_dataless(void **state)
{
	struct tring *t = tr_new(3, 7, false, 8);
	struct ksd_printk_log *log;

	(void)state;
	tr_desc(t, 8, D_FINALIZED, 3, 3);
	tr_info(t, 8, 8, 2000000000, 0, 1, 6, 0);
	tr_desc(t, 9, D_COMMITTED, 1, 1);
	tr_info(t, 9, 9, 3000000000ull, 0, 1, 6, 0);
	tr_headtail(t, 9, 8);
	log = tr_read(t);
	assert_int_equal(log->nr_records, 2);
	assert_true(log->records[0].rflags & KSD_PRINTK_REC_DATALESS);
	assert_true(log->records[1].rflags & KSD_PRINTK_REC_DATALESS);
	assert_text(log, 0, "[    2.000000] \n[    3.000000] \n");
	ksd_printk_log_destroy(log);
	tr_free(t);
}

static void test_ring_multiline_and_escapes(void **state)
{
	struct tring *t = tr_new(3, 8, false, 8);
	struct ksd_printk_log *log;
	static const char text[] = "first\nsecond\tcol\x01\xff\x7f end";
	uint64_t next;

	(void)state;
	next = tr_block(t, 8, 0, text, sizeof(text) - 1);
	tr_desc(t, 8, D_FINALIZED, 0, next);
	tr_info(t, 8, 8, 12000001, sizeof(text) - 1, 7, 4, 0);
	tr_headtail(t, 8, 8);
	log = tr_read(t);
	assert_int_equal(log->nr_records, 1);
	assert_memory_equal(log->records[0].text, text, sizeof(text));
	assert_text(log, 0,
		    "[    0.012000] first\nsecond\tcol\\x01\\xff\\x7f end\n");
	/* makedumpfile indents by the prefix: "[    0.012000] [      T7] " */
	assert_text(log, KSD_PRINTK_FMT_INDENT | KSD_PRINTK_FMT_CALLER,
		    "[    0.012000] [      T7] first\n"
		    "                          second\tcol\\x01\\xff\\x7f end\n");
	ksd_printk_log_destroy(log);
	tr_free(t);
}

static void test_ring_big_endian(void **state)
{
	struct tring *t = tr_new(3, 7, true, 8);
	struct ksd_printk_log *log;

	(void)state;
	tr_rec(t, 8, 8, 128, "on a big-endian kernel");
	tr_info(t, 8, 8, 1500000, 22, 0x80000003u, 3, 1);
	tr_headtail(t, 8, 8);
	log = tr_read(t);
	assert_int_equal(log->nr_records, 1);
	assert_int_equal(log->records[0].level, 3);
	assert_int_equal(log->records[0].facility, 1);
	assert_int_equal(log->records[0].log_flags, 2);
	assert_text(log, KSD_PRINTK_FMT_LEVEL | KSD_PRINTK_FMT_CALLER,
		    "<11>[    0.001500] [      C3] on a big-endian kernel\n");
	ksd_printk_log_destroy(log);
	tr_free(t);
}

/* A 32-bit kernel: 4-byte longs, 30-bit ids, 32-bit logical positions. */
static void test_ring_32bit(void **state)
{
	struct tring *t = tr_new(3, 8, false, 4);
	struct ksd_printk_log *log;
	char long_text[101];
	uint64_t next;

	(void)state;
	memset(long_text, 'z', 100);
	long_text[100] = '\0';
	/* ids 0x3ffffffe, 0x3fffffff, 0, 1; lpos from index 128 of a lap */
	next = tr_rec(t, 0x3ffffffe, 5, 0xffffff80, "before the id wraps");
	assert_int_equal(next, 0xffffff98);
	next = tr_rec(t, 0x3fffffff, 6, next, "next lap");
	next = tr_rec(t, 0, 7, next, long_text);
	/* crossed 2^32: stored at index 0, next in the new (first) lap */
	assert_int_equal(next, 104);
	tr_rec(t, 1, 8, next, "id 1");
	tr_headtail(t, 1, 0x3ffffffe);
	log = tr_read(t);
	assert_int_equal(log->nr_records, 4);
	assert_string_equal(log->records[0].text, "before the id wraps");
	assert_string_equal(log->records[1].text, "next lap");
	assert_string_equal(log->records[2].text, long_text);
	assert_string_equal(log->records[3].text, "id 1");
	assert_int_equal(log->nr_warnings, 0);
	ksd_printk_log_destroy(log);
	tr_free(t);
}

/* tail_id far behind head_id: only one ring's worth of ids is walked. */
static void test_ring_span_bounded(void **state)
{
	struct tring *t = tr_new(3, 7, false, 8);
	struct ksd_printk_log *log;

	(void)state;
	tr_rec(t, 1000007, 1, 0, "last");
	tr_headtail(t, 1000007, 5);
	log = tr_read(t);
	assert_int_equal(log->nr_records, 1);
	assert_string_equal(log->warnings[0],
			    "tail id 5 is 1000002 ids behind head id 1000007, more than the ring's 8 descriptors: reading the last 8");
	/* 7 empty slots are "recycled", each read once */
	assert_int_equal(log->skipped.recycled, 7);
	assert_true(t->mem.reads < 40);
	ksd_printk_log_destroy(log);
	tr_free(t);
}

/* Data blocks that overlap cannot make the log hold more than the ring. */
static void test_ring_overlap_capped(void **state)
{
	struct tring *t = tr_new(3, 7, false, 8);
	struct ksd_printk_log *log;

	(void)state;
	/* id 8's block [0, 112) holds id 9's block [8, 120): both ids check */
	memset(t->data, 'a', t->size);
	put(t, t->data, 8, 8);
	put(t, t->data + 8, 9, 8);
	tr_desc(t, 8, D_FINALIZED, 128, 128 + 112);
	tr_info(t, 8, 8, 0, 100, 1, 6, 0);
	tr_desc(t, 9, D_FINALIZED, 128 + 8, 128 + 120);
	tr_info(t, 9, 9, 0, 100, 1, 6, 0);
	tr_headtail(t, 9, 8);
	log = tr_read(t);
	assert_int_equal(log->nr_records, 1);
	assert_int_equal(log->records[0].text_len, 100);
	assert_int_equal(log->skipped.bad_block, 1);
	assert_string_equal(log->warnings[0],
			    "record 9: its text would take the log past the 128 bytes its ring holds (data blocks overlap)");
	ksd_printk_log_destroy(log);
	tr_free(t);
}

static void test_ring_text_unreadable(void **state)
{
	struct tring *t = tr_new(3, 7, false, 8);
	struct ksd_printk_log *log;

	(void)state;
	tr_rec(t, 8, 8, 128, "x");
	tr_headtail(t, 8, 8);
	tr_finish(t);
	t->mem.n--;		/* the data array is not in the dump */
	assert_null(ksd_printk_read(&t->km, t->vi, &log));
	assert_int_equal(log->nr_records, 0);
	assert_int_equal(log->skipped.unreadable, 1);
	assert_string_equal(log->warnings[0],
			    "descriptor 8: text: 0xffff000030000000 is not mapped");
	ksd_printk_log_destroy(log);
	tr_free(t);
}

/* A descriptor array that is not in the dump: give up after a run of misses. */
static void test_ring_descs_unmapped(void **state)
{
	struct tring *t = tr_new(12, 7, false, 8);
	struct ksd_printk_log *log;

	(void)state;
	tr_headtail(t, 4095 + 4096, 4096);
	tr_finish(t);
	t->mem.r[2].len = 0;	/* the descriptors */
	assert_null(ksd_printk_read(&t->km, t->vi, &log));
	assert_int_equal(log->nr_records, 0);
	assert_int_equal(log->skipped.unreadable, 1024);
	assert_int_equal(log->nr_warnings, 1025);
	/* a failed 64 KiB chunk, then one small read per descriptor */
	assert_true(t->mem.reads < 1100);
	ksd_printk_log_destroy(log);
	tr_free(t);
}

static void test_ring_many_warnings(void **state)
{
	struct tring *t = tr_new(5, 7, false, 8);
	struct ksd_printk_log *log;

	(void)state;
	for (uint64_t id = 32; id < 64; id++)
		tr_desc(t, id, D_RESERVED, 1, 1);
	tr_headtail(t, 63, 32);
	log = tr_read(t);
	assert_int_equal(log->skipped.reserved, 32);
	assert_int_equal(log->nr_warnings, 32);
	assert_non_null(log->warnings[KSD_PRINTK_MAX_WARNINGS - 1]);
	ksd_printk_log_destroy(log);
	tr_free(t);
}

/* ---- hostile geometry: errors ---- */

static void expect(struct ksd_error *err, enum ksd_error_code code,
		   const char *msg)
{
	assert_non_null(err);
	if (err->code != code || strcmp(err->message, msg) != 0)
		fail_msg("got %s \"%s\"\nwanted %s \"%s\"",
			 ksd_error_code_name(err->code), err->message,
			 ksd_error_code_name(code), msg);
	ksd_error_destroy(err);
}

static struct ksd_error *read_after(struct tring *t, void (*poke)(struct tring *))
{
	struct ksd_printk_log *log = NULL;
	struct ksd_error *err;

	tr_finish(t);
	poke(t);
	err = ksd_printk_read(&t->km, t->vi, &log);
	assert_null(log);
	return err;
}

static void poke_count_bits(struct tring *t)
{
	put(t, t->rb, 40, 4);
}

static void test_ring_count_bits_limit(void **state)
{
	struct tring *t = tr_new(3, 7, false, 8);

	(void)state;
	expect(read_after(t, poke_count_bits), KSD_ERR_LIMIT,
	       "kernel log: the ring at 0xffff800081000100 claims 2^40 descriptors, more than the limit of 2^23 (KSD_MAX_PRINTK_DESC_BITS)");
	tr_free(t);
}

static void poke_size_bits_big(struct tring *t)
{
	put(t, t->rb + 48, 31, 4);
}

static void poke_size_bits_small(struct tring *t)
{
	put(t, t->rb + 48, 3, 4);
}

static void poke_prb_null(struct tring *t)
{
	put(t, t->prb, 0x1000, 8);
}

static void test_ring_size_bits(void **state)
{
	struct tring *t;

	(void)state;
	t = tr_new(3, 7, false, 8);
	expect(read_after(t, poke_size_bits_big), KSD_ERR_LIMIT,
	       "kernel log: the ring at 0xffff800081000100 claims a text ring of 2^31 bytes, outside 2^4..2^28 (KSD_MAX_PRINTK_DATA_BITS)");
	tr_free(t);
	t = tr_new(3, 7, false, 8);
	expect(read_after(t, poke_size_bits_small), KSD_ERR_CORRUPT,
	       "kernel log: the ring at 0xffff800081000100 claims a text ring of 2^3 bytes, outside 2^4..2^28 (KSD_MAX_PRINTK_DATA_BITS)");
	tr_free(t);
}

static void test_ring_prb_unmapped(void **state)
{
	struct tring *t = tr_new(3, 7, false, 8);

	(void)state;
	expect(read_after(t, poke_prb_null), KSD_ERR_FAULT,
	       "kernel log: reading struct printk_ringbuffer at 0x1000: 0x1000 is not mapped");
	tr_free(t);
}

static void test_ring_vmcoreinfo_missing(void **state)
{
	struct tring *t = tr_new(3, 7, false, 8);

	(void)state;
	t->drop_vi = "OFFSET(prb_desc.state_var)";
	tr_read_fails(t, KSD_ERR_NOT_FOUND,
		      "kernel log: VMCOREINFO has no OFFSET(prb_desc.state_var)");
	tr_free(t);
}

static void test_ring_vmcoreinfo_hostile(void **state)
{
	struct tring *t = tr_new(3, 7, false, 8);

	(void)state;
	t->drop_vi = "SIZE(printk_info)";
	strcpy(t->extra_vi, "SIZE(printk_info)=1000000\n");
	tr_read_fails(t, KSD_ERR_LIMIT,
		      "kernel log: VMCOREINFO SIZE(printk_info)=1000000 exceeds the limit of 4096 (KSD_MAX_PRINTK_STRUCT)");
	tr_free(t);
	t = tr_new(3, 7, false, 8);
	t->drop_vi = "OFFSET(printk_info.text_len)";
	strcpy(t->extra_vi, "OFFSET(printk_info.text_len)=87\n");
	tr_read_fails(t, KSD_ERR_CORRUPT,
		      "kernel log: VMCOREINFO puts printk_info.text_len (2 bytes at offset 87) outside SIZE(printk_info)=88");
	tr_free(t);
	t = tr_new(3, 7, false, 8);
	t->drop_vi = "OFFSET(prb_desc_ring.head_id)";
	strcpy(t->extra_vi, "OFFSET(prb_desc_ring.head_id)=4000\n");
	tr_read_fails(t, KSD_ERR_CORRUPT,
		      "kernel log: VMCOREINFO puts prb_desc_ring.head_id (8 bytes at offset 4000) outside SIZE(printk_ringbuffer)=88");
	tr_free(t);
}

/* No caller_id offset: neither caller nor level is trusted. */
static void test_ring_without_caller(void **state)
{
	struct tring *t = tr_new(3, 7, false, 8);
	struct ksd_printk_log *log;

	(void)state;
	t->drop_vi = "OFFSET(printk_info.caller_id)";
	tr_rec(t, 8, 8, 128, "old 5.10 layout?");
	tr_headtail(t, 8, 8);
	log = tr_read(t);
	assert_int_equal(log->records[0].rflags, 0);
	assert_text(log, KSD_PRINTK_FMT_LEVEL | KSD_PRINTK_FMT_CALLER,
		    "[    8.001234] old 5.10 layout?\n");
	ksd_printk_log_destroy(log);
	tr_free(t);
}

/* ---- which log, and the structured log ---- */

static void test_no_log(void **state)
{
	static const char vi_none[] = "OSRELEASE=6.12\n";
	static const char vi_old[] = "SYMBOL(log_buf)=ffff0000\nSYMBOL(log_end)=ffff0010\n";
	struct ksd_vmcoreinfo *vi;
	struct ksd_printk_log *log = NULL;
	struct tmem mem = { 0 };
	struct ksd_kmem km = { .read = tread, .arg = &mem, .ptr_size = 8 };

	(void)state;
	assert_null(ksd_vmcoreinfo_parse(vi_none, strlen(vi_none), &vi));
	expect(ksd_printk_read(&km, vi, &log), KSD_ERR_NOT_FOUND,
	       "kernel log: VMCOREINFO has neither SYMBOL(prb) (5.10+) nor SYMBOL(log_first_idx) (3.5-5.9)");
	ksd_vmcoreinfo_destroy(vi);
	assert_null(ksd_vmcoreinfo_parse(vi_old, strlen(vi_old), &vi));
	expect(ksd_printk_read(&km, vi, &log), KSD_ERR_UNSUPPORTED,
	       "kernel log: the text-only log of kernels before 3.5 (SYMBOL(log_end)) is not supported");
	km.ptr_size = 2;
	expect(ksd_printk_read(&km, vi, &log), KSD_ERR_INVALID_ARG,
	       "kernel log: pointer size 2 is neither 4 nor 8");
	ksd_vmcoreinfo_destroy(vi);
	assert_null(log);
}

#define LOGBUF_VA	0xffff800082000000ull
#define VARS_VA		0xffff800082100000ull

struct tlog {
	uint8_t vars[0x50];
	uint8_t *buf;
	uint32_t len;
	unsigned int hsize;
	bool callers;
	const char *sname;		/* "printk_log", or "log" before 3.11 */
	struct tmem mem;
	struct ksd_kmem km;
	struct ksd_vmcoreinfo *vi;
};

static void lput(uint8_t *p, uint64_t v, unsigned int size)
{
	for (unsigned int i = 0; i < size; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static struct tlog *tl_new(uint32_t len, bool callers)
{
	struct tlog *l = calloc(1, sizeof(*l));

	assert_non_null(l);
	l->len = len;
	l->buf = calloc(1, len);
	assert_non_null(l->buf);
	l->callers = callers;
	l->hsize = callers ? 24 : 16;
	l->sname = "printk_log";
	return l;
}

static void tl_free(struct tlog *l)
{
	ksd_vmcoreinfo_destroy(l->vi);
	free(l->buf);
	free(l);
}

/* A record at @idx; returns the index after it (LOG_ALIGN 4). */
static uint32_t tl_rec(struct tlog *l, uint32_t idx, uint64_t ts,
		       unsigned int level, uint32_t caller, const char *text)
{
	uint32_t tlen = (uint32_t)strlen(text), size = l->hsize + tlen;

	size += (0u - size) & 3;
	lput(l->buf + idx, ts, 8);
	lput(l->buf + idx + 8, size, 2);
	lput(l->buf + idx + 10, tlen, 2);
	lput(l->buf + idx + 12, 0, 2);
	l->buf[idx + 14] = 0;
	l->buf[idx + 15] = (uint8_t)(level << 5 | 2);
	if (l->callers)
		lput(l->buf + idx + 16, caller, 4);
	memcpy(l->buf + idx + l->hsize, text, tlen);
	return idx + size;
}

static struct ksd_error *tl_read(struct tlog *l, uint32_t first,
				 uint32_t next, struct ksd_printk_log **ret)
{
	char vi[1024];
	int n;

	lput(l->vars, LOGBUF_VA, 8);
	lput(l->vars + 0x40, l->len, 4);
	lput(l->vars + 0x44, first, 4);
	lput(l->vars + 0x4c, next, 4);
	l->mem.n = 0;
	map(&l->mem, VARS_VA, l->vars, sizeof(l->vars));
	map(&l->mem, LOGBUF_VA, l->buf, l->len);
	n = snprintf(vi, sizeof(vi),
		     "SYMBOL(log_buf)=%llx\nSYMBOL(log_buf_len)=%llx\n"
		     "SYMBOL(log_first_idx)=%llx\nSYMBOL(clear_idx)=%llx\n"
		     "SYMBOL(log_next_idx)=%llx\nSIZE(%s)=%u\n"
		     "OFFSET(%s.ts_nsec)=0\nOFFSET(%s.len)=8\n"
		     "OFFSET(%s.text_len)=10\nOFFSET(%s.dict_len)=12\n%s",
		     VARS_VA, VARS_VA + 0x40, VARS_VA + 0x44, VARS_VA + 0x48,
		     VARS_VA + 0x4c, l->sname, l->hsize, l->sname, l->sname,
		     l->sname, l->sname,
		     l->callers ? "OFFSET(printk_log.caller_id)=16\n" : "");
	assert_true(n > 0 && n < (int)sizeof(vi));
	ksd_vmcoreinfo_destroy(l->vi);
	assert_null(ksd_vmcoreinfo_parse(vi, strlen(vi), &l->vi));
	l->km = (struct ksd_kmem){ .read = tread, .arg = &l->mem, .ptr_size = 8 };
	return ksd_printk_read(&l->km, l->vi, ret);
}

/* Oldest records at the end of the buffer, a wrap marker, newer ones at 0. */
static void test_structured_wrap(void **state)
{
	struct tlog *l = tl_new(256, true);
	struct ksd_printk_log *log;
	uint32_t first = 150, idx;

	(void)state;
	idx = tl_rec(l, first, 7000000000ull, 6, 0x80000002u, "old one");
	assert_int_equal(idx, 150 + 32);
	/* no room for another record and a header: zero header, wrap */
	idx = tl_rec(l, 0, 8000000000ull, 2, 55, "SMP: stopping secondary CPUs");
	idx = tl_rec(l, idx, 9000000000ull, 0, 55, "Bye!");
	assert_null(tl_read(l, first, idx, &log));
	assert_int_equal(log->format, KSD_PRINTK_STRUCTURED);
	assert_true(log->seq_relative);
	assert_int_equal(log->nr_records, 3);
	assert_int_equal(log->records[2].seq, 2);
	assert_int_equal(log->records[0].caller_id, 0x80000002u);
	assert_int_equal(log->records[1].level, 2);
	assert_text(log, KSD_PRINTK_FMT_LEVEL | KSD_PRINTK_FMT_CALLER,
		    "<6>[    7.000000] [      C2] old one\n"
		    "<2>[    8.000000] [     T55] SMP: stopping secondary CPUs\n"
		    "<0>[    9.000000] [     T55] Bye!\n");
	assert_int_equal(log->nr_warnings, 0);
	ksd_printk_log_destroy(log);
	tl_free(l);
}

/* Before 3.11 the struct was named "log"; without PRINTK_CALLER no caller. */
static void test_structured_old_names(void **state)
{
	struct tlog *l = tl_new(128, false);
	struct ksd_printk_log *log;
	uint32_t idx;

	(void)state;
	l->sname = "log";
	idx = tl_rec(l, 0, 1, 5, 0, "Linux version 3.10.0");
	assert_null(tl_read(l, 0, idx, &log));
	assert_int_equal(log->nr_records, 1);
	assert_int_equal(log->records[0].rflags, KSD_PRINTK_REC_LEVEL);
	assert_int_equal(log->records[0].level, 5);
	assert_string_equal(log->records[0].text, "Linux version 3.10.0");
	ksd_printk_log_destroy(log);
	tl_free(l);
}

static void test_structured_empty(void **state)
{
	struct tlog *l = tl_new(128, false);
	struct ksd_printk_log *log;

	(void)state;
	assert_null(tl_read(l, 64, 64, &log));
	assert_int_equal(log->nr_records, 0);
	ksd_printk_log_destroy(log);
	tl_free(l);
}

static void test_structured_hostile(void **state)
{
	struct tlog *l = tl_new(256, false);
	struct ksd_printk_log *log;
	uint32_t idx;

	(void)state;
	/* two wrap markers and log_next_idx never reached: cyclic */
	assert_null(tl_read(l, 100, 40, &log));
	assert_int_equal(log->nr_records, 0);
	assert_string_equal(log->warnings[0],
			    "a second end-of-buffer marker at index 0: the log is cyclic; the rest is not read");
	ksd_printk_log_destroy(log);

	/* a record whose len is shorter than its header */
	idx = tl_rec(l, 0, 1, 6, 0, "a");
	tl_rec(l, idx, 2, 6, 0, "b");
	lput(l->buf + idx + 8, 3, 2);
	assert_null(tl_read(l, 0, 200, &log));
	assert_int_equal(log->nr_records, 1);
	assert_int_equal(log->skipped.bad_block, 1);
	assert_string_equal(log->warnings[0],
			    "record at index 20 has len 3, outside 16..236; the rest is not read");
	ksd_printk_log_destroy(log);

	/* text_len beyond the record: cut */
	memset(l->buf, 0, l->len);
	idx = tl_rec(l, 0, 1, 6, 0, "abcd");
	lput(l->buf + 10, 500, 2);
	assert_null(tl_read(l, 0, idx, &log));
	assert_int_equal(log->records[0].text_len, 4);
	assert_int_equal(log->skipped.truncated, 1);
	ksd_printk_log_destroy(log);

	/* running past log_next_idx */
	lput(l->buf + 10, 4, 2);
	assert_null(tl_read(l, 0, 8, &log));
	assert_string_equal(log->warnings[0],
			    "record at index 20 runs past log_next_idx 8; the rest is not read");
	ksd_printk_log_destroy(log);

	expect(tl_read(l, 250, 0, &log), KSD_ERR_CORRUPT,
	       "kernel log: log_first_idx 250 or log_next_idx 0 lies outside log_buf_len 256");
	l->len = 0x80000000u;
	expect(tl_read(l, 0, 0, &log), KSD_ERR_LIMIT,
	       "kernel log: log_buf_len 2147483648 exceeds the limit of 2^28 (KSD_MAX_PRINTK_DATA_BITS)");
	l->len = 256;
	tl_free(l);
}

/* ---- formatting ---- */

static void test_format_snprintf(void **state)
{
	struct ksd_printk_record r = {
		.ts_nsec = 123456789012345ull, .text = "hello", .text_len = 5,
	};
	char buf[64];

	(void)state;
	assert_int_equal(ksd_printk_format(&r, 0, NULL, 0), 22);
	assert_int_equal(ksd_printk_format(&r, 0, buf, sizeof(buf)), 22);
	assert_string_equal(buf, "[123456.789012] hello\n");
	assert_int_equal(ksd_printk_format(&r, 0, buf, 10), 22);
	assert_string_equal(buf, "[123456.7");
	/* level and caller only when the record has them */
	assert_int_equal(ksd_printk_format(&r, KSD_PRINTK_FMT_LEVEL |
					   KSD_PRINTK_FMT_CALLER, buf,
					   sizeof(buf)), 22);
	r.ts_nsec = 999;
	assert_int_equal(ksd_printk_format(&r, 0, buf, sizeof(buf)), 21);
	assert_string_equal(buf, "[    0.000000] hello\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ring_empty),
		cmocka_unit_test(test_ring_records),
		cmocka_unit_test(test_ring_states),
		cmocka_unit_test(test_ring_data_wrap),
		cmocka_unit_test(test_ring_overwritten_block),
		cmocka_unit_test(test_ring_bad_lpos),
		cmocka_unit_test(test_ring_truncated),
		cmocka_unit_test(test_ring_dataless),
		cmocka_unit_test(test_ring_multiline_and_escapes),
		cmocka_unit_test(test_ring_big_endian),
		cmocka_unit_test(test_ring_32bit),
		cmocka_unit_test(test_ring_span_bounded),
		cmocka_unit_test(test_ring_overlap_capped),
		cmocka_unit_test(test_ring_text_unreadable),
		cmocka_unit_test(test_ring_descs_unmapped),
		cmocka_unit_test(test_ring_many_warnings),
		cmocka_unit_test(test_ring_count_bits_limit),
		cmocka_unit_test(test_ring_size_bits),
		cmocka_unit_test(test_ring_prb_unmapped),
		cmocka_unit_test(test_ring_vmcoreinfo_missing),
		cmocka_unit_test(test_ring_vmcoreinfo_hostile),
		cmocka_unit_test(test_ring_without_caller),
		cmocka_unit_test(test_no_log),
		cmocka_unit_test(test_structured_wrap),
		cmocka_unit_test(test_structured_old_names),
		cmocka_unit_test(test_structured_empty),
		cmocka_unit_test(test_structured_hostile),
		cmocka_unit_test(test_format_snprintf),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
