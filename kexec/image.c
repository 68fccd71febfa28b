// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "image.h"
#include "util/endian.h"
#include "vmlinux.h"

/* Enough of the file to see the Image header, the zboot header and magic. */
#define HEAD_BYTES 4096

/* The kernel file: an open descriptor, or bytes in memory. */
struct image_src {
	int fd;
	const uint8_t *mem;	/* NULL: read @fd */
	uint64_t size;
};

/* Where the unpacked kernel goes, checked as it arrives. */
struct unpack {
	int fd;			/* -1: check it and count it, keep nothing */
	const char *what;
	uint8_t head[ARM64_IMAGE_HEADER_SIZE];
	uint64_t written, limit;
};

static struct ksd_error *write_all(int fd, const void *buf, size_t len,
				   const char *what)
{
	const uint8_t *p = buf;

	while (len) {
		ssize_t r = write(fd, p, len);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return ksd_error_errno(errno, "writing %s", what);
		p += r;
		len -= (size_t)r;
	}
	return NULL;
}

static struct ksd_error *unpack_sink(void *arg, const void *buf, size_t len)
{
	struct unpack *u = arg;
	const uint8_t *p = buf;

	if (u->written < sizeof(u->head)) {
		size_t n = sizeof(u->head) - u->written;

		if (n > len)
			n = len;
		memcpy(u->head + u->written, p, n);
		if (u->written + n == sizeof(u->head)) {
			struct arm64_image_header h;
			struct ksd_error *err;

			/* Stop at once when the output is not a kernel. */
			if (!arm64_image_has_magic(u->head, sizeof(u->head)))
				return ksd_error_create(KSD_ERR_CORRUPT,
							"%s: the unpacked data is not an arm64 Image (no \"ARM\\x64\" magic at offset 56)",
							u->what);
			err = arm64_image_header_parse(u->head, sizeof(u->head),
						       u->what, &h);
			if (err)
				return err;
			/*
			 * The header bounds the rest: an Image file never
			 * exceeds image_size (which includes the BSS), and
			 * zboot pads its payload to exactly that size.
			 */
			if (h.image_size && h.image_size < u->limit)
				u->limit = h.image_size;
		}
	}
	/*
	 * The header may arrive in pieces, so u->written may already be
	 * past a limit lowered just now: check that before subtracting.
	 */
	if (u->written > u->limit || len > u->limit - u->written)
		return ksd_error_create(KSD_ERR_LIMIT,
					"%s: unpacks to more than %llu bytes, the image_size its header declares",
					u->what, (unsigned long long)u->limit);
	u->written += len;
	if (u->fd < 0)
		return NULL;
	return write_all(u->fd, buf, len, "the unpacked kernel to its memfd");
}

static struct ksd_error *make_memfd(int *ret)
{
#ifdef HAVE_MEMFD_CREATE
	int fd = memfd_create("kexec-sdei-kernel", MFD_CLOEXEC | MFD_ALLOW_SEALING);

	if (fd < 0)
		return ksd_error_errno(errno, "memfd_create for the unpacked kernel");
	*ret = fd;
	return NULL;
#else
	(void)ret;
	return ksd_error_create(KSD_ERR_UNSUPPORTED,
				"this build has no memfd_create(), needed to hand an unpacked kernel to the kernel");
#endif
}

static struct ksd_error *unpack(struct kernel_image *img,
				const struct image_src *src, uint64_t off,
				uint64_t len)
{
	struct unpack u = { .fd = -1, .what = img->path,
			    .limit = KSD_MAX_KERNEL_IMAGE };
	struct ksd_error *err;
	uint64_t out;

	if (src->mem) {
		/* Checked by the callers: the range lies inside the file. */
		err = ksd_decompress_mem(img->comp, src->mem + off, (size_t)len,
					 img->path, KSD_MAX_KERNEL_IMAGE,
					 unpack_sink, &u, &out);
	} else {
		err = make_memfd(&u.fd);
		if (err)
			return err;
		err = ksd_decompress_fd(img->comp, src->fd, off, len, img->path,
					KSD_MAX_KERNEL_IMAGE, unpack_sink, &u,
					&out);
	}
	if (!err && out < sizeof(u.head))
		err = ksd_error_create(KSD_ERR_EOF,
				       "%s: unpacks to only %llu bytes, less than an arm64 Image header",
				       img->path, (unsigned long long)out);
	if (!err)
		err = arm64_image_header_parse(u.head, sizeof(u.head),
					       img->path, &img->header);
	if (!err && u.fd >= 0 &&
	    fcntl(u.fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW |
		  F_SEAL_WRITE | F_SEAL_SEAL) < 0)
		err = ksd_error_errno(errno, "sealing the memfd of the unpacked kernel");
	if (err) {
		if (u.fd >= 0)
			close(u.fd);
		return err;
	}
	img->fd = u.fd;
	img->memfd = u.fd >= 0;
	img->size = out;
	return NULL;
}

