// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <errno.h>
#include <lzma.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>

#include "util/decompress.h"

enum {
	IN_CHUNK = 64u << 10,
	OUT_CHUNK = 256u << 10,
};

/*
 * liblzma's memory limit.  xz -9 needs 65 MiB to decode and the kernel's
 * xzkern settings far less; a header asking for more is not a kernel.
 */
#define LZMA_MEMLIMIT (256u << 20)

/*
 * The largest zstd window, as a power of two: 128 MiB.  A frame header
 * asks for its window and the decoder allocates it before producing a
 * byte, so this bounds what a hostile header can make us allocate.  It
 * is what 'zstd -22 --ultra' (Makefile.zboot's zstd22) uses for inputs
 * over 64 MiB, and libzstd's own default, set here so that no library
 * build can raise it.
 */
#define ZSTD_WINDOW_LOG_MAX 27

/* The input range and the output accounting shared by every format. */
struct stream {
	int fd;
	const uint8_t *mem;		/* the input in memory, or NULL: read @fd */
	uint64_t start, pos, end;	/* file offsets of the range */
	const char *what, *format;
	uint8_t *in, *out;
	uint64_t produced, max_out;
	ksd_decompress_sink sink;
	void *arg;
};

const char *ksd_compression_name(enum ksd_compression c)
{
	switch (c) {
	case KSD_COMP_GZIP: return "gzip";
	case KSD_COMP_ZSTD: return "zstd";
	case KSD_COMP_XZ:   return "xz";
	case KSD_COMP_LZMA: return "lzma";
	case KSD_COMP_NONE: break;
	}
	return "none";
}

enum ksd_compression ksd_compression_detect(const void *buf, size_t len)
{
	static const uint8_t gz[] = { 0x1f, 0x8b };
	static const uint8_t zst[] = { 0x28, 0xb5, 0x2f, 0xfd };
	static const uint8_t xz[] = { 0xfd, '7', 'z', 'X', 'Z', 0x00 };

	if (len >= sizeof(xz) && memcmp(buf, xz, sizeof(xz)) == 0)
		return KSD_COMP_XZ;
	if (len >= sizeof(zst) && memcmp(buf, zst, sizeof(zst)) == 0)
		return KSD_COMP_ZSTD;
	if (len >= sizeof(gz) && memcmp(buf, gz, sizeof(gz)) == 0)
		return KSD_COMP_GZIP;
	return KSD_COMP_NONE;
}

/*
 * Read the next piece of the range into s->in after its first @keep
 * bytes; *n = the bytes read, 0 at the end of the range.
 */
static struct ksd_error *fill_after(struct stream *s, size_t keep, size_t *n)
{
	size_t room = IN_CHUNK - keep;
	size_t want = s->end - s->pos < room ? (size_t)(s->end - s->pos) : room;
	ssize_t r;

	*n = 0;
	if (!want)
		return NULL;
	if (s->mem) {
		memcpy(s->in + keep, s->mem + s->pos, want);
		s->pos += want;
		*n = want;
		return NULL;
	}
	do {
		r = pread(s->fd, s->in + keep, want, (off_t)s->pos);
	} while (r < 0 && errno == EINTR);
	if (r < 0)
		return ksd_error_errno(errno, "%s: reading byte %llu", s->what,
				       (unsigned long long)s->pos);
	if (r == 0)
		return ksd_error_create(KSD_ERR_EOF,
					"%s: file ends at byte %llu, inside its %s data (it changed while being read?)",
					s->what, (unsigned long long)s->pos,
					s->format);
	s->pos += (uint64_t)r;
	*n = (size_t)r;
	return NULL;
}

/* Read the next piece of the range into s->in; *n = 0 at its end. */
static struct ksd_error *fill(struct stream *s, size_t *n)
{
	return fill_after(s, 0, n);
}

static struct ksd_error *emit(struct stream *s, size_t n)
{
	if (!n)
		return NULL;
	if (n > s->max_out - s->produced)
		return ksd_error_create(KSD_ERR_LIMIT,
					"%s: %s data unpacks to more than %llu bytes, the most accepted",
					s->what, s->format,
					(unsigned long long)s->max_out);
	s->produced += n;
	return s->sink(s->arg, s->out, n);
}

/*
 * After a complete stream, @left bytes of input remain in the buffer at
 * @p, and maybe more in the file.  Zero bytes are padding; anything else
 * is trailing garbage.
 */
