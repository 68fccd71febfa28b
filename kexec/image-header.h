/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The arm64 kernel Image header and the EFI zboot container header.
 *
 * Image (Documentation/arch/arm64/booting.rst), 64 bytes, little-endian:
 *   0  code0 (u32; "MZ" when the kernel has an EFI stub)
 *   4  code1 (u32)
 *   8  text_offset (u64)
 *  16  image_size (u64; 0 before Linux 3.17)
 *  24  flags (u64): bit 0 big-endian, bits 1-2 page size
 *      (1 4K, 2 16K, 3 64K, 0 unspecified), bit 3 placement
 *  32  res2, res3, res4 (u64 each)
 *  56  magic "ARM\x64"
 *  60  res5 (u32; the PE header offset with an EFI stub)
 *
 * EFI zboot (drivers/firmware/efi/libstub/zboot-header.S), a PE/COFF
 * executable that carries the compressed Image:
 *   0  "MZ" (u32)
 *   4  image type "zimg"
 *   8  payload offset (u32), from the start of the file
 *  12  payload size (u32); gzip includes its own size trailer, the other
 *      methods append a 4-byte size that is not counted
 *  16  two reserved u32
 *  24  compression type, a NUL-terminated name ("gzip", "lzma",
 *      "xzkern", "zstd22", ...) up to offset 56
 *  56  LINUX_PE_MAGIC 0x818223cd
 *  60  PE header offset (u32): "PE\0\0" then the machine, 0xaa64 on arm64
 */
#ifndef KSD_KEXEC_IMAGE_HEADER_H
#define KSD_KEXEC_IMAGE_HEADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/decompress.h"
#include "util/error.h"

#define ARM64_IMAGE_HEADER_SIZE 64

/*
 * The most bytes a kernel may unpack to when its header does not bound it
 * (image_size 0, pre-3.17), and the most its image_size may declare.
 * Distribution Images are 30-60 MiB.
 */
#define KSD_MAX_KERNEL_IMAGE (512ull << 20)
#define ARM64_IMAGE_MAGIC "ARM\x64"
#define ZBOOT_TYPE "zimg"
#define PE_MACHINE_ARM64 0xaa64

struct arm64_image_header {
	uint64_t text_offset;
	uint64_t image_size;
	uint64_t flags;
	bool efi_stub;		/* starts with "MZ" */
	uint32_t pe_offset;
};

/* Page size in bytes from the header flags; 0 when unspecified. */
unsigned int arm64_image_page_size(const struct arm64_image_header *h);
bool arm64_image_big_endian(const struct arm64_image_header *h);

/* True when @buf (at least 64 bytes) carries the Image magic. */
bool arm64_image_has_magic(const uint8_t *buf, size_t len);

/*
 * Parse the 64-byte header at @buf.  KSD_ERR_CORRUPT without the magic;
 * @what names the data in messages.
 */
struct ksd_error *arm64_image_header_parse(const uint8_t *buf, size_t len,
					   const char *what,
					   struct arm64_image_header *ret);

struct zboot_header {
	uint32_t payload_offset;
	uint32_t payload_size;
	char comp_name[33];		/* as written in the header */
	enum ksd_compression comp;	/* KSD_COMP_NONE: not supported */
	uint32_t pe_offset;
};

/* True when @buf starts with "MZ" and the zboot image type "zimg". */
bool zboot_has_magic(const uint8_t *buf, size_t len);

/*
 * Parse a zboot header from the first @len bytes of a @file_size byte
 * file; @pe points at the 6 bytes at the PE header offset (the caller
 * reads them), or is NULL when that offset lies beyond the file.
 * Checks every offset and size against the file.
 */
struct ksd_error *zboot_header_parse(const uint8_t *buf, size_t len,
				     uint64_t file_size, const uint8_t *pe,
				     const char *what, struct zboot_header *ret);

#endif /* KSD_KEXEC_IMAGE_HEADER_H */
