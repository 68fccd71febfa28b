// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The loader's parsers, white-box: the Image and zboot headers,
 * /proc/iomem, command lines, cpulists, kernel log lines, the ACPI MADT
 * and FADT, and device trees built here with libfdt.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <libfdt.h>
#include <malloc.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "acpi.h"
#include "cmdline.h"
#include "cpus.h"
#include "dt.h"
#include "image.h"
#include "image-header.h"
#include "iomem.h"
#include "kmsg.h"
#include "syscalls.h"
#include "util/endian.h"

static void store16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void expect_error(struct ksd_error *err, enum ksd_error_code code,
			 const char *part)
{
	assert_non_null(err);
	if (!strstr(err->message, part))
		fail_msg("message '%s' lacks '%s'", err->message, part);
	assert_int_equal(err->code, code);
	ksd_error_destroy(err);
}

/* --- Image and zboot headers --- */

static void image_header(uint8_t h[64], uint64_t image_size, uint64_t flags)
{
	memset(h, 0, 64);
	h[0] = 'M';
	h[1] = 'Z';
	ksd_store64(h + 8, 0, false);
	ksd_store64(h + 16, image_size, false);
	ksd_store64(h + 24, flags, false);
	memcpy(h + 56, "ARM\x64", 4);
	ksd_store32(h + 60, 0x40, false);
}

static void test_image_header(void **state)
{
	struct arm64_image_header h;
	uint8_t b[64];

	(void)state;
	image_header(b, 0x2010000, 0xa);
	assert_null(arm64_image_header_parse(b, 64, "k", &h));
	assert_int_equal(h.image_size, 0x2010000);
	assert_int_equal(arm64_image_page_size(&h), 4096);
	assert_false(arm64_image_big_endian(&h));
	assert_true(h.efi_stub);
	assert_int_equal(h.pe_offset, 0x40);
	image_header(b, 0x10000, 0x5);	/* bits 1-2 = 2 -> 16K pages, BE */
	assert_null(arm64_image_header_parse(b, 64, "k", &h));
	assert_int_equal(arm64_image_page_size(&h), 16384);
	assert_true(arm64_image_big_endian(&h));
	image_header(b, 0x10000, 0x6);
	assert_null(arm64_image_header_parse(b, 64, "k", &h));
	assert_int_equal(arm64_image_page_size(&h), 65536);
	/* image_size 0 is a pre-3.17 kernel; 1-63 lie inside the header */
	image_header(b, 0, 0);
	assert_null(arm64_image_header_parse(b, 64, "k", &h));
	image_header(b, 64, 0);
	assert_null(arm64_image_header_parse(b, 64, "k", &h));
	image_header(b, 63, 0);
	expect_error(arm64_image_header_parse(b, 64, "k", &h), KSD_ERR_CORRUPT,
		     "image_size of 63 bytes, less than the 64-byte header");
	expect_error(arm64_image_header_parse(b, 63, "k", &h), KSD_ERR_EOF, "too short");
	b[57] = 'X';
	expect_error(arm64_image_header_parse(b, 64, "k", &h), KSD_ERR_CORRUPT,
		     "no \"ARM\\x64\" magic");
}

static void zboot_header(uint8_t h[64], const char *type, uint32_t off,
			 uint32_t size)
{
	memset(h, 0, 64);
	memcpy(h, "MZ\0\0zimg", 8);
	ksd_store32(h + 8, off, false);
	ksd_store32(h + 12, size, false);
	strcpy((char *)h + 24, type);
	ksd_store32(h + 0x38, 0x818223cd, false);
	ksd_store32(h + 0x3c, 0x40, false);
}

static void test_zboot_header(void **state)
{
	static const uint8_t pe[6] = { 'P', 'E', 0, 0, 0x64, 0xaa };
	static const uint8_t pe_x86[6] = { 'P', 'E', 0, 0, 0x64, 0x86 };
	struct zboot_header z;
	uint8_t b[64];

	(void)state;
	zboot_header(b, "zstd22", 0x1000, 5000);
	assert_true(zboot_has_magic(b, 64));
	assert_null(zboot_header_parse(b, 64, 10000, pe, "z", &z));
	assert_int_equal(z.comp, KSD_COMP_ZSTD);
	assert_string_equal(z.comp_name, "zstd22");
	assert_int_equal(z.payload_offset, 0x1000);
	zboot_header(b, "gzip", 0x1000, 5000);
	assert_null(zboot_header_parse(b, 64, 10000, pe, "z", &z));
	assert_int_equal(z.comp, KSD_COMP_GZIP);
	zboot_header(b, "lzma", 0x1000, 5000);
	assert_null(zboot_header_parse(b, 64, 10000, pe, "z", &z));
	assert_int_equal(z.comp, KSD_COMP_LZMA);
	zboot_header(b, "xzkern", 0x1000, 5000);
	assert_null(zboot_header_parse(b, 64, 10000, pe, "z", &z));
	assert_int_equal(z.comp, KSD_COMP_XZ);
	zboot_header(b, "lz4", 0x1000, 5000);
	assert_null(zboot_header_parse(b, 64, 10000, pe, "z", &z));
	assert_int_equal(z.comp, KSD_COMP_NONE);

	zboot_header(b, "gzip", 0x1000, 5000);
	expect_error(zboot_header_parse(b, 64, 10000, NULL, "z", &z),
		     KSD_ERR_CORRUPT, "no PE header at offset 0x40");
	expect_error(zboot_header_parse(b, 64, 10000, pe_x86, "z", &z),
		     KSD_ERR_UNSUPPORTED, "PE machine 0x8664");
	expect_error(zboot_header_parse(b, 64, 4096, pe, "z", &z),
		     KSD_ERR_CORRUPT, "payload offset 0x1000 lies outside");
	expect_error(zboot_header_parse(b, 64, 9095, pe, "z", &z),
		     KSD_ERR_CORRUPT, "runs past the end");
	zboot_header(b, "gzip", 0x10, 5000);
	expect_error(zboot_header_parse(b, 64, 10000, pe, "z", &z),
		     KSD_ERR_CORRUPT, "payload offset 0x10");
	zboot_header(b, "gzip", 0x1000, 0);
	expect_error(zboot_header_parse(b, 64, 10000, pe, "z", &z),
		     KSD_ERR_CORRUPT, "payload of 0 bytes");
	memset(b + 24, 'A', 32);
	expect_error(zboot_header_parse(b, 64, 10000, pe, "z", &z),
		     KSD_ERR_CORRUPT, "not NUL-terminated");
	zboot_header(b, "gz\001p", 0x1000, 5000);
	expect_error(zboot_header_parse(b, 64, 10000, pe, "z", &z),
		     KSD_ERR_CORRUPT, "non-printable byte 0x01");
}

