// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kdump-compressed dumps (makedumpfile -c/-l/-p/-z, or uncompressed with
 * none of them) and --split sets of them.
 *
 * A page frame is read in four steps: the bitmaps say whether it is RAM
 * and whether it was dumped (kdump-bitmap.c); a dumped frame's
 * descriptor gives the offset, size and codec of its data; the data is
 * read and decoded into exactly one block (decompress.c).  RAM that was
 * not dumped (makedumpfile -d excluded it) reads as zeros flagged
 * KSD_READ_EXCLUDED; a frame that is not RAM, or that an incomplete dump
 * never saved, is KSD_ERR_NOT_PRESENT.  Anything inconsistent (a
 * descriptor pointing outside the file, a page decoding to more than a
 * block) is KSD_ERR_CORRUPT naming the file, the frame and the offset.
 *
 * makedumpfile --split writes N complete files sharing one
 * disk_dump_header and identical bitmaps; file i holds the descriptors
 * and data of frames [start_pfn, end_pfn) only.  The parts are checked to
 * come from one dump (same header, same notes) and to cover every frame
 * exactly once, then each frame is read from the part that holds it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dump/format.h"
#include "dump/kdump.h"
#include "util/endian.h"

#define KDUMP_CACHE_PAGES 16

struct kdump_part {
	struct dump_reader *r;
	struct kdump_header h;
	struct kdump_bitmap bm;
	uint64_t start, end;		/* the frames this file holds */
};

struct kdump_priv {
	struct kdump_part *parts;	/* in frame order */
	size_t nparts;
	uint32_t bs;
	unsigned int shift;
	bool incomplete;
	/*
	 * The last KDUMP_CACHE_PAGES pages decoded, replaced round-robin.  The
	 * analysis reads page tables, kallsyms and the log a few words at a
	 * time, coming back to the same pages; one page of cache decoded each
	 * about four times over.
	 */
	uint8_t *pages;			/* KDUMP_CACHE_PAGES * bs bytes */
	struct {
		const struct kdump_part *part;	/* NULL: empty */
		uint64_t pfn;
	} slot[KDUMP_CACHE_PAGES];
	unsigned int next;		/* the slot to fill next */
	uint8_t *cbuf;			/* compressed data being read */
};

static unsigned int log2u(uint32_t v)
{
	unsigned int s = 0;

	while ((1u << s) < v)
		s++;
	return s;
}

static int cmp_part(const void *a, const void *b)
{
	const struct kdump_part *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end < y->end ? -1 : x->end > y->end;
}

/* The first byte at which two parts' disk_dump_headers differ. */
static size_t header_diff(const struct kdump_header *a,
			  const struct kdump_header *b)
{
	size_t i;

	for (i = 0; i < a->raw_len && i < b->raw_len; i++)
		if (a->raw[i] != b->raw[i])
			break;
	return i;
}

static struct ksd_error *check_same_dump(const struct kdump_part *p0,
					 const struct kdump_part *p)
{
	size_t at = header_diff(&p0->h, &p->h);

	if (at < p0->h.raw_len || p0->h.raw_len != p->h.raw_len)
		return ksd_error_create(KSD_ERR_INVALID_ARG,
					"'%s' and '%s' are parts of different dumps: their disk_dump_headers differ at byte %zu",
					p0->r->name, p->r->name, at);
	if (p0->h.dump_level != p->h.dump_level)
		return ksd_error_create(KSD_ERR_INVALID_ARG,
					"'%s' and '%s' are parts of different dumps: dump levels %d and %d",
					p0->r->name, p->r->name, p0->h.dump_level,
					p->h.dump_level);
	return NULL;
}

