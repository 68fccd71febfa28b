// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kexec_load path's parts: /proc/kcore, the memory map helpers,
 * segment placement and the elfcorehdr.  The elfcorehdr is checked with
 * libelf (an independent reader), then turned into the /proc/vmcore the
 * capture kernel would make of it and read back with lib/dump, so the
 * SDEI record note is known to survive the merge.
 */
#include "config.h"

#include <gelf.h>
#include <libelf.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <cmocka.h>

#include "check-error.h"
#include "dump/dump.h"
#include "dump/notes.h"
#include "elfcorehdr.h"
#include "kcore.h"
#include "layout.h"
#include "memmap.h"
#include "record/record.h"


/* little-endian stores, spelled out so the test does not share lib/'s */
static void put16(uint8_t *p, uint16_t v) { p[0] = v; p[1] = v >> 8; }
static void put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}
static void put64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* A note: namesz, descsz, type, name padded to 4, desc padded to 4. */
static size_t put_note(uint8_t *p, const char *name, uint32_t type,
		       const void *desc, uint32_t descsz)
{
	uint32_t namesz = (uint32_t)strlen(name) + 1;
	size_t n = 12 + ((namesz + 3) & ~3u), total = n + ((descsz + 3) & ~3u);

	memset(p, 0, total);
	put32(p, namesz);
	put32(p + 4, descsz);
	put32(p + 8, type);
	memcpy(p + 12, name, namesz);
	memcpy(p + n, desc, descsz);
	return total;
}

static const char vmcoreinfo_text[] =
	"OSRELEASE=6.1.0-56-arm64\nPAGESIZE=4096\n"
	"SYMBOL(_stext)=ffffae0421a10000\nNUMBER(VA_BITS)=48\n"
	"NUMBER(kimage_voffset)=0xffffae03e1800000\n"
	"NUMBER(PHYS_OFFSET)=0xffffd83d00000000\nKERNELOFFSET=2e0419a00000\n";

/*
 * A kcore as fs/proc/kcore.c writes it: ehdr, PT_NOTE, one PT_LOAD
 * (the linear map of 0x40000000), "CORE" notes, then VMCOREINFO.
 */
static size_t make_kcore(uint8_t *b, size_t cap)
{
	uint8_t notes[1024];
	uint8_t prstatus[392] = { 0 };
	size_t nl = 0, off = 64 + 2 * 56;

	nl += put_note(notes + nl, "CORE", 1, prstatus, sizeof(prstatus));
	nl += put_note(notes + nl, "VMCOREINFO", 0, vmcoreinfo_text,
		       sizeof(vmcoreinfo_text) - 1);
	assert_true(off + nl <= cap);
	memset(b, 0, off);
	memcpy(b, "\x7f" "ELF\x02\x01\x01", 7);
	put16(b + 16, 4);		/* ET_CORE */
	put16(b + 18, 183);		/* EM_AARCH64 */
	put32(b + 20, 1);
	put64(b + 32, 64);
	put16(b + 52, 64);
	put16(b + 54, 56);
	put16(b + 56, 2);
	put32(b + 64, 4);		/* PT_NOTE */
	put64(b + 64 + 8, off);
	put64(b + 64 + 32, nl);
	put32(b + 120, 1);		/* PT_LOAD */
	put64(b + 120 + 16, 0xffff27c340000000ull);
	put64(b + 120 + 24, 0x40000000);
	put64(b + 120 + 32, 0x20000000);
	memcpy(b + off, notes, nl);
	return off + nl;
}

static struct ksd_error *parse_kcore(const uint8_t *b, size_t len,
				     uint64_t claimed, struct kcore_info *k)
{
	int fd = memfd_create("kcore", 0);
	struct ksd_error *err;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, b, len), (ssize_t)len);
	err = kcore_parse_fd(fd, claimed, "kcore", k);
	close(fd);
	return err;
}

static void test_kcore(void **state)
{
	uint8_t b[2048];
	size_t len = make_kcore(b, sizeof(b));
	struct kcore_info k;

	(void)state;
	/* the real file claims the whole address space */
	assert_null(parse_kcore(b, len, 1ull << 47, &k));
	assert_non_null(k.vmcoreinfo);
	assert_string_equal(k.vmcoreinfo, vmcoreinfo_text);
	assert_int_equal(k.nloads, 1);
	assert_int_equal(k.loads[0].paddr, 0x40000000);
	kcore_info_deinit(&k);
}

