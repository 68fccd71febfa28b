/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Private to lib/dump: the kdump-compressed format (makedumpfile -c, -l,
 * -p, -z, and the legacy diskdump it grew from).  docs/dump-formats.md
 * (the project's) and the shared reference describe the layout:
 *
 *   block 0                    struct disk_dump_header
 *   block 1 ..                 struct kdump_sub_header, then the ELF notes
 *   (1 + sub_hdr_size) blocks  1st bitmap (RAM), 2nd bitmap (dumpable)
 *   ... + bitmap_blocks        page_desc_t[one per dumpable page frame]
 *   after the descriptors      page data, the shared zero page first
 *
 * Everything is in the dumped machine's byte order and C layout; 64-bit
 * and 32-bit machines lay the headers out differently.  kdump-header.c
 * turns either into struct kdump_header; nothing else looks at the raw
 * layout.  kdump-bitmap.c finds a page's descriptor; kdump.c reads pages
 * and joins the files of a --split set.
 */
#ifndef KSD_DUMP_KDUMP_H
#define KSD_DUMP_KDUMP_H

#include <stdbool.h>
#include <stdint.h>

#include "dump/reader.h"
#include "util/error.h"

/* disk_dump_header.status and page_desc_t.flags (diskdump_mod.h). */
enum {
	KDUMP_ZLIB = 0x01,
	KDUMP_LZO = 0x02,
	KDUMP_SNAPPY = 0x04,
	KDUMP_INCOMPLETE = 0x08,	/* header only */
	KDUMP_EXCLUDED_VMEMMAP = 0x10,	/* header only */
	KDUMP_ZSTD = 0x20,
};
#define KDUMP_CODECS (KDUMP_ZLIB | KDUMP_LZO | KDUMP_SNAPPY | KDUMP_ZSTD)

/* sizeof(page_desc_t): off_t offset, u32 size, u32 flags, u64 page_flags */
#define KDUMP_DESC_SIZE 24u

/* The headers of one file, whatever its layout, in host order. */
struct kdump_header {
	bool big_endian;
	unsigned int word;		/* 64, or 32 for 32-bit machines */
	const char *layout;		/* "64-bit", "32-bit packed", "32-bit padded" */
	char signature[9];
	char machine[66];		/* utsname.machine */
	char release[66];		/* utsname.release */
	int version;			/* header_version */
	uint32_t status;
	uint32_t block_size;
	uint32_t sub_hdr_size;		/* blocks */
	uint32_t bitmap_blocks;
	uint64_t max_mapnr;		/* max_mapnr_64 from version 6 */
	int nr_cpus;
	/* From the sub header (zero when the version predates a field). */
	uint64_t phys_base;
	int dump_level;			/* -1 before version 1 */
	bool split;
	uint64_t start_pfn, end_pfn;	/* split: the frames this file holds */
	uint64_t vmcoreinfo_off, vmcoreinfo_size;
	uint64_t note_off, note_size;
	/* Where the 2nd bitmap and the descriptors start, in bytes. */
	uint64_t bitmap1_off, bitmap2_off, bitmap_len;
	uint64_t desc_off;
	/* Block 0 as read, to tell the parts of one split set apart from others. */
	uint8_t raw[512];
	size_t raw_len;
};

/*
 * Read and check the headers at the start of @r.  *@mine is false (and
 * nothing else set) when the signature is not kdump's.
 */
struct ksd_error *kdump_header_read(struct dump_reader *r,
				    struct kdump_header *h, bool *mine);

/*
 * The ELF notes the sub header points to, plus a VMCOREINFO note built
 * from the sub header's own pointer when the notes lack one (version 3
 * files have VMCOREINFO but no notes).  *@buf is malloc()ed.
 */
struct ksd_error *kdump_notes_read(struct dump_reader *r,
				   const struct kdump_header *h,
				   uint8_t **buf, size_t *len);

/* The e_machine value of a utsname.machine string, 0 if unknown. */
uint16_t kdump_machine(const char *machine);

/*
 * The two bitmaps of one file.  The 1st says which page frames are RAM,
 * the 2nd which were dumped; the dumped frames' descriptors are packed in
 * frame order, so a frame's descriptor index is the number of 2nd-bitmap
 * bits set before it.  Those counts are kept per run of 4096 frames and
 * built lazily, as far as the highest frame looked up, so opening a dump
 * reads no bitmap and a read near the start of memory reads little.
 */
struct kdump_bitmap {
	struct dump_reader *r;
	uint64_t off1, off2;		/* equal when there is one bitmap */
	uint64_t len;			/* bytes of one bitmap's region */
	uint64_t nbits;			/* max_mapnr */
	uint64_t base;			/* the first frame counted (split) */
	uint64_t base_count;		/* set bits in [chunk0 * 4096, base) */
	uint64_t chunk0;
	uint64_t *prefix;		/* set bits in [chunk0, chunk0 + i) chunks */
	size_t nprefix, capprefix;
	struct kdump_window {
		uint64_t start;
		size_t len;
		uint8_t *buf;
	} win[2];
};

/* Counts start at the file's first frame: 0, or start_pfn of a split part. */
void kdump_bitmap_init(struct kdump_bitmap *bm, struct dump_reader *r,
		       const struct kdump_header *h);
void kdump_bitmap_release(struct kdump_bitmap *bm);

/*
 * Look up frame @pfn (below nbits).  *@ram: the 1st bitmap has it;
 * *@dumped: the 2nd has it, and then *@index is its descriptor's index
 * counted from the bitmap's base.  A frame dumped but not RAM is
 * KSD_ERR_CORRUPT: the bitmaps disagree.
 */
struct ksd_error *kdump_bitmap_lookup(struct kdump_bitmap *bm, uint64_t pfn,
				      bool *ram, bool *dumped, uint64_t *index);

/* Page codecs (decompress.c), chosen by a descriptor's flags. */

/* The codec's name ("zlib", ...) for one of KDUMP_ZLIB etc. */
const char *kdump_codec_name(uint32_t flag);

/* Whether this build can decompress @flag. */
bool kdump_codec_available(uint32_t flag);

/*
 * Decompress @inlen bytes into exactly @outlen (the block size).  A page
 * that decodes to more (a decompression bomb) or fewer bytes, or does not
 * decode, is KSD_ERR_CORRUPT; a codec this build lacks is
 * KSD_ERR_UNSUPPORTED.  The message names the codec; the caller adds the
 * page.
 */
struct ksd_error *kdump_decompress(uint32_t flag, const uint8_t *in,
				   size_t inlen, uint8_t *out, size_t outlen);

#endif /* KSD_DUMP_KDUMP_H */
