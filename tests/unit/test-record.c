// SPDX-License-Identifier: GPL-2.0-or-later
/* lib/record: the SDEI record's text, note and command-line token. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "check-error.h"
#include "record/record.h"
#include "util/limits.h"
#include "util/endian.h"

static void sample(struct ksd_record *r)
{
	ksd_record_init(r);
	assert_null(ksd_record_set_loader(r, "kexec-sdei 0.1.0"));
	assert_null(ksd_record_set_osrelease(r, "6.12.107"));
	r->has_loaded = true;
	r->loaded = 1764083000;
	r->firmware = KSD_FW_DT;
	r->conduit = KSD_CONDUIT_SMC;
	r->nmi = KSD_NMI_ARMED;
	r->pseudo_nmi = KSD_PNMI_OFF;
	assert_null(ksd_record_set_evidence(r, "dt-node,driver-bound,nmi-boot-line"));
	r->has_nr_cpus = true;
	r->nr_cpus = 3;
	assert_null(ksd_record_set_cpu(r, 0, 0x0, 0x43f7a000, 0x1a8));
	assert_null(ksd_record_set_cpu(r, 2, 0x10200, 0x43f9a000, 0x1a8));
}

static void test_format_exact_text(void **state)
{
	struct ksd_record r;
	size_t len;
	char *text;

	(void)state;
	sample(&r);
	assert_null(ksd_record_format(&r, &text, &len));
	assert_string_equal(text,
			    "VERSION=1\n"
			    "LOADER=kexec-sdei 0.1.0\n"
			    "OSRELEASE=6.12.107\n"
			    "LOADED=1764083000\n"
			    "SDEI_FIRMWARE=dt\n"
			    "SDEI_CONDUIT=smc\n"
			    "SDEI_NMI=armed\n"
			    "PSEUDO_NMI=off\n"
			    "EVIDENCE=dt-node,driver-bound,nmi-boot-line\n"
			    "NR_CPUS=3\n"
			    "CPU(0)=mpidr:0x0,notes:0x43f7a000,size:0x1a8\n"
			    "CPU(2)=mpidr:0x10200,notes:0x43f9a000,size:0x1a8\n");
	assert_int_equal(len, strlen(text));
	free(text);
	ksd_record_deinit(&r);
}

static void test_roundtrip(void **state)
{
	struct ksd_record r, p;
	size_t len;
	char *text;

	(void)state;
	sample(&r);
	assert_null(ksd_record_format(&r, &text, &len));
	ksd_record_init(&p);
	assert_null(ksd_record_parse(text, len, &p));
	assert_string_equal(p.loader, "kexec-sdei 0.1.0");
	assert_string_equal(p.osrelease, "6.12.107");
	assert_int_equal(p.loaded, 1764083000);
	assert_int_equal(p.firmware, KSD_FW_DT);
	assert_int_equal(p.conduit, KSD_CONDUIT_SMC);
	assert_int_equal(p.nmi, KSD_NMI_ARMED);
	assert_int_equal(p.pseudo_nmi, KSD_PNMI_OFF);
	assert_string_equal(p.evidence, "dt-node,driver-bound,nmi-boot-line");
	assert_int_equal(p.nr_cpus, 3);
	assert_int_equal(p.ncpus, 3);
	assert_true(p.cpus[0].present);
	assert_false(p.cpus[1].present);
	assert_true(p.cpus[2].present);
	assert_int_equal(p.cpus[2].mpidr, 0x10200);
	assert_int_equal(p.cpus[2].notes, 0x43f9a000);
	assert_int_equal(p.cpus[2].size, 0x1a8);
	free(text);
	ksd_record_deinit(&r);
	ksd_record_deinit(&p);
}

static void test_unknown_keys_and_values(void **state)
{
	static const char text[] =
		"VERSION=2\nFUTURE_KEY=whatever\nSDEI_FIRMWARE=coreboot\n"
		"SDEI_NMI=armed\n";
	struct ksd_record p;

	(void)state;
	ksd_record_init(&p);
	assert_null(ksd_record_parse(text, sizeof(text), &p));
	assert_int_equal(p.version, 2);
	assert_int_equal(p.firmware, KSD_FW_UNKNOWN);
	assert_int_equal(p.nmi, KSD_NMI_ARMED);
	ksd_record_deinit(&p);
}

static void expect_parse_error(const char *text, const char *fragment)
{
	struct ksd_record p;
	struct ksd_error *err;

	ksd_record_init(&p);
	err = ksd_record_parse(text, strlen(text), &p);
	assert_non_null(err);
	assert_int_equal(err->code, KSD_ERR_CORRUPT);
	if (!strstr(err->message, fragment))
		fail_msg("message '%s' lacks '%s'", err->message, fragment);
	ksd_error_destroy(err);
	ksd_record_deinit(&p);
}

static void test_malformed(void **state)
{
	(void)state;
	expect_parse_error("SDEI_NMI=armed\n", "no VERSION");
	expect_parse_error("VERSION=x\n", "VERSION 'x'");
	expect_parse_error("VERSION=1\nCPU(1)=mpidr:0x1,notes:0x2\n", "expected ',' after notes");
	expect_parse_error("VERSION=1\nCPU(1)=mpidr:1,notes:0x2,size:0x3\n", "not 0x-prefixed hex");
	expect_parse_error("VERSION=1\nCPU(99999999)=mpidr:0x1,notes:0x2,size:0x3\n", "not a number below");
	expect_parse_error("VERSION=1\nCPU(1)=mpidr:0x1,notes:0x2,size:0x3\nCPU(1)=mpidr:0x1,notes:0x2,size:0x3\n",
			   "given twice");
	expect_parse_error("VERSION=1\nCPU(1)=mpidr:0x1,notes:0x2,size:0x3,extra\n", "trailing text");
	/* Lines that contradict each other, whatever order they come in. */
	expect_parse_error("VERSION=1\nCPU(3)=mpidr:0x100,notes:0x1000,size:0x1a8\n"
			   "CPU(0)=mpidr:0x100,notes:0x2000,size:0x1a8\n",
			   "CPU(3) has the MPIDR 0x100 of CPU(0)");
	expect_parse_error("VERSION=1\nCPU(0)=mpidr:0x0,notes:0x2000,size:0x1a8\n"
			   "CPU(1)=mpidr:0x1,notes:0x1f00,size:0x1a8\n",
			   "the crash_notes buffers of CPU(1) (0x1a8 bytes at 0x1f00) and CPU(0) (at 0x2000) overlap");
	expect_parse_error("VERSION=1\nCPU(0)=mpidr:0x0,notes:0xfffffffffffff000,size:0x1001\n",
			   "CPU(0)'s crash_notes buffer (0x1001 bytes at 0xfffffffffffff000) wraps");
	expect_parse_error("VERSION=1\nnot a key value line\n", "line 2");
}

