// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The loader's half of the purgatory contract (kexec/purgatory-link.c):
 * purgatory_set_params() writes the block byte for byte as abi.h lays it
 * out, little-endian, and refuses every block the purgatory would refuse
 * (it would park the CPU at crash time), leaving the image untouched;
 * purgatory_region_hash() hashes a segment as the kernel fills it.  The
 * linker itself is checked against GNU ld by t6540 and run by t6530.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "check-error.h"
#include "purgatory-link.h"
#include "util/endian.h"
#include "util/sha256.h"

#define IMAGE_SIZE 2048
#define PARAMS_AT 0x140
#define FILL 0xa5

/* An image whose block holds abi.h's header and FILL everywhere else. */
static void make_image(struct purgatory_image *img)
{
	memset(img, 0, sizeof(*img));
	img->buf = malloc(IMAGE_SIZE);
	assert_non_null(img->buf);
	memset(img->buf, FILL, IMAGE_SIZE);
	img->size = IMAGE_SIZE;
	img->load_addr = 0x47ff0000;
	img->params_offset = PARAMS_AT;
	ksd_store64(img->buf + PARAMS_AT, KSD_PURGATORY_MAGIC, false);
	ksd_store32(img->buf + PARAMS_AT + 8, KSD_PURGATORY_VERSION, false);
	ksd_store32(img->buf + PARAMS_AT + 12,
		    sizeof(struct ksd_purgatory_params), false);
}

/* What a crash load with a DesignWare 8250 console asks for. */
static struct ksd_purgatory_params good_params(void)
{
	struct ksd_purgatory_params p = {
		.kernel_entry = 0x1e0200000ull,
		.dtb = 0x1e3400000ull,
		.flags = KSD_PURGATORY_NO_SHA_INSN,
		.nr_regions = 2,
		.status = 77,		/* the loader writes NOT_RUN */
		.bad_regions = 0xff,	/* and 0 */
		.console = {
			.type = KSD_PURGATORY_CONSOLE_8250,
			.reg_shift = 2,
			.reg_width = 4,
			.base = 0xfe660000,
		},
	};

	p.regions[0].start = 0x1e0200000ull;
	p.regions[0].len = 0x2000000;
	p.regions[1].start = 0x1e3400000ull;
	p.regions[1].len = 0x1000;
	for (int i = 0; i < 32; i++) {
		p.regions[0].sha256[i] = (uint8_t)i;
		p.regions[1].sha256[i] = (uint8_t)(0xff - i);
	}
	return p;
}

static void test_layout(void **state)
{
	struct ksd_purgatory_params p = good_params();
	struct purgatory_image img;
	const uint8_t *b;

	(void)state;
	make_image(&img);
	assert_null(purgatory_set_params(&img, &p));
	b = img.buf + PARAMS_AT;
	/* abi.h's header is the image's, untouched. */
	assert_true(ksd_load64(b, false) == KSD_PURGATORY_MAGIC);
	assert_int_equal(ksd_load32(b + 8, false), KSD_PURGATORY_VERSION);
	assert_int_equal(ksd_load32(b + 12, false), 64 + 16 * 48);
	assert_true(ksd_load64(b + 16, false) == 0x1e0200000ull);
	assert_true(ksd_load64(b + 24, false) == 0x1e3400000ull);
	assert_int_equal(ksd_load32(b + 32, false), KSD_PURGATORY_NO_SHA_INSN);
	assert_int_equal(ksd_load32(b + 36, false), 2);
	assert_int_equal(ksd_load32(b + 40, false), KSD_PURGATORY_NOT_RUN);
	assert_int_equal(ksd_load32(b + 44, false), 0);
	assert_int_equal(ksd_load32(b + 48, false), KSD_PURGATORY_CONSOLE_8250);
	assert_int_equal(b[52], 2);
	assert_int_equal(b[53], 4);
	assert_int_equal(b[54], 0);
	assert_int_equal(b[55], 0);
	assert_true(ksd_load64(b + 56, false) == 0xfe660000);
	assert_true(ksd_load64(b + 64, false) == 0x1e0200000ull);
	assert_true(ksd_load64(b + 72, false) == 0x2000000);
	assert_memory_equal(b + 80, p.regions[0].sha256, 32);
	assert_true(ksd_load64(b + 112, false) == 0x1e3400000ull);
	assert_true(ksd_load64(b + 120, false) == 0x1000);
	assert_memory_equal(b + 128, p.regions[1].sha256, 32);
	/* Unused regions zeroed; nothing outside the block written. */
	for (size_t i = 64 + 2 * 48; i < sizeof(p); i++)
		assert_int_equal(b[i], 0);
	for (size_t i = 0; i < PARAMS_AT; i++)
		assert_int_equal(img.buf[i], FILL);
	for (size_t i = PARAMS_AT + sizeof(p); i < IMAGE_SIZE; i++)
		assert_int_equal(img.buf[i], FILL);
	purgatory_image_deinit(&img);
}

/*
 * refuse(): @p is refused with @code and @frag, and the image is left
 * exactly as it was.
 */
static void refuse(const struct ksd_purgatory_params *p,
		   enum ksd_error_code code, const char *frag)
{
	struct purgatory_image img;
	uint8_t before[IMAGE_SIZE];

	make_image(&img);
	memcpy(before, img.buf, IMAGE_SIZE);
	check_err(purgatory_set_params(&img, p), code, "purgatory: ", frag);
	assert_memory_equal(before, img.buf, IMAGE_SIZE);
	purgatory_image_deinit(&img);
}

