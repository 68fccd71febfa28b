// SPDX-License-Identifier: GPL-2.0-or-later
/* lib/dump ELF cores: layouts, physical reads, and hostile headers. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "dump/dump.h"
#include "check-error.h"

/*
 * A tiny ELF core writer.  It spells out the ELF layout (System V gABI,
 * "ELF Header" and "Program Header") by offsets instead of using <elf.h>
 * or lib/ headers, so a reader mistake cannot be mirrored here.
 *
 *   field        ELF64 off  size   ELF32 off  size
 *   e_ident           0      16         0      16
 *   e_type           16       2        16       2
 *   e_machine        18       2        18       2
 *   e_version        20       4        20       4
 *   e_entry          24       8        24       4
 *   e_phoff          32       8        28       4
 *   e_shoff          40       8        32       4
 *   e_flags          48       4        36       4
 *   e_ehsize         52       2        40       2
 *   e_phentsize      54       2        42       2
 *   e_phnum          56       2        44       2
 *   e_shentsize      58       2        46       2
 *   e_shnum          60       2        48       2
 *   e_shstrndx       62       2        50       2
 *
 *   phdr field   ELF64 off  size   ELF32 off  size
 *   p_type            0       4         0       4
 *   p_flags           4       4        24       4
 *   p_offset          8       8         4       4
 *   p_vaddr          16       8         8       4
 *   p_paddr          24       8        12       4
 *   p_filesz         32       8        16       4
 *   p_memsz          40       8        20       4
 *   p_align          48       8        28       4
 */
enum {
	ET_CORE_ = 4, ET_EXEC_ = 2,
	PT_LOAD_ = 1, PT_NOTE_ = 4,
	EM_AARCH64_ = 183,
	PN_XNUM_ = 0xffff,
	EHDR64 = 64, PHDR64 = 56, SHDR64 = 64,
	EHDR32 = 52, PHDR32 = 32,
};

struct img {
	uint8_t *buf;
	size_t len, cap;
	bool is64, big;
	size_t nphdr;		/* phdrs reserved after the ehdr */
};

static void put(struct img *m, size_t off, uint64_t v, unsigned int size)
{
	assert_true(off + size <= m->len);
	for (unsigned int i = 0; i < size; i++) {
		unsigned int at = m->big ? size - 1 - i : i;

		m->buf[off + at] = (uint8_t)(v >> (8 * i));
	}
}

static void grow(struct img *m, size_t len)
{
	if (len > m->cap) {
		m->cap = len * 2;
		m->buf = realloc(m->buf, m->cap);
		assert_non_null(m->buf);
	}
	if (len > m->len)
		memset(m->buf + m->len, 0, len - m->len);
	m->len = len;
}

static size_t phdr_size(const struct img *m)
{
	return m->is64 ? PHDR64 : PHDR32;
}

static size_t ehdr_size(const struct img *m)
{
	return m->is64 ? EHDR64 : EHDR32;
}

/*
 * Start an ET_CORE image for EM_AARCH64 with room for @nphdr program
 * headers right after the ELF header (e_phnum says @nphdr).
 */
static void img_init(struct img *m, bool is64, bool big, size_t nphdr)
{
	*m = (struct img){ .is64 = is64, .big = big, .nphdr = nphdr };
	grow(m, ehdr_size(m) + nphdr * phdr_size(m));
	memcpy(m->buf, "\x7f" "ELF", 4);
	m->buf[4] = is64 ? 2 : 1;	/* EI_CLASS */
	m->buf[5] = big ? 2 : 1;	/* EI_DATA */
	m->buf[6] = 1;			/* EI_VERSION */
	put(m, 16, ET_CORE_, 2);
	put(m, 18, EM_AARCH64_, 2);
	put(m, 20, 1, 4);
	if (is64) {
		put(m, 32, EHDR64, 8);	/* e_phoff */
		put(m, 52, EHDR64, 2);
		put(m, 54, PHDR64, 2);
		put(m, 56, nphdr, 2);
		put(m, 58, SHDR64, 2);
	} else {
		put(m, 28, EHDR32, 4);
		put(m, 40, EHDR32, 2);
		put(m, 42, PHDR32, 2);
		put(m, 44, nphdr, 2);
		put(m, 46, 40, 2);
	}
}