static void test_note_layout(void **state)
{
	struct ksd_record r;
	uint8_t *note;
	size_t len;

	(void)state;
	sample(&r);
	assert_null(ksd_record_note(&r, true, &note, &len));
	assert_int_equal(len % 4, 0);
	assert_int_equal(ksd_load32(note, true), 11);	/* "KEXEC-SDEI\0" */
	assert_int_equal(ksd_load32(note + 8, true), KSD_RECORD_NOTE_TYPE);
	assert_memory_equal(note + 12, "KEXEC-SDEI", 11);
	assert_memory_equal(note + 24, "VERSION=1\n", 10);
	/* The descriptor is the text plus its NUL. */
	assert_int_equal(ksd_load32(note + 4, true), strlen((char *)note + 24) + 1);
	free(note);
	ksd_record_deinit(&r);
}

static void test_token(void **state)
{
	struct ksd_record r, p;
	char tok[128];
	char cmdline[256];

	(void)state;
	sample(&r);
	ksd_record_token_format(&r, tok, sizeof(tok));
	assert_string_equal(tok, "kexec_sdei.record=v1,dt-smc,armed,pnmi-off");
	snprintf(cmdline, sizeof(cmdline), "console=ttyAMA0 %s nr_cpus=1\n", tok);
	ksd_record_init(&p);
	assert_null(ksd_record_token_parse(cmdline, &p));
	assert_true(p.from_token);
	assert_int_equal(p.firmware, KSD_FW_DT);
	assert_int_equal(p.conduit, KSD_CONDUIT_SMC);
	assert_int_equal(p.nmi, KSD_NMI_ARMED);
	assert_int_equal(p.pseudo_nmi, KSD_PNMI_OFF);
	assert_int_equal(p.ncpus, 0);
	ksd_record_deinit(&p);
	ksd_record_deinit(&r);
}

