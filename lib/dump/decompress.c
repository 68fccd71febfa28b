// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Page codecs of kdump-compressed dumps, through the distribution's
 * libraries.  Each page is one self-contained unit (makedumpfile's
 * write_kdump_pages*()):
 *
 *   zlib    a zlib-wrapped RFC 1950 stream (compress2())     -c
 *   LZO     a raw LZO1X-1 block                             -l
 *   snappy  a raw snappy block, not the framing format      -p
 *   zstd    one complete zstd frame                         -z
 *
 * A page must decode to exactly one block.  The output buffer is the
 * block, and every decoder is told so: a page claiming to inflate past it
 * (a decompression bomb) stops at the buffer's end and is refused; none
 * of them allocates by what the input claims.  Any codec may be left out
 * of the build (configure --without-X); a page that needs it is then
 * KSD_ERR_UNSUPPORTED, naming the codec.
 */
#include "config.h"

#include <limits.h>
#include <string.h>

#include "dump/kdump.h"

#ifdef HAVE_ZLIB
#include <zlib.h>
#endif
#ifdef HAVE_LZO
#include <lzo/lzo1x.h>
#endif
#ifdef HAVE_SNAPPY
#include <snappy-c.h>
#endif
#ifdef HAVE_ZSTD
#include <zstd.h>
#include <zstd_errors.h>
#endif

const char *kdump_codec_name(uint32_t flag)
{
	switch (flag) {
	case KDUMP_ZLIB:	return "zlib";
	case KDUMP_LZO:		return "lzo";
	case KDUMP_SNAPPY:	return "snappy";
	case KDUMP_ZSTD:	return "zstd";
	}
	return "unknown";
}

bool kdump_codec_available(uint32_t flag)
{
	switch (flag) {
#ifdef HAVE_ZLIB
	case KDUMP_ZLIB:	return true;
#endif
#ifdef HAVE_LZO
	case KDUMP_LZO:		return true;
#endif
#ifdef HAVE_SNAPPY
	case KDUMP_SNAPPY:	return true;
#endif
#ifdef HAVE_ZSTD
	case KDUMP_ZSTD:	return true;
#endif
	default:		return false;
	}
}

static struct ksd_error *wrong_size(const char *codec, size_t got, size_t want)
{
	return ksd_error_create(KSD_ERR_CORRUPT,
				"%s data decodes to %zu bytes, not the %zu-byte block",
				codec, got, want);
}

static struct ksd_error *bomb(const char *codec, size_t want)
{
	return ksd_error_create(KSD_ERR_CORRUPT,
				"%s data inflates past the %zu-byte block",
				codec, want);
}

#ifdef HAVE_ZLIB
/*
 * inflate() rather than uncompress(): when the block fills up, one more
 * byte of room tells a stream that goes on (a bomb) from one that ends
 * exactly there and one cut short.
 */
static struct ksd_error *do_zlib(const uint8_t *in, size_t inlen,
				 uint8_t *out, size_t outlen)
{
	z_stream zs;
	uint8_t extra;
	int rc;

	if (inlen > UINT_MAX || outlen > UINT_MAX)
		return bomb("zlib", outlen);
	memset(&zs, 0, sizeof(zs));
	if (inflateInit(&zs) != Z_OK)
		return &ksd_enomem;
	zs.next_in = (Bytef *)in;
	zs.avail_in = (uInt)inlen;
	zs.next_out = out;
	zs.avail_out = (uInt)outlen;
	rc = inflate(&zs, Z_FINISH);
	if (rc != Z_STREAM_END && zs.avail_out == 0 && rc != Z_DATA_ERROR) {
		zs.next_out = &extra;
		zs.avail_out = 1;
		rc = inflate(&zs, Z_FINISH);
		if (zs.avail_out == 0) {
			inflateEnd(&zs);
			return bomb("zlib", outlen);
		}
	}
	inflateEnd(&zs);
	if (rc == Z_STREAM_END)
		return zs.total_out == outlen ? NULL :
		       wrong_size("zlib", zs.total_out, outlen);
	return ksd_error_create(KSD_ERR_CORRUPT, "zlib data does not decode (%s)",
				rc == Z_DATA_ERROR ? "corrupt stream" :
				rc == Z_MEM_ERROR ? "out of memory" : "stream cut short");
}
#endif