/* Frames [from, to) that no part holds: name the parts around the gap. */
static struct ksd_error *missing(const struct kdump_part *before,
				 const struct kdump_part *after,
				 uint64_t from, uint64_t to, size_t n)
{
	return ksd_error_create(KSD_ERR_INVALID_ARG,
				"page frames [0x%llx, 0x%llx) are in none of the %zu files (%s '%s'%s%s%s): a part of the split dump is missing",
				(unsigned long long)from, (unsigned long long)to, n,
				before ? "after" : "before",
				before ? before->r->name : after->r->name,
				before && after ? " and before '" : "",
				before && after ? after->r->name : "",
				before && after ? "'" : "");
}

/*
 * Sorted parts must cover [0, max_mapnr) without gap or overlap.
 * makedumpfile cuts the frames into blocks of --splitblock-size (1 GiB
 * by default) and gives each file whole blocks, so with little memory
 * some parts are empty ([end, end)); those may repeat.
 */
static struct ksd_error *check_coverage(struct kdump_part *v, size_t n)
{
	uint64_t next = 0, max = v[0].h.max_mapnr;
	const struct kdump_part *last = NULL;

	for (size_t i = 0; i < n; i++) {
		if (v[i].start == v[i].end && v[i].start <= next)
			continue;
		if (v[i].start > next)
			return missing(last, &v[i], next, v[i].start, n);
		if (v[i].start < next)
			return ksd_error_create(KSD_ERR_INVALID_ARG,
						"'%s' and '%s' both hold page frames [0x%llx, 0x%llx): a part given twice, or parts of different splits",
						last->r->name, v[i].r->name,
						(unsigned long long)v[i].start,
						(unsigned long long)(next < v[i].end ? next : v[i].end));
		next = v[i].end;
		last = &v[i];
	}
	if (next < max)
		return missing(last ? last : &v[n - 1], NULL, next, max, n);
	return NULL;
}

/*
 * Every part of one split carries the same notes (the registers and
 * VMCOREINFO of the one crash); headers alike but notes not means parts
 * of two crashes of the same machine, which must not be read as one.
 */
static struct ksd_error *check_same_notes(const struct ksd_dump *dump,
					  const struct kdump_priv *priv)
{
	const struct kdump_part *p0 = &priv->parts[0];
	struct ksd_error *err = NULL;

	for (size_t i = 1; i < priv->nparts && !err; i++) {
		const struct kdump_part *p = &priv->parts[i];
		uint8_t *notes;
		size_t len, at = 0;

		err = kdump_notes_read(p->r, &p->h, &notes, &len);
		if (err)
			return ksd_error_prefix(err, "'%s' (kdump dump)", p->r->name);
		while (at < len && at < dump->notes_len && notes[at] == dump->notes[at])
			at++;
		if (at < len || len != dump->notes_len)
			err = ksd_error_create(KSD_ERR_INVALID_ARG,
					       "'%s' and '%s' are parts of different dumps: their notes (the registers and VMCOREINFO of the crash) differ at byte %zu",
					       p0->r->name, p->r->name, at);
		free(notes);
	}
	return err;
}

static struct ksd_error *read_part(struct dump_reader *r, struct kdump_part *p,
				   bool first, bool *mine)
{
	struct ksd_error *err;

	p->r = r;
	err = kdump_header_read(r, &p->h, mine);
	if (err)
		return err;
	if (!*mine)
		return first ? NULL :
		       ksd_error_create(KSD_ERR_INVALID_ARG,
					"'%s' is not a kdump-compressed file: every part of a split dump is one",
					r->name);
	p->start = p->h.split ? p->h.start_pfn : 0;
	p->end = p->h.split ? p->h.end_pfn : p->h.max_mapnr;
	kdump_bitmap_init(&p->bm, r, &p->h);
	return NULL;
}

/* Check a lone file, or join the parts of a split set. */
static struct ksd_error *assemble(struct ksd_dump *dump, struct kdump_priv *priv)
{
	struct kdump_part *v = priv->parts;
	size_t n = priv->nparts;
	struct ksd_error *err;

