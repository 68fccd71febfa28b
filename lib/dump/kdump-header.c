// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The headers of a kdump-compressed file: struct disk_dump_header in
 * block 0, struct kdump_sub_header in block 1 (makedumpfile's
 * diskdump_mod.h; the offsets below are also in docs/dump-formats.md).
 *
 * makedumpfile writes them raw from the capture kernel, so their layout
 * is the dumped machine's: LP64 on 64-bit machines; on 32-bit ones,
 * i386 packs off_t after 4-byte fields where arm and mips pad it to 8.
 * The layout is chosen from utsname.machine, which sits at the same
 * offset in all three, and the byte order from header_version, a small
 * number in the right order and a huge one in the wrong.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dump/kdump.h"
#include "dump/notes.h"
#include "util/endian.h"
#include "util/limits.h"

#define SIG_KDUMP "KDUMP   "
#define SIG_DISKDUMP "DISKDUMP"
#define UTS_LEN 65
#define UTS_RELEASE (12 + 2 * UTS_LEN)
#define UTS_MACHINE (12 + 4 * UTS_LEN)
#define MIN_BLOCK 512u
#define MAX_BLOCK (1u << 20)

/* Offsets of the fields that differ between the layouts. */
struct layout {
	const char *name;
	unsigned int word;
	/* disk_dump_header */
	unsigned int status, block_size, sub_hdr_size, bitmap_blocks,
		     max_mapnr, nr_cpus, header_size;
	/* kdump_sub_header */
	unsigned int phys_base, dump_level, split, start_pfn, end_pfn,
		     vmcoreinfo_off, vmcoreinfo_size, note_off, note_size,
		     start_pfn_64, end_pfn_64, max_mapnr_64, sub_size;
};

static const struct layout lp64 = {
	"64-bit", 64,
	424, 428, 432, 436, 440, 460, 464,
	0, 8, 12, 16, 24, 32, 40, 48, 56, 80, 88, 96, 104,
};

/* i386: no padding before the 8-byte off_t fields. */
static const struct layout pack32 = {
	"32-bit packed", 32,
	412, 416, 420, 424, 428, 448, 452,
	0, 4, 8, 12, 16, 20, 28, 32, 40, 56, 64, 72, 80,
};

/* arm, mips, ppc: off_t and long long aligned to 8. */
static const struct layout pad32 = {
	"32-bit padded", 32,
	412, 416, 420, 424, 428, 448, 452,
	0, 4, 8, 12, 16, 24, 32, 40, 48, 72, 80, 88, 96,
};

static const struct {
	const char *prefix;
	uint16_t em;
	const struct layout *layout;
} machines[] = {
	/* Longest prefixes first: "arm64" before "arm". */
	{ "aarch64", 183, &lp64 },
	{ "arm64", 183, &lp64 },
	{ "x86_64", 62, &lp64 },
	{ "ppc64", 21, &lp64 },
	{ "s390x", 22, &lp64 },
	{ "riscv64", 243, &lp64 },
	{ "loongarch64", 258, &lp64 },
	{ "mips64", 8, &lp64 },
	{ "sparc64", 43, &lp64 },
	{ "ia64", 50, &lp64 },
	{ "alpha", 0x9026, &lp64 },
	{ "i386", 3, &pack32 },
	{ "i486", 3, &pack32 },
	{ "i586", 3, &pack32 },
	{ "i686", 3, &pack32 },
	{ "arm", 40, &pad32 },
	{ "mips", 8, &pad32 },
	{ "ppc", 20, &pad32 },
	{ "s390", 22, &pad32 },
	{ "riscv32", 243, &pad32 },
};

uint16_t kdump_machine(const char *machine)
{
	for (size_t i = 0; i < sizeof(machines) / sizeof(machines[0]); i++)
		if (!strncmp(machine, machines[i].prefix, strlen(machines[i].prefix)))
			return machines[i].em;
	return 0;
}

static const struct layout *machine_layout(const char *machine)
{
	for (size_t i = 0; i < sizeof(machines) / sizeof(machines[0]); i++)
		if (!strncmp(machine, machines[i].prefix, strlen(machines[i].prefix)))
			return machines[i].layout;
	return NULL;
}

static bool pow2_block(uint32_t v)
{
	return v >= MIN_BLOCK && v <= MAX_BLOCK && !(v & (v - 1));
}