static void test_kcore_hostile(void **state)
{
	uint8_t b[2048], c[2048];
	size_t len = make_kcore(b, sizeof(b));
	struct kcore_info k;

	(void)state;
	check_err(parse_kcore(b, 40, 40, &k), KSD_ERR_EOF, "kcore ends inside its ELF header");
	memcpy(c, b, len);
	put16(c + 18, 62);		/* EM_X86_64 */
	check_err(parse_kcore(c, len, len, &k), KSD_ERR_CORRUPT, "not an arm64 core file");
	memcpy(c, b, len);
	c[5] = 2;			/* big-endian */
	check_err(parse_kcore(c, len, len, &k), KSD_ERR_CORRUPT, "little-endian ELF64");
	memcpy(c, b, len);
	put16(c + 56, 0xffff);
	check_err(parse_kcore(c, len, len, &k), KSD_ERR_LIMIT, "program headers");
	memcpy(c, b, len);
	put64(c + 64 + 8, 1ull << 40);	/* PT_NOTE offset past the file */
	check_err(parse_kcore(c, len, len, &k), KSD_ERR_CORRUPT, "beyond the file");
	memcpy(c, b, len);
	put64(c + 64 + 32, 1ull << 30);	/* a 1 GiB note segment */
	check_err(parse_kcore(c, len, 1ull << 47, &k), KSD_ERR_LIMIT, "more than the");
	memcpy(c, b, len);
	put32(c + 120, 4);		/* a second PT_NOTE */
	check_err(parse_kcore(c, len, len, &k), KSD_ERR_CORRUPT, "more than one PT_NOTE");
	memcpy(c, b, len);
	put32(c + 64 + 2 * 56 + 4, 1u << 20);	/* first note's descsz overruns */
	check_err(parse_kcore(c, len, len, &k), KSD_ERR_CORRUPT, "kcore: notes");
	/* the file is cut inside its notes */
	check_err(parse_kcore(b, len - 8, len - 8, &k), KSD_ERR_CORRUPT, "beyond the file");
}

static void test_vmcoreinfo_sysfs(void **state)
{
	uint64_t a, s;

	(void)state;
	assert_null(memmap_parse_vmcoreinfo_sysfs("0x0000000042752000 1024", "f", &a, &s));
	assert_int_equal(a, 0x42752000);
	assert_int_equal(s, 0x1024);
	check_err(memmap_parse_vmcoreinfo_sysfs("42752000", "f", &a, &s),
		  KSD_ERR_CORRUPT, "f: expected");
	check_err(memmap_parse_vmcoreinfo_sysfs("0x1000 zz", "f", &a, &s),
		  KSD_ERR_CORRUPT, "f: expected");
	check_err(memmap_parse_vmcoreinfo_sysfs("0x1000 0", "f", &a, &s),
		  KSD_ERR_CORRUPT, "not plausible");
	check_err(memmap_parse_vmcoreinfo_sysfs("0xfffffffffffff000 2000", "f", &a, &s),
		  KSD_ERR_CORRUPT, "not plausible");
	check_err(memmap_parse_vmcoreinfo_sysfs("0x11111111111111111 10", "f", &a, &s),
		  KSD_ERR_CORRUPT, "f: expected");
}

static void test_dump_ranges(void **state)
{
	struct mem_range ram[] = {
		{ 0x40000000, 0x7fffffff }, { 0x80000000, 0xbfffffff },
	};
	struct memmap m = {
		.ram = ram, .nram = 2, .ncrash = 2,
		.crash = { { 0x40000000, 0x4fffffff }, { 0x9000000, 0 } },
	};
	struct mem_range *d;
	size_t n;

	(void)state;
	/* low range at the start of RAM, high one inside the second range */
	m.crash[1] = (struct mem_range){ 0x90000000, 0x9fffffff };
	assert_null(memmap_dump_ranges(&m, &d, &n));
	assert_int_equal(n, 3);
	assert_int_equal(d[0].start, 0x50000000);
	assert_int_equal(d[0].end, 0x7fffffff);
	assert_int_equal(d[1].start, 0x80000000);
	assert_int_equal(d[1].end, 0x8fffffff);
	assert_int_equal(d[2].start, 0xa0000000);
	assert_int_equal(d[2].end, 0xbfffffff);
	free(d);
	/* a reservation that is a whole RAM range removes it */
	m.crash[1] = ram[1];
	assert_null(memmap_dump_ranges(&m, &d, &n));
	assert_int_equal(n, 1);
	free(d);
}

