// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sysroot.h"

/* The largest one-value sysfs file we accept; sysfs attributes are a page. */
#define MAX_LINE 4096

struct ksd_error *sysroot_init(struct sysroot *sr, const char *root)
{
	size_t n;

	if (!root || !*root)
		root = "/";
	n = strlen(root);
	while (n > 1 && root[n - 1] == '/')
		n--;
	if (n == 1 && root[0] == '/')
		n = 0;
	sr->prefix = strndup(root, n);
	if (!sr->prefix)
		return &ksd_enomem;
	if (n) {
		struct stat st;

		if (stat(sr->prefix, &st) < 0)
			return ksd_error_errno(errno, "root directory '%s'", sr->prefix);
		if (!S_ISDIR(st.st_mode))
			return ksd_error_create(KSD_ERR_INVALID_ARG,
						"root '%s' is not a directory", sr->prefix);
	}
	return NULL;
}

void sysroot_deinit(struct sysroot *sr)
{
	free(sr->prefix);
	sr->prefix = NULL;
}

bool sysroot_is_real(const struct sysroot *sr)
{
	return !sr->prefix[0];
}

char *sysroot_path(const struct sysroot *sr, const char *path)
{
	char *p;

	if (path[0] != '/' || !sr->prefix[0])
		return strdup(path);
	if (asprintf(&p, "%s%s", sr->prefix, path) < 0)
		return NULL;
	return p;
}

static const char *file_kind(mode_t m)
{
	if (S_ISDIR(m))
		return "a directory";
	if (S_ISFIFO(m))
		return "a FIFO";
	if (S_ISCHR(m))
		return "a character device";
	if (S_ISBLK(m))
		return "a block device";
	if (S_ISSOCK(m))
		return "a socket";
	return "not a regular file";
}

struct ksd_error *sysroot_open(const struct sysroot *sr, const char *path,
			       int flags, enum sysroot_kind kind, int *fd_ret)
{
	struct ksd_error *err = NULL;
	char *full = sysroot_path(sr, path);
	struct stat st;
	int fd;

	if (!full)
		return &ksd_enomem;
	/*
	 * O_NONBLOCK: opening a FIFO for reading would otherwise wait for
	 * a writer for ever.  The type is checked before anything is read.
	 */
	fd = open(full, flags | O_NONBLOCK | O_CLOEXEC);
	/* ENOTDIR: a path through a file, e.g. a property in /proc/device-tree. */
	if (fd < 0 && (errno == ENOENT || errno == ENOTDIR))
		err = ksd_error_create(KSD_ERR_NOT_FOUND, "'%s' does not exist", full);
	else if (fd < 0)
		err = ksd_error_errno(errno, "cannot open '%s'", full);
	else if (fstat(fd, &st) < 0)
		err = ksd_error_errno(errno, "cannot stat '%s'", full);
	else if (!S_ISREG(st.st_mode) &&
		 !(kind == SYSROOT_FILE_OR_CHARDEV && S_ISCHR(st.st_mode)))
		err = ksd_error_create(KSD_ERR_UNSUPPORTED,
				       "'%s' is %s, not a regular file%s", full,
				       file_kind(st.st_mode),
				       kind == SYSROOT_FILE_OR_CHARDEV ?
				       " or a character device" : "");
	else if (!(flags & O_NONBLOCK) &&
		 fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) < 0)
		err = ksd_error_errno(errno, "'%s'", full);
	if (err && fd >= 0)
		close(fd);
	else if (!err)
		*fd_ret = fd;
	free(full);
	return err;
}