static struct ksd_error *trailing(struct stream *s, uint64_t at)
{
	return ksd_error_create(KSD_ERR_CORRUPT,
				"%s: %llu bytes of trailing data after the %s stream, at compressed byte %llu",
				s->what, (unsigned long long)(s->end - s->start - at),
				s->format, (unsigned long long)at);
}

static struct ksd_error *check_padding(struct stream *s, const uint8_t *p,
				       size_t left)
{
	uint64_t at = s->pos - left - s->start;
	size_t n;

	for (;;) {
		for (size_t i = 0; i < left; i++)
			if (p[i])
				return trailing(s, at);
		struct ksd_error *err = fill(s, &n);

		if (err)
			return err;
		if (!n)
			return NULL;
		p = s->in;
		left = n;
	}
}

static struct ksd_error *truncated(struct stream *s)
{
	return ksd_error_create(KSD_ERR_EOF,
				"%s: %s data is truncated: it ends after %llu compressed bytes, inside the stream",
				s->what, s->format,
				(unsigned long long)(s->end - s->start));
}

static struct ksd_error *gzip_run(struct stream *s)
{
	struct ksd_error *err = NULL;
	z_stream z;
	size_t n;
	int ret;

	memset(&z, 0, sizeof(z));
	/* 15 + 16: the largest window, and expect a gzip header. */
	if (inflateInit2(&z, 15 + 16) != Z_OK)
		return &ksd_enomem;
	for (;;) {
		if (!z.avail_in) {
			err = fill(s, &n);
			if (err)
				break;
			if (!n) {
				err = truncated(s);
				break;
			}
			z.next_in = s->in;
			z.avail_in = (uInt)n;
		}
		z.next_out = s->out;
		z.avail_out = OUT_CHUNK;
		ret = inflate(&z, Z_NO_FLUSH);
		if (ret != Z_OK && ret != Z_STREAM_END && ret != Z_BUF_ERROR) {
			err = ksd_error_create(ret == Z_MEM_ERROR ? KSD_ERR_NOMEM : KSD_ERR_CORRUPT,
					       "%s: corrupt gzip data near compressed byte %llu: %s",
					       s->what,
					       (unsigned long long)(s->pos - z.avail_in - s->start),
					       z.msg ? z.msg : "inflate failed");
			break;
		}
		err = emit(s, OUT_CHUNK - z.avail_out);
		if (err)
			break;
		if (ret != Z_STREAM_END)
			continue;
		/*
		 * A member ended: another may follow, as with gzip -c a b.
		 * Its two-byte magic may straddle a read: keep what is
		 * left and read on before deciding.
		 */
		if (z.avail_in < 2) {
			size_t left = z.avail_in;

			if (left)
				s->in[0] = z.next_in[0];
			err = fill_after(s, left, &n);
			if (err)
				break;
			if (!left && !n)
				break;
			z.next_in = s->in;
			z.avail_in = (uInt)(left + n);
		}
		if (z.avail_in >= 2 && z.next_in[0] == 0x1f && z.next_in[1] == 0x8b) {
			inflateReset(&z);
			continue;
		}
		err = check_padding(s, z.next_in, z.avail_in);
		break;
	}
	inflateEnd(&z);
	return err;
}

/*
 * At a frame boundary, with a non-zero byte at in->pos: another frame
 * (or a skippable frame) follows, or it is trailing data, which libzstd
 * would call an unknown frame descriptor.  The four magic bytes may
 * straddle a read.
 */
static struct ksd_error *zstd_next_frame(struct stream *s, ZSTD_inBuffer *in)
{
	size_t left = in->size - in->pos, n;
	const uint8_t *p = (const uint8_t *)in->src + in->pos;
	uint64_t at = s->pos - left - s->start;
	struct ksd_error *err;

	if (left < 4) {
		memmove(s->in, p, left);
		err = fill_after(s, left, &n);
		if (err)
			return err;
		in->src = p = s->in;
		in->size = left + n;
		in->pos = 0;
		left += n;
	}
	if (left >= 4 && (ksd_compression_detect(p, left) == KSD_COMP_ZSTD ||
			  ((p[0] & 0xf0) == 0x50 && p[1] == 0x2a && p[2] == 0x4d &&
			   p[3] == 0x18)))
		return NULL;
	return trailing(s, at);
}

static struct ksd_error *zstd_run(struct stream *s)
{
	struct ksd_error *err = NULL;
	ZSTD_DStream *d = ZSTD_createDStream();
	ZSTD_inBuffer in = { s->in, 0, 0 };
	size_t n, r = 1;	/* 1: inside a frame, 0: at a frame boundary */

