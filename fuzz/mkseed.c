// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * mkseed KIND DUMP OUT: write a fuzz/kimage.h input for the printk,
 * kallsyms, xlat or unwind harness from a real or generated dump, holding
 * exactly the memory that parser reads from it (every read is recorded and
 * the ranges merged), so seeds are small and reach deep.  For unwind, one
 * file OUT-cpuN per CPU with saved registers.
 *
 * mkseed elf DUMP OUT: run the whole analysis on DUMP and write a small
 * ELF dump with its notes and only the pages the analysis read, a seed
 * for the dump and whole-analysis harnesses (and, through mkkdump, for
 * the kdump-compressed, flattened and split ones).  Used by fuzz/seeds.sh.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "arch/unwind.h"
#include "dump/format.h"
#include "dump/notes.h"
#include "kernel/kallsyms.h"
#include "kernel/kernel.h"
#include "kernel/printk.h"
#include "kimage.h"
#include "util/endian.h"

struct range {
	uint64_t addr;
	size_t len;
	uint8_t *bytes;
};

struct recorder {
	struct range *v;
	size_t n, cap;
	/* what is recorded: virtual reads through kmem, or physical ones */
	const struct ksd_kmem *kmem;
	ksd_read_phys_fn *read_phys;
	void *phys_arg;
};

static void record(struct recorder *r, uint64_t addr, const void *buf,
		   size_t len)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 256;
		r->v = realloc(r->v, r->cap * sizeof(*r->v));
		if (!r->v)
			abort();
	}
	r->v[r->n].addr = addr;
	r->v[r->n].len = len;
	r->v[r->n].bytes = malloc(len ? len : 1);
	if (!r->v[r->n].bytes)
		abort();
	memcpy(r->v[r->n].bytes, buf, len);
	r->n++;
}

static struct ksd_error *rec_virt(void *arg, uint64_t va, void *buf, size_t len)
{
	struct recorder *r = arg;
	struct ksd_error *err = ksd_kmem_read(r->kmem, va, buf, len);

	if (!err)
		record(r, va, buf, len);
	return err;
}

static struct ksd_error *rec_phys(void *arg, uint64_t pa, void *buf, size_t len)
{
	struct recorder *r = arg;
	struct ksd_error *err = r->read_phys(r->phys_arg, pa, buf, len);

	if (!err)
		record(r, pa, buf, len);
	return err;
}

static int cmp_range(const void *a, const void *b)
{
	const struct range *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static void put_rec(FILE *f, char tag, const void *a, size_t alen,
		    const void *b, size_t blen)
{
	uint8_t h[KIMAGE_TAG_LEN];

	h[0] = (uint8_t)tag;
	ksd_store32(h + 1, (uint32_t)(alen + blen), false);
	fwrite(h, 1, sizeof(h), f);
	fwrite(a, 1, alen, f);
	if (blen)
		fwrite(b, 1, blen, f);
}

/* Merge the recorded ranges into segments and write them as @tag. */
static void put_segments(FILE *f, char tag, struct recorder *r)
{
	if (r->n)
		qsort(r->v, r->n, sizeof(*r->v), cmp_range);
	for (size_t i = 0; i < r->n;) {
		uint64_t start = r->v[i].addr, end = start + r->v[i].len;
		size_t j = i + 1;
		uint8_t *buf, a[8];

		while (j < r->n && r->v[j].addr <= end) {
			if (r->v[j].addr + r->v[j].len > end)
				end = r->v[j].addr + r->v[j].len;
			j++;
		}
		buf = calloc(1, end - start);
		if (!buf)
			abort();
		for (size_t k = i; k < j; k++)
			memcpy(buf + (r->v[k].addr - start), r->v[k].bytes,
			       r->v[k].len);
		ksd_store64(a, start, false);
		put_rec(f, tag, a, 8, buf, end - start);
		free(buf);
		i = j;
	}
}

static void put_vmcoreinfo(FILE *f, struct ksd_kernel *k)
{
	struct ksd_dump *dump = k->dump;
	const uint8_t *buf;
	struct ksd_note_iter it;
	struct ksd_note n;
	size_t len;
	bool end;

	ksd_dump_notes(dump, &buf, &len);
	ksd_note_iter_init(&it, buf, len, k->big_endian);
	while (!ksd_note_next(&it, &n, &end) && !end)
		if (ksd_note_is(&n, "VMCOREINFO", 0))
			put_rec(f, 'V', n.desc, n.desc_len, NULL, 0);
	if (k->big_endian)
		put_rec(f, 'E', "\1", 1, NULL, 0);
}

static void put_addrs(FILE *f, const uint64_t *v, size_t n)
{
	uint8_t b[8 * KIMAGE_MAX_ADDRS];

	if (n > KIMAGE_MAX_ADDRS)
		n = KIMAGE_MAX_ADDRS;
	for (size_t i = 0; i < n; i++)
		ksd_store64(b + 8 * i, v[i], false);
	put_rec(f, 'A', b, 8 * n, NULL, 0);
}

/* The saved register sets of @k's dump, at most @max. */
static size_t prstatus(struct ksd_kernel *k, struct aarch64_prstatus *v,
		       size_t max)
{
	const uint8_t *buf;
	struct ksd_note_iter it;
	struct ksd_note n;
	size_t len, count = 0;
	bool end;

	ksd_dump_notes(k->dump, &buf, &len);
	ksd_note_iter_init(&it, buf, len, k->big_endian);
	while (count < max && !ksd_note_next(&it, &n, &end) && !end) {
		struct ksd_error *err;

		if (!ksd_note_is(&n, "CORE", NT_PRSTATUS_TYPE))
			continue;
		err = aarch64_prstatus_parse(n.desc, n.desc_len, k->big_endian,
					     &v[count]);
		if (!err)
			count++;
		ksd_error_destroy(err);
	}
	return count;
}

static FILE *create(const char *path)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		perror(path);
	return f;
}