struct ksd_error *sysroot_read(const struct sysroot *sr, const char *path,
			       size_t max, char **buf_ret, size_t *len_ret)
{
	struct ksd_error *err;
	size_t len = 0, cap = 4096;
	char *buf, *full;
	ssize_t r;
	int fd;

	err = sysroot_open(sr, path, O_RDONLY, SYSROOT_FILE, &fd);
	if (err)
		return err;
	buf = malloc(cap);
	if (!buf) {
		close(fd);
		return &ksd_enomem;
	}
	/*
	 * /proc and /sys files report a size of 0 or 4096 whatever they
	 * hold, so read until EOF instead of trusting fstat().
	 */
	for (;;) {
		if (cap - len < 2) {
			size_t ncap;
			char *nb;

			if (len > max) {
				full = sysroot_path(sr, path);
				err = ksd_error_create(KSD_ERR_LIMIT,
						       "'%s' is larger than %zu bytes, the most accepted",
						       full ? full : path, max);
				free(full);
				break;
			}
			/*
			 * Room for one byte past @max, to see that there is
			 * one, and the NUL: never twice the limit.
			 */
			ncap = cap <= (max + 2) / 2 ? cap * 2 : max + 2;
			nb = realloc(buf, ncap);
			if (!nb) {
				err = &ksd_enomem;
				break;
			}
			buf = nb;
			cap = ncap;
		}
		r = read(fd, buf + len, cap - len - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			full = sysroot_path(sr, path);
			err = ksd_error_errno(errno, "reading '%s'", full ? full : path);
			free(full);
			break;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	if (!err && len > max) {
		full = sysroot_path(sr, path);
		err = ksd_error_create(KSD_ERR_LIMIT,
				       "'%s' is larger than %zu bytes, the most accepted",
				       full ? full : path, max);
		free(full);
	}
	if (err) {
		free(buf);
		return err;
	}
	buf[len] = '\0';
	*buf_ret = buf;
	*len_ret = len;
	return NULL;
}

struct ksd_error *sysroot_read_line(const struct sysroot *sr, const char *path,
				    char **line_ret)
{
	struct ksd_error *err;
	size_t len;
	char *buf;

	err = sysroot_read(sr, path, MAX_LINE, &buf, &len);
	if (err)
		return err;
	while (len && (buf[len - 1] == '\n' || buf[len - 1] == ' '))
		buf[--len] = '\0';
	*line_ret = buf;
	return NULL;
}

struct ksd_error *sysroot_for_each_line(const struct sysroot *sr,
					const char *path, unsigned long long max,
					sysroot_line_fn fn, void *arg)
{
	enum { CHUNK = 64 << 10 };
	struct ksd_error *err;
	unsigned long long total = 0;
	char *buf, line[MAX_LINE];
	size_t llen = 0;
	int fd;

	err = sysroot_open(sr, path, O_RDONLY, SYSROOT_FILE, &fd);
	if (err)
		return err;
	buf = malloc(CHUNK);
	if (!buf) {
		close(fd);
		return &ksd_enomem;
	}
	for (;;) {
		ssize_t r = read(fd, buf, CHUNK);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			char *full = sysroot_path(sr, path);

			err = ksd_error_errno(errno, "reading '%s'", full ? full : path);
			free(full);
			break;
		}
		if (r == 0)
			break;
		total += (unsigned long long)r;
		if (total > max) {
			char *full = sysroot_path(sr, path);

			err = ksd_error_create(KSD_ERR_LIMIT,
					       "'%s' is larger than %llu bytes, the most accepted",
					       full ? full : path, max);
			free(full);
			break;
		}
		for (ssize_t i = 0; i < r && !err; i++) {
			if (buf[i] != '\n') {
				if (llen < sizeof(line) - 1)
					line[llen++] = buf[i] ? buf[i] : ' ';
				continue;
			}
			line[llen] = '\0';
			llen = 0;
			err = fn(arg, line);
		}
		if (err)
			break;
	}
	if (!err && llen) {
		line[llen] = '\0';
		err = fn(arg, line);
	}
	free(buf);
	close(fd);
	return err;
}

bool sysroot_exists(const struct sysroot *sr, const char *path)
{
	char *full = sysroot_path(sr, path);
	bool ok;

	if (!full)
		return false;
	ok = access(full, F_OK) == 0;
	free(full);
	return ok;
}

struct ksd_error *sysroot_opendir(const struct sysroot *sr, const char *path,
				  DIR **dir_ret)
{
	struct ksd_error *err = NULL;
	char *full = sysroot_path(sr, path);
	DIR *d;

	if (!full)
		return &ksd_enomem;
	d = opendir(full);
	if (!d && (errno == ENOENT || errno == ENOTDIR))
		err = ksd_error_create(KSD_ERR_NOT_FOUND, "'%s' does not exist", full);
	else if (!d)
		err = ksd_error_errno(errno, "cannot open directory '%s'", full);
	else
		*dir_ret = d;
	free(full);
	return err;
}