/* --- unpacking a compressed kernel (image.c) --- */

static uint32_t crc32_of(const uint8_t *p, size_t len)
{
	uint32_t c = 0xffffffff;

	for (size_t i = 0; i < len; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = c >> 1 ^ (0xedb88320 & -(c & 1));
	}
	return ~c;
}

/*
 * A gzip file of @len bytes of @data in stored (uncompressed) deflate
 * blocks, so the test decides where the decompressor's 64 KiB input reads
 * end: an FEXTRA field pads the header so that exactly @first bytes of
 * data fit before byte 65536.  Returns the file's path (static).
 */
static const char *gzip_stored(const uint8_t *data, size_t len, size_t first)
{
	static char path[64];
	uint8_t hdr[12] = { 0x1f, 0x8b, 8, 0x04, 0, 0, 0, 0, 0, 3 };
	uint8_t blk[5], trailer[8];
	size_t xlen = 65536 - sizeof(hdr) - sizeof(blk) - first, off = 0;
	uint8_t *extra = calloc(1, xlen);
	FILE *f;
	int fd;

	strcpy(path, "/tmp/ksd-gzip-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "wb");
	assert_non_null(f);
	hdr[10] = (uint8_t)xlen;
	hdr[11] = (uint8_t)(xlen >> 8);
	assert_int_equal(fwrite(hdr, 1, sizeof(hdr), f), sizeof(hdr));
	assert_int_equal(fwrite(extra, 1, xlen, f), xlen);
	while (off < len) {
		size_t n = len - off < 65535 ? len - off : 65535;

		blk[0] = off + n == len;	/* BFINAL, BTYPE 00 */
		store16(blk + 1, (uint16_t)n);
		store16(blk + 3, (uint16_t)~n);
		assert_int_equal(fwrite(blk, 1, sizeof(blk), f), sizeof(blk));
		assert_int_equal(fwrite(data + off, 1, n, f), n);
		off += n;
	}
	ksd_store32(trailer, crc32_of(data, len), false);
	ksd_store32(trailer + 4, (uint32_t)len, false);
	assert_int_equal(fwrite(trailer, 1, sizeof(trailer), f), sizeof(trailer));
	assert_int_equal(fclose(f), 0);
	free(extra);
	return path;
}

/* An Image of @len bytes whose header declares @image_size. */
static uint8_t *kernel_of(size_t len, uint64_t image_size)
{
	uint8_t *k = calloc(1, len);

	assert_non_null(k);
	image_header(k, image_size, 0xa);
	for (size_t i = 64; i < len; i++)
		k[i] = (uint8_t)(i * 7 + i / 4096);
	return k;
}

static struct ksd_error *open_kernel(const char *path, struct kernel_image *img)
{
	struct sysroot sr;
	struct ksd_error *err;

	assert_null(sysroot_init(&sr, "/"));
	err = image_open(&sr, path, 0, img);
	sysroot_deinit(&sr);
	return err;
}

static void test_unpack(void **state)
{
	uint8_t *k = kernel_of(300000, 0x100000), *back;
	struct kernel_image img;
	const char *path;
	int seals;

	(void)state;
	/* the header arrives in two pieces, 32 bytes and then the rest */
	path = gzip_stored(k, 300000, 32);
	assert_null(open_kernel(path, &img));
	assert_int_equal(img.format, IMAGE_COMPRESSED);
	assert_int_equal(img.size, 300000);
	assert_int_equal(img.header.image_size, 0x100000);
	assert_true(img.memfd);
	/* sealed against any change before the kernel reads it */
	seals = fcntl(img.fd, F_GET_SEALS);
	assert_int_equal(seals, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE |
				F_SEAL_SEAL);
	assert_true(write(img.fd, "x", 1) < 0);
	assert_true(ftruncate(img.fd, 10) < 0);
	assert_int_equal(fcntl(img.fd, F_ADD_SEALS, 0), -1);
	back = malloc(300000);
	assert_int_equal(pread(img.fd, back, 300000, 0), 300000);
	assert_memory_equal(back, k, 300000);
	free(back);
	image_close(&img);
	unlink(path);
	free(k);
}

static void test_unpack_lying_size(void **state)
{
	struct kernel_image img;
	const char *path;
	uint8_t *k;

	(void)state;
	/*
	 * A header in pieces that declares less than has already arrived:
	 * the limit check must not wrap and let the rest through.
	 */
	k = kernel_of(1 << 20, 1);
	path = gzip_stored(k, 1 << 20, 32);
	expect_error(open_kernel(path, &img), KSD_ERR_CORRUPT,
		     "declares an image_size of 1 bytes, less than the 64-byte header");
	unlink(path);
	free(k);
	k = kernel_of(1 << 20, 63);
	path = gzip_stored(k, 1 << 20, 65000);
	expect_error(open_kernel(path, &img), KSD_ERR_CORRUPT,
		     "image_size of 63 bytes");
	unlink(path);
	free(k);
	/* a sane but too small image_size stops the unpacking at it */
	k = kernel_of(1 << 20, 4096);
	path = gzip_stored(k, 1 << 20, 32);
	expect_error(open_kernel(path, &img), KSD_ERR_LIMIT,
		     "unpacks to more than 4096 bytes, the image_size its header declares");
	unlink(path);
	free(k);
	/* and one exactly as large as the data is fine, in pieces or not */
	k = kernel_of(70000, 70000);
	path = gzip_stored(k, 70000, 1);
	assert_null(open_kernel(path, &img));
	assert_int_equal(img.size, 70000);
	image_close(&img);
	unlink(path);
	free(k);
}

/* --- kexec_file_load's failures that -a retries with kexec_load --- */

static void test_fallback_rule(void **state)
{
	static const int load_retries[] = { ENOSYS, EINVAL, ENOEXEC, EOPNOTSUPP };
	static const int final[] = {
		EKEYREJECTED, ENOKEY, EBADMSG, ELIBBAD, ENOPKG, EMSGSIZE,
		EPERM, ENOMEM, EBUSY,
	};

	(void)state;
	for (size_t i = 0; i < sizeof(load_retries) / sizeof(*load_retries); i++)
		assert_true(sys_file_load_falls_back(PLAN_LOAD, load_retries[i]));
	for (size_t i = 0; i < sizeof(final) / sizeof(*final); i++) {
		assert_false(sys_file_load_falls_back(PLAN_LOAD, final[i]));
		assert_false(sys_file_load_falls_back(PLAN_UNLOAD, final[i]));
	}
	/* kexec-tools' kexec_file_unload() falls back on ENOSYS alone */
	assert_true(sys_file_load_falls_back(PLAN_UNLOAD, ENOSYS));
	assert_false(sys_file_load_falls_back(PLAN_UNLOAD, EINVAL));
	assert_false(sys_file_load_falls_back(PLAN_UNLOAD, ENOEXEC));
	assert_false(sys_file_load_falls_back(PLAN_UNLOAD, EOPNOTSUPP));
}

/* --- bounded whole-file reads (sysroot.c) --- */

/* A file of @len bytes of 'x' in /tmp; returns its path (static). */
static const char *file_of_len(size_t len)
{
	static char path[64];
	char *buf = malloc(len + 1);
	int fd;

	memset(buf, 'x', len);
	strcpy(path, "/tmp/ksd-read-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, buf, len), (ssize_t)len);
	close(fd);
	free(buf);
	return path;
}

static void test_sysroot_read_bound(void **state)
{
	struct sysroot sr;
	const char *path;
	size_t len;
	char *buf;

	(void)state;
	assert_null(sysroot_init(&sr, "/"));
	/* exactly the limit: read, in a buffer no larger than it needs */
	path = file_of_len(5000);
	assert_null(sysroot_read(&sr, path, 5000, &buf, &len));
	assert_int_equal(len, 5000);
	assert_int_equal(buf[5000], '\0');
	if (malloc_usable_size(buf) > 5000 + 2 + 64)
		fail_msg("a 5000-byte limit grew the buffer to %zu bytes",
			 malloc_usable_size(buf));
	free(buf);
	unlink(path);
	/* one byte more is refused */
	path = file_of_len(5001);
	expect_error(sysroot_read(&sr, path, 5000, &buf, &len), KSD_ERR_LIMIT,
		     "is larger than 5000 bytes, the most accepted");
	unlink(path);
	sysroot_deinit(&sr);
}

/* --- /proc/iomem --- */

static const char real_iomem[] =
	"08000000-0800ffff : GICD\n"
	"09000000-09000fff : pl011@9000000\n"
	"  09000000-09000fff : 9000000.pl011 pl011@9000000\n"
	"40000000-7fffffff : System RAM\n"
	"  40210000-4185ffff : Kernel code\n"
	"  6ec00000-7abfffff : Crash kernel\n"
	"  7fdfd000-7fffffff : reserved\n"
	"4010000000-401fffffff : PCI ECAM\n";

static void test_iomem(void **state)
{
	struct iomem io;

	(void)state;
	assert_null(iomem_parse(real_iomem, strlen(real_iomem), "iomem", &io));
	assert_int_equal(io.n, 8);
	assert_false(io.hidden);
	size_t i = iomem_find(&io, "Crash kernel", 0);

	assert_int_equal(i, 5);
	assert_int_equal(io.ranges[i].start, 0x6ec00000);
	assert_int_equal(io.ranges[i].end, 0x7abfffff);
	assert_int_equal(io.ranges[i].depth, 1);
	assert_int_equal(iomem_find(&io, "Crash kernel", i + 1), io.n);
	assert_int_equal(io.ranges[7].start, 0x4010000000ull);
	iomem_deinit(&io);
}

/* A child's parent is the last range one level up, after any subtree. */
static void test_iomem_nesting(void **state)
{
	static const char ok[] =
		"1000-8fff : a\n"
		"  1000-3fff : a1\n"
		"    1000-1fff : a1x\n"
		"      1000-10ff : a1x0\n"
		"  4000-8fff : a2\n"
		"    4000-4fff : a2x\n"
		"9000-9fff : b\n"
		"  9000-90ff : b1\n";
	static const char bad[] =
		"1000-8fff : a\n"
		"  1000-3fff : a1\n"
		"    1000-1fff : a1x\n"
		"  4000-8fff : a2\n"
		"    2000-2fff : inside a1, not a2\n";
	struct iomem io;

	(void)state;
	assert_null(iomem_parse(ok, strlen(ok), "iomem", &io));
	assert_int_equal(io.n, 8);
	assert_int_equal(io.ranges[3].depth, 3);
	assert_int_equal(io.ranges[7].depth, 1);
	iomem_deinit(&io);
	expect_error(iomem_parse(bad, strlen(bad), "iomem", &io), KSD_ERR_CORRUPT,
		     "line 5: range lies outside the range it is nested in");
}

/* 65536 lines: System RAM, 65534 children, then @last. */
static char *many_siblings(const char *last, size_t *len)
{
	char *t = malloc(40 * 65536);

	*len = (size_t)sprintf(t, "40000000-7fffffffff : System RAM\n");
	for (unsigned int i = 0; i < 65534; i++)
		*len += (size_t)sprintf(t + *len, "  %llx-%llx : r\n",
					0x40000000ull + i * 0x1000ull,
					0x40000fffull + i * 0x1000ull);
	*len += (size_t)sprintf(t + *len, "%s", last);
	return t;
}

/* Big servers have thousands of siblings under one parent. */
static void test_iomem_siblings(void **state)
{
	struct iomem io;
	size_t len;
	char *t;

	(void)state;
	t = many_siblings("  7fff000000-7fff0fffff : Crash kernel\n", &len);
	assert_null(iomem_parse(t, len, "iomem", &io));
	assert_int_equal(io.n, 65536);
	assert_int_equal(iomem_find(&io, "Crash kernel", 0), 65535);
	iomem_deinit(&io);
	free(t);
	/* the last sibling must still lie inside the parent */
	t = many_siblings("  8fff000000-8fff0fffff : Crash kernel\n", &len);
	expect_error(iomem_parse(t, len, "iomem", &io), KSD_ERR_CORRUPT,
		     "line 65536: range lies outside");
	free(t);
}

/* The documented bounds: 65536 ranges, names of 256 bytes, depth 32. */
static void test_iomem_limits(void **state)
{
	char name[300], *t, *p;
	struct iomem io;
	size_t len;

	(void)state;
	t = many_siblings("  7fff000000-7fff0fffff : Crash kernel\n"
			  "  7fff100000-7fff1fffff : one too many\n", &len);
	expect_error(iomem_parse(t, len, "iomem", &io), KSD_ERR_LIMIT,
		     "iomem has more than 65536 ranges, the most accepted");
	free(t);

	memset(name, 'n', 256);
	name[256] = '\0';
	t = malloc(400);
	len = (size_t)sprintf(t, "4000-5fff : %s\n", name);
	assert_null(iomem_parse(t, len, "iomem", &io));
	assert_int_equal(strlen(io.ranges[0].name), 256);
	iomem_deinit(&io);
	len = (size_t)sprintf(t, "4000-5fff : %sN\n", name);
	expect_error(iomem_parse(t, len, "iomem", &io), KSD_ERR_CORRUPT,
		     "line 1: name longer than 256 bytes");
	free(t);

	/* 33 levels (depth 0-32) are accepted; a 34th is not */
	t = p = malloc(34 * 120);
	for (int d = 0; d <= 33; d++)
		p += sprintf(p, "%*s%x-%x : l%d\n", 2 * d, "", 0x1000 + d,
			     0xffff - d, d);
	len = (size_t)(p - t);
	expect_error(iomem_parse(t, len, "iomem", &io), KSD_ERR_CORRUPT,
		     "line 34: nested deeper than 32 levels");
	/* without the 34th line */
	p = t;
	for (int l = 0; l < 33; l++)
		p = strchr(p, '\n') + 1;
	assert_null(iomem_parse(t, (size_t)(p - t), "iomem", &io));
	assert_int_equal(io.n, 33);
	assert_int_equal(io.ranges[32].depth, 32);
	iomem_deinit(&io);
	free(t);
}

static void test_iomem_hidden(void **state)
{
	static const char t[] = "00000000-00000000 : System RAM\n"
				"  00000000-00000000 : Crash kernel\n";
	struct iomem io;

	(void)state;
	assert_null(iomem_parse(t, strlen(t), "iomem", &io));
	assert_true(io.hidden);
	iomem_deinit(&io);
}

static void test_iomem_bad(void **state)
{
	static const struct { const char *text, *msg; } bad[] = {
		{ "4000-3fff : x\n", "line 1: range ends before it starts" },
		{ "  4000-5fff : x\n", "line 1: first range is indented" },
		{ "4000-5fff : x\n   4000-4fff : y\n", "line 2: indentation is not a multiple" },
		{ "4000-5fff : x\n  3000-4fff : y\n", "line 2: range lies outside" },
		{ "4000-5fff : x\n    4000-4fff : y\n", "line 2: indented more than one level" },
		{ "4000-5fff x\n", "line 1: expected" },
		{ "4000-5fff : \n", "line 1: range has no name" },
		{ "g000-5fff : x\n", "line 1: expected" },
		{ "00000000000000004-5 : x\n", "line 1: expected" },
		{ "", "is empty" },
		{ "4000-5fff : x\n\n", "line 2: empty line" },
	};
	struct iomem io;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		expect_error(iomem_parse(bad[i].text, strlen(bad[i].text), "iomem", &io),
			     KSD_ERR_CORRUPT, bad[i].msg);
}

/* --- command lines --- */

static void test_cmdline_get(void **state)
{
	const char *v;
	size_t n;

	(void)state;
	assert_true(ksd_cmdline_get("a=1 irqchip.gicv3_pseudo_nmi=1 b", "irqchip.gicv3_pseudo_nmi", &v, &n));
	assert_int_equal(cmdline_bool(v, n), 1);
	assert_true(ksd_cmdline_get("x=1 x=2", "x", &v, &n));
	assert_int_equal(n, 1);
	assert_int_equal(v[0], '2');
	assert_true(ksd_cmdline_get("nosmp quiet", "nosmp", &v, &n));
	assert_null(v);
	assert_false(ksd_cmdline_get("xnosmp", "nosmp", &v, &n));
	assert_true(ksd_cmdline_get("a=\"b c\" d", "a", &v, &n));
	assert_int_equal(n, 3);
	assert_memory_equal(v, "b c", 3);
	assert_false(ksd_cmdline_get("a=\"x nosmp\"", "nosmp", &v, &n));
	assert_int_equal(cmdline_bool("on", 2), 1);
	assert_int_equal(cmdline_bool("off", 3), 0);
	assert_int_equal(cmdline_bool("N", 1), 0);
	assert_int_equal(cmdline_bool("maybe", 5), -1);
	assert_int_equal(cmdline_bool(NULL, 0), -1);
}

static void test_cmdline_build(void **state)
{
	char *s;

	(void)state;
	assert_null(cmdline_build("BOOT_IMAGE=/vmlinuz root=/dev/vda crashkernel=256M,high crashkernel=64M,low quiet",
				  true, true, "nr_cpus=1", &s));
	assert_string_equal(s, "root=/dev/vda quiet nr_cpus=1");
	free(s);
	assert_null(cmdline_build("root=/dev/vda crashkernel=256M", true, false, NULL, &s));
	assert_string_equal(s, "root=/dev/vda crashkernel=256M");
	free(s);
	assert_null(cmdline_build("ignored", false, true, "a b ", &s));
	assert_string_equal(s, "a b ");
	free(s);
	assert_null(cmdline_build("ignored", false, true, NULL, &s));
	assert_null(s);
	/*
	 * A /proc/cmdline that ends inside a double quote: the kernel reads
	 * the rest of the line as the quoted value, so it is closed before
	 * anything is added (and crashkernel= inside it is not a parameter).
	 */
	assert_true(cmdline_open_quote("a=\"b c"));
	assert_false(cmdline_open_quote("a=\"b c\" d"));
	assert_false(cmdline_open_quote(""));
	assert_null(cmdline_build("console=x crashkernel=256M a=\"b crashkernel=1G", true, true,
				  "nr_cpus=1", &s));
	assert_string_equal(s, "console=x a=\"b crashkernel=1G\" nr_cpus=1");
	assert_int_equal(cmdline_cpu_limit(s), 1);
	free(s);
	assert_null(cmdline_build("console=x a=\"b", true, true, NULL, &s));
	assert_string_equal(s, "console=x a=\"b\"");
	free(s);
	/* the text given is the user's: left as it is */
	assert_null(cmdline_build("ignored", false, true, "a=\"b", &s));
	assert_string_equal(s, "a=\"b");
	free(s);
}

static void test_cmdline_token(void **state)
{
	char *s;

	(void)state;
	assert_null(cmdline_add_token("a b ", "kexec_sdei.record=v1,x", &s));
	assert_string_equal(s, "a b kexec_sdei.record=v1,x");
	free(s);
	assert_null(cmdline_add_token("a kexec_sdei.record=v1,old b", "kexec_sdei.record=v1,new", &s));
	assert_string_equal(s, "a b kexec_sdei.record=v1,new");
	free(s);
	assert_null(cmdline_add_token("", "kexec_sdei.record=v1,x", &s));
	assert_string_equal(s, "kexec_sdei.record=v1,x");
	free(s);
}

static void test_cpu_limit(void **state)
{
	(void)state;
	assert_int_equal(cmdline_cpu_limit("console=ttyAMA0"), 0);
	assert_int_equal(cmdline_cpu_limit("nr_cpus=1"), 1);
	assert_int_equal(cmdline_cpu_limit("nr_cpus=2"), 0);
	assert_int_equal(cmdline_cpu_limit("maxcpus=0"), 1);
	assert_int_equal(cmdline_cpu_limit("maxcpus=1"), 1);
	assert_int_equal(cmdline_cpu_limit("maxcpus=4"), 0);
	assert_int_equal(cmdline_cpu_limit("nosmp"), 1);
	assert_int_equal(cmdline_cpu_limit("nr_cpus=1 nr_cpus=4"), 0);
}

/* --- cpulists --- */

static void test_cpulist(void **state)
{
	unsigned int *v, n;

	(void)state;
	assert_null(cpulist_parse("0-3,6\n", "p", &v, &n));
	assert_int_equal(n, 5);
	assert_int_equal(v[4], 6);
	free(v);
	assert_null(cpulist_parse("0", "p", &v, &n));
	assert_int_equal(n, 1);
	free(v);
	expect_error(cpulist_parse("", "p", &v, &n), KSD_ERR_CORRUPT, "not a CPU list");
	expect_error(cpulist_parse("3-1", "p", &v, &n), KSD_ERR_CORRUPT, "not a CPU list");
	expect_error(cpulist_parse("0,0", "p", &v, &n), KSD_ERR_CORRUPT, "not a CPU list");
	expect_error(cpulist_parse("0-65536", "p", &v, &n), KSD_ERR_CORRUPT, "below 65536");
	expect_error(cpulist_parse("0;1", "p", &v, &n), KSD_ERR_CORRUPT, "not a CPU list");
	expect_error(cpulist_parse("-1", "p", &v, &n), KSD_ERR_CORRUPT, "not a CPU list");
	/* Every CPU there can be, in pieces (the array grows as it fills). */
	assert_null(cpulist_parse("0-63,64,65-30030,30031-65535", "p", &v, &n));
	assert_int_equal(n, 65536);
	for (unsigned int i = 0; i < n; i++)
		if (v[i] != i)
			fail_msg("CPU %u read as %u", i, v[i]);
	free(v);
}

/* --- kernel log --- */

static void test_kmsg(void **state)
{
	struct kmsg_facts f;

	(void)state;
	kmsg_facts_init(&f);
	assert_null(kmsg_scan_line(&f, "6,0,0,-;Booting Linux on physical CPU 0x0000000100 [0x411fd070]"));
	assert_null(kmsg_scan_line(&f, " SUBSYSTEM=cpu"));
	assert_null(kmsg_scan_line(&f, "6,76,237440,-;CPU1: Booted secondary processor 0x0000000000 [0x411fd070]"));
	assert_null(kmsg_scan_line(&f, "6,77,1,-;CPU2: Booted secondary processor 0x0000010000 [0x411fd070]"));
	assert_null(kmsg_scan_line(&f, "6,103,607554,-;sdei: SDEIv1.0 (0x0) detected in firmware."));
	assert_null(kmsg_scan_line(&f, "6,121,967343,-;sdei_nmi: using SDEI cross-CPU NMI (SDEI_EVENT_SIGNAL, event 0)"));
	assert_null(kmsg_scan_line(&f, "6,53,0,-;GICv3: Pseudo-NMIs enabled using relaxed ICC_PMR_EL1 synchronisation"));
	assert_null(kmsg_scan_line(&f, "no semicolon here"));
	assert_true(f.from_boot);
	assert_int_equal(f.records, 6);
	assert_true(f.have_boot_mpidr);
	assert_int_equal(f.boot_mpidr, 0x100);
	assert_int_equal(f.nsecondaries, 2);
	assert_int_equal(f.secondaries[1].cpu, 2);
	assert_int_equal(f.secondaries[1].mpidr, 0x10000);
	assert_true(f.sdei_probed);
	assert_string_equal(f.sdei_version, "1.0");
	assert_true(f.nmi_up);
	assert_true(f.pnmi_enabled);
	assert_false(f.sdei_failed);
	assert_false(f.nmi_failed);
	kmsg_facts_deinit(&f);

	kmsg_facts_init(&f);
	assert_null(kmsg_scan_line(&f, "6,5000,1,-;random line"));
	assert_null(kmsg_scan_line(&f, "3,5001,1,-;sdei: Not supported on this hardware/boot configuration"));
	assert_null(kmsg_scan_line(&f, "3,5002,1,-;sdei_nmi: sdei_event_register(0) failed: -5"));
	assert_false(f.from_boot);
	assert_int_equal(f.first_seq, 5000);
	assert_true(f.sdei_failed);
	assert_string_equal(f.sdei_failure, "sdei: Not supported on this hardware/boot configuration");
	assert_true(f.nmi_failed);
	kmsg_facts_deinit(&f);
}

/* CPU numbers a log line may not carry: ignored, never wrapped to 0. */
static void test_kmsg_cpu_numbers(void **state)
{
	static const char *const bad[] = {
		"CPU4294967296: Booted secondary processor 0x0000000100 [0x411fd070]",
		"CPU18446744073709551616: Booted secondary processor 0x0000000100 [0x411fd070]",
		"CPU65536: Booted secondary processor 0x0000000100 [0x411fd070]",
		"CPU-1: Booted secondary processor 0x0000000100 [0x411fd070]",
		"CPU+1: Booted secondary processor 0x0000000100 [0x411fd070]",
		"CPU 1: Booted secondary processor 0x0000000100 [0x411fd070]",
		"CPU1: Booted secondary processor 0x [0x411fd070]",
		"CPU1: Booted secondary processor 0x100000000000000000 [0x411fd070]",
		"CPU1: Booted secondary processor -0x100 [0x411fd070]",
	};
	struct kmsg_facts f;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		kmsg_facts_init(&f);
		assert_null(kmsg_scan_text(&f, bad[i]));
		if (f.nsecondaries)
			fail_msg("'%s' gave CPU%u MPIDR 0x%llx", bad[i],
				 f.secondaries[0].cpu,
				 (unsigned long long)f.secondaries[0].mpidr);
		kmsg_facts_deinit(&f);
	}
	kmsg_facts_init(&f);
	assert_null(kmsg_scan_text(&f, "Booting Linux on physical CPU 0x10000000000000000 [0x411fd070]"));
	assert_false(f.have_boot_mpidr);
	assert_null(kmsg_scan_text(&f, "Booting Linux on physical CPU 0x [0x411fd070]"));
	assert_false(f.have_boot_mpidr);
	kmsg_facts_deinit(&f);
	kmsg_facts_init(&f);
	assert_null(kmsg_scan_text(&f, "CPU65535: Booted secondary processor 0xff00ffffff [0x411fd070]"));
	assert_int_equal(f.nsecondaries, 1);
	assert_int_equal(f.secondaries[0].cpu, 65535);
	assert_int_equal(f.secondaries[0].mpidr, 0xff00ffffffull);
	kmsg_facts_deinit(&f);
}

/* Every possible CPU booted, one brought up again: one entry each. */
static void test_kmsg_many_cpus(void **state)
{
	struct kmsg_facts f;
	char line[128];
	uint64_t mpidr;

	(void)state;
	kmsg_facts_init(&f);
	for (unsigned int cpu = 65535; cpu >= 1; cpu--) {
		snprintf(line, sizeof(line),
			 "CPU%u: Booted secondary processor 0x%010x [0x411fd070]",
			 cpu, cpu << 8);
		assert_null(kmsg_scan_text(&f, line));
	}
	/* hotplug: CPU 7 came back with another MPIDR; the latest counts */
	assert_null(kmsg_scan_text(&f, "CPU7: Booted secondary processor 0x0000000001 [0x411fd070]"));
	assert_int_equal(f.nsecondaries, 65535);
	assert_true(kmsg_secondary_mpidr(&f, 65535, &mpidr));
	assert_int_equal(mpidr, 65535u << 8);
	assert_true(kmsg_secondary_mpidr(&f, 7, &mpidr));
	assert_int_equal(mpidr, 1);
	assert_false(kmsg_secondary_mpidr(&f, 0, &mpidr));
	assert_false(kmsg_secondary_mpidr(&f, 65536, &mpidr));
	kmsg_facts_deinit(&f);
	/* no line, no table */
	kmsg_facts_init(&f);
	assert_false(kmsg_secondary_mpidr(&f, 1, &mpidr));
	kmsg_facts_deinit(&f);
}

/* --- ACPI --- */

static void acpi_table(uint8_t *t, const char *sig, uint32_t len)
{
	uint8_t sum = 0;

	memcpy(t, sig, 4);
	ksd_store32(t + 4, len, false);
	t[9] = 0;
	for (uint32_t i = 0; i < len; i++)
		sum = (uint8_t)(sum + t[i]);
	t[9] = (uint8_t)-sum;
}

static void test_madt(void **state)
{
	uint8_t t[44 + 3 * 80 + 16];
	struct acpi_facts a = { 0 };
	static const uint64_t mpidr[3] = { 0x10000, 0x0, 0x100 };

	(void)state;
	memset(t, 0, sizeof(t));
	for (int i = 0; i < 3; i++) {
		uint8_t *e = t + 44 + i * 80;

		e[0] = 0x0b;
		e[1] = 80;
		ksd_store32(e + 12, i == 2 ? 0 : 1, false);	/* third disabled */
		ksd_store64(e + 68, mpidr[i], false);
	}
	t[44 + 240] = 0x0e;	/* a GICR entry after them */
	t[44 + 241] = 16;
	acpi_table(t, "APIC", sizeof(t));
	assert_null(acpi_parse_madt(t, sizeof(t), "APIC", &a));
	assert_true(a.madt);
	assert_false(a.checksum_bad);
	assert_int_equal(a.ncpus, 2);
	assert_int_equal(a.cpus[0], 0x10000);
	assert_int_equal(a.cpus[1], 0x0);
	acpi_facts_deinit(&a);

	t[44 + 80 + 1] = 70;	/* a GICC entry too short for its MPIDR */
	acpi_table(t, "APIC", sizeof(t));
	expect_error(acpi_parse_madt(t, sizeof(t), "APIC", &a), KSD_ERR_CORRUPT,
		     "GICC entry at offset 124 is 70 bytes");
	acpi_facts_deinit(&a);
	t[44 + 80 + 1] = 255;
	acpi_table(t, "APIC", sizeof(t));
	expect_error(acpi_parse_madt(t, sizeof(t), "APIC", &a), KSD_ERR_CORRUPT,
		     "outside the table");
	acpi_facts_deinit(&a);
	expect_error(acpi_parse_madt(t, 20, "APIC", &a), KSD_ERR_EOF, "shorter than an ACPI table header");
	t[0] = 'X';
	expect_error(acpi_parse_madt(t, sizeof(t), "APIC", &a), KSD_ERR_CORRUPT, "signature is not 'APIC'");
	acpi_facts_deinit(&a);
}

static void test_fadt(void **state)
{
	uint8_t t[276];
	struct acpi_facts a = { 0 };

	(void)state;
	memset(t, 0, sizeof(t));
	store16(t + 129, 0x3);
	acpi_table(t, "FACP", sizeof(t));
	assert_null(acpi_parse_fadt(t, sizeof(t), "FACP", &a));
	assert_int_equal(acpi_conduit(&a), KSD_CONDUIT_HVC);
	store16(t + 129, 0x1);
	acpi_table(t, "FACP", sizeof(t));
	assert_null(acpi_parse_fadt(t, sizeof(t), "FACP", &a));
	assert_int_equal(acpi_conduit(&a), KSD_CONDUIT_SMC);
	store16(t + 129, 0x0);
	acpi_table(t, "FACP", sizeof(t));
	assert_null(acpi_parse_fadt(t, sizeof(t), "FACP", &a));
	assert_int_equal(acpi_conduit(&a), KSD_CONDUIT_UNKNOWN);
	/* a table before ACPI 5.1 has no ARM flags */
	a = (struct acpi_facts){ 0 };
	acpi_table(t, "FACP", 116);
	assert_null(acpi_parse_fadt(t, 116, "FACP", &a));
	assert_false(a.fadt);
	/* a broken checksum is only noted (this SDEI table has none) */
	assert_null(acpi_parse_sdei((uint8_t *)"SDEI\x24\0\0\0\x01\0BOCHS BXPC    \1\0\0\0BXPC\1\0\0\0",
				    36, "SDEI", &a));
	assert_true(a.sdei_table);
	assert_true(a.checksum_bad);
}

/* --- device trees --- */

static void *make_fdt(bool sdei, const char *method, int cells,
		      const uint64_t *cpus, int ncpus)
{
	void *fdt = calloc(1, 8192);
	int root, fw, node, cpusn;

	assert_int_equal(fdt_create_empty_tree(fdt, 8192), 0);
	root = fdt_path_offset(fdt, "/");
	if (sdei) {
		fw = fdt_add_subnode(fdt, root, "firmware");
		node = fdt_add_subnode(fdt, fw, "sdei");
		assert_int_equal(fdt_setprop_string(fdt, node, "compatible", "arm,sdei-1.0"), 0);
		if (method)
			assert_int_equal(fdt_setprop_string(fdt, node, "method", method), 0);
	}
	cpusn = fdt_add_subnode(fdt, root, "cpus");
	assert_int_equal(fdt_setprop_u32(fdt, cpusn, "#address-cells", (uint32_t)cells), 0);
	/* fdt_add_subnode puts a node first: add in reverse to keep order */
	for (int i = ncpus - 1; i >= 0; i--) {
		char name[32];

		snprintf(name, sizeof(name), "cpu@%llx", (unsigned long long)cpus[i]);
		node = fdt_add_subnode(fdt, cpusn, name);
		assert_int_equal(fdt_setprop_string(fdt, node, "device_type", "cpu"), 0);
		if (cells == 2)
			assert_int_equal(fdt_setprop_u64(fdt, node, "reg", cpus[i]), 0);
		else
			assert_int_equal(fdt_setprop_u32(fdt, node, "reg", (uint32_t)cpus[i]), 0);
	}
	node = fdt_add_subnode(fdt, cpusn, "cpu-map");
	assert_true(node >= 0);
	assert_int_equal(fdt_pack(fdt), 0);
	return fdt;
}

static void test_dt(void **state)
{
	static const uint64_t cpus[3] = { 0x100, 0x0, 0x1ff00000001ull };
	struct dt_facts dt;
	void *fdt;

	(void)state;
	fdt = make_fdt(true, "hvc", 2, cpus, 3);
	assert_null(dt_parse_fdt(fdt, fdt_totalsize(fdt), "fdt", &dt));
	assert_true(dt.sdei_compatible);
	assert_int_equal(dt.conduit, KSD_CONDUIT_HVC);
	assert_int_equal(dt.ncpus, 3);
	assert_int_equal(dt.cpus[0], 0x100);
	assert_int_equal(dt.cpus[1], 0x0);
	/* bits outside MPIDR_HWID_BITMASK are dropped */
	assert_int_equal(dt.cpus[2], 0xff00000001ull);
	dt_facts_deinit(&dt);
	free(fdt);

	fdt = make_fdt(true, "wrong", 1, cpus, 2);
	assert_null(dt_parse_fdt(fdt, fdt_totalsize(fdt), "fdt", &dt));
	assert_int_equal(dt.conduit, KSD_CONDUIT_UNKNOWN);
	assert_string_equal(dt.method, "wrong");
	dt_facts_deinit(&dt);
	free(fdt);

	fdt = make_fdt(false, NULL, 1, cpus, 1);
	assert_null(dt_parse_fdt(fdt, fdt_totalsize(fdt), "fdt", &dt));
	assert_false(dt.sdei_node);
	assert_int_equal(dt.ncpus, 1);
	dt_facts_deinit(&dt);
	expect_error(dt_parse_fdt(fdt, 40, "fdt", &dt), KSD_ERR_EOF,
		     "fdt: truncated: the header says 199 bytes, there are 40");
	free(fdt);

	fdt = make_fdt(false, NULL, 3, cpus, 1);
	expect_error(dt_parse_fdt(fdt, fdt_totalsize(fdt), "fdt", &dt),
		     KSD_ERR_CORRUPT, "has no usable reg (#address-cells 3)");
	free(fdt);
}

/* A tree with @n cpu nodes, written in one pass (fdt_add_subnode is O(n)). */
static void *fdt_cpus_of(unsigned int n)
{
	size_t cap = 4096 + (size_t)n * 64;
	void *fdt = malloc(cap);
	char name[32];

	assert_int_equal(fdt_create(fdt, (int)cap), 0);
	assert_int_equal(fdt_finish_reservemap(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, ""), 0);
	assert_int_equal(fdt_begin_node(fdt, "cpus"), 0);
	assert_int_equal(fdt_property_u32(fdt, "#address-cells", 1), 0);
	assert_int_equal(fdt_property_u32(fdt, "#size-cells", 0), 0);
	for (unsigned int i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "cpu@%x", i);
		assert_int_equal(fdt_begin_node(fdt, name), 0);
		assert_int_equal(fdt_property_string(fdt, "device_type", "cpu"), 0);
		assert_int_equal(fdt_property_u32(fdt, "reg", i), 0);
		assert_int_equal(fdt_end_node(fdt), 0);
	}
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_finish(fdt), 0);
	return fdt;
}