#ifdef HAVE_LZO
static struct ksd_error *do_lzo(const uint8_t *in, size_t inlen,
				uint8_t *out, size_t outlen)
{
	lzo_uint got = outlen;
	int rc;

	/* lzo_init() only checks the library's build against the header. */
	if (lzo_init() != LZO_E_OK)
		return ksd_error_create(KSD_ERR_INTERNAL, "liblzo2 failed to initialise");
	rc = lzo1x_decompress_safe(in, inlen, out, &got, NULL);
	if (rc == LZO_E_OUTPUT_OVERRUN)
		return bomb("lzo", outlen);
	if (rc != LZO_E_OK && rc != LZO_E_INPUT_NOT_CONSUMED)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"lzo data does not decode (liblzo2 error %d)", rc);
	return got == outlen ? NULL : wrong_size("lzo", got, outlen);
}
#endif

#ifdef HAVE_SNAPPY
static struct ksd_error *do_snappy(const uint8_t *in, size_t inlen,
				   uint8_t *out, size_t outlen)
{
	size_t got;

	/* The length is the block's first varint: check it before decoding. */
	if (snappy_uncompressed_length((const char *)in, inlen, &got) != SNAPPY_OK)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"snappy data does not decode (bad length header)");
	if (got > outlen)
		return bomb("snappy", outlen);
	if (got != outlen)
		return wrong_size("snappy", got, outlen);
	if (snappy_uncompress((const char *)in, inlen, (char *)out, &got) != SNAPPY_OK)
		return ksd_error_create(KSD_ERR_CORRUPT, "snappy data does not decode");
	return got == outlen ? NULL : wrong_size("snappy", got, outlen);
}
#endif

#ifdef HAVE_ZSTD
static struct ksd_error *do_zstd(const uint8_t *in, size_t inlen,
				 uint8_t *out, size_t outlen)
{
	size_t got = ZSTD_decompress(out, outlen, in, inlen);

	if (ZSTD_isError(got)) {
		if (ZSTD_getErrorCode(got) == ZSTD_error_dstSize_tooSmall)
			return bomb("zstd", outlen);
		return ksd_error_create(KSD_ERR_CORRUPT, "zstd data does not decode (%s)",
					ZSTD_getErrorName(got));
	}
	return got == outlen ? NULL : wrong_size("zstd", got, outlen);
}
#endif

struct ksd_error *kdump_decompress(uint32_t flag, const uint8_t *in,
				   size_t inlen, uint8_t *out, size_t outlen)
{
	/* Unused when the build has no codec at all. */
	(void)in;
	(void)inlen;
	(void)out;
	(void)outlen;
	switch (flag) {
	case KDUMP_ZLIB:
#ifdef HAVE_ZLIB
		return do_zlib(in, inlen, out, outlen);
#endif
		break;
	case KDUMP_LZO:
#ifdef HAVE_LZO
		return do_lzo(in, inlen, out, outlen);
#endif
		break;
	case KDUMP_SNAPPY:
#ifdef HAVE_SNAPPY
		return do_snappy(in, inlen, out, outlen);
#endif
		break;
	case KDUMP_ZSTD:
#ifdef HAVE_ZSTD
		return do_zstd(in, inlen, out, outlen);
#endif
		break;
	default:
		return ksd_error_create(KSD_ERR_CORRUPT,
					"unknown compression flags 0x%x", flag);
	}
	return ksd_error_create(KSD_ERR_UNSUPPORTED,
				"the page is %s-compressed and this build of kexec-sdei lacks %s (configure found no %s library, or was given --without-%s)",
				kdump_codec_name(flag), kdump_codec_name(flag),
				kdump_codec_name(flag), kdump_codec_name(flag));
}