/* The analysis reads through the dump's ops: record what it reads. */
static struct recorder *elf_rec;
static const struct dump_format_ops *real_ops;

static struct ksd_error *rec_dump_read(struct ksd_dump *dump, uint64_t paddr,
				       void *buf, size_t len, size_t *done,
				       unsigned int *flags)
{
	struct ksd_error *err = real_ops->read_phys(dump, paddr, buf, len,
						    done, flags);

	if (!err)
		record(elf_rec, paddr, buf, *done);
	return err;
}

static void put16(uint8_t *p, uint16_t v, bool be)
{
	p[be ? 0 : 1] = (uint8_t)(v >> 8);
	p[be ? 1 : 0] = (uint8_t)v;
}

static void put_elf(const char *path, struct ksd_dump *dump, struct recorder *r)
{
	const uint64_t page = 4096;
	const uint8_t *notes;
	size_t notes_len, nseg = 0;
	uint64_t (*seg)[2] = NULL, off;
	uint8_t eh[64] = { 0x7f, 'E', 'L', 'F', 2, 1, 1 }, ph[56];
	bool be = ksd_dump_info(dump)->big_endian;
	FILE *f;

	/* Whole pages, merged: a reader's neighbours come along. */
	if (r->n)
		qsort(r->v, r->n, sizeof(*r->v), cmp_range);
	for (size_t i = 0; i < r->n; i++) {
		uint64_t s = r->v[i].addr & ~(page - 1);
		uint64_t e = (r->v[i].addr + r->v[i].len + page - 1) & ~(page - 1);

		if (nseg && s <= seg[nseg - 1][1]) {
			if (e > seg[nseg - 1][1])
				seg[nseg - 1][1] = e;
			continue;
		}
		seg = realloc(seg, (nseg + 1) * sizeof(*seg));
		if (!seg)
			abort();
		seg[nseg][0] = s;
		seg[nseg][1] = e;
		nseg++;
	}
	ksd_dump_notes(dump, &notes, &notes_len);
	eh[5] = be ? 2 : 1;		/* EI_DATA */
	f = create(path);
	if (!f)
		exit(2);
	put16(eh + 16, 4, be);				/* ET_CORE */
	put16(eh + 18, 183, be);			/* EM_AARCH64 */
	ksd_store32(eh + 20, 1, be);
	ksd_store64(eh + 32, 64, be);			/* e_phoff */
	put16(eh + 52, 64, be);				/* e_ehsize */
	put16(eh + 54, 56, be);				/* e_phentsize */
	put16(eh + 56, (uint16_t)(nseg + 1), be);	/* e_phnum */
	fwrite(eh, 1, 64, f);
	off = 64 + 56 * (nseg + 1);
	memset(ph, 0, sizeof(ph));
	ksd_store32(ph, 4, be);			/* PT_NOTE */
	ksd_store64(ph + 8, off, be);
	ksd_store64(ph + 32, notes_len, be);
	ksd_store64(ph + 40, notes_len, be);
	fwrite(ph, 1, 56, f);
	off = (off + notes_len + page - 1) & ~(page - 1);
	for (size_t i = 0; i < nseg; i++) {
		uint64_t len = seg[i][1] - seg[i][0];

		memset(ph, 0, sizeof(ph));
		ksd_store32(ph, 1, be);		/* PT_LOAD */
		ksd_store32(ph + 4, 7, be);
		ksd_store64(ph + 8, off, be);
		ksd_store64(ph + 24, seg[i][0], be);	/* p_paddr */
		ksd_store64(ph + 32, len, be);
		ksd_store64(ph + 40, len, be);
		ksd_store64(ph + 48, page, be);
		fwrite(ph, 1, 56, f);
		off += len;
	}
	fwrite(notes, 1, notes_len, f);
	off = 64 + 56 * (nseg + 1) + notes_len;
	for (; off % page; off++)
		fputc(0, f);
	for (size_t i = 0; i < nseg; i++) {
		uint8_t *buf = calloc(1, seg[i][1] - seg[i][0]);

		if (!buf)
			abort();
		/* The recorded bytes only: pages the analysis never read stay zero. */
		for (size_t j = 0; j < r->n; j++)
			if (r->v[j].addr >= seg[i][0] && r->v[j].addr < seg[i][1])
				memcpy(buf + (r->v[j].addr - seg[i][0]), r->v[j].bytes,
				       r->v[j].len);
		fwrite(buf, 1, seg[i][1] - seg[i][0], f);
		free(buf);
	}
	fclose(f);
	free(seg);
}