static void img_free(struct img *m)
{
	free(m->buf);
	m->buf = NULL;
}

/* Append @len bytes (zeros if @data is NULL), 8-aligned; return the offset. */
static size_t img_append(struct img *m, const void *data, size_t len)
{
	size_t off = (m->len + 7) & ~(size_t)7;

	grow(m, off + len);
	if (data)
		memcpy(m->buf + off, data, len);
	return off;
}

static void img_phdr(struct img *m, size_t i, uint32_t type, uint64_t off,
		     uint64_t vaddr, uint64_t paddr, uint64_t filesz,
		     uint64_t memsz)
{
	size_t p = ehdr_size(m) + i * phdr_size(m);

	assert_true(i < m->nphdr);
	put(m, p, type, 4);
	if (m->is64) {
		put(m, p + 4, 7, 4);
		put(m, p + 8, off, 8);
		put(m, p + 16, vaddr, 8);
		put(m, p + 24, paddr, 8);
		put(m, p + 32, filesz, 8);
		put(m, p + 40, memsz, 8);
	} else {
		put(m, p + 4, off, 4);
		put(m, p + 8, vaddr, 4);
		put(m, p + 12, paddr, 4);
		put(m, p + 16, filesz, 4);
		put(m, p + 20, memsz, 4);
		put(m, p + 24, 7, 4);
	}
}

/* The byte stored at physical address @paddr in every test image. */
static uint8_t pattern(uint64_t paddr)
{
	return (uint8_t)(paddr ^ (paddr >> 8) ^ (paddr >> 16) ^ 0x5a);
}

/* A PT_LOAD whose @filesz bytes, pattern() of their address, go at the end. */
static size_t img_load(struct img *m, size_t i, uint64_t vaddr,
		       uint64_t paddr, uint64_t filesz, uint64_t memsz)
{
	size_t off = img_append(m, NULL, (size_t)filesz);

	for (uint64_t k = 0; k < filesz; k++)
		m->buf[off + k] = pattern(paddr + k);
	img_phdr(m, i, PT_LOAD_, off, vaddr, paddr, filesz, memsz);
	return off;
}

/* One "CORE" note (n_namesz 5) with an 8-byte descriptor, in m's order. */
static size_t img_note(struct img *m, size_t i, uint8_t *copy, size_t *len)
{
	uint8_t note[12 + 8 + 8] = { 0 };
	struct img tmp = { .buf = note, .len = sizeof(note), .big = m->big };
	size_t off;

	put(&tmp, 0, 5, 4);
	put(&tmp, 4, 8, 4);
	put(&tmp, 8, 1, 4);
	memcpy(note + 12, "CORE", 5);
	memcpy(note + 20, "regs..!!", 8);
	off = img_append(m, note, sizeof(note));
	img_phdr(m, i, PT_NOTE_, off, 0, 0x4f001000, sizeof(note),
		 sizeof(note));
	if (copy) {
		memcpy(copy, note, sizeof(note));
		*len = sizeof(note);
	}
	return off;
}

static struct ksd_dump *open_ok(const struct img *m)
{
	struct ksd_dump *dump = NULL;

	check_ok(ksd_dump_open_memory(m->buf, m->len, "mem.vmcore", &dump));
	assert_non_null(dump);
	return dump;
}

static void expect_bytes(struct ksd_dump *dump, uint64_t paddr, size_t len,
			 unsigned int want_flags)
{
	uint8_t *buf = malloc(len);
	unsigned int flags = 0xdead;

	assert_non_null(buf);
	check_ok(ksd_dump_read_phys(dump, paddr, buf, len, &flags));
	for (size_t k = 0; k < len; k++)
		if (buf[k] != pattern(paddr + k))
			fail_msg("byte at 0x%llx is 0x%02x, expected 0x%02x",
				 (unsigned long long)(paddr + k), buf[k],
				 pattern(paddr + k));
	assert_int_equal(flags, want_flags);
	free(buf);
}

static void expect_absent(struct ksd_dump *dump, uint64_t paddr, size_t len,
			  const char *addr_text)
{
	uint8_t buf[64];

	assert_true(len <= sizeof(buf));
	check_err(ksd_dump_read_phys(dump, paddr, buf, len, NULL),
		  KSD_ERR_NOT_PRESENT, addr_text, "not in the dump");
}