static struct ksd_error *read_at(int fd, uint64_t off, void *buf, size_t len,
				 size_t *got, const char *what)
{
	size_t n = 0;

	while (n < len) {
		ssize_t r = pread(fd, (uint8_t *)buf + n, len - n, (off_t)(off + n));

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return ksd_error_errno(errno, "reading %s", what);
		if (r == 0)
			break;
		n += (size_t)r;
	}
	*got = n;
	return NULL;
}

static struct ksd_error *src_read(const struct image_src *src, uint64_t off,
				  void *buf, size_t len, size_t *got,
				  const char *what)
{
	if (!src->mem)
		return read_at(src->fd, off, buf, len, got, what);
	*got = 0;
	if (off >= src->size)
		return NULL;
	if (len > src->size - off)
		len = (size_t)(src->size - off);
	memcpy(buf, src->mem + off, len);
	*got = len;
	return NULL;
}

/* Say what a file that is no kernel kexec_file_load takes looks like. */
static struct ksd_error *refuse(const uint8_t *h, size_t n, const char *path)
{
	if (n >= 4 && memcmp(h, "\x7f" "ELF", 4) == 0)
		return ksd_error_create(KSD_ERR_UNSUPPORTED,
					"%s: an ELF file (vmlinux?): kexec_file_load takes the arm64 Image (arch/arm64/boot/Image), not vmlinux; kexec_load (-c) takes both",
					path);
	if (n >= 4 && ksd_load32(h, true) == 0x27051956)
		return ksd_error_create(KSD_ERR_UNSUPPORTED,
					"%s: a U-Boot uImage: kexec_file_load takes the Image inside it",
					path);
	if (n < ARM64_IMAGE_HEADER_SIZE)
		return ksd_error_create(KSD_ERR_EOF,
					"%s: %zu bytes, too short for an arm64 Image header (64 bytes): Cannot determine the file type",
					path, n);
	if (h[0] == 'M' && h[1] == 'Z')
		return ksd_error_create(KSD_ERR_UNSUPPORTED,
					"%s: a PE/COFF file that is neither an arm64 Image nor an EFI zboot image (a UKI or another EFI program?)",
					path);
	return ksd_error_create(KSD_ERR_UNSUPPORTED,
				"Cannot determine the file type of %s", path);
}

/* A vmlinux, flattened into a sealed memfd like an unpacked kernel. */
static struct ksd_error *flatten(struct kernel_image *img, int in_fd)
{
	struct ksd_error *err;
	uint8_t head[ARM64_IMAGE_HEADER_SIZE];
	size_t n = 0;
	int fd = -1;

	err = make_memfd(&fd);
	if (err)
		return err;
	err = vmlinux_flatten(in_fd, img->file_size, img->path, fd, &img->size);
	if (!err)
		err = read_at(fd, 0, head, sizeof(head), &n, img->path);
	if (!err && !arm64_image_has_magic(head, n))
		err = ksd_error_create(KSD_ERR_UNSUPPORTED,
				       "%s: an arm64 ELF file whose first bytes are not an arm64 Image header: not a vmlinux",
				       img->path);
	if (!err)
		err = arm64_image_header_parse(head, n, img->path, &img->header);
	if (!err && fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW |
			  F_SEAL_WRITE | F_SEAL_SEAL) < 0)
		err = ksd_error_errno(errno, "sealing the memfd of the flattened vmlinux");
	if (err) {
		close(fd);
		return err;
	}
	img->format = IMAGE_VMLINUX;
	img->fd = fd;
	img->memfd = true;
	return NULL;
}

static struct ksd_error *probe(struct kernel_image *img,
			       const struct image_src *src, unsigned int flags)
{
	uint8_t head[HEAD_BYTES], pe[6];
	struct ksd_error *err;
	size_t n, npe = 0;

	err = src_read(src, 0, head, sizeof(head), &n, img->path);
	if (err)
		return err;
	if (arm64_image_has_magic(head, n)) {
		img->format = IMAGE_RAW;
		img->size = img->file_size;
		return arm64_image_header_parse(head, n, img->path, &img->header);
	}
	if (zboot_has_magic(head, n)) {
		uint32_t peoff = n >= 64 ? ksd_load32(head + 60, false) : 0;

		if ((uint64_t)peoff + sizeof(pe) <= img->file_size) {
			err = src_read(src, peoff, pe, sizeof(pe), &npe, img->path);
			if (err)
				return err;
		}
		err = zboot_header_parse(head, n, img->file_size,
					 npe == sizeof(pe) ? pe : NULL,
					 img->path, &img->zboot);
		if (err)
			return err;
		if (img->zboot.comp == KSD_COMP_NONE)
			return ksd_error_create(KSD_ERR_UNSUPPORTED,
						"%s: EFI zboot image compressed with '%s', which this build cannot unpack (gzip, zstd, lzma and xz can be)",
						img->path, img->zboot.comp_name);
		img->format = IMAGE_ZBOOT;
		img->comp = img->zboot.comp;
		return unpack(img, src, img->zboot.payload_offset,
			      img->zboot.payload_size);
	}
	/* libelf reads a vmlinux from a file; one in memory is not for us. */
	if ((flags & IMAGE_ALLOW_VMLINUX) && !src->mem &&
	    vmlinux_has_magic(head, n))
		return flatten(img, src->fd);
	img->comp = ksd_compression_detect(head, n);
	if (img->comp != KSD_COMP_NONE) {
		img->format = IMAGE_COMPRESSED;
		return unpack(img, src, 0, img->file_size);
	}
	return refuse(head, n, img->path);
}

