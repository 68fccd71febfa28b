/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A reader is a source of bytes at offsets: a file opened read-only, a
 * buffer in memory (for the fuzz harnesses and unit tests, which never
 * touch the file system), standard input spooled to an unlinked
 * temporary file (spool.c), or a layer over another reader that presents
 * the file a makedumpfile flattened stream stands for (flat.c).  Dump
 * formats read their input only through a reader, so a format never
 * knows where its bytes come from.
 *
 * A reader never writes to its input: files are opened O_RDONLY.
 */
#ifndef KSD_DUMP_READER_H
#define KSD_DUMP_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

struct dump_reader;

struct dump_reader_ops {
	/* Read up to @len bytes at @off; return the count, 0 at end. */
	struct ksd_error *(*pread)(struct dump_reader *r, void *buf,
				   size_t len, uint64_t off, size_t *done);
	void (*destroy)(struct dump_reader *r);
};

struct dump_reader {
	const struct dump_reader_ops *ops;
	char *name;		/* the path, for messages */
	uint64_t size;		/* bytes available */
	/*
	 * A descriptor whose bytes are exactly this reader's (libelf may
	 * map it), or -1.  Layers such as flat.c have none.
	 */
	int fd;
	/* fd is a regular file, sized by fstat (libelf may map it). */
	bool regular;
	const uint8_t *mem;	/* memory readers: the bytes, else NULL */
	void *priv;		/* a layer's own state */
	/* Set by layers: what the input really was, e.g. "flattened". */
	const char *container;
	uint64_t stream_size;	/* bytes of the underlying file */
	uint64_t dev, ino;	/* the file's identity; 0 for memory */
};

/*
 * Open @path read-only.  A directory, a missing file or an unreadable one
 * is an error naming the path.
 */
struct ksd_error *reader_open_file(const char *path, struct dump_reader **ret);

/*
 * Take over @fd, an open regular file or block device, under @name.  The
 * descriptor is closed when the reader is destroyed, also on error.
 */
struct ksd_error *reader_open_fd(int fd, const char *name,
				 struct dump_reader **ret);

/*
 * Standard input as a reader named @name.  A regular file (vmcore-sdei -
 * < dump) is read in place; a pipe is copied in bounded chunks to an
 * unlinked temporary file in @tmpdir, which vanishes with the reader.
 */
struct ksd_error *reader_open_stdin(const char *name, const char *tmpdir,
				    struct dump_reader **ret);

/*
 * Wrap @len bytes at @buf, which must outlive the reader.  @name is used
 * in messages.
 */
struct ksd_error *reader_open_memory(const void *buf, size_t len,
				     const char *name,
				     struct dump_reader **ret);

/*
 * Read exactly @len bytes at @off.  Reading past the end is KSD_ERR_EOF
 * with a message giving the offset and the reader's size; the caller adds
 * what it was reading.
 */
struct ksd_error *reader_read(struct dump_reader *r, void *buf, size_t len,
			      uint64_t off);

/* Allocate a reader with @ops and a copy of @name; fd = -1. */
struct ksd_error *reader_alloc(const char *name,
			       const struct dump_reader_ops *ops,
			       struct dump_reader **ret);

void reader_destroy(struct dump_reader *r);

/*
 * The makedumpfile flattened format (makedumpfile -F).
 *
 * flat_detect() sets *@flat when @r starts with the flattened stream's
 * signature.  flat_reader_create() indexes the stream's records in one
 * pass (later records win, gaps read as zero) and returns a reader of the
 * file the stream stands for, without rewriting anything.  It takes over
 * @stream, also on error.
 */
struct ksd_error *flat_detect(struct dump_reader *r, bool *flat);
struct ksd_error *flat_reader_create(struct dump_reader *stream,
				     struct dump_reader **ret);

#endif /* KSD_DUMP_READER_H */