/* A note and a RAM PT_LOAD: the basic shape, in either class and order. */
static void basic(bool is64, bool big)
{
	uint8_t note[64];
	const struct ksd_dump_info *info;
	const uint8_t *notes;
	size_t note_len = 0, len;
	struct ksd_dump *dump;
	struct img m;

	img_init(&m, is64, big, 2);
	img_note(&m, 0, note, &note_len);
	img_load(&m, 1, 0xc0000000, 0x80000000, 0x2000, 0x2000);
	dump = open_ok(&m);

	info = ksd_dump_info(dump);
	assert_string_equal(info->format, "elf");
	assert_int_equal(info->elf_class, is64 ? 64 : 32);
	assert_int_equal(info->big_endian, big);
	assert_int_equal(info->machine, 183);
	assert_false(info->incomplete);
	assert_false(info->truncated);
	assert_int_equal(info->file_size, m.len);
	assert_int_equal(info->load_segments, 1);
	assert_string_equal(ksd_dump_path(dump), "mem.vmcore");

	/* Notes come back as bytes in the dump's own order. */
	ksd_dump_notes(dump, &notes, &len);
	assert_int_equal(len, note_len);
	assert_memory_equal(notes, note, note_len);

	expect_bytes(dump, 0x80000000, 64, 0);
	expect_bytes(dump, 0x80001ff0, 16, 0);
	expect_absent(dump, 0x80002000, 1, "0x80002000");
	ksd_dump_destroy(dump);
	img_free(&m);
}

static void test_elf64_little_endian(void **state)
{
	(void)state;
	basic(true, false);
}

static void test_elf64_big_endian(void **state)
{
	(void)state;
	basic(true, true);
}

static void test_elf32_little_endian(void **state)
{
	(void)state;
	basic(false, false);
}

/* Memory is found by p_paddr; p_vaddr is a hint that may be wrong. */
static void test_mapped_by_paddr(void **state)
{
	struct ksd_dump *dump;
	struct img m;

	(void)state;
	img_init(&m, true, false, 2);
	img_note(&m, 0, NULL, NULL);
	img_load(&m, 1, 0x40000000, 0x90000000, 0x1000, 0x1000);
	dump = open_ok(&m);
	expect_bytes(dump, 0x90000000, 32, 0);
	expect_absent(dump, 0x40000000, 8, "0x40000000");
	ksd_dump_destroy(dump);
	img_free(&m);
}

/* One read across two PT_LOADs whose bytes are far apart in the file. */
static void test_read_spans_adjacent_segments(void **state)
{
	struct ksd_dump *dump;
	struct img m;

	(void)state;
	img_init(&m, true, true, 3);
	img_note(&m, 0, NULL, NULL);
	img_load(&m, 1, 0, 0x81000, 0x1000, 0x1000);	/* upper first */
	img_load(&m, 2, 0, 0x80000, 0x1000, 0x1000);
	dump = open_ok(&m);
	expect_bytes(dump, 0x80ff0, 0x20, 0);
	expect_bytes(dump, 0x80000, 0x2000, 0);
	ksd_dump_destroy(dump);
	img_free(&m);
}

/* p_filesz < p_memsz: the tail reads as zeros and says so. */
static void test_excluded_tail_reads_zero(void **state)
{
	uint8_t buf[0x40];
	unsigned int flags = 0;
	struct ksd_dump *dump;
	struct img m;

	(void)state;
	img_init(&m, true, false, 2);
	img_note(&m, 0, NULL, NULL);
	img_load(&m, 1, 0, 0x100000, 0x1000, 0x3000);
	dump = open_ok(&m);
	expect_bytes(dump, 0x100fc0, 0x40, 0);

	memset(buf, 0xaa, sizeof(buf));
	check_ok(ksd_dump_read_phys(dump, 0x101800, buf, sizeof(buf), &flags));
	assert_int_equal(flags, KSD_READ_EXCLUDED);
	for (size_t k = 0; k < sizeof(buf); k++)
		assert_int_equal(buf[k], 0);

	/* Half data, half tail. */
	memset(buf, 0xaa, sizeof(buf));
	flags = 0;
	check_ok(ksd_dump_read_phys(dump, 0x100fe0, buf, sizeof(buf), &flags));
	assert_int_equal(flags, KSD_READ_EXCLUDED);
	for (size_t k = 0; k < 0x20; k++)
		assert_int_equal(buf[k], pattern(0x100fe0 + k));
	for (size_t k = 0x20; k < sizeof(buf); k++)
		assert_int_equal(buf[k], 0);

	/* Past p_memsz nothing is declared. */
	expect_absent(dump, 0x102ff0, 0x20, "0x103000");
	ksd_dump_destroy(dump);
	img_free(&m);
}