	if (!d)
		return &ksd_enomem;
	ZSTD_initDStream(d);
	if (ZSTD_isError(ZSTD_DCtx_setParameter(d, ZSTD_d_windowLogMax,
						 ZSTD_WINDOW_LOG_MAX))) {
		ZSTD_freeDStream(d);
		return ksd_error_create(KSD_ERR_INTERNAL,
					"%s: libzstd refuses a window limit of 2^%d bytes",
					s->what, ZSTD_WINDOW_LOG_MAX);
	}
	for (;;) {
		if (in.pos == in.size) {
			err = fill(s, &n);
			if (err)
				break;
			if (!n) {
				if (r)
					err = truncated(s);
				break;
			}
			in.src = s->in;
			in.size = n;
			in.pos = 0;
		}
		/* Zero bytes cannot start a frame: treat them as padding. */
		if (r == 0 && ((const uint8_t *)in.src)[in.pos] == 0) {
			err = check_padding(s, (const uint8_t *)in.src + in.pos,
					    in.size - in.pos);
			break;
		}
		if (r == 0) {
			err = zstd_next_frame(s, &in);
			if (err)
				break;
		}
		ZSTD_outBuffer out = { s->out, OUT_CHUNK, 0 };

		r = ZSTD_decompressStream(d, &out, &in);
		if (ZSTD_isError(r) &&
		    ZSTD_getErrorCode(r) == ZSTD_error_frameParameter_windowTooLarge) {
			err = ksd_error_create(KSD_ERR_LIMIT,
					       "%s: zstd frame needs a window larger than %llu bytes, the most accepted",
					       s->what, 1ull << ZSTD_WINDOW_LOG_MAX);
			break;
		}
		if (ZSTD_isError(r)) {
			err = ksd_error_create(ZSTD_getErrorCode(r) == ZSTD_error_memory_allocation ?
					       KSD_ERR_NOMEM : KSD_ERR_CORRUPT,
					       "%s: corrupt zstd data near compressed byte %llu: %s",
					       s->what,
					       (unsigned long long)(s->pos - (in.size - in.pos) - s->start),
					       ZSTD_getErrorName(r));
			break;
		}
		err = emit(s, out.pos);
		if (err)
			break;
	}
	ZSTD_freeDStream(d);
	return err;
}

static const char *lzma_message(lzma_ret ret)
{
	switch (ret) {
	case LZMA_FORMAT_ERROR:	 return "not in the expected format";
	case LZMA_OPTIONS_ERROR: return "unsupported options";
	case LZMA_DATA_ERROR:	 return "corrupt data";
	case LZMA_BUF_ERROR:	 return "unexpected end of input";
	case LZMA_MEMLIMIT_ERROR: return "needs more memory than the limit";
	case LZMA_MEM_ERROR:	 return "out of memory";
	default:		 return "decoder error";
	}
}

/*
 * After an xz stream, the input left is at l->next_in.  Zero bytes are
 * padding, however many (xz(1) wants them in fours; we take what we take
 * after gzip and zstd), and another stream may follow, as in cat a.xz
 * b.xz: then *@another is set and l->next_in points at it.  Anything else
 * is trailing data; liblzma's LZMA_CONCATENATED would call it a truncated
 * stream, and refuse one to three zero bytes.
 */
static struct ksd_error *xz_next_stream(struct stream *s, lzma_stream *l,
					bool *another)
{
	static const uint8_t magic[6] = { 0xfd, '7', 'z', 'X', 'Z', 0x00 };
	const uint8_t *p = l->next_in;
	size_t left = l->avail_in, n;
	uint64_t at = s->pos - left - s->start;
	struct ksd_error *err;

	*another = false;
	for (;;) {
		while (left && !*p) {
			p++;
			left--;
		}
		if (left)
			break;
		err = fill(s, &n);
		if (err || !n)
			return err;
		p = s->in;
		left = n;
	}
	/* The next stream's magic may straddle a read. */
	if (left < sizeof(magic)) {
		memmove(s->in, p, left);
		err = fill_after(s, left, &n);
		if (err)
			return err;
		p = s->in;
		left += n;
	}
	if (left < sizeof(magic) || memcmp(p, magic, sizeof(magic)) != 0)
		return trailing(s, at);
	l->next_in = p;
	l->avail_in = left;
	*another = true;
	return NULL;
}

