/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The kernel file given to kexec: recognise its format and produce the
 * file descriptor kexec_file_load(2) gets.
 *
 *   raw Image          the file itself (so its IMA/xattr data stays with it)
 *   Image.gz/.zst/.xz  unpacked into a sealed memfd
 *   EFI zboot          its payload (gzip, zstd, lzma or xz) unpacked into
 *                      a sealed memfd
 *
 *   vmlinux            kexec_load only (IMAGE_ALLOW_VMLINUX): flattened into
 *                      the Image it was made from (vmlinux.c), in a sealed
 *                      memfd
 *
 * Nothing is written to the file system: the unpacked kernel lives in an
 * anonymous memfd sealed against any change before the kernel sees it.
 * Formats kexec_file_load cannot take (ELF vmlinux without the flag,
 * uImage, other PE files) are refused with a message that says what the
 * file is.
 */
#ifndef KSD_KEXEC_IMAGE_H
#define KSD_KEXEC_IMAGE_H

#include <stdint.h>

#include "image-header.h"
#include "sysroot.h"
#include "util/decompress.h"

enum image_format {
	IMAGE_RAW,		/* uncompressed arm64 Image */
	IMAGE_COMPRESSED,	/* Image.gz, Image.zst, Image.xz */
	IMAGE_ZBOOT,		/* EFI zboot vmlinuz */
	IMAGE_VMLINUX,		/* ELF vmlinux, flattened (kexec_load only) */
};

enum image_open_flags {
	IMAGE_ALLOW_VMLINUX = 1u << 0,	/* the caller can use kexec_load */
};

struct kernel_image {
	char *path;			/* as named on the command line */
	enum image_format format;
	enum ksd_compression comp;	/* of the file or the zboot payload */
	struct zboot_header zboot;	/* IMAGE_ZBOOT only */
	uint64_t file_size;
	uint64_t size;			/* bytes of Image handed to the kernel */
	struct arm64_image_header header;
	int fd;				/* the fd for kexec_file_load */
	bool memfd;			/* @fd is a sealed memfd we made */
};

/* Open and recognise @path (through @sr), unpacking it if needed. */
struct ksd_error *image_open(const struct sysroot *sr, const char *path,
			     unsigned int flags, struct kernel_image *ret);
/*
 * Recognise the kernel held in the @len bytes at @buf as image_open()
 * does, unpacking it only to check it: nothing is kept, ret->fd is -1 and
 * ret->size is what it unpacks to.  For the fuzz harness and tests.
 */
struct ksd_error *image_open_memory(const void *buf, size_t len,
				    const char *what, struct kernel_image *ret);
void image_close(struct kernel_image *img);

/* "Image", "Image.gz", "zboot(zstd22)" style names for plans. */
const char *image_format_name(const struct kernel_image *img);

/* Copy the Image handed to the kernel into @out_fd (for --unpack). */
struct ksd_error *image_copy_to(const struct kernel_image *img, int out_fd,
				const char *out_name);

#endif /* KSD_KEXEC_IMAGE_H */