static void test_absent_address_named_in_hex(void **state)
{
	struct ksd_dump *dump;
	struct img m;

	(void)state;
	img_init(&m, true, false, 2);
	img_note(&m, 0, NULL, NULL);
	img_load(&m, 1, 0, 0x1000, 0x1000, 0x1000);
	dump = open_ok(&m);
	expect_absent(dump, 0xdeadbeef000, 8, "0xdeadbeef000");
	expect_absent(dump, 0x0, 8, "physical address 0x0 ");
	/* A read running off the end names the first missing byte. */
	expect_absent(dump, 0x1ff8, 16, "0x2000");
	check_err(ksd_dump_read_phys(dump, UINT64_MAX - 3, (uint8_t[8]){ 0 },
				     8, NULL),
		  KSD_ERR_INVALID_ARG, "0xfffffffffffffffc", "wraps around");
	ksd_dump_destroy(dump);
	img_free(&m);
}

/*
 * The kernel-text PT_LOAD (first, as the kernel writes it) duplicates part
 * of a RAM PT_LOAD; reads inside, across its edges, and across the whole
 * RAM range must all give the bytes of those addresses.
 */
static void test_kernel_text_overlaps_ram(void **state)
{
	struct ksd_dump *dump;
	struct img m;

	(void)state;
	img_init(&m, true, false, 3);
	img_note(&m, 0, NULL, NULL);
	img_load(&m, 1, 0xffff800080010000, 0x40012000, 0x3000, 0x3000);
	img_load(&m, 2, 0xffff000000000000, 0x40000000, 0x100000, 0x100000);
	dump = open_ok(&m);
	assert_int_equal(ksd_dump_info(dump)->load_segments, 2);
	expect_bytes(dump, 0x40012000, 0x3000, 0);
	expect_bytes(dump, 0x40011ff0, 0x20, 0);
	expect_bytes(dump, 0x40014ff0, 0x20, 0);
	expect_bytes(dump, 0x40000000, 0x100000, 0);
	expect_absent(dump, 0x400ffff8, 16, "0x40100000");
	ksd_dump_destroy(dump);
	img_free(&m);
}

/* The kernel text may also run past the end of the RAM range it starts in. */
static void test_kernel_text_straddles_ram_end(void **state)
{
	struct ksd_dump *dump;
	struct img m;

	(void)state;
	img_init(&m, true, false, 3);
	img_note(&m, 0, NULL, NULL);
	img_load(&m, 1, 0, 0x4000f000, 0x2000, 0x2000);
	img_load(&m, 2, 0, 0x40000000, 0x10000, 0x10000);
	dump = open_ok(&m);
	expect_bytes(dump, 0x4000e000, 0x3000, 0);
	expect_absent(dump, 0x40010ff8, 16, "0x40011000");
	ksd_dump_destroy(dump);
	img_free(&m);
}

/* makedumpfile sets e_flags bit 0 when it could not write everything. */
static void test_incomplete_flag(void **state)
{
	static const struct {
		uint32_t flags;
		bool incomplete;
	} cases[] = {
		{ 0x0, false }, { 0x1, true }, { 0x2, false }, { 0x3, true },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ksd_dump *dump;
		struct img m;

		img_init(&m, true, i & 1, 2);
		img_note(&m, 0, NULL, NULL);
		img_load(&m, 1, 0, 0x80000000, 0x100, 0x100);
		put(&m, 48, cases[i].flags, 4);
		dump = open_ok(&m);
		assert_int_equal(ksd_dump_info(dump)->incomplete,
				 cases[i].incomplete);
		expect_bytes(dump, 0x80000000, 0x100, 0);
		ksd_dump_destroy(dump);
		img_free(&m);
	}
}