	if (n == 1) {
		/*
		 * A part alone is a dump only if it holds every frame, as
		 * the first part of a small machine's split can.
		 */
		if (v[0].h.split &&
		    (v[0].start != 0 || v[0].end != v[0].h.max_mapnr))
			return ksd_error_create(KSD_ERR_INVALID_ARG,
						"this is one part of a makedumpfile --split dump (page frames [0x%llx, 0x%llx) of 0x%llx): give all its files",
						(unsigned long long)v[0].start,
						(unsigned long long)v[0].end,
						(unsigned long long)v[0].h.max_mapnr);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		if (!v[i].h.split)
			return ksd_error_create(KSD_ERR_INVALID_ARG,
						"'%s' is a whole dump, not a part of a makedumpfile --split dump",
						v[i].r->name);
		if (i) {
			err = check_same_dump(&v[0], &v[i]);
			if (err)
				return err;
		}
	}
	qsort(v, n, sizeof(*v), cmp_part);
	err = check_coverage(v, n);
	if (err)
		return err;
	/* Report the parts, and the dump's name, in frame order. */
	for (size_t i = 0; i < n; i++)
		dump->parts[i] = v[i].r;
	dump->reader = dump->parts[0];
	return NULL;
}

static void fill_info(struct ksd_dump *dump, const struct kdump_priv *priv)
{
	const struct kdump_header *h = &priv->parts[0].h;
	struct ksd_dump_info *in = &dump->info;
	static const uint32_t codecs[] = {
		KDUMP_ZLIB, KDUMP_LZO, KDUMP_SNAPPY, KDUMP_ZSTD,
	};

	in->elf_class = h->word;
	in->big_endian = h->big_endian;
	in->machine = kdump_machine(h->machine);
	in->incomplete = priv->incomplete;
	in->parts = (unsigned int)priv->nparts;
	in->header_version = (unsigned int)h->version;
	in->block_size = h->block_size;
	in->dump_level = h->dump_level;
	in->max_pfn = h->max_mapnr;
	in->compression = "none";
	for (size_t i = 0; i < sizeof(codecs) / sizeof(codecs[0]); i++)
		if (h->status & codecs[i]) {
			in->compression = kdump_codec_name(codecs[i]);
			break;
		}
}

static struct ksd_error *kdump_probe(struct ksd_dump *dump, bool *mine)
{
	struct kdump_priv *priv;
	struct ksd_error *err = NULL;

	priv = calloc(1, sizeof(*priv));
	if (!priv)
		return &ksd_enomem;
	priv->parts = calloc(dump->nparts, sizeof(*priv->parts));
	if (!priv->parts) {
		free(priv);
		return &ksd_enomem;
	}
	priv->nparts = dump->nparts;
	dump->priv = priv;
	for (size_t i = 0; i < dump->nparts && !err; i++) {
		bool m = false;

		err = read_part(dump->parts[i], &priv->parts[i], i == 0, &m);
		if (err && dump->nparts > 1 && err->code != KSD_ERR_INVALID_ARG)
			err = ksd_error_prefix(err, "'%s' (kdump dump)",
					       dump->parts[i]->name);
		if (!err && i == 0 && !m) {
			/* Not ours: leave no state behind. */
			free(priv->parts);
			free(priv);
			dump->priv = NULL;
			return NULL;
		}
		if (!err)
			priv->incomplete |= priv->parts[i].h.status & KDUMP_INCOMPLETE;
	}
	*mine = true;
	if (!err)
		err = assemble(dump, priv);
	if (err)
		return err;
	priv->bs = priv->parts[0].h.block_size;
	priv->shift = log2u(priv->bs);
	priv->pages = malloc((size_t)priv->bs * KDUMP_CACHE_PAGES);
	priv->cbuf = malloc(priv->bs);
	if (!priv->pages || !priv->cbuf)
		return &ksd_enomem;
	fill_info(dump, priv);
	err = kdump_notes_read(priv->parts[0].r, &priv->parts[0].h, &dump->notes,
			       &dump->notes_len);
	if (err && dump->nparts > 1)
		err = ksd_error_prefix(err, "'%s' (kdump dump)", priv->parts[0].r->name);
	if (!err)
		err = check_same_notes(dump, priv);
	return err;
}