static void test_free_ranges(void **state)
{
	struct mem_range ram[] = { { 0x40000000, 0x7fffffff } };
	struct mem_range busy[] = {
		{ 0x40000000, 0x40000fff }, { 0x48000000, 0x482fffff },
		{ 0x7fc00000, 0x7fffffff },
	};
	struct memmap m = {
		.ram = ram, .nram = 1, .busy = busy, .nbusy = 3, .ncrash = 1,
		.crash = { { 0x6ec00000, 0x7abfffff } },
	};
	struct mem_range *f;
	size_t n;

	(void)state;
	assert_null(memmap_free_ranges(&m, &f, &n));
	assert_int_equal(n, 3);
	assert_int_equal(f[0].start, 0x40001000);
	assert_int_equal(f[0].end, 0x47ffffff);
	assert_int_equal(f[1].start, 0x48300000);
	assert_int_equal(f[1].end, 0x6ebfffff);
	assert_int_equal(f[2].start, 0x7ac00000);
	assert_int_equal(f[2].end, 0x7fbfffff);
	free(f);
}

static void test_layout(void **state)
{
	struct mem_range r = { 0x6ec00000, 0x7abfffff };
	struct layout l;
	uint64_t at;

	(void)state;
	assert_null(layout_init(&l, &r, 1, 4096));
	assert_null(layout_claim(&l, "kernel", 0x6ec00000, 0x2000000));
	check_err(layout_claim(&l, "initrd", 0x6ed00000, 0x1000), KSD_ERR_INTERNAL,
		  "the initrd at 0x6ed00000-0x6ed00fff overlaps the kernel");
	check_err(layout_claim(&l, "dtb", 0x7ac00000, 0x1000), KSD_ERR_LIMIT,
		  "outside the memory it may use");
	check_err(layout_claim(&l, "dtb", 0x6ebff000, 0x2000), KSD_ERR_LIMIT,
		  "outside");
	check_err(layout_claim(&l, "dtb", 0x70000800, 0x1000), KSD_ERR_INTERNAL,
		  "not aligned");
	assert_null(layout_place(&l, "elfcorehdr", 100, 0, 0, LAYOUT_TOP_DOWN, &at));
	assert_int_equal(at, 0x7abff000);
	assert_null(layout_place(&l, "initrd", 0x10001, 0, 0x6ec00000,
				 LAYOUT_BOTTOM_UP, &at));
	assert_int_equal(at, 0x70c00000);
	assert_null(layout_place(&l, "dtb", 0x1000, 0x200000, 0,
				 LAYOUT_BOTTOM_UP, &at));
	assert_int_equal(at, 0x70e00000);
	check_err(layout_place(&l, "big", 0x10000000, 0, 0, LAYOUT_BOTTOM_UP, &at),
		  KSD_ERR_LIMIT, "no room for the big (268435456 bytes");
	layout_deinit(&l);
}

static void test_layout_segment_limit(void **state)
{
	struct mem_range r = { 0x40000000, 0x7fffffff };
	struct layout l;
	uint64_t at;

	(void)state;
	assert_null(layout_init(&l, &r, 1, 65536));
	for (int i = 0; i < KEXEC_SEGMENT_MAX; i++)
		assert_null(layout_place(&l, "seg", 1, 0, 0, LAYOUT_BOTTOM_UP, &at));
	assert_int_equal(at, 0x40000000 + 15 * 65536);
	check_err(layout_place(&l, "initrd", 1, 0, 0, LAYOUT_BOTTOM_UP, &at),
		  KSD_ERR_LIMIT, "segment 17", "KEXEC_SEGMENT_MAX");
	layout_deinit(&l);
	/* a region smaller than a page leaves nothing */
	r = (struct mem_range){ 0x40000800, 0x40000fff };
	assert_null(layout_init(&l, &r, 1, 4096));
	assert_int_equal(l.nregions, 0);
	check_err(layout_place(&l, "dtb", 1, 0, 0, LAYOUT_BOTTOM_UP, &at),
		  KSD_ERR_LIMIT, "no room");
	layout_deinit(&l);
}