static int mkseed_elf(const char *in, const char *out)
{
	static struct dump_format_ops ops;
	struct analysis_opts opts = { .want_log_text = true, .backtrace_all = true };
	struct recorder r = { 0 };
	struct ksd_dump *dump;
	struct analysis *a;
	struct ksd_error *err;

	err = ksd_dump_open(in, &dump);
	if (err) {
		fprintf(stderr, "mkseed: %s: %s\n", in, err->message);
		return 2;
	}
	real_ops = dump->ops;
	ops = *dump->ops;
	ops.read_phys = rec_dump_read;
	dump->ops = &ops;
	elf_rec = &r;
	err = analysis_run(dump, &opts, &a);
	if (err) {
		fprintf(stderr, "mkseed: %s: %s\n", in, err->message);
		return 2;
	}
	analysis_destroy(a);
	put_elf(out, dump, &r);
	dump->ops = real_ops;
	ksd_dump_destroy(dump);
	return 0;
}

int main(int argc, char **argv)
{
	struct recorder r = { 0 };
	struct ksd_kernel *k;
	struct ksd_dump *dump;
	struct ksd_kmem m;
	struct ksd_error *err;
	struct aarch64_prstatus prs[16];
	size_t nprs;
	FILE *f;

	if (argc != 4) {
		fprintf(stderr, "usage: mkseed elf|printk|kallsyms|xlat|unwind DUMP OUT\n");
		return 1;
	}
	if (strcmp(argv[1], "elf") == 0)
		return mkseed_elf(argv[2], argv[3]);
	err = ksd_dump_open(argv[2], &dump);
	if (!err)
		err = ksd_kernel_open(dump, NULL, &k);
	if (err) {
		fprintf(stderr, "mkseed: %s: %s\n", argv[2], err->message);
		return 2;
	}
	if (!k->has_xlat) {
		fprintf(stderr, "mkseed: %s: no translation: %s\n", argv[2],
			k->xlat_problem);
		return 2;
	}
	r.kmem = &k->kmem;
	m = (struct ksd_kmem){ .read = rec_virt, .arg = &r,
			       .big_endian = k->big_endian, .ptr_size = 8 };
	nprs = prstatus(k, prs, 16);

	if (strcmp(argv[1], "printk") == 0 || strcmp(argv[1], "kallsyms") == 0) {
		struct ksd_printk_log *log = NULL;
		struct ksd_symtab *syms = NULL;
		uint64_t a[16];
		size_t na = 0;

		if (argv[1][0] == 'p')
			err = ksd_printk_read(&m, k->vi, &log);
		else
			err = ksd_kallsyms_load(&m, k->vi, &syms);
		ksd_printk_log_destroy(log);
		ksd_symtab_destroy(syms);
		if (err) {
			fprintf(stderr, "mkseed: %s: %s\n", argv[2], err->message);
			return 2;
		}
		f = create(argv[3]);
		if (!f)
			return 2;
		put_vmcoreinfo(f, k);
		for (size_t i = 0; i < nprs && na + 2 <= 16; i++) {
			a[na++] = prs[i].regs.pc;
			a[na++] = prs[i].regs.x[30];
		}
		put_addrs(f, a, na);
		put_segments(f, 'K', &r);
		fclose(f);
	} else if (strcmp(argv[1], "xlat") == 0) {
		struct aarch64_xlat x = k->xlat;
		uint64_t a[KIMAGE_MAX_ADDRS], pa;
		size_t na = 0;

		r.read_phys = x.read;
		r.phys_arg = x.arg;
		x.read = rec_phys;
		x.arg = &r;
		a[na++] = x.image_start;
		a[na++] = x.image_end;
		a[na++] = x.p.stext;
		a[na++] = x.p.swapper_pg_dir;
		a[na++] = x.page_offset;
		a[na++] = x.page_offset + (64ull << 20);
		for (size_t i = 0; i < nprs && na + 4 <= KIMAGE_MAX_ADDRS; i++) {
			a[na++] = prs[i].regs.sp;
			a[na++] = prs[i].regs.pc;
			a[na++] = prs[i].regs.x[29];
			a[na++] = prs[i].regs.x[30];
		}
		for (size_t i = 0; i < na; i++) {
			ksd_error_destroy(aarch64_walk(&x, a[i], &pa));
			ksd_error_destroy(aarch64_vtop(&x, a[i], &pa));
		}
		f = create(argv[3]);
		if (!f)
			return 2;
		put_vmcoreinfo(f, k);
		put_addrs(f, a, na);
		put_segments(f, 'P', &r);
		fclose(f);
	} else if (strcmp(argv[1], "unwind") == 0) {
		uint64_t ts = k->xlat.p.page_shift == 16 ? 65536 : 16384;

		for (size_t i = 0; i < nprs; i++) {
			static struct aarch64_unwind u;
			struct aarch64_stack st = {
				.low = prs[i].regs.sp & ~(ts - 1),
				.high = (prs[i].regs.sp & ~(ts - 1)) + ts,
				.name = "task",
			};
			uint8_t desc[AARCH64_PRSTATUS_SIZE] = { 0 }, sb[16];
			uint64_t a[2] = { 0, 0 };
			char path[4096];

			for (size_t j = 0; j < r.n; j++)
				free(r.v[j].bytes);
			r.n = 0;
			aarch64_unwind(&m, &prs[i].regs, &st, 1, 0, 0, &u);
			snprintf(path, sizeof(path), "%s-cpu%zu", argv[3], i);
			f = create(path);
			if (!f)
				return 2;
			if (k->big_endian)
				put_rec(f, 'E', "\1", 1, NULL, 0);
			for (unsigned int j = 0; j < AARCH64_NGREG; j++)
				ksd_store64(desc + AARCH64_PRSTATUS_REGS + 8 * j,
					    aarch64_reg_value(&prs[i].regs, j),
					    k->big_endian);
			ksd_store32(desc + AARCH64_PRSTATUS_PID,
				    (uint32_t)prs[i].pid, k->big_endian);
			put_rec(f, 'R', desc, sizeof(desc), NULL, 0);
			ksd_store64(sb, st.low, false);
			ksd_store64(sb + 8, st.high, false);
			put_rec(f, 'S', sb, 16, NULL, 0);
			put_addrs(f, a, 2);
			put_segments(f, 'K', &r);
			fclose(f);
		}
	} else {
		fprintf(stderr, "mkseed: unknown kind '%s'\n", argv[1]);
		return 1;
	}
	ksd_kernel_destroy(k);
	ksd_dump_destroy(dump);
	return 0;
}