static const struct kdump_part *find_part(const struct kdump_priv *priv,
					  uint64_t pfn)
{
	size_t lo = 0, hi = priv->nparts;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (priv->parts[mid].start <= pfn)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? &priv->parts[lo - 1] : NULL;
}

struct page_desc {
	uint64_t pos;			/* of the descriptor itself */
	int64_t offset;
	uint32_t size, flags;
};

static struct ksd_error *not_saved(uint64_t paddr, uint64_t pfn, const char *why)
{
	return ksd_error_create(KSD_ERR_NOT_PRESENT,
				"physical address 0x%llx (page frame 0x%llx) is not in the dump: %s",
				(unsigned long long)paddr, (unsigned long long)pfn, why);
}

static struct ksd_error *bad_desc(const struct kdump_part *p, uint64_t pfn,
				  const struct page_desc *d, const char *what)
{
	return ksd_error_create(KSD_ERR_CORRUPT,
				"'%s': page frame 0x%llx: the page descriptor at offset 0x%llx (data offset 0x%llx, size %u, flags 0x%x) %s",
				p->r->name, (unsigned long long)pfn,
				(unsigned long long)d->pos, (unsigned long long)d->offset,
				d->size, d->flags, what);
}

/* Read and check the descriptor of dumped frame @pfn, index @idx. */
static struct ksd_error *read_desc(const struct kdump_priv *priv,
				   const struct kdump_part *p, uint64_t paddr,
				   uint64_t pfn, uint64_t idx, struct page_desc *d)
{
	uint64_t size = p->r->size, data_min;
	uint8_t b[KDUMP_DESC_SIZE];
	bool big = p->h.big_endian;
	struct ksd_error *err;

	d->pos = p->h.desc_off + idx * KDUMP_DESC_SIZE;
	if (d->pos > size || size - d->pos < KDUMP_DESC_SIZE) {
		if (priv->incomplete)
			return not_saved(paddr, pfn, "the dump is incomplete and ends before its page descriptor");
		return ksd_error_create(KSD_ERR_EOF,
					"'%s': page frame 0x%llx: its page descriptor (offset 0x%llx) lies past the end of the file (size 0x%llx): the file is truncated",
					p->r->name, (unsigned long long)pfn,
					(unsigned long long)d->pos, (unsigned long long)size);
	}
	err = reader_read(p->r, b, sizeof(b), d->pos);
	if (err)
		return ksd_error_prefix(err, "'%s': page descriptor of page frame 0x%llx",
					p->r->name, (unsigned long long)pfn);
	d->offset = (int64_t)ksd_load64(b, big);
	d->size = ksd_load32(b + 8, big);
	d->flags = ksd_load32(b + 12, big);
	/* makedumpfile's IMPLEMENTATION: a page lost to ENOSPC has offset 0. */
	if (d->offset == 0 && priv->incomplete)
		return not_saved(paddr, pfn, "the dump is incomplete and this page was never written");
	if ((d->flags & ~KDUMP_CODECS) || (d->flags & (d->flags - 1)))
		return bad_desc(p, pfn, d, "has unknown or several compression flags");
	if (d->size == 0 || d->size > priv->bs)
		return bad_desc(p, pfn, d, "gives a size that is not 1 to block_size bytes");
	if (d->flags == 0 && d->size != priv->bs)
		return bad_desc(p, pfn, d, "gives an uncompressed page a size other than block_size");
	/* Page data follows every descriptor, so follows this one. */
	data_min = d->pos + KDUMP_DESC_SIZE;
	if (d->offset < 0 || (uint64_t)d->offset < data_min)
		return bad_desc(p, pfn, d, "points into the headers, bitmaps or descriptors");
	if ((uint64_t)d->offset > size || d->size > size - (uint64_t)d->offset) {
		if (priv->incomplete)
			return not_saved(paddr, pfn, "the dump is incomplete and ends inside this page's data");
		return bad_desc(p, pfn, d, "points outside the file");
	}
	return NULL;
}