struct ksd_error *image_open(const struct sysroot *sr, const char *path,
			     unsigned int flags, struct kernel_image *ret)
{
	struct kernel_image img = { .fd = -1 };
	struct ksd_error *err;
	struct stat st;
	int fd;

	img.path = strdup(path);
	if (!img.path)
		return &ksd_enomem;
	err = sysroot_open(sr, path, O_RDONLY, SYSROOT_FILE, &fd);
	if (err) {
		free(img.path);
		return ksd_error_prefix(err, "kernel");
	}
	if (fstat(fd, &st) < 0)
		err = ksd_error_errno(errno, "%s", path);
	if (!err) {
		struct image_src src = { .fd = fd, .size = (uint64_t)st.st_size };

		img.file_size = src.size;
		err = probe(&img, &src, flags);
	}
	if (!err && img.memfd)
		close(fd);	/* the memfd replaces the file */
	else if (!err)
		img.fd = fd;
	if (err) {
		close(fd);
		free(img.path);
		return ksd_error_prefix(err, "kernel");
	}
	*ret = img;
	return NULL;
}

struct ksd_error *image_open_memory(const void *buf, size_t len,
				    const char *what, struct kernel_image *ret)
{
	struct image_src src = { .fd = -1, .mem = buf, .size = len };
	struct kernel_image img = { .fd = -1 };
	struct ksd_error *err;

	img.path = strdup(what);
	if (!img.path)
		return &ksd_enomem;
	img.file_size = len;
	err = probe(&img, &src, 0);
	if (err) {
		free(img.path);
		return ksd_error_prefix(err, "kernel");
	}
	*ret = img;
	return NULL;
}

void image_close(struct kernel_image *img)
{
	if (img->fd >= 0)
		close(img->fd);
	free(img->path);
	img->fd = -1;
	img->path = NULL;
}

const char *image_format_name(const struct kernel_image *img)
{
	static const char *const compressed[] = {
		[KSD_COMP_NONE] = "Image", [KSD_COMP_GZIP] = "Image.gz",
		[KSD_COMP_ZSTD] = "Image.zst", [KSD_COMP_XZ] = "Image.xz",
		[KSD_COMP_LZMA] = "Image.lzma",
	};
	static const char *const zboot[] = {
		[KSD_COMP_NONE] = "zboot", [KSD_COMP_GZIP] = "zboot-gzip",
		[KSD_COMP_ZSTD] = "zboot-zstd", [KSD_COMP_XZ] = "zboot-xz",
		[KSD_COMP_LZMA] = "zboot-lzma",
	};

	switch (img->format) {
	case IMAGE_RAW:
		return "Image";
	case IMAGE_COMPRESSED:
		return compressed[img->comp];
	case IMAGE_ZBOOT:
		return zboot[img->comp];
	case IMAGE_VMLINUX:
		return "vmlinux";
	}
	return "unknown";
}

struct ksd_error *image_copy_to(const struct kernel_image *img, int out_fd,
				const char *out_name)
{
	uint8_t *buf = malloc(1u << 20);
	struct ksd_error *err = NULL;
	uint64_t off = 0;

	if (!buf)
		return &ksd_enomem;
	while (!err && off < img->size) {
		size_t want = img->size - off < (1u << 20) ? (size_t)(img->size - off)
							    : (1u << 20);
		size_t got;

		err = read_at(img->fd, off, buf, want, &got, img->path);
		if (!err && got != want)
			err = ksd_error_create(KSD_ERR_EOF,
					       "%s: ends at byte %llu, before the %llu bytes it had",
					       img->path,
					       (unsigned long long)(off + got),
					       (unsigned long long)img->size);
		if (!err)
			err = write_all(out_fd, buf, got, out_name);
		off += want;
	}
	free(buf);
	return err;
}
