// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The page codecs of kdump-compressed dumps on their own: the first byte
 * picks the codec (and the page size), the rest is one compressed page.
 * The page must decode to exactly the page size or be refused.
 */
#include "config.h"

#include <stdlib.h>

#include "dump/kdump.h"
#include "fuzz.h"

FUZZ_TARGET(kdump_page)
{
	static const uint32_t codecs[] = {
		KDUMP_ZLIB, KDUMP_LZO, KDUMP_SNAPPY, KDUMP_ZSTD,
	};
	static const size_t pages[] = { 4096, 16384, 65536, 512 };
	static uint8_t out[65536];
	uint32_t flag;
	size_t outlen;

	if (size < 1)
		return 0;
	flag = codecs[data[0] & 3];
	outlen = pages[(data[0] >> 2) & 3];
	(void)kdump_codec_name(flag);
	if (!kdump_codec_available(flag))
		return 0;
	fuzz_drop(kdump_decompress(flag, data + 1, size - 1, out, outlen));
	return 0;
}