static void test_token_absent_and_bad(void **state)
{
	struct ksd_record p;
	struct ksd_error *err;

	(void)state;
	ksd_record_init(&p);
	err = ksd_record_token_parse("console=ttyAMA0 xkexec_sdei.record=v1,dt-smc,armed,pnmi-on", &p);
	assert_non_null(err);
	assert_int_equal(err->code, KSD_ERR_NOT_FOUND);
	ksd_error_destroy(err);
	err = ksd_record_token_parse("kexec_sdei.record=v1,dt", &p);
	assert_non_null(err);
	assert_int_equal(err->code, KSD_ERR_CORRUPT);
	ksd_error_destroy(err);
	/* The last occurrence wins, as for kernel parameters. */
	assert_null(ksd_record_token_parse(
		"kexec_sdei.record=v1,dt-smc,armed,pnmi-on kexec_sdei.record=v1,acpi-hvc,unavailable,pnmi-off", &p));
	assert_int_equal(p.firmware, KSD_FW_ACPI);
	assert_int_equal(p.conduit, KSD_CONDUIT_HVC);
	assert_int_equal(p.nmi, KSD_NMI_UNAVAILABLE);
	ksd_record_deinit(&p);
}

/*
 * The token's version is read as strictly as the text's VERSION=: no
 * sign, no blank, no more than the text form accepts (fuzz/regressions/
 * record: "v-2" read as 4294967294, which the record's own text then
 * refused to read back).
 */
static void test_token_version_strict(void **state)
{
	static const char *const bad[] = {
		"kexec_sdei.record=v-2,dt-smc,armed,pnmi-on",
		"kexec_sdei.record=v+1,dt-smc,armed,pnmi-on",
		"kexec_sdei.record=\"v 1,dt-smc,armed,pnmi-on\"",
		"kexec_sdei.record=v,dt-smc,armed,pnmi-on",
		"kexec_sdei.record=v1000001,dt-smc,armed,pnmi-on",
		"kexec_sdei.record=v99999999999999999999,dt-smc,armed,pnmi-on",
	};
	struct ksd_record p;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ksd_record_init(&p);
		check_err(ksd_record_token_parse(bad[i], &p), KSD_ERR_CORRUPT,
			  "kexec_sdei.record=");
		ksd_record_deinit(&p);
	}
	ksd_record_init(&p);
	check_err(ksd_record_token_parse("kexec_sdei.record=v0,dt-smc,armed,pnmi-on", &p),
		  KSD_ERR_CORRUPT, "version 0, not 1 to 1000000");
	ksd_record_deinit(&p);
	ksd_record_init(&p);
	check_ok(ksd_record_token_parse("kexec_sdei.record=v1000000,dt-smc,armed,pnmi-on", &p));
	assert_int_equal(p.version, 1000000);
	ksd_record_deinit(&p);
}

/*
 * The token is a kernel parameter: found where the kernel would find it
 * (after a tab, in quotes) and not inside another parameter's quoted
 * value, where the kernel sees no such parameter.
 */