/* The deb61-kdump machine: 512 MiB at 1 GiB, 192 MiB reserved. */
static struct mem_range hdr_ram[] = { { 0x40000000, 0x5fffffff } };

static void hdr_memmap(struct memmap *m)
{
	*m = (struct memmap){
		.ram = hdr_ram, .nram = 1, .ncrash = 1,
		.crash = { { 0x4f600000, 0x5b5fffff } },
		.phys_offset = 0xffffd83d00000000ull, .va_bits = 48,
		.page_offset = 0xffff000000000000ull, .page_size = 4096,
		.kern_paddr = 0x40200000, .kern_vaddr = 0xffffae0421a00000ull,
		.kern_size = 0x2010000,
		.vmcoreinfo_addr = 0x42752000, .vmcoreinfo_size = 0x1024,
	};
}

/* CPUs 0, 1, 8 and 9 possible (sparse), CPU 1 without crash_notes. */
static struct cpu_info hdr_cpus[] = {
	{ .cpu = 0, .have_notes = true, .notes = 0x5fea6600, .notes_size = 424 },
	{ .cpu = 1 },
	{ .cpu = 8, .have_notes = true, .notes = 0x5fec5600, .notes_size = 424 },
	{ .cpu = 9, .have_notes = true, .notes = 0x5fee4600, .notes_size = 424 },
};

static void make_record(uint8_t **note, size_t *len)
{
	struct ksd_record rec;

	ksd_record_init(&rec);
	rec.firmware = KSD_FW_DT;
	rec.conduit = KSD_CONDUIT_SMC;
	rec.nmi = KSD_NMI_ARMED;
	rec.pseudo_nmi = KSD_PNMI_OFF;
	rec.has_nr_cpus = true;
	rec.nr_cpus = 4;
	assert_null(ksd_record_set_loader(&rec, "kexec-sdei test"));
	assert_null(ksd_record_set_cpu(&rec, 9, 0x10003, 0x5fee4600, 424));
	assert_null(ksd_record_note(&rec, false, note, len));
	ksd_record_deinit(&rec);
}

struct hdr_phdr {
	uint32_t type;
	uint64_t offset, vaddr, paddr, size;
};

