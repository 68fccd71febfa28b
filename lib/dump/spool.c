// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Standard input as a dump: `makedumpfile -F ... | vmcore-sdei -`.
 *
 * Every format needs random access (headers at the front point at notes,
 * bitmaps and descriptors anywhere), and a pipe has none.  A regular file
 * behind stdin is used in place; anything else is copied, in fixed-size
 * chunks so memory stays bounded whatever the dump's size, to a temporary
 * file that is unlinked from the start (O_TMPFILE where the file system
 * has it), so nothing is left behind however the program ends.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dump/reader.h"

/* The copy buffer: large enough for full-speed pipes, small enough to ignore. */
#define SPOOL_CHUNK (1u << 20)

static struct ksd_error *make_tmpfile(const char *dir, int *ret)
{
	char *path;
	int fd;

#ifdef O_TMPFILE
	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0) {
		*ret = fd;
		return NULL;
	}
	/* Older kernels and some file systems lack O_TMPFILE: fall back. */
	if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
		return ksd_error_errno(errno, "cannot create a temporary file in '%s'",
				       dir);
#endif
	if (asprintf(&path, "%s/vmcore-sdei.XXXXXX", dir) < 0)
		return &ksd_enomem;
	fd = mkostemp(path, O_CLOEXEC);
	if (fd < 0) {
		struct ksd_error *err = ksd_error_errno(errno,
				"cannot create a temporary file in '%s'", dir);

		free(path);
		return err;
	}
	unlink(path);
	free(path);
	*ret = fd;
	return NULL;
}

static struct ksd_error *write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return ksd_error_errno(errno, "write failed");
		buf += n;
		len -= (size_t)n;
	}
	return NULL;
}

static struct ksd_error *copy_stream(int in, int out, const char *name,
				     const char *dir)
{
	struct ksd_error *err = NULL;
	uint64_t total = 0;
	char *buf;

	buf = malloc(SPOOL_CHUNK);
	if (!buf)
		return &ksd_enomem;
	for (;;) {
		ssize_t n = read(in, buf, SPOOL_CHUNK);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = ksd_error_errno(errno, "cannot read '%s' after %llu bytes",
					      name, (unsigned long long)total);
			break;
		}
		if (n == 0)
			break;
		err = write_all(out, buf, (size_t)n);
		if (err) {
			err = ksd_error_prefix(err, "cannot spool '%s' to a temporary file in '%s' after %llu bytes",
					       name, dir, (unsigned long long)total);
			break;
		}
		total += (uint64_t)n;
	}
	free(buf);
	return err;
}

struct ksd_error *reader_open_stdin(const char *name, const char *tmpdir,
				    struct dump_reader **ret)
{
	struct ksd_error *err;
	struct stat st;
	int fd = -1;

	if (fstat(STDIN_FILENO, &st) < 0)
		return ksd_error_errno(errno, "cannot stat '%s'", name);
	if (S_ISREG(st.st_mode) || S_ISBLK(st.st_mode)) {
		fd = fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3);
		if (fd < 0)
			return ksd_error_errno(errno, "cannot duplicate '%s'", name);
		return reader_open_fd(fd, name, ret);
	}
	if (S_ISDIR(st.st_mode))
		return ksd_error_create(KSD_ERR_INVALID_ARG,
					"'%s' is a directory, not a dump", name);
	/* Waiting for a dump typed at the keyboard helps nobody. */
	if (isatty(STDIN_FILENO))
		return ksd_error_create(KSD_ERR_INVALID_ARG,
					"'%s' is a terminal: pipe or redirect a dump into it",
					name);
	if (!tmpdir)
		tmpdir = "/var/tmp";
	err = make_tmpfile(tmpdir, &fd);
	if (err)
		return ksd_error_prefix(err, "cannot spool '%s'", name);
	err = copy_stream(STDIN_FILENO, fd, name, tmpdir);
	if (err) {
		close(fd);
		return err;
	}
	return reader_open_fd(fd, name, ret);
}