/* A printable copy of a fixed-size utsname field. */
static void uts_copy(char *dst, const uint8_t *src)
{
	size_t i;

	for (i = 0; i < UTS_LEN && src[i]; i++)
		dst[i] = src[i] >= 0x20 && src[i] < 0x7f ? (char)src[i] : '?';
	dst[i] = '\0';
}

/*
 * An unknown machine (or a damaged name): take the layout whose
 * block_size is a page size in either byte order, 64-bit first.
 */
static const struct layout *guess_layout(const uint8_t *b)
{
	const struct layout *l[] = { &lp64, &pad32 };

	for (size_t i = 0; i < 2; i++)
		if (pow2_block(ksd_load32(b + l[i]->block_size, false)) ||
		    pow2_block(ksd_load32(b + l[i]->block_size, true)))
			return l[i];
	return &lp64;
}

/*
 * header_version is 6 from every makedumpfile since 1.5.5; read in the
 * wrong byte order it is 0x06000000.  Version 0 reads the same both
 * ways, and then a plausible block size decides, little-endian first.
 */
static bool guess_big_endian(const uint8_t *b, const struct layout *l)
{
	uint32_t le = ksd_load32(b + 8, false), be = ksd_load32(b + 8, true);

	if (le != be)
		return be < le;
	return !pow2_block(ksd_load32(b + l->block_size, false)) &&
	       pow2_block(ksd_load32(b + l->block_size, true));
}

static struct ksd_error *parse_main(struct kdump_header *h, const uint8_t *b,
				    const struct layout *l)
{
	bool big = h->big_endian;

	h->version = (int)ksd_load32(b + 8, big);
	h->status = ksd_load32(b + l->status, big);
	h->block_size = ksd_load32(b + l->block_size, big);
	h->sub_hdr_size = ksd_load32(b + l->sub_hdr_size, big);
	h->bitmap_blocks = ksd_load32(b + l->bitmap_blocks, big);
	h->max_mapnr = ksd_load32(b + l->max_mapnr, big);
	h->nr_cpus = (int)ksd_load32(b + l->nr_cpus, big);
	if (h->version < 0 || h->version > 1000)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"header_version %d is not a version makedumpfile writes",
					h->version);
	if (!pow2_block(h->block_size))
		return ksd_error_create(KSD_ERR_CORRUPT,
					"block_size %u is not a page size (a power of two from %u to %u)",
					h->block_size, MIN_BLOCK, MAX_BLOCK);
	return NULL;
}

static uint64_t load_word(const uint8_t *p, unsigned int word, bool big)
{
	return word == 64 ? ksd_load64(p, big) : ksd_load32(p, big);
}

/* The sub header's fields, each only from the version that added it. */
static void parse_sub(struct kdump_header *h, const uint8_t *s,
		      const struct layout *l)
{
	bool big = h->big_endian;
	unsigned int w = l->word;

	h->phys_base = load_word(s + l->phys_base, w, big);
	if (h->version >= 1)
		h->dump_level = (int)ksd_load32(s + l->dump_level, big);
	if (h->version >= 2) {
		h->split = ksd_load32(s + l->split, big) != 0;
		h->start_pfn = load_word(s + l->start_pfn, w, big);
		h->end_pfn = load_word(s + l->end_pfn, w, big);
	}
	if (h->version >= 3) {
		h->vmcoreinfo_off = ksd_load64(s + l->vmcoreinfo_off, big);
		h->vmcoreinfo_size = load_word(s + l->vmcoreinfo_size, w, big);
	}
	if (h->version >= 4) {
		h->note_off = ksd_load64(s + l->note_off, big);
		h->note_size = load_word(s + l->note_size, w, big);
	}
	if (h->version >= 6) {
		h->start_pfn = ksd_load64(s + l->start_pfn_64, big);
		h->end_pfn = ksd_load64(s + l->end_pfn_64, big);
		h->max_mapnr = ksd_load64(s + l->max_mapnr_64, big);
	}
}

static uint64_t div_up(uint64_t a, uint64_t b)
{
	return a / b + (a % b != 0);
}

/* Where the bitmaps and descriptors are, checked against the file. */
static struct ksd_error *place_regions(struct kdump_header *h, uint64_t size)
{
	uint64_t bs = h->block_size, per_bitmap;