/* The cached copy of frame @pfn of @p, or NULL. */
static const uint8_t *cached_page(const struct kdump_priv *priv,
				  const struct kdump_part *p, uint64_t pfn)
{
	for (unsigned int i = 0; i < KDUMP_CACHE_PAGES; i++)
		if (priv->slot[i].part == p && priv->slot[i].pfn == pfn)
			return priv->pages + (size_t)i * priv->bs;
	return NULL;
}

static struct ksd_error *load_page(struct kdump_priv *priv,
				   const struct kdump_part *p, uint64_t pfn,
				   const struct page_desc *d,
				   const uint8_t **page)
{
	unsigned int i = priv->next;
	uint8_t *dst = priv->pages + (size_t)i * priv->bs;
	struct ksd_error *err;

	priv->slot[i].part = NULL;
	if (d->flags == 0) {
		err = reader_read(p->r, dst, priv->bs, (uint64_t)d->offset);
	} else {
		err = reader_read(p->r, priv->cbuf, d->size, (uint64_t)d->offset);
		if (!err)
			err = kdump_decompress(d->flags, priv->cbuf, d->size,
					       dst, priv->bs);
	}
	if (err)
		return ksd_error_prefix(err, "'%s': page frame 0x%llx (data at offset 0x%llx, %u bytes)",
					p->r->name, (unsigned long long)pfn,
					(unsigned long long)d->offset, d->size);
	priv->slot[i].part = p;
	priv->slot[i].pfn = pfn;
	priv->next = (i + 1) % KDUMP_CACHE_PAGES;
	*page = dst;
	return NULL;
}

static struct ksd_error *kdump_read_phys(struct ksd_dump *dump, uint64_t paddr,
					 void *buf, size_t len, size_t *done,
					 unsigned int *flags)
{
	struct kdump_priv *priv = dump->priv;
	uint64_t pfn = paddr >> priv->shift, in_page = paddr & (priv->bs - 1);
	const struct kdump_part *p = find_part(priv, pfn);
	struct kdump_part *mp;
	struct page_desc d = { 0 };
	const uint8_t *page;
	uint64_t idx = 0;
	bool ram, dumped;
	struct ksd_error *err;
	size_t n = priv->bs - in_page;

	if (n > len)
		n = len;
	if (!p || pfn >= p->end)
		return not_saved(paddr, pfn, "beyond the last page frame the dump describes");
	page = cached_page(priv, p, pfn);
	if (page)
		goto copy;
	mp = &priv->parts[p - priv->parts];
	err = kdump_bitmap_lookup(&mp->bm, pfn, &ram, &dumped, &idx);
	if (err)
		return ksd_error_prefix(err, "'%s'", p->r->name);
	if (!ram)
		return not_saved(paddr, pfn, "not RAM in the dump's 1st bitmap");
	if (!dumped) {
		/* Excluded by the dump level: it was RAM, its contents are gone. */
		memset(buf, 0, n);
		*flags |= KSD_READ_EXCLUDED;
		*done = n;
		return NULL;
	}
	err = read_desc(priv, p, paddr, pfn, idx, &d);
	if (!err)
		err = load_page(priv, p, pfn, &d, &page);
	if (err)
		return err;
copy:
	memcpy(buf, page + in_page, n);
	*done = n;
	return NULL;
}

static void kdump_cleanup(struct ksd_dump *dump)
{
	struct kdump_priv *priv = dump->priv;

	if (!priv)
		return;
	for (size_t i = 0; i < priv->nparts; i++)
		kdump_bitmap_release(&priv->parts[i].bm);
	free(priv->parts);
	free(priv->pages);
	free(priv->cbuf);
	free(priv);
	dump->priv = NULL;
}

const struct dump_format_ops dump_kdump_ops = {
	.name = "kdump",
	.split = true,
	.probe = kdump_probe,
	.read_phys = kdump_read_phys,
	.cleanup = kdump_cleanup,
};
