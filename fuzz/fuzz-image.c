// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Kernel files given to kexec (kexec/image*.c): raw Image headers,
 * Image.gz/.zst/.xz and EFI zboot containers with every payload codec,
 * recognised and unpacked from memory as image_open() does from a file.
 */
#include "config.h"

#include "fuzz.h"
#include "image.h"

FUZZ_TARGET(image)
{
	struct kernel_image img;
	struct ksd_error *err;

	err = image_open_memory(data, size, "fuzz-kernel", &img);
	if (err) {
		fuzz_drop(err);
		return 0;
	}
	(void)image_format_name(&img);
	(void)arm64_image_page_size(&img.header);
	(void)arm64_image_big_endian(&img.header);
	image_close(&img);
	return 0;
}