static void test_dt_many_cpus(void **state)
{
	struct dt_facts dt;
	void *fdt;

	(void)state;
	fdt = fdt_cpus_of(65536);
	assert_null(dt_parse_fdt(fdt, fdt_totalsize(fdt), "fdt", &dt));
	assert_int_equal(dt.ncpus, 65536);
	assert_int_equal(dt.cpus[65535], 0xffff);
	dt_facts_deinit(&dt);
	free(fdt);
	fdt = fdt_cpus_of(65537);
	expect_error(dt_parse_fdt(fdt, fdt_totalsize(fdt), "fdt", &dt), KSD_ERR_LIMIT,
		     "fdt: more than 65536 cpu nodes, the most accepted");
	free(fdt);
}

/*
 * More GICC entries than CPUs accepted.  (A table file that big is also
 * over the 4 MiB read limit: 76 bytes an entry; the parser checks anyway.)
 */
static void test_madt_many_cpus(void **state)
{
	size_t len = 44 + 65537 * 76;
	uint8_t *t = calloc(1, len);
	struct acpi_facts a = { 0 };

	(void)state;
	for (size_t i = 0; i < 65537; i++) {
		uint8_t *e = t + 44 + i * 76;

		e[0] = 0x0b;
		e[1] = 76;
		ksd_store32(e + 12, 1, false);
		ksd_store64(e + 68, i, false);
	}
	acpi_table(t, "APIC", (uint32_t)len);
	expect_error(acpi_parse_madt(t, len, "APIC", &a), KSD_ERR_LIMIT,
		     "APIC: more than 65536 GICC entries");
	acpi_facts_deinit(&a);
	len -= 76;
	acpi_table(t, "APIC", (uint32_t)len);
	assert_null(acpi_parse_madt(t, len, "APIC", &a));
	assert_int_equal(a.ncpus, 65536);
	assert_int_equal(a.cpus[65535], 65535);
	acpi_facts_deinit(&a);
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_image_header),
		cmocka_unit_test(test_zboot_header),
		cmocka_unit_test(test_unpack),
		cmocka_unit_test(test_unpack_lying_size),
		cmocka_unit_test(test_fallback_rule),
		cmocka_unit_test(test_sysroot_read_bound),
		cmocka_unit_test(test_iomem),
		cmocka_unit_test(test_iomem_nesting),
		cmocka_unit_test(test_iomem_siblings),
		cmocka_unit_test(test_iomem_limits),
		cmocka_unit_test(test_iomem_hidden),
		cmocka_unit_test(test_iomem_bad),
		cmocka_unit_test(test_cmdline_get),
		cmocka_unit_test(test_cmdline_build),
		cmocka_unit_test(test_cmdline_token),
		cmocka_unit_test(test_cpu_limit),
		cmocka_unit_test(test_cpulist),
		cmocka_unit_test(test_kmsg),
		cmocka_unit_test(test_kmsg_cpu_numbers),
		cmocka_unit_test(test_kmsg_many_cpus),
		cmocka_unit_test(test_madt),
		cmocka_unit_test(test_fadt),
		cmocka_unit_test(test_dt),
		cmocka_unit_test(test_dt_many_cpus),
		cmocka_unit_test(test_madt_many_cpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