	if (h->max_mapnr == 0)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"max_mapnr is 0: the dump describes no memory");
	if (h->max_mapnr > KSD_MAX_PFNS)
		return ksd_error_create(KSD_ERR_LIMIT,
					"max_mapnr 0x%llx exceeds the limit of 0x%llx page frames (KSD_MAX_PFNS)",
					(unsigned long long)h->max_mapnr,
					(unsigned long long)KSD_MAX_PFNS);
	per_bitmap = div_up(div_up(h->max_mapnr, 8), bs);
	h->bitmap1_off = (1 + (uint64_t)h->sub_hdr_size) * bs;
	if (h->bitmap_blocks >= 2 * per_bitmap) {
		h->bitmap_len = (uint64_t)h->bitmap_blocks / 2 * bs;
		h->bitmap2_off = h->bitmap1_off + h->bitmap_len;
	} else if (h->bitmap_blocks >= per_bitmap) {
		/* The legacy diskdump: one bitmap, every RAM page dumped. */
		h->bitmap_len = (uint64_t)h->bitmap_blocks * bs;
		h->bitmap2_off = h->bitmap1_off;
	} else {
		return ksd_error_create(KSD_ERR_CORRUPT,
					"bitmap_blocks %u is too small for max_mapnr 0x%llx: a bitmap needs %llu blocks of %u bytes",
					h->bitmap_blocks, (unsigned long long)h->max_mapnr,
					(unsigned long long)per_bitmap, h->block_size);
	}
	h->desc_off = h->bitmap1_off + (uint64_t)h->bitmap_blocks * bs;
	if (h->desc_off > size)
		return ksd_error_create(KSD_ERR_EOF,
					"the bitmaps (%u blocks at offset 0x%llx) run past the end of the file (size 0x%llx)",
					h->bitmap_blocks, (unsigned long long)h->bitmap1_off,
					(unsigned long long)size);
	return NULL;
}

/* The split range and the pointers of the sub header, checked. */
static struct ksd_error *check_sub(const struct kdump_header *h, uint64_t size)
{
	if (h->split && (h->start_pfn > h->end_pfn || h->end_pfn > h->max_mapnr))
		return ksd_error_create(KSD_ERR_CORRUPT,
					"split part's page frames [0x%llx, 0x%llx) are not a range within max_mapnr 0x%llx",
					(unsigned long long)h->start_pfn,
					(unsigned long long)h->end_pfn,
					(unsigned long long)h->max_mapnr);
	if (h->note_size > KSD_MAX_NOTES_BYTES)
		return ksd_error_create(KSD_ERR_LIMIT,
					"size_note %llu exceeds the limit of %u bytes (KSD_MAX_NOTES_BYTES)",
					(unsigned long long)h->note_size, KSD_MAX_NOTES_BYTES);
	if (h->note_size && (h->note_off > size || h->note_size > size - h->note_off))
		return ksd_error_create(KSD_ERR_EOF,
					"the notes (%llu bytes at offset_note 0x%llx) run past the end of the file (size 0x%llx)",
					(unsigned long long)h->note_size,
					(unsigned long long)h->note_off,
					(unsigned long long)size);
	if (h->vmcoreinfo_size > KSD_MAX_VMCOREINFO_BYTES)
		return ksd_error_create(KSD_ERR_LIMIT,
					"size_vmcoreinfo %llu exceeds the limit of %u bytes (KSD_MAX_VMCOREINFO_BYTES)",
					(unsigned long long)h->vmcoreinfo_size,
					KSD_MAX_VMCOREINFO_BYTES);
	if (h->vmcoreinfo_size &&
	    (h->vmcoreinfo_off > size || h->vmcoreinfo_size > size - h->vmcoreinfo_off))
		return ksd_error_create(KSD_ERR_EOF,
					"VMCOREINFO (%llu bytes at offset_vmcoreinfo 0x%llx) runs past the end of the file (size 0x%llx)",
					(unsigned long long)h->vmcoreinfo_size,
					(unsigned long long)h->vmcoreinfo_off,
					(unsigned long long)size);
	return NULL;
}

struct ksd_error *kdump_header_read(struct dump_reader *r,
				    struct kdump_header *h, bool *mine)
{
	uint8_t b[512], s[128];
	const struct layout *l;
	struct ksd_error *err;