static struct ksd_error *lzma_run(struct stream *s, bool alone)
{
	lzma_stream l = LZMA_STREAM_INIT;
	struct ksd_error *err = NULL;
	bool at_end = false, another;
	const uint8_t *next;
	lzma_ret ret;
	size_t n;

	/* One xz stream at a time: xz_next_stream() decides what follows. */
	ret = alone ? lzma_alone_decoder(&l, LZMA_MEMLIMIT)
		    : lzma_stream_decoder(&l, LZMA_MEMLIMIT, 0);
	if (ret != LZMA_OK)
		return &ksd_enomem;
	for (;;) {
		if (!l.avail_in && !at_end) {
			err = fill(s, &n);
			if (err)
				break;
			at_end = !n;
			l.next_in = s->in;
			l.avail_in = n;
		}
		l.next_out = s->out;
		l.avail_out = OUT_CHUNK;
		ret = lzma_code(&l, at_end ? LZMA_FINISH : LZMA_RUN);
		err = emit(s, OUT_CHUNK - l.avail_out);
		if (err)
			break;
		if (ret == LZMA_STREAM_END && alone) {
			err = check_padding(s, l.next_in, l.avail_in);
			break;
		}
		if (ret == LZMA_STREAM_END) {
			err = xz_next_stream(s, &l, &another);
			if (err || !another)
				break;
			next = l.next_in;
			n = l.avail_in;
			if (lzma_stream_decoder(&l, LZMA_MEMLIMIT, 0) != LZMA_OK) {
				err = &ksd_enomem;
				break;
			}
			l.next_in = next;
			l.avail_in = n;
			continue;
		}
		if (ret == LZMA_BUF_ERROR && at_end) {
			err = truncated(s);
			break;
		}
		if (ret != LZMA_OK) {
			err = ksd_error_create(ret == LZMA_MEMLIMIT_ERROR ? KSD_ERR_LIMIT :
					       ret == LZMA_MEM_ERROR ? KSD_ERR_NOMEM :
					       ret == LZMA_OPTIONS_ERROR ? KSD_ERR_UNSUPPORTED :
					       KSD_ERR_CORRUPT,
					       "%s: %s data near compressed byte %llu: %s",
					       s->what, s->format,
					       (unsigned long long)(s->pos - l.avail_in - s->start),
					       lzma_message(ret));
			break;
		}
	}
	lzma_end(&l);
	return err;
}

static struct ksd_error *run(enum ksd_compression c, struct stream *s,
			      uint64_t *out_len)
{
	struct ksd_error *err;

	if (s->end < s->start)
		return ksd_error_create(KSD_ERR_INVALID_ARG,
					"%s: compressed range overflows", s->what);
	s->in = malloc(IN_CHUNK);
	s->out = malloc(OUT_CHUNK);
	if (!s->in || !s->out) {
		free(s->in);
		free(s->out);
		return &ksd_enomem;
	}
	switch (c) {
	case KSD_COMP_GZIP:
		err = gzip_run(s);
		break;
	case KSD_COMP_ZSTD:
		err = zstd_run(s);
		break;
	case KSD_COMP_XZ:
		err = lzma_run(s, false);
		break;
	case KSD_COMP_LZMA:
		err = lzma_run(s, true);
		break;
	default:
		err = ksd_error_create(KSD_ERR_INVALID_ARG,
				       "%s: no decompressor for format %d", s->what, c);
	}
	free(s->in);
	free(s->out);
	if (!err && out_len)
		*out_len = s->produced;
	return err;
}

struct ksd_error *ksd_decompress_fd(enum ksd_compression c, int fd,
				    uint64_t offset, uint64_t len,
				    const char *what, uint64_t max_out,
				    ksd_decompress_sink sink, void *arg,
				    uint64_t *out_len)
{
	struct stream s = {
		.fd = fd, .start = offset, .pos = offset, .end = offset + len,
		.what = what, .format = ksd_compression_name(c),
		.max_out = max_out, .sink = sink, .arg = arg,
	};

	return run(c, &s, out_len);
}

struct ksd_error *ksd_decompress_mem(enum ksd_compression c, const void *buf,
				     size_t len, const char *what,
				     uint64_t max_out, ksd_decompress_sink sink,
				     void *arg, uint64_t *out_len)
{
	struct stream s = {
		.fd = -1, .mem = buf, .start = 0, .pos = 0, .end = len,
		.what = what, .format = ksd_compression_name(c),
		.max_out = max_out, .sink = sink, .arg = arg,
	};

	return run(c, &s, out_len);
}
