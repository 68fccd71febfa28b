// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The makedumpfile flattened format (makedumpfile -F), read in place.
 *
 * makedumpfile writes to a pipe or a socket as if it were seeking in a
 * file: every write_buffer(offset, data) becomes a record {offset, size}
 * followed by the data.  The stream starts with a 4096-byte header block
 * and ends with a record of {-1, -1}; all of the flattened format's own
 * integers are big-endian whatever the dumped machine
 * (docs/dump-formats.md, section 1.7).
 *
 * makedumpfile -R replays the records into a new file.  Here the records
 * are indexed instead, in one pass over their headers (payloads are
 * skipped, not read): an interval map from offsets of the file the stream
 * stands for to offsets in the stream.  A later record overwrites an
 * earlier one where they overlap, as the replay would, and bytes no
 * record wrote read as zero, as the replay's sparse file would.  Any
 * format (kdump-compressed, ELF) can then be read through this layer.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dump/reader.h"
#include "util/endian.h"
#include "util/limits.h"

#define FLAT_SIGNATURE "makedumpfile"	/* NUL-padded to 16 bytes */
#define FLAT_SIG_LEN 16
#define FLAT_HEADER_BLOCK 4096		/* MAX_SIZE_MDF_HEADER */
#define FLAT_TYPE 1			/* TYPE_FLAT_HEADER */
#define FLAT_RECORD_HEADER 16		/* int64 offset, int64 buf_size */
#define FLAT_WINDOW 4096		/* read-ahead for record headers: a page */

/*
 * Part of the logical file: [start, end) is at stream offset src.  A
 * record is one too: src grows with every record, so among overlapping
 * records the one with the larger src was written later and wins.
 */
struct flat_seg {
	uint64_t start, end, src;
};

struct flat_priv {
	struct dump_reader *stream;
	struct flat_seg *segs;
	size_t nsegs;
};

struct ksd_error *flat_detect(struct dump_reader *r, bool *flat)
{
	char sig[sizeof(FLAT_SIGNATURE)];
	struct ksd_error *err;

	*flat = false;
	if (r->size < sizeof(sig))
		return NULL;
	err = reader_read(r, sig, sizeof(sig), 0);
	if (err)
		return err;
	/* makedumpfile compares with strcmp(): the NUL at [12] counts. */
	*flat = memcmp(sig, FLAT_SIGNATURE, sizeof(sig)) == 0;
	return NULL;
}

/* Record headers through a small read-ahead window: one pread per page. */
struct scan {
	struct dump_reader *r;
	uint8_t win[2 * FLAT_WINDOW];
	uint64_t wstart;
	size_t wlen;
};

static struct ksd_error *scan_header(struct scan *s, uint64_t off,
				     uint8_t hdr[FLAT_RECORD_HEADER])
{
	struct ksd_error *err;
	size_t n;

	if (off < s->wstart || off - s->wstart + FLAT_RECORD_HEADER > s->wlen) {
		/*
		 * Up to the end of the page holding the header's last byte:
		 * small records then share a read, and a header after a
		 * large payload costs one page, not two.
		 */
		n = (size_t)(((off + FLAT_RECORD_HEADER + FLAT_WINDOW - 1) &
			      ~(uint64_t)(FLAT_WINDOW - 1)) - off);
		if (s->r->size - off < n)
			n = (size_t)(s->r->size - off);
		err = reader_read(s->r, s->win, n, off);
		if (err)
			return err;
		s->wstart = off;
		s->wlen = n;
	}
	memcpy(hdr, s->win + (off - s->wstart), FLAT_RECORD_HEADER);
	return NULL;
}

static struct ksd_error *push_rec(struct flat_seg **v, size_t *n, size_t *cap,
				  const struct flat_seg *rec)
{
	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 256;
		struct flat_seg *nv = reallocarray(*v, ncap, sizeof(**v));

		if (!nv)
			return &ksd_enomem;
		*v = nv;
		*cap = ncap;
	}
	(*v)[(*n)++] = *rec;
	return NULL;
}

/* One pass over the record headers, in stream order. */
static struct ksd_error *read_records(struct dump_reader *st,
				      struct flat_seg **ret, size_t *nret)
{
	struct scan *s;
	struct flat_seg *v = NULL;
	size_t n = 0, cap = 0;
	uint64_t off = FLAT_HEADER_BLOCK;
	struct ksd_error *err = NULL;