static void test_elfcorehdr(void **state)
{
	struct cpu_map cpus = { .have_possible = true, .cpus = hdr_cpus, .n = 4 };
	const uint64_t base = 0x5b5ff000;
	const struct hdr_phdr want[] = {
		{ PT_NOTE, 0x5fea6600, 0, 0x5fea6600, 424 },
		{ PT_NOTE, 0x5fec5600, 0, 0x5fec5600, 424 },
		{ PT_NOTE, 0x5fee4600, 0, 0x5fee4600, 424 },
		{ PT_NOTE, 0x42752000, 0, 0x42752000, 0x1024 },
		{ PT_NOTE, 0, 0, 0, 0 },	/* the record: checked below */
		{ PT_LOAD, 0x40200000, 0xffffae0421a00000ull, 0x40200000, 0x2010000 },
		/* kexec-tools' PT_LOADs for this machine (a real dump) */
		{ PT_LOAD, 0x40000000, 0xffff27c340000000ull, 0x40000000, 0xf600000 },
		{ PT_LOAD, 0x5b600000, 0xffff27c35b600000ull, 0x5b600000, 0x4a00000 },
	};
	struct elfcorehdr_input in = { .cpus = &cpus };
	struct memmap m;
	uint8_t *note, *hdr;
	size_t note_len, len;
	GElf_Ehdr eh;
	Elf *e;

	(void)state;
	hdr_memmap(&m);
	make_record(&note, &note_len);
	in.mm = &m;
	in.record_note = note;
	in.record_len = note_len;
	assert_null(elfcorehdr_build(&in, base, &hdr, &len));
	assert_int_equal(elf_version(EV_CURRENT) != EV_NONE, 1);
	e = elf_memory((char *)hdr, len);
	assert_non_null(e);
	assert_int_equal(elf_kind(e), ELF_K_ELF);
	assert_non_null(gelf_getehdr(e, &eh));
	assert_int_equal(gelf_getclass(e), ELFCLASS64);
	assert_int_equal(eh.e_ident[EI_DATA], ELFDATA2LSB);
	assert_int_equal(eh.e_type, ET_CORE);
	assert_int_equal(eh.e_machine, EM_AARCH64);
	assert_int_equal(eh.e_phnum, 8);
	for (int i = 0; i < 8; i++) {
		GElf_Phdr ph;

		assert_non_null(gelf_getphdr(e, i, &ph));
		assert_int_equal(ph.p_type, want[i].type);
		if (i == 4) {
			/* inside this segment, right where the note was put */
			size_t off = elfcorehdr_record_offset(&in);

			static const uint8_t end[12];

			assert_int_equal(ph.p_paddr, base + off);
			assert_int_equal(ph.p_offset, base + off);
			/* the note, then an empty header, as final_note() */
			assert_int_equal(ph.p_filesz, note_len + 12);
			assert_int_equal(ph.p_memsz, note_len + 12);
			assert_true(off + note_len + 12 == len);
			assert_memory_equal(hdr + off, note, note_len);
			assert_memory_equal(hdr + off + note_len, end, 12);
			continue;
		}
		assert_int_equal(ph.p_offset, want[i].offset);
		assert_int_equal(ph.p_vaddr, want[i].vaddr);
		assert_int_equal(ph.p_paddr, want[i].paddr);
		assert_int_equal(ph.p_filesz, want[i].size);
		assert_int_equal(ph.p_memsz, want[i].size);
		if (ph.p_type == PT_LOAD)
			assert_int_equal(ph.p_flags, PF_R | PF_W | PF_X);
	}
	elf_end(e);
	free(hdr);
	free(note);
}

/*
 * What the capture kernel does with the elfcorehdr (fs/proc/vmcore.c,
 * merge_note_headers_elf64()): read each PT_NOTE's bytes from the old
 * memory at p_offset, keep the notes up to the first empty one, and
 * present them as one PT_NOTE.  Here "old memory" is the elfcorehdr
 * segment itself for the record, a "CORE" NT_PRSTATUS for each CPU, and
 * VMCOREINFO text; then lib/dump opens the result as any vmcore.
 */
/*
 * update_note_header_size_elf64(): walk the notes of a PT_NOTE of @max
 * bytes until an n_namesz of 0 (it reads that header before comparing
 * with @max, so the header must be inside), and keep what came before.
 * Copies the kept notes to @out and returns their size.
 */
static size_t vmcore_note_size(uint8_t *out, const uint8_t *notes, size_t max)
{
	size_t real = 0;

	for (;;) {
		uint32_t namesz, descsz;
		size_t sz;

		assert_true(real + 12 <= max);	/* the kernel would read past */
		memcpy(&namesz, notes + real, 4);
		memcpy(&descsz, notes + real + 4, 4);
		if (!namesz)
			break;
		sz = 12 + ((namesz + 3) & ~3u) + ((descsz + 3) & ~3u);
		assert_true(real + sz <= max);
		real += sz;
	}
	memcpy(out, notes, real);
	return real;
}