/*
 * PN_XNUM: e_phnum 0xffff, the real count in section header 0's sh_info
 * (ELF64 shdr: sh_size at 32, sh_link at 40, sh_info at 44).  @nloads
 * PT_LOADs of 16 bytes each, one every 0x1000.
 */
static void xnum(size_t nloads, bool big)
{
	struct ksd_dump *dump;
	size_t shoff;
	struct img m;

	img_init(&m, true, big, 1 + nloads);
	put(&m, 56, PN_XNUM_, 2);
	img_note(&m, 0, NULL, NULL);
	for (size_t i = 0; i < nloads; i++)
		img_load(&m, 1 + i, 0, 0x100000 + 0x1000 * i, 16, 16);
	shoff = img_append(&m, NULL, SHDR64);
	put(&m, 40, shoff, 8);		/* e_shoff */
	/* e_shnum 0 with e_shoff set: the section count is in sh_size. */
	put(&m, 60, 0, 2);
	put(&m, shoff + 32, 1, 8);	/* sh_size: the section count */
	put(&m, shoff + 44, 1 + nloads, 4);	/* sh_info: the phdr count */
	dump = open_ok(&m);
	assert_int_equal(ksd_dump_info(dump)->load_segments, nloads);
	expect_bytes(dump, 0x100000, 16, 0);
	expect_bytes(dump, 0x100000 + 0x1000 * (nloads - 1), 16, 0);
	expect_absent(dump, 0x100000 + 0x1000 * nloads, 1, "0x");
	ksd_dump_destroy(dump);
	img_free(&m);
}

static void test_pn_xnum_small(void **state)
{
	(void)state;
	xnum(3, false);
	xnum(3, true);
}

/* More PT_LOADs than e_phnum could ever hold. */
static void test_pn_xnum_large(void **state)
{
	(void)state;
	xnum(70001, false);
}

/*
 * A copy cut short: the PT_LOAD claims bytes past the end of the buffer.
 * The dump still opens, says it is truncated, and reads what is there.
 */
static void test_truncated_load(void **state)
{
	struct ksd_dump *dump;
	size_t off;
	struct img m;

	(void)state;
	img_init(&m, true, false, 3);
	img_note(&m, 0, NULL, NULL);
	img_load(&m, 1, 0, 0x200000, 0x1000, 0x1000);
	off = img_load(&m, 2, 0, 0x300000, 0x2000, 0x2000);
	/* The last 0x1800 bytes never arrived. */
	m.len = off + 0x800;
	dump = open_ok(&m);
	assert_true(ksd_dump_info(dump)->truncated);
	assert_int_equal(ksd_dump_info(dump)->file_size, off + 0x800);
	assert_int_equal(ksd_dump_info(dump)->load_segments, 2);
	expect_bytes(dump, 0x200000, 0x1000, 0);
	expect_bytes(dump, 0x300000, 0x800, 0);
	check_err(ksd_dump_read_phys(dump, 0x3007f0, (uint8_t[32]){ 0 }, 32,
				     NULL),
		  KSD_ERR_NOT_PRESENT, "0x300800", "truncated");
	check_err(ksd_dump_read_phys(dump, 0x301000, (uint8_t[8]){ 0 }, 8,
				     NULL),
		  KSD_ERR_NOT_PRESENT, "0x301000", "truncated");
	ksd_dump_destroy(dump);
	img_free(&m);
}

/* A PT_LOAD starting past the end of the file holds nothing at all. */
static void test_load_entirely_past_eof(void **state)
{
	struct ksd_dump *dump;
	struct img m;

	(void)state;
	img_init(&m, true, false, 3);
	img_note(&m, 0, NULL, NULL);
	img_load(&m, 1, 0, 0x200000, 0x100, 0x100);
	img_phdr(&m, 2, PT_LOAD_, m.len + 0x10000, 0, 0x400000, 0x1000,
		 0x2000);
	dump = open_ok(&m);
	assert_true(ksd_dump_info(dump)->truncated);
	expect_bytes(dump, 0x200000, 0x100, 0);
	expect_absent(dump, 0x400000, 8, "0x400000");
	ksd_dump_destroy(dump);
	img_free(&m);
}