	s = calloc(1, sizeof(*s));
	if (!s)
		return &ksd_enomem;
	s->r = st;
	for (;;) {
		uint8_t hdr[FLAT_RECORD_HEADER];
		int64_t o, size;
		struct flat_seg rec;

		if (st->size - off < FLAT_RECORD_HEADER) {
			err = ksd_error_create(KSD_ERR_EOF,
					       "flattened stream ends at offset 0x%llx after %zu records, without its end marker: the stream is truncated",
					       (unsigned long long)st->size, n);
			break;
		}
		err = scan_header(s, off, hdr);
		if (err)
			break;
		o = (int64_t)ksd_load64(hdr, true);
		size = (int64_t)ksd_load64(hdr + 8, true);
		if (o == -1 && size == -1)
			break;
		if (o < 0 || size <= 0 || o > INT64_MAX - size) {
			err = ksd_error_create(KSD_ERR_CORRUPT,
					       "flattened record %zu at stream offset 0x%llx has an invalid header {offset %lld, size %lld}: %s",
					       n, (unsigned long long)off,
					       (long long)o, (long long)size,
					       o < 0 ? "a negative offset" :
					       size <= 0 ? "a size that is not positive" :
					       "its data would end past 2^63, the largest file offset");
			break;
		}
		if ((uint64_t)size > st->size - off - FLAT_RECORD_HEADER) {
			err = ksd_error_create(KSD_ERR_EOF,
					       "flattened record %zu at stream offset 0x%llx holds %lld bytes but the stream ends %llu bytes later: the stream is truncated",
					       n, (unsigned long long)off, (long long)size,
					       (unsigned long long)(st->size - off - FLAT_RECORD_HEADER));
			break;
		}
		if (n == KSD_MAX_FLAT_RECORDS) {
			err = ksd_error_create(KSD_ERR_LIMIT,
					       "flattened stream has more than %u records (KSD_MAX_FLAT_RECORDS)",
					       KSD_MAX_FLAT_RECORDS);
			break;
		}
		rec.start = (uint64_t)o;
		rec.end = (uint64_t)o + (uint64_t)size;
		rec.src = off + FLAT_RECORD_HEADER;
		err = push_rec(&v, &n, &cap, &rec);
		if (err)
			break;
		off += FLAT_RECORD_HEADER + (uint64_t)size;
	}
	free(s);
	if (err) {
		free(v);
		return err;
	}
	*ret = v;
	*nret = n;
	return NULL;
}

static int cmp_rec(const void *a, const void *b)
{
	const struct flat_seg *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->src < y->src ? -1 : x->src > y->src;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* A max-heap of record indices keyed by stream position: the newest on top. */
struct heap {
	size_t *v;
	size_t n;
	const struct flat_seg *recs;
};

static bool newer(const struct heap *h, size_t a, size_t b)
{
	return h->recs[h->v[a]].src > h->recs[h->v[b]].src;
}

static void swap(size_t *a, size_t *b)
{
	size_t t = *a;

	*a = *b;
	*b = t;
}

static void heap_push(struct heap *h, size_t rec)
{
	size_t i = h->n++;

	h->v[i] = rec;
	while (i && newer(h, i, (i - 1) / 2)) {
		swap(&h->v[i], &h->v[(i - 1) / 2]);
		i = (i - 1) / 2;
	}
}

static void heap_pop(struct heap *h)
{
	size_t i = 0;

	h->v[0] = h->v[--h->n];
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;

		if (l < h->n && newer(h, l, m))
			m = l;
		if (r < h->n && newer(h, r, m))
			m = r;
		if (m == i)
			return;
		swap(&h->v[i], &h->v[m]);
		i = m;
	}
}

static struct ksd_error *emit(struct flat_priv *p, size_t *cap, uint64_t start,
			      uint64_t end, uint64_t src)
{
	struct flat_seg *last = p->nsegs ? &p->segs[p->nsegs - 1] : NULL;

	if (last && last->end == start && last->src + (start - last->start) == src) {
		last->end = end;
		return NULL;
	}
	if (p->nsegs == *cap) {
		size_t ncap = *cap ? *cap * 2 : 256;
		struct flat_seg *nv = reallocarray(p->segs, ncap, sizeof(*nv));

		if (!nv)
			return &ksd_enomem;
		p->segs = nv;
		*cap = ncap;
	}
	p->segs[p->nsegs++] = (struct flat_seg){ start, end, src };
	return NULL;
}

/*
 * Overlapping records: cut the line at every record boundary; each piece
 * belongs to the newest record covering it.  A sweep with a heap of the
 * records open at that point, O(n log n).
 */
static struct ksd_error *resolve_overlaps(struct flat_priv *p,
					  const struct flat_seg *recs, size_t n)
{
	struct heap h = { .recs = recs };
	uint64_t *cuts;
	size_t ncuts = 0, next = 0, cap = 0;
	struct ksd_error *err = NULL;

	cuts = reallocarray(NULL, 2 * n, sizeof(*cuts));
	h.v = reallocarray(NULL, n, sizeof(*h.v));
	if (!cuts || !h.v) {
		free(cuts);
		free(h.v);
		return &ksd_enomem;
	}
	for (size_t i = 0; i < n; i++) {
		cuts[ncuts++] = recs[i].start;
		cuts[ncuts++] = recs[i].end;
	}
	qsort(cuts, ncuts, sizeof(*cuts), cmp_u64);
	for (size_t c = 0; c + 1 < ncuts && !err; c++) {
		uint64_t x = cuts[c], y = cuts[c + 1];
		const struct flat_seg *w;

		if (x == y)
			continue;
		while (next < n && recs[next].start <= x)
			heap_push(&h, next++);
		while (h.n && recs[h.v[0]].end <= x)
			heap_pop(&h);
		if (!h.n)
			continue;
		w = &recs[h.v[0]];
		err = emit(p, &cap, x, y, w->src + (x - w->start));
	}
	free(cuts);
	free(h.v);
	return err;
}

