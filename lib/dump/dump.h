/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lib/dump: open a crash dump of any supported format and read it.
 *
 * This is the only interface the rest of kexec-sdei sees of a dump: its
 * ELF notes, its physical memory and a few facts about the file.  Each
 * format lives in its own file behind struct dump_format_ops (format.h);
 * callers never learn which one they got beyond the name.
 *
 * Dependency rule: lib/dump knows nothing of arm64, kernels or CPUs.  It
 * returns notes as bytes and memory as bytes.
 *
 * Threading: a struct ksd_dump is not safe for concurrent use.
 */
#ifndef KSD_DUMP_DUMP_H
#define KSD_DUMP_DUMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

struct ksd_dump;

/* Flags returned by ksd_dump_read_phys(). */
enum ksd_read_flags {
	/*
	 * Some of the bytes lie in a range the dump declares but does not
	 * hold (ELF p_filesz < p_memsz: makedumpfile excluded it, or it was
	 * all zero).  They read as zero, and a value read from them must not
	 * be trusted as if it had been saved.
	 */
	KSD_READ_EXCLUDED = 1u << 0,
};

struct ksd_dump_info {
	const char *format;	/* "elf" or "kdump" (kdump-compressed) */
	/* NULL, or "flattened": read through a makedumpfile -F stream */
	const char *container;
	unsigned int parts;	/* input files; > 1 for a makedumpfile --split set */
	unsigned int elf_class;	/* 32 or 64: the word size of the dump */
	bool big_endian;	/* byte order of the dumped machine */
	uint16_t machine;	/* ELF e_machine (EM_AARCH64 = 183) */
	/* The writer marked the dump incomplete (makedumpfile ran out of space). */
	bool incomplete;
	/* Segments claim data past the end of the file: the copy was cut short. */
	bool truncated;
	uint64_t file_size;	/* bytes of input: all parts, the stream if flattened */
	uint64_t load_segments;	/* ELF: the PT_LOAD count; 0 for other formats */
	/* kdump-compressed only; 0, -1 or NULL for other formats: */
	unsigned int header_version;
	uint32_t block_size;	/* the dumped kernel's page size */
	int dump_level;		/* makedumpfile -d (a bitmask), -1 unknown */
	uint64_t max_pfn;	/* page frames the bitmaps cover (max_mapnr) */
	const char *compression;	/* "zlib", "lzo", "snappy", "zstd", "none" */
};

/* Options of ksd_dump_open_paths(); all-zero is the default. */
struct ksd_dump_open_opts {
	/*
	 * Where standard input is spooled when it is a pipe; NULL means
	 * /var/tmp.  The library reads no environment: a program passes
	 * $TMPDIR here if it wants it honoured.
	 */
	const char *tmpdir;
};

/* The name standard input ("-") goes by in messages and reports. */
#define KSD_DUMP_STDIN_NAME "(standard input)"

/**
 * ksd_dump_open() - open the dump at @path, detecting its format by content
 * @ret: on success, the new dump; free it with ksd_dump_destroy()
 *
 * Reads the headers and notes only, never the whole file.  The file is
 * opened read-only.  Errors name @path and what is wrong with it.  The
 * same as ksd_dump_open_paths() with one path and default options.
 */
struct ksd_error *ksd_dump_open(const char *path, struct ksd_dump **ret);

/**
 * ksd_dump_open_paths() - open a dump held in one or more files
 * @paths: @n paths.  One path for an ordinary dump; every file of a
 *	makedumpfile --split set, in any order, for a split dump.  "-" is
 *	standard input, and then must be the only path.
 * @opts: NULL for the defaults
 * @ret: on success, the new dump; free it with ksd_dump_destroy()
 *
 * Each file may be ELF, kdump-compressed, or either wrapped in the
 * flattened format; only kdump-compressed files form split sets.  A set
 * with a part missing, a part given twice, or parts of different dumps is
 * refused with an error naming the files and the page frames concerned.
 */
struct ksd_error *ksd_dump_open_paths(const char *const *paths, size_t n,
				      const struct ksd_dump_open_opts *opts,
				      struct ksd_dump **ret);

/**
 * ksd_dump_open_memory() - open a dump held in memory
 *
 * @buf must stay valid and unchanged until the dump is destroyed.  @name
 * stands for the path in messages.  Used by fuzz harnesses and tests.
 */
struct ksd_error *ksd_dump_open_memory(const void *buf, size_t len,
				       const char *name, struct ksd_dump **ret);

/**
 * ksd_dump_open_memory_parts() - open a dump held in @n buffers
 *
 * The in-memory ksd_dump_open_paths(): part i is @lens[i] bytes at
 * @bufs[i], named @names[i] in messages, and every buffer must outlive
 * the dump.  Used by the split-set fuzz harness and tests.
 */
struct ksd_error *ksd_dump_open_memory_parts(const void *const *bufs,
					     const size_t *lens,
					     const char *const *names,
					     size_t n, struct ksd_dump **ret);

void ksd_dump_destroy(struct ksd_dump *dump);

/* Facts about the dump; valid until the dump is destroyed. */
const struct ksd_dump_info *ksd_dump_info(const struct ksd_dump *dump);

/*
 * The path (or name) given at open time: of the first part for a split
 * set, KSD_DUMP_STDIN_NAME for "-".
 */
const char *ksd_dump_path(const struct ksd_dump *dump);

/* The path of part @i (0 <= @i < info.parts), in page-frame order. */
const char *ksd_dump_part_path(const struct ksd_dump *dump, unsigned int i);

/*
 * The dump's ELF notes, concatenated in file order, in the dump's byte
 * order.  Iterate them with lib/dump/notes.h.  Valid until destroy.
 */
void ksd_dump_notes(const struct ksd_dump *dump, const uint8_t **buf,
		    size_t *len);

/**
 * ksd_dump_read_phys() - read physical memory of the dumped machine
 * @flags_ret: if not NULL, set to a mask of enum ksd_read_flags on success
 *
 * Fails with KSD_ERR_NOT_PRESENT (naming the address) if any byte of the
 * range is not in the dump at all: not RAM, past the end of a truncated
 * file, or a page an incomplete dump never saved.  Excluded bytes read as
 * zero and set KSD_READ_EXCLUDED.  Any other error (KSD_ERR_CORRUPT,
 * KSD_ERR_EOF, KSD_ERR_UNSUPPORTED for a page codec this build lacks, ...)
 * means the dump itself is damaged or unreadable here, not that the
 * address is absent.
 */
struct ksd_error *ksd_dump_read_phys(struct ksd_dump *dump, uint64_t paddr,
				     void *buf, size_t len,
				     unsigned int *flags_ret);

#endif /* KSD_DUMP_DUMP_H */
