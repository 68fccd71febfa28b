// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dump/reader.h"

static struct ksd_error *file_pread(struct dump_reader *r, void *buf,
				    size_t len, uint64_t off, size_t *done)
{
	ssize_t n;

	if (off > (uint64_t)INT64_MAX)
		return ksd_error_create(KSD_ERR_EOF, "offset 0x%llx is past the end",
					(unsigned long long)off);
	do
		n = pread(r->fd, buf, len, (off_t)off);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return ksd_error_errno(errno, "read of %zu bytes at offset 0x%llx failed",
				       len, (unsigned long long)off);
	*done = (size_t)n;
	return NULL;
}

static void file_destroy(struct dump_reader *r)
{
	close(r->fd);
}

static const struct dump_reader_ops file_ops = {
	.pread = file_pread,
	.destroy = file_destroy,
};

static struct ksd_error *mem_pread(struct dump_reader *r, void *buf,
				   size_t len, uint64_t off, size_t *done)
{
	if (off >= r->size) {
		*done = 0;
		return NULL;
	}
	if (len > r->size - off)
		len = (size_t)(r->size - off);
	memcpy(buf, r->mem + off, len);
	*done = len;
	return NULL;
}

static void mem_destroy(struct dump_reader *r)
{
	(void)r;
}

static const struct dump_reader_ops mem_ops = {
	.pread = mem_pread,
	.destroy = mem_destroy,
};

struct ksd_error *reader_alloc(const char *name,
			       const struct dump_reader_ops *ops,
			       struct dump_reader **ret)
{
	struct dump_reader *r = calloc(1, sizeof(*r));

	if (!r)
		return &ksd_enomem;
	r->name = strdup(name);
	if (!r->name) {
		free(r);
		return &ksd_enomem;
	}
	r->ops = ops;
	r->fd = -1;
	*ret = r;
	return NULL;
}

struct ksd_error *reader_open_fd(int fd, const char *name,
				 struct dump_reader **ret)
{
	struct dump_reader *r;
	struct ksd_error *err;
	struct stat st;

	if (fstat(fd, &st) < 0) {
		err = ksd_error_errno(errno, "cannot stat '%s'", name);
		close(fd);
		return err;
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return ksd_error_create(KSD_ERR_INVALID_ARG,
					"'%s' is a directory, not a dump", name);
	}
	if (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode)) {
		close(fd);
		return ksd_error_create(KSD_ERR_UNSUPPORTED,
					"'%s' is not a regular file or block device",
					name);
	}
	err = reader_alloc(name, &file_ops, &r);
	if (err) {
		close(fd);
		return err;
	}
	r->fd = fd;
	r->size = (uint64_t)st.st_size;
	r->regular = S_ISREG(st.st_mode);
	if (S_ISBLK(st.st_mode)) {
		off_t end = lseek(fd, 0, SEEK_END);

		r->size = end < 0 ? 0 : (uint64_t)end;
	}
	r->stream_size = r->size;
	r->dev = (uint64_t)st.st_dev;
	r->ino = (uint64_t)st.st_ino;
	*ret = r;
	return NULL;
}

struct ksd_error *reader_open_file(const char *path, struct dump_reader **ret)
{
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return ksd_error_errno(errno, "cannot open '%s'", path);
	return reader_open_fd(fd, path, ret);
}

struct ksd_error *reader_open_memory(const void *buf, size_t len,
				     const char *name,
				     struct dump_reader **ret)
{
	struct dump_reader *r;
	struct ksd_error *err;

	err = reader_alloc(name, &mem_ops, &r);
	if (err)
		return err;
	r->mem = buf;
	r->size = len;
	r->stream_size = len;
	*ret = r;
	return NULL;
}

struct ksd_error *reader_read(struct dump_reader *r, void *buf, size_t len,
			      uint64_t off)
{
	uint8_t *p = buf;
	size_t got = 0;

	if (off > r->size || len > r->size - off)
		return ksd_error_create(KSD_ERR_EOF,
					"%zu bytes at offset 0x%llx lie past the end of the file (size 0x%llx)",
					len, (unsigned long long)off,
					(unsigned long long)r->size);
	while (got < len) {
		size_t n;
		struct ksd_error *err;

		err = r->ops->pread(r, p + got, len - got, off + got, &n);
		if (err)
			return err;
		if (n == 0)
			return ksd_error_create(KSD_ERR_EOF,
						"file ended at offset 0x%llx while reading %zu bytes at 0x%llx",
						(unsigned long long)(off + got), len,
						(unsigned long long)off);
		got += n;
	}
	return NULL;
}

void reader_destroy(struct dump_reader *r)
{
	if (!r)
		return;
	if (r->ops->destroy)
		r->ops->destroy(r);
	free(r->name);
	free(r);
}