/* Every block the purgatory's own check parks on is refused at load. */
static void test_refused(void **state)
{
	struct ksd_purgatory_params p;

	(void)state;
	p = good_params();
	p.nr_regions = KSD_PURGATORY_MAX_REGIONS + 1;
	refuse(&p, KSD_ERR_LIMIT, "17 regions to verify, at most 16");
	p = good_params();
	p.nr_regions = 0;
	refuse(&p, KSD_ERR_INVALID_ARG, "would refuse this parameter block: region count 0x0");
	p = good_params();
	p.flags = 1u << 7;
	refuse(&p, KSD_ERR_INVALID_ARG, "unknown flags 0x80");
	p = good_params();
	p.kernel_entry = 0x1e0200002ull;
	refuse(&p, KSD_ERR_INVALID_ARG, "kernel entry 0x1e0200002");
	p = good_params();
	p.dtb = 0;
	refuse(&p, KSD_ERR_INVALID_ARG, "dtb address 0x0");
	p = good_params();
	p.dtb = 0x1e3400004ull;
	refuse(&p, KSD_ERR_INVALID_ARG, "dtb address 0x1e3400004");
	p = good_params();
	p.regions[1].start = UINT64_MAX - 0xfff;
	refuse(&p, KSD_ERR_INVALID_ARG, "region wraps around at 0xfffffffffffff000");

	/* Consoles: 32-bit 8250 access needs a 4-byte stride and base. */
	p = good_params();
	p.console.reg_shift = 0;
	refuse(&p, KSD_ERR_INVALID_ARG,
	       "console type 2, register shift 0, width 4 at 0xfe660000 is not one the purgatory can drive");
	p = good_params();
	p.console.base = 0xfe660002;
	refuse(&p, KSD_ERR_INVALID_ARG, "width 4 at 0xfe660002 is not one");
	p = good_params();
	p.console.reg_shift = 4;
	p.console.reg_width = 1;
	refuse(&p, KSD_ERR_INVALID_ARG, "register shift 4, width 1");
	p = good_params();
	p.console.reg_width = 2;
	refuse(&p, KSD_ERR_INVALID_ARG, "width 2");
	p = good_params();
	p.console.base = 0;
	refuse(&p, KSD_ERR_INVALID_ARG, "at 0x0 is not one");
	p = good_params();
	p.console.type = KSD_PURGATORY_CONSOLE_PL011;
	p.console.reg_shift = 2;
	refuse(&p, KSD_ERR_INVALID_ARG, "console type 1, register shift 2");
	p = good_params();
	p.console.type = 3;
	refuse(&p, KSD_ERR_INVALID_ARG, "console type 3");

	/* No block at all. */
	{
		struct purgatory_image img;

		make_image(&img);
		img.params_offset = IMAGE_SIZE - 100;
		p = good_params();
		check_err(purgatory_set_params(&img, &p), KSD_ERR_INVALID_ARG,
			  "no parameter block");
		purgatory_image_deinit(&img);
	}
}

/* Accepted as the purgatory accepts them: no checks, PL011, no console. */
static void test_accepted(void **state)
{
	struct ksd_purgatory_params p;
	struct purgatory_image img;

	(void)state;
	make_image(&img);
	p = good_params();
	p.nr_regions = 0;
	p.flags = KSD_PURGATORY_SKIP_CHECKS;
	assert_null(purgatory_set_params(&img, &p));
	p = good_params();
	p.console.type = KSD_PURGATORY_CONSOLE_PL011;
	p.console.reg_shift = 0;
	p.console.base = 0x9000000;
	assert_null(purgatory_set_params(&img, &p));
	p = good_params();
	memset(&p.console, 0, sizeof(p.console));
	p.console.reserved = 0xffff;	/* written as 0 */
	assert_null(purgatory_set_params(&img, &p));
	assert_int_equal(ksd_load32(img.buf + PARAMS_AT + 48, false), 0);
	assert_int_equal(img.buf[PARAMS_AT + 54], 0);
	purgatory_image_deinit(&img);
}

/* A segment's digest covers its data and the zeroes the kernel adds. */
static void test_region_hash(void **state)
{
	static const char data[] = "the capture kernel";
	struct ksd_purgatory_region r;
	uint8_t want[KSD_SHA256_DIGEST_SIZE];
	uint8_t *mem = calloc(1, 8192);

	(void)state;
	assert_non_null(mem);
	memcpy(mem, data, sizeof(data));
	ksd_sha256(mem, 8192, want);
	assert_null(purgatory_region_hash(&r, 0x1e0000000ull, 8192, data,
					  sizeof(data)));
	assert_true(r.start == 0x1e0000000ull);
	assert_true(r.len == 8192);
	assert_memory_equal(r.sha256, want, sizeof(want));

	ksd_sha256(NULL, 0, want);
	assert_null(purgatory_region_hash(&r, 0x1000, 0, NULL, 0));
	assert_memory_equal(r.sha256, want, sizeof(want));

	check_err(purgatory_region_hash(&r, 0x1000, 16, data, sizeof(data)),
		  KSD_ERR_INVALID_ARG, "segment at 0x1000: 19 bytes of data in 0x10 bytes");
	free(mem);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_accepted),
		cmocka_unit_test(test_region_hash),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