/*
 * The map from the records, which it takes over.  Without overlaps (what
 * makedumpfile writes for a dump) the sorted records are the map as they
 * are, so the index is never held twice.  (Two records never continue
 * each other in the stream: a record header lies between them.)
 */
static struct ksd_error *build_map(struct flat_priv *p, struct flat_seg *recs,
				   size_t n)
{
	struct ksd_error *err;
	uint64_t covered = 0;
	bool overlap = false;

	if (n)
		qsort(recs, n, sizeof(*recs), cmp_rec);
	for (size_t i = 0; i < n; i++) {
		if (i && recs[i].start < covered)
			overlap = true;
		if (recs[i].end > covered)
			covered = recs[i].end;
	}
	if (overlap) {
		err = resolve_overlaps(p, recs, n);
		free(recs);
		return err;
	}
	p->segs = recs;
	p->nsegs = n;
	return NULL;
}

/* Index of the last segment starting at or below @off, or -1. */
static long find_seg(const struct flat_priv *p, uint64_t off)
{
	size_t lo = 0, hi = p->nsegs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (p->segs[mid].start <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (long)lo - 1;
}

static struct ksd_error *flat_pread(struct dump_reader *r, void *buf,
				    size_t len, uint64_t off, size_t *done)
{
	struct flat_priv *p = r->priv;
	long i;
	uint64_t n;

	if (off >= r->size) {
		*done = 0;
		return NULL;
	}
	if (len > r->size - off)
		len = (size_t)(r->size - off);
	i = find_seg(p, off);
	if (i >= 0 && off < p->segs[i].end) {
		const struct flat_seg *s = &p->segs[i];

		n = s->end - off;
		if (n > len)
			n = len;
		*done = (size_t)n;
		return reader_read(p->stream, buf, (size_t)n, s->src + (off - s->start));
	}
	/* A gap: no record wrote these bytes, and the replay reads zeros. */
	n = (size_t)(i + 1) < p->nsegs ? p->segs[i + 1].start - off : len;
	if (n > len)
		n = len;
	memset(buf, 0, (size_t)n);
	*done = (size_t)n;
	return NULL;
}

static void flat_destroy(struct dump_reader *r)
{
	struct flat_priv *p = r->priv;

	if (!p)
		return;
	reader_destroy(p->stream);
	free(p->segs);
	free(p);
}

static const struct dump_reader_ops flat_ops = {
	.pread = flat_pread,
	.destroy = flat_destroy,
};

static struct ksd_error *check_header(struct dump_reader *st)
{
	uint8_t h[32];
	struct ksd_error *err;
	int64_t type;

	if (st->size < FLAT_HEADER_BLOCK)
		return ksd_error_create(KSD_ERR_EOF,
					"flattened stream ends inside its %u-byte header (size %llu)",
					FLAT_HEADER_BLOCK, (unsigned long long)st->size);
	err = reader_read(st, h, sizeof(h), 0);
	if (err)
		return err;
	/*
	 * makedumpfile -R checks the type only; the version (1 so far)
	 * changes nothing a reader sees.
	 */
	type = (int64_t)ksd_load64(h + FLAT_SIG_LEN, true);
	if (type != FLAT_TYPE)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"flattened header type is %lld, expected %d",
					(long long)type, FLAT_TYPE);
	return NULL;
}

struct ksd_error *flat_reader_create(struct dump_reader *stream,
				     struct dump_reader **ret)
{
	struct flat_priv *p;
	struct flat_seg *recs = NULL;
	struct dump_reader *r = NULL;
	struct ksd_error *err;
	size_t n = 0;

	p = calloc(1, sizeof(*p));
	if (!p) {
		reader_destroy(stream);
		return &ksd_enomem;
	}
	p->stream = stream;
	err = check_header(stream);
	if (!err)
		err = read_records(stream, &recs, &n);
	if (!err)
		err = build_map(p, recs, n);
	else
		free(recs);
	if (!err)
		err = reader_alloc(stream->name, &flat_ops, &r);
	if (err) {
		err = ksd_error_prefix(err, "'%s'", stream->name);
		reader_destroy(stream);
		free(p->segs);
		free(p);
		return err;
	}
	r->priv = p;
	r->size = p->nsegs ? p->segs[p->nsegs - 1].end : 0;
	r->container = "flattened";
	r->stream_size = stream->size;
	r->dev = stream->dev;
	r->ino = stream->ino;
	*ret = r;
	return NULL;
}
