/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Streaming decompression of gzip, zstd, xz and legacy lzma data with the
 * distribution's libraries (zlib, libzstd, liblzma).
 *
 * Input is read from a file descriptor, a byte range of it at a time, so a
 * compressed kernel inside a container (an EFI zboot payload) needs no
 * copy.  Output goes to a caller's sink in pieces and is bounded: a
 * decompression bomb stops at @max_out with KSD_ERR_LIMIT instead of
 * filling memory.  The sink may also stop the stream early by returning
 * an error (e.g. once the first bytes show the output is not a kernel).
 *
 * Nothing is written to the input; errors name @what (normally the file
 * name) and say what was wrong: truncated data, corrupt data, trailing
 * garbage, or the limit.
 */
#ifndef KSD_UTIL_DECOMPRESS_H
#define KSD_UTIL_DECOMPRESS_H

#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

enum ksd_compression {
	KSD_COMP_NONE,
	KSD_COMP_GZIP,
	KSD_COMP_ZSTD,
	KSD_COMP_XZ,
	KSD_COMP_LZMA,		/* the legacy .lzma ("LZMA alone") format */
};

/*
 * Recognise gzip, zstd and xz by their magic numbers in the first bytes
 * of a file.  Legacy lzma has no magic number and is never guessed; it is
 * only used when a container names it.
 */
enum ksd_compression ksd_compression_detect(const void *buf, size_t len);

/* "gzip", "zstd", "xz", "lzma" or "none". */
const char *ksd_compression_name(enum ksd_compression c);

/* Receives @len bytes of output; a non-NULL return stops decompression. */
typedef struct ksd_error *(*ksd_decompress_sink)(void *arg, const void *buf,
						 size_t len);

/**
 * ksd_decompress_fd() - decompress @len bytes of @fd starting at @offset
 * @what:	name for messages, e.g. the file name
 * @max_out:	the most output accepted; more is a KSD_ERR_LIMIT error
 * @out_len:	if not NULL, receives the number of bytes produced
 *
 * Trailing zero bytes after the end of the compressed stream are
 * accepted (padding, any number, for every format); any other trailing
 * data is a KSD_ERR_CORRUPT error saying "trailing data".  Concatenated
 * gzip members, zstd frames (skippable frames too) and xz streams are
 * decompressed in sequence, as the command-line tools do.
 */
struct ksd_error *ksd_decompress_fd(enum ksd_compression c, int fd,
				    uint64_t offset, uint64_t len,
				    const char *what, uint64_t max_out,
				    ksd_decompress_sink sink, void *arg,
				    uint64_t *out_len);

/*
 * The same for @len bytes held in memory at @buf: a kernel image handed
 * over in memory, and the fuzz harness of the image formats.
 */
struct ksd_error *ksd_decompress_mem(enum ksd_compression c, const void *buf,
				     size_t len, const char *what,
				     uint64_t max_out, ksd_decompress_sink sink,
				     void *arg, uint64_t *out_len);

#endif /* KSD_UTIL_DECOMPRESS_H */