	*mine = false;
	if (r->size < 8)
		return NULL;
	err = reader_read(r, b, 8, 0);
	if (err)
		return err;
	if (memcmp(b, SIG_KDUMP, 8) && memcmp(b, SIG_DISKDUMP, 8))
		return NULL;
	*mine = true;
	memset(h, 0, sizeof(*h));
	memcpy(h->signature, b, 8);
	if (r->size < lp64.header_size)
		return ksd_error_create(KSD_ERR_EOF,
					"file ends inside the disk_dump_header (%llu of %u bytes)",
					(unsigned long long)r->size, lp64.header_size);
	err = reader_read(r, b, lp64.header_size, 0);
	if (err)
		return err;
	uts_copy(h->machine, b + UTS_MACHINE);
	uts_copy(h->release, b + UTS_RELEASE);
	l = machine_layout(h->machine);
	if (!l)
		l = guess_layout(b);
	h->layout = l->name;
	h->word = l->word;
	h->big_endian = guess_big_endian(b, l);
	h->raw_len = l->header_size;
	memcpy(h->raw, b, h->raw_len);
	h->dump_level = -1;
	err = parse_main(h, b, l);
	if (err)
		return err;
	/* The legacy diskdump's sub header is not kdump's: nothing to read. */
	if (!memcmp(h->signature, SIG_KDUMP, 8)) {
		if (h->sub_hdr_size == 0)
			return ksd_error_create(KSD_ERR_CORRUPT,
						"sub_hdr_size is 0 blocks: there is no kdump_sub_header");
		if ((uint64_t)h->block_size + l->sub_size > r->size)
			return ksd_error_create(KSD_ERR_EOF,
						"file ends inside the kdump_sub_header at offset 0x%x (size 0x%llx)",
						h->block_size, (unsigned long long)r->size);
		err = reader_read(r, s, l->sub_size, h->block_size);
		if (err)
			return err;
		parse_sub(h, s, l);
	}
	err = place_regions(h, r->size);
	if (!err)
		err = check_sub(h, r->size);
	return err;
}

static bool has_vmcoreinfo(const uint8_t *buf, size_t len, bool big)
{
	struct ksd_note_iter it;
	struct ksd_note n;
	bool end;

	ksd_note_iter_init(&it, buf, len, big);
	for (;;) {
		struct ksd_error *err = ksd_note_next(&it, &n, &end);

		if (err) {
			/* The analysis reports the damage when it walks the notes. */
			ksd_error_destroy(err);
			return false;
		}
		if (end)
			return false;
		if (ksd_note_is(&n, "VMCOREINFO", 0))
			return true;
	}
}

/* Append a VMCOREINFO note holding the sub header's copy of the text. */
static struct ksd_error *add_vmcoreinfo(struct dump_reader *r,
					const struct kdump_header *h,
					uint8_t **buf, size_t *len)
{
	static const char name[12] = "VMCOREINFO";
	size_t desc = (size_t)h->vmcoreinfo_size, need = 12 + 12 + ((desc + 3) & ~(size_t)3);
	uint8_t *nb, *p;
	struct ksd_error *err;

	nb = realloc(*buf, *len + need);
	if (!nb)
		return &ksd_enomem;
	*buf = nb;
	p = nb + *len;
	memset(p, 0, need);
	ksd_store32(p, sizeof("VMCOREINFO"), h->big_endian);
	ksd_store32(p + 4, (uint32_t)desc, h->big_endian);
	memcpy(p + 12, name, sizeof(name));
	err = reader_read(r, p + 24, desc, h->vmcoreinfo_off);
	if (err)
		return ksd_error_prefix(err, "reading VMCOREINFO at offset_vmcoreinfo");
	*len += need;
	return NULL;
}

struct ksd_error *kdump_notes_read(struct dump_reader *r,
				   const struct kdump_header *h,
				   uint8_t **buf, size_t *len)
{
	size_t n = (size_t)((h->note_size + 3) & ~3ull);
	struct ksd_error *err = NULL;

	*buf = calloc(1, n ? n : 4);
	if (!*buf)
		return &ksd_enomem;
	*len = 0;
	if (h->note_size) {
		err = reader_read(r, *buf, (size_t)h->note_size, h->note_off);
		if (err)
			err = ksd_error_prefix(err, "reading the notes at offset_note");
		*len = n;
	}
	if (!err && h->vmcoreinfo_size && !has_vmcoreinfo(*buf, *len, h->big_endian))
		err = add_vmcoreinfo(r, h, buf, len);
	if (err) {
		free(*buf);
		*buf = NULL;
	}
	return err;
}
