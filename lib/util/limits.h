/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The explicit limits on what kexec-sdei accepts from a dump.  A dump is
 * hostile input: a size field read from it is never trusted to size an
 * allocation without one of these bounds.  Exceeding a limit is an error
 * (KSD_ERR_LIMIT) whose message names the limit.  docs/robustness.md lists
 * them with the reasoning behind each value.
 */
#ifndef KSD_UTIL_LIMITS_H
#define KSD_UTIL_LIMITS_H

/*
 * Program headers in an ELF dump.  makedumpfile -E splits RAM into one
 * PT_LOAD per run of dumped pages; a fragmented 64 TiB machine stays well
 * under a million segments.
 */
#define KSD_MAX_PHDRS		(4u << 20)

/*
 * Bytes of ELF notes.  A note per possible CPU (412 bytes on arm64) for
 * NR_CPUS=4096 plus VMCOREINFO (a page) is under 2 MiB; device-dump
 * notes (NT_VMCOREDD) can be larger, so allow generous room.
 */
#define KSD_MAX_NOTES_BYTES	(64u << 20)

/* VMCOREINFO is at most one kernel page (VMCOREINFO_BYTES = PAGE_SIZE). */
#define KSD_MAX_VMCOREINFO_BYTES (64u << 10)

/* The SDEI record text: a line per CPU, at most KSD_MAX_CPUS of them. */
#define KSD_MAX_RECORD_BYTES	(4u << 20)

/*
 * Records of a flattened stream (makedumpfile -F), each indexed in 24
 * bytes.  makedumpfile writes through a cache of 16 pages, so a record is
 * up to 64 KiB of page data: 16M records cover 1 TiB of compressed pages
 * in a 384 MiB index.  Peak RSS at the limit, bench/flat-index-memory.sh:
 * 580 MiB (the index while it grows), 1.2 GiB when every record overlaps
 * another (the sweep's cut and heap arrays and the pieces it makes).
 */
#define KSD_MAX_FLAT_RECORDS	(16u << 20)

/*
 * Page frames a kdump-compressed dump may describe (max_mapnr).  2^36
 * pages are 256 TiB of 4 KiB pages.  The bitmaps are read lazily, but the
 * popcount index built over them costs 8 bytes per 4096 frames (128 MiB
 * at this limit), so the count must be bounded before it is trusted.
 */
#define KSD_MAX_PFNS		(1ull << 36)

/*
 * Files in a makedumpfile --split set.  makedumpfile forks one writer per
 * file; nobody splits into thousands.
 */
#define KSD_MAX_SPLIT_PARTS	1024u

/* CPU numbers: arm64 NR_CPUS is at most 4096 today. */
#define KSD_MAX_CPUS		65536u

#endif /* KSD_UTIL_LIMITS_H */
