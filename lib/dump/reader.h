/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A reader is a source of bytes at offsets: a file opened read-only, or a
 * buffer in memory (for the fuzz harnesses and unit tests, which never
 * touch the file system).  Dump formats read their input only through a
 * reader, so a format never knows where its bytes come from.
 *
 * A reader never writes: files are opened O_RDONLY.
 */
#ifndef KSD_DUMP_READER_H
#define KSD_DUMP_READER_H

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
	int fd;			/* -1 for memory readers */
	const uint8_t *mem;
};

/*
 * Open @path read-only.  A directory, a missing file or an unreadable one
 * is an error naming the path.
 */
struct ksd_error *reader_open_file(const char *path, struct dump_reader **ret);

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

void reader_destroy(struct dump_reader *r);

#endif /* KSD_DUMP_READER_H */