/* ---- hostile input: every case fails cleanly, with a reason ---- */

static void open_fails(const void *buf, size_t len, enum ksd_error_code code,
		       const char *frag1, const char *frag2)
{
	struct ksd_dump *dump = (struct ksd_dump *)0x1;

	check_err(ksd_dump_open_memory(buf, len, "bad.vmcore", &dump), code,
		  "bad.vmcore", frag1, frag2);
	/* The out-parameter is written only on success. */
	assert_ptr_equal(dump, (struct ksd_dump *)0x1);
}

static void img_fails(const struct img *m, enum ksd_error_code code,
		      const char *frag1, const char *frag2)
{
	open_fails(m->buf, m->len, code, frag1, frag2);
}

/* A valid two-segment image for the hostile cases to break. */
static void good(struct img *m)
{
	img_init(m, true, false, 2);
	img_note(m, 0, NULL, NULL);
	img_load(m, 1, 0, 0x80000000, 0x100, 0x100);
}

static void test_hostile_empty_and_short(void **state)
{
	static const char not_elf[] = "this is a text file, not a crash dump\n";

	(void)state;
	open_fails("", 0, KSD_ERR_EOF, "is empty", "");
	open_fails("\x7f" "EL", 3, KSD_ERR_CORRUPT, "not a crash dump",
		   "no known format");
	open_fails(not_elf, sizeof(not_elf) - 1, KSD_ERR_CORRUPT,
		   "not a crash dump", "");
	open_fails("\x7f" "ELF\x02\x01", 6, KSD_ERR_EOF,
		   "ELF identification", "6 of 16 bytes");
}

static void test_hostile_ident(void **state)
{
	struct img m;

	(void)state;
	good(&m);
	m.buf[4] = 3;
	img_fails(&m, KSD_ERR_CORRUPT, "invalid ELF class 3", "(elf dump)");
	m.buf[4] = 2;
	m.buf[5] = 0;
	img_fails(&m, KSD_ERR_CORRUPT, "invalid ELF byte order 0", "");
	m.buf[5] = 1;
	m.buf[6] = 2;
	img_fails(&m, KSD_ERR_CORRUPT, "invalid ELF version 2", "");
	img_free(&m);
}

/* The ELF identification is whole but the header is cut short. */
static void test_hostile_truncated_ehdr(void **state)
{
	struct img m;

	(void)state;
	good(&m);
	m.len = 40;
	img_fails(&m, KSD_ERR_EOF, "ends inside the ELF header",
		  "40 of 64 bytes");
	img_free(&m);
	img_init(&m, false, true, 1);
	m.len = 51;
	img_fails(&m, KSD_ERR_EOF, "ends inside the ELF header",
		  "51 of 52 bytes");
	img_free(&m);
}

static void test_hostile_not_core(void **state)
{
	struct img m;

	(void)state;
	good(&m);
	put(&m, 16, ET_EXEC_, 2);
	img_fails(&m, KSD_ERR_UNSUPPORTED, "not a core dump", "ET_EXEC");
	put(&m, 16, 1, 2);
	img_fails(&m, KSD_ERR_UNSUPPORTED, "not a core dump", "ET_REL");
	img_free(&m);
}

static void test_hostile_phentsize(void **state)
{
	struct img m;

	(void)state;
	good(&m);
	put(&m, 54, 32, 2);
	img_fails(&m, KSD_ERR_CORRUPT, "e_phentsize is 32", "expected 56");
	img_free(&m);
	img_init(&m, false, true, 2);
	img_note(&m, 0, NULL, NULL);
	put(&m, 42, 56, 2);
	img_fails(&m, KSD_ERR_CORRUPT, "e_phentsize is 56", "expected 32");
	img_free(&m);
}

static void test_hostile_no_phdrs(void **state)
{
	struct img m;

	(void)state;
	good(&m);
	put(&m, 56, 0, 2);
	img_fails(&m, KSD_ERR_CORRUPT, "no program headers", "");
	img_free(&m);
}

/*
 * e_phnum claims far more headers than the file holds.  The table must
 * be refused, not silently cut to what fits: the bytes after the real
 * headers would otherwise be read as program headers.
 */