static void test_token_split_as_the_kernel_splits(void **state)
{
	struct ksd_record p;
	struct ksd_error *err;

	(void)state;
	ksd_record_init(&p);
	assert_null(ksd_record_token_parse("quiet\tkexec_sdei.record=v1,dt-smc,armed,pnmi-on", &p));
	assert_int_equal(p.pseudo_nmi, KSD_PNMI_ON);
	ksd_record_deinit(&p);
	ksd_record_init(&p);
	assert_null(ksd_record_token_parse("kexec_sdei.record=\"v1,acpi-smc,armed,pnmi-off\"", &p));
	assert_int_equal(p.firmware, KSD_FW_ACPI);
	ksd_record_deinit(&p);
	ksd_record_init(&p);
	err = ksd_record_token_parse("dyndbg=\"x kexec_sdei.record=v1,dt-smc,armed,pnmi-on\" ro", &p);
	assert_non_null(err);
	assert_int_equal(err->code, KSD_ERR_NOT_FOUND);
	ksd_error_destroy(err);
	/* A bare flag, and a value longer than any token, are not records. */
	err = ksd_record_token_parse("kexec_sdei.record", &p);
	assert_int_equal(err->code, KSD_ERR_NOT_FOUND);
	ksd_error_destroy(err);
	err = ksd_record_token_parse("kexec_sdei.record=v1,dt-smc,armed,pnmi-onxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", &p);
	assert_int_equal(err->code, KSD_ERR_CORRUPT);
	assert_non_null(strstr(err->message, "bytes long"));
	ksd_error_destroy(err);
	ksd_record_deinit(&p);
}

/*
 * CPU entries are set in any order and the array grows past each power
 * of two: every entry set keeps its values, every gap reads as absent.
 * Then a record naming every CPU the limit allows, in order, parses,
 * formats and parses again (the quadratic growth this replaced took
 * minutes for it under ASan).
 */
static void test_cpus_any_order(void **state)
{
	static const unsigned int order[] = { 5, 6, 7, 8, 3, 1000, 16, 17 };
	struct ksd_record r, again;
	struct ksd_error *err;
	char *text, *p;
	size_t len;

	(void)state;
	ksd_record_init(&r);
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		assert_null(ksd_record_set_cpu(&r, order[i], order[i] * 0x100,
					       0x50000000 + order[i], 0x1a8));
	assert_int_equal(r.ncpus, 1001);
	for (unsigned int c = 0; c < r.ncpus; c++) {
		bool set = false;

		for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
			set |= order[i] == c;
		assert_int_equal(r.cpus[c].present, set);
		if (set) {
			assert_int_equal(r.cpus[c].mpidr, c * 0x100);
			assert_int_equal(r.cpus[c].notes, 0x50000000 + c);
		} else {
			assert_int_equal(r.cpus[c].notes, 0);
		}
	}
	err = ksd_record_set_cpu(&r, KSD_MAX_CPUS, 0, 0x50000000, 0x1a8);
	assert_non_null(err);
	assert_int_equal(err->code, KSD_ERR_LIMIT);
	ksd_error_destroy(err);
	ksd_record_deinit(&r);

	len = 64 + (size_t)KSD_MAX_CPUS * 64;
	text = p = malloc(len);
	assert_non_null(text);
	p += sprintf(p, "VERSION=1\nSDEI_FIRMWARE=dt\nNR_CPUS=%u\n", KSD_MAX_CPUS);
	for (unsigned int c = 0; c < KSD_MAX_CPUS; c++)
		p += sprintf(p, "CPU(%u)=mpidr:0x%x,notes:0x%llx,size:0x1a8\n", c, c,
			     0x40000000ull + c * 0x10000ull);
	ksd_record_init(&r);
	assert_null(ksd_record_parse(text, (size_t)(p - text), &r));
	free(text);
	assert_int_equal(r.ncpus, KSD_MAX_CPUS);
	assert_true(r.cpus[KSD_MAX_CPUS - 1].present);
	assert_int_equal(r.cpus[KSD_MAX_CPUS - 1].notes,
			 0x40000000ull + (KSD_MAX_CPUS - 1) * 0x10000ull);
	assert_null(ksd_record_format(&r, &text, &len));
	ksd_record_init(&again);
	assert_null(ksd_record_parse(text, len, &again));
	assert_int_equal(again.ncpus, KSD_MAX_CPUS);
	assert_int_equal(again.cpus[12345].mpidr, 12345);
	free(text);
	ksd_record_deinit(&again);
	ksd_record_deinit(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_exact_text),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_unknown_keys_and_values),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_note_layout),
		cmocka_unit_test(test_token),
		cmocka_unit_test(test_token_absent_and_bad),
		cmocka_unit_test(test_token_version_strict),
		cmocka_unit_test(test_token_split_as_the_kernel_splits),
		cmocka_unit_test(test_cpus_any_order),
	};

	return cmocka_run_group_tests_name("record", tests, NULL, NULL);
}
