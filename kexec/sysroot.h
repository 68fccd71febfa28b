/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The one root prefix of the loader.  Every file the loader reads about
 * the machine (/proc, /sys, /dev, /boot, and the kernel, initrd and DTB
 * files named on the command line) is opened through here, so --root DIR
 * points the whole loader at a fake machine tree, as a chroot would:
 *
 *   - an absolute path "/proc/iomem" opens DIR/proc/iomem;
 *   - a relative path is opened as given, relative to the working
 *     directory (so "kexec -s -p ./Image" means the file next to you).
 *
 * The prefix is prepended textually: symbolic links inside the tree must
 * be relative (as the kernel's sysfs links are) to stay inside it.
 *
 * Reads are bounded: sysroot_read() refuses a file larger than the
 * caller's limit, so a hostile or runaway /proc file cannot exhaust
 * memory; and only regular files (and /dev/kmsg's character device) are
 * read, so a FIFO in a tree cannot hang the loader.
 */
#ifndef KSD_KEXEC_SYSROOT_H
#define KSD_KEXEC_SYSROOT_H

#include <dirent.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

struct sysroot {
	char *prefix;	/* "" for the real root, else DIR without a trailing / */
};

/* @root may be NULL or "/" for the real machine. */
struct ksd_error *sysroot_init(struct sysroot *sr, const char *root);
void sysroot_deinit(struct sysroot *sr);

/* True when the loader looks at the real machine, not a fake tree. */
bool sysroot_is_real(const struct sysroot *sr);

/* The path actually opened for @path; malloc'd, NULL when out of memory. */
char *sysroot_path(const struct sysroot *sr, const char *path);

/* What sysroot_open() accepts. */
enum sysroot_kind {
	SYSROOT_FILE,			/* a regular file (/proc and /sys are) */
	SYSROOT_FILE_OR_CHARDEV,	/* or a character device (/dev/kmsg) */
};

/*
 * open(2) @path with @flags (O_CLOEXEC is added) and check it is of
 * @kind.  The open never blocks: a FIFO or another kind of file is a
 * KSD_ERR_UNSUPPORTED error, not a hang.  The fd is blocking unless
 * @flags has O_NONBLOCK.  A missing file is a KSD_ERR_NOT_FOUND error;
 * other failures are KSD_ERR_OS.  Messages name the path opened.
 */
struct ksd_error *sysroot_open(const struct sysroot *sr, const char *path,
			       int flags, enum sysroot_kind kind, int *fd_ret);

/*
 * Read all of @path into a NUL-terminated buffer (*@buf_ret, malloc'd;
 * *@len_ret excludes the NUL).  More than @max bytes is a KSD_ERR_LIMIT
 * error naming the limit.
 */
struct ksd_error *sysroot_read(const struct sysroot *sr, const char *path,
			       size_t max, char **buf_ret, size_t *len_ret);

/*
 * Read a small sysfs-style text file holding one value, with the trailing
 * newline removed.  Same errors as sysroot_read().
 */
struct ksd_error *sysroot_read_line(const struct sysroot *sr, const char *path,
				    char **line_ret);

/*
 * Call @fn for each line of @path (without its newline) as it is read,
 * so files too big to hold (/proc/kallsyms) stream through.  Lines longer
 * than 4 KiB are cut.  Reading more than @max bytes is a KSD_ERR_LIMIT
 * error; an error from @fn stops the walk and is returned.
 */
typedef struct ksd_error *(*sysroot_line_fn)(void *arg, const char *line);
struct ksd_error *sysroot_for_each_line(const struct sysroot *sr,
					const char *path, unsigned long long max,
					sysroot_line_fn fn, void *arg);

bool sysroot_exists(const struct sysroot *sr, const char *path);

struct ksd_error *sysroot_opendir(const struct sysroot *sr, const char *path,
				  DIR **dir_ret);

#endif /* KSD_KEXEC_SYSROOT_H */