static void test_hostile_phnum_beyond_file(void **state)
{
	struct img m;

	(void)state;
	good(&m);
	put(&m, 56, 0xfff0, 2);
	img_fails(&m, KSD_ERR_EOF, "program header table",
		  "runs past the end of the file");
	img_free(&m);
}

/* The same through PN_XNUM, with a count of 2^32 - 1. */
static void test_hostile_xnum_count(void **state)
{
	size_t shoff;
	struct img m;

	(void)state;
	good(&m);
	put(&m, 56, PN_XNUM_, 2);
	shoff = img_append(&m, NULL, SHDR64);
	put(&m, 40, shoff, 8);
	put(&m, 60, 1, 2);
	put(&m, shoff + 44, 0xffffffff, 4);
	img_fails(&m, KSD_ERR_LIMIT, "4294967295 program headers",
		  "KSD_MAX_PHDRS");
	img_free(&m);
}

static void test_hostile_note_overruns_file(void **state)
{
	struct img m;

	(void)state;
	good(&m);
	/* p_filesz of the PT_NOTE (program header 0) at 64 + 32. */
	put(&m, 64 + 32, 0x100000, 8);
	img_fails(&m, KSD_ERR_EOF, "PT_NOTE (program header 0",
		  "overruns the end of the file");
	img_free(&m);
}

static void test_hostile_no_note(void **state)
{
	struct img m;

	(void)state;
	img_init(&m, true, false, 1);
	img_load(&m, 0, 0, 0x80000000, 0x100, 0x100);
	img_fails(&m, KSD_ERR_CORRUPT, "no PT_NOTE", "");
	img_free(&m);
}

static void test_hostile_filesz_above_memsz(void **state)
{
	struct img m;

	(void)state;
	img_init(&m, true, false, 2);
	img_note(&m, 0, NULL, NULL);
	img_load(&m, 1, 0, 0x80000000, 0x2000, 0x1000);
	img_fails(&m, KSD_ERR_CORRUPT, "PT_LOAD 1",
		  "p_filesz 0x2000 exceeds p_memsz 0x1000");
	img_free(&m);
}

static void test_hostile_paddr_wraps(void **state)
{
	struct img m;

	(void)state;
	img_init(&m, true, false, 2);
	img_note(&m, 0, NULL, NULL);
	img_load(&m, 1, 0, 0xfffffffffffff000, 0x100, 0x2000);
	img_fails(&m, KSD_ERR_CORRUPT, "PT_LOAD 1",
		  "0xfffffffffffff000+0x2000 wraps around");
	img_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_elf64_little_endian),
		cmocka_unit_test(test_elf64_big_endian),
		cmocka_unit_test(test_elf32_little_endian),
		cmocka_unit_test(test_mapped_by_paddr),
		cmocka_unit_test(test_read_spans_adjacent_segments),
		cmocka_unit_test(test_excluded_tail_reads_zero),
		cmocka_unit_test(test_absent_address_named_in_hex),
		cmocka_unit_test(test_kernel_text_overlaps_ram),
		cmocka_unit_test(test_kernel_text_straddles_ram_end),
		cmocka_unit_test(test_incomplete_flag),
		cmocka_unit_test(test_pn_xnum_small),
		cmocka_unit_test(test_pn_xnum_large),
		cmocka_unit_test(test_truncated_load),
		cmocka_unit_test(test_load_entirely_past_eof),
		cmocka_unit_test(test_hostile_empty_and_short),
		cmocka_unit_test(test_hostile_ident),
		cmocka_unit_test(test_hostile_truncated_ehdr),
		cmocka_unit_test(test_hostile_not_core),
		cmocka_unit_test(test_hostile_phentsize),
		cmocka_unit_test(test_hostile_no_phdrs),
		cmocka_unit_test(test_hostile_phnum_beyond_file),
		cmocka_unit_test(test_hostile_xnum_count),
		cmocka_unit_test(test_hostile_note_overruns_file),
		cmocka_unit_test(test_hostile_no_note),
		cmocka_unit_test(test_hostile_filesz_above_memsz),
		cmocka_unit_test(test_hostile_paddr_wraps),
	};

	return cmocka_run_group_tests_name("dump-elf", tests, NULL, NULL);
}
