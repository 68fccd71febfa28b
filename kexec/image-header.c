// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <string.h>

#include "image-header.h"
#include "util/endian.h"

unsigned int arm64_image_page_size(const struct arm64_image_header *h)
{
	static const unsigned int sizes[4] = { 0, 4096, 16384, 65536 };

	return sizes[(h->flags >> 1) & 3];
}

bool arm64_image_big_endian(const struct arm64_image_header *h)
{
	return h->flags & 1;
}

bool arm64_image_has_magic(const uint8_t *buf, size_t len)
{
	return len >= ARM64_IMAGE_HEADER_SIZE &&
	       memcmp(buf + 56, ARM64_IMAGE_MAGIC, 4) == 0;
}

struct ksd_error *arm64_image_header_parse(const uint8_t *buf, size_t len,
					   const char *what,
					   struct arm64_image_header *ret)
{
	uint64_t image_size;

	if (len < ARM64_IMAGE_HEADER_SIZE)
		return ksd_error_create(KSD_ERR_EOF,
					"%s: %zu bytes, too short for the 64-byte arm64 Image header",
					what, len);
	if (!arm64_image_has_magic(buf, len))
		return ksd_error_create(KSD_ERR_CORRUPT,
					"%s: not an arm64 Image (no \"ARM\\x64\" magic at offset 56)",
					what);
	image_size = ksd_load64(buf + 16, false);
	/*
	 * image_size covers the whole kernel, header and BSS included; a
	 * value inside the header itself is a lie, and would make any bound
	 * taken from it meaningless.
	 */
	if (image_size && image_size < ARM64_IMAGE_HEADER_SIZE)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"%s: the arm64 Image header declares an image_size of %llu bytes, less than the 64-byte header itself",
					what, (unsigned long long)image_size);
	/*
	 * Nor can a kernel need more memory than this loader would unpack:
	 * kexec_file_load would refuse the placement with a bare errno.
	 */
	if (image_size > KSD_MAX_KERNEL_IMAGE)
		return ksd_error_create(KSD_ERR_LIMIT,
					"%s: the arm64 Image header declares an image_size of %llu bytes, more than the limit of %llu (KSD_MAX_KERNEL_IMAGE)",
					what, (unsigned long long)image_size,
					KSD_MAX_KERNEL_IMAGE);
	*ret = (struct arm64_image_header){
		.text_offset = ksd_load64(buf + 8, false),
		.image_size = image_size,
		.flags = ksd_load64(buf + 24, false),
		.efi_stub = buf[0] == 'M' && buf[1] == 'Z',
		.pe_offset = ksd_load32(buf + 60, false),
	};
	return NULL;
}

bool zboot_has_magic(const uint8_t *buf, size_t len)
{
	return len >= 8 && buf[0] == 'M' && buf[1] == 'Z' &&
	       memcmp(buf + 4, ZBOOT_TYPE, 4) == 0;
}

/*
 * The kernel's names for its compression methods (Makefile.zboot
 * comp-type-y).  lz4 and lzo are valid zboot payloads that this build
 * has no decompressor for.
 */
static enum ksd_compression zboot_method(const char *name)
{
	if (strcmp(name, "gzip") == 0)
		return KSD_COMP_GZIP;
	if (strncmp(name, "zstd", 4) == 0)	/* "zstd22" */
		return KSD_COMP_ZSTD;
	if (strcmp(name, "lzma") == 0)
		return KSD_COMP_LZMA;
	if (strcmp(name, "xzkern") == 0 || strcmp(name, "xz") == 0)
		return KSD_COMP_XZ;
	return KSD_COMP_NONE;
}

struct ksd_error *zboot_header_parse(const uint8_t *buf, size_t len,
				     uint64_t file_size, const uint8_t *pe,
				     const char *what, struct zboot_header *ret)
{
	struct zboot_header z;
	size_t n;

	if (len < ARM64_IMAGE_HEADER_SIZE || !zboot_has_magic(buf, len))
		return ksd_error_create(KSD_ERR_CORRUPT,
					"%s: not an EFI zboot image", what);
	memset(&z, 0, sizeof(z));
	z.payload_offset = ksd_load32(buf + 8, false);
	z.payload_size = ksd_load32(buf + 12, false);
	z.pe_offset = ksd_load32(buf + 60, false);
	/* The name is NUL-terminated within the 32 bytes before offset 56. */
	n = strnlen((const char *)buf + 24, 32);
	if (n == 32)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"%s: zboot compression type at offset 24 is not NUL-terminated",
					what);
	memcpy(z.comp_name, buf + 24, n);
	for (size_t i = 0; i < n; i++)
		if (z.comp_name[i] < 0x21 || z.comp_name[i] > 0x7e)
			return ksd_error_create(KSD_ERR_CORRUPT,
						"%s: zboot compression type has a non-printable byte 0x%02x",
						what, (unsigned char)z.comp_name[i]);
	z.comp = zboot_method(z.comp_name);
	if (!pe || memcmp(pe, "PE\0\0", 4) != 0)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"%s: zboot image has no PE header at offset 0x%x",
					what, z.pe_offset);
	if (ksd_load16(pe + 4, false) != PE_MACHINE_ARM64)
		return ksd_error_create(KSD_ERR_UNSUPPORTED,
					"%s: zboot image is for PE machine 0x%04x, not arm64 (0xaa64)",
					what, ksd_load16(pe + 4, false));
	if (z.payload_offset < ARM64_IMAGE_HEADER_SIZE ||
	    z.payload_offset >= file_size)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"%s: zboot payload offset 0x%x lies outside the %llu-byte file",
					what, z.payload_offset,
					(unsigned long long)file_size);
	if (!z.payload_size ||
	    z.payload_size > file_size - z.payload_offset)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"%s: zboot payload of %u bytes at offset 0x%x runs past the end of the %llu-byte file",
					what, z.payload_size, z.payload_offset,
					(unsigned long long)file_size);
	*ret = z;
	return NULL;
}