static void test_record_survives_vmcore(void **state)
{
	struct cpu_map cpus = { .have_possible = true, .cpus = hdr_cpus, .n = 4 };
	const uint64_t base = 0x5b5ff000;
	struct elfcorehdr_input in = { .cpus = &cpus };
	uint8_t *note, *hdr, *out, prstatus[392] = { 0 };
	size_t note_len, len, nl = 0, off;
	const uint8_t *notes;
	struct ksd_note_iter it;
	struct ksd_record rec;
	struct ksd_dump *d;
	struct ksd_note n;
	bool end, found = false;
	struct memmap m;
	GElf_Ehdr eh;
	Elf *e;

	(void)state;
	hdr_memmap(&m);
	make_record(&note, &note_len);
	in.mm = &m;
	in.record_note = note;
	in.record_len = note_len;
	assert_null(elfcorehdr_build(&in, base, &hdr, &len));
	out = calloc(1, 1 << 16);
	assert_non_null(out);
	e = elf_memory((char *)hdr, len);
	assert_non_null(gelf_getehdr(e, &eh));
	off = 64 + 56 * 2;	/* the merged PT_NOTE and one PT_LOAD */
	for (int i = 0; i < eh.e_phnum; i++) {
		GElf_Phdr ph;

		assert_non_null(gelf_getphdr(e, i, &ph));
		if (ph.p_type != PT_NOTE)
			continue;
		if (ph.p_paddr >= base && ph.p_paddr < base + len)
			nl += vmcore_note_size(out + off + nl, hdr + (ph.p_paddr - base),
					       ph.p_memsz);
		else if (ph.p_paddr == m.vmcoreinfo_addr)
			nl += put_note(out + off + nl, "VMCOREINFO", 0, vmcoreinfo_text,
				       sizeof(vmcoreinfo_text) - 1);
		else
			nl += put_note(out + off + nl, "CORE", 1, prstatus, sizeof(prstatus));
	}
	elf_end(e);
	memcpy(out, hdr, 64);
	put16(out + 56, 2);
	put32(out + 64, PT_NOTE);
	put64(out + 64 + 8, off);
	put64(out + 64 + 32, nl);
	put64(out + 64 + 40, nl);
	put32(out + 120, PT_LOAD);	/* one page of RAM, zeroes */
	put64(out + 120 + 8, (off + nl + 4095) & ~4095ul);
	put64(out + 120 + 16, 0xffff27c340000000ull);
	put64(out + 120 + 24, 0x40000000);
	put64(out + 120 + 32, 4096);
	put64(out + 120 + 40, 4096);
	assert_null(ksd_dump_open_memory(out, ((off + nl + 4095) & ~4095ul) + 4096,
					 "vmcore", &d));
	ksd_dump_notes(d, &notes, &nl);
	ksd_note_iter_init(&it, notes, nl, false);
	for (;;) {
		assert_null(ksd_note_next(&it, &n, &end));
		if (end)
			break;
		if (!ksd_note_is(&n, KSD_RECORD_NOTE_NAME, KSD_RECORD_NOTE_TYPE))
			continue;
		found = true;
		ksd_record_init(&rec);
		assert_null(ksd_record_parse((const char *)n.desc, n.desc_len, &rec));
		assert_int_equal(rec.firmware, KSD_FW_DT);
		assert_int_equal(rec.nmi, KSD_NMI_ARMED);
		assert_int_equal(rec.nr_cpus, 4);
		assert_int_equal(rec.ncpus, 10);
		assert_true(rec.cpus[9].present);
		assert_int_equal(rec.cpus[9].notes, 0x5fee4600);
		ksd_record_deinit(&rec);
	}
	assert_true(found);
	ksd_dump_destroy(d);
	free(out);
	free(hdr);
	free(note);
}

static void test_elfcorehdr_limit(void **state)
{
	struct cpu_map cpus = { .have_possible = true, .cpus = hdr_cpus, .n = 4 };
	struct elfcorehdr_input in = { .cpus = &cpus };
	struct mem_range *ram = calloc(70000, sizeof(*ram));
	struct memmap m;
	uint8_t *hdr;
	size_t len;

	(void)state;
	assert_non_null(ram);
	hdr_memmap(&m);
	for (size_t i = 0; i < 70000; i++)
		ram[i] = (struct mem_range){ 0x100000000ull + i * 0x20000,
					     0x100000000ull + i * 0x20000 + 0xffff };
	m.ram = ram;
	m.nram = 70000;
	m.ncrash = 0;
	in.mm = &m;
	check_err(elfcorehdr_build(&in, 0, &hdr, &len), KSD_ERR_LIMIT,
		  "70005 program headers");
	free(ram);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kcore),
		cmocka_unit_test(test_kcore_hostile),
		cmocka_unit_test(test_vmcoreinfo_sysfs),
		cmocka_unit_test(test_dump_ranges),
		cmocka_unit_test(test_free_ranges),
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_layout_segment_limit),
		cmocka_unit_test(test_elfcorehdr),
		cmocka_unit_test(test_record_survives_vmcore),
		cmocka_unit_test(test_elfcorehdr_limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
