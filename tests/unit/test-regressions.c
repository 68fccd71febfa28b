// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Regression tests: one case per library bug found by review, each
 * failing before its fix (a panic verdict by elimination despite an
 * unreadable buffer, evidence text that lied about how the panic CPU was
 * found, VMCOREINFO values taking signs and white space, notes lost
 * after a terminated PT_NOTE).
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "analysis.h"
#include "dump/dump.h"
#include "dump/notes.h"
#include "kernel/vmcoreinfo.h"
#include "analysis-builder.h"
#include "check-error.h"

/* ---- verdict_decide() ---- */

/*
 * A truncated copy: CPU 1's crash_notes buffer lies past the end of the
 * file (BUFFER_UNREADABLE), yet the PT_NOTE holds two NT_PRSTATUS notes.
 * CPU 0 saved an IRQs-masked context; with the whole file it is "panic
 * or stopped-sdei".  Losing CPU 1's buffer must not make CPU 0 certainly
 * the panic CPU: the unclaimed note may well be the panic CPU's.
 */
static void test_verdict_no_panic_by_unknowns(void **state)
{
	struct analysis *a = new_analysis(2);

	(void)state;
	set_record(a, KSD_NMI_ARMED, SRC_RECORD);
	a->info.truncated = true;
	give_regs(a, 0, 0x600003c5);
	a->nprstatus = 2;	/* the unattributed note is CPU 1's */
	a->cpus[1].buffer = BUFFER_UNREADABLE;
	check_ok(verdict_decide(a));
	if (a->cpus[0].verdict == VERDICT_PANIC)
		fail_msg("CPU 0 declared panic by elimination although CPU 1's buffer was unreadable and %u NT_PRSTATUS notes exist",
			 a->nprstatus);
	assert_int_equal(a->panic_cpu, -1);
	assert_true(a->cpus[0].ambiguous);
	analysis_destroy(a);
}

/*
 * Latent: once the panic CPU is known from elsewhere (a->panic_cpu set
 * before verdict_decide(), as the log and memory sources will do), its
 * evidence still says it is "the only CPU with saved registers" while
 * another CPU has them too.
 */
static void test_verdict_known_panic_evidence_is_true(void **state)
{
	struct analysis *a = new_analysis(2);
	const struct cpu_report *c;

	(void)state;
	set_record(a, KSD_NMI_ARMED, SRC_RECORD);
	give_regs(a, 0, 0x60000005);
	give_regs(a, 1, 0x600003c5);
	set_panic(a, 0);
	check_ok(verdict_decide(a));
	assert_int_equal(a->cpus[0].verdict, VERDICT_PANIC);
	assert_int_equal(a->cpus[1].verdict, VERDICT_STOPPED_SDEI);
	c = &a->cpus[0];
	for (size_t k = 0; k < c->nev; k++)
		if (strstr(c->ev[k].text, "the only CPU with saved registers"))
			fail_msg("CPU 0's evidence says it is the only CPU with saved registers; CPU 1 has them too");
	analysis_destroy(a);
}

/* ---- VMCOREINFO ---- */

/*
 * SIZE/OFFSET/LENGTH print with %lu and SYMBOL with %lx: a sign or
 * leading blank there is damage, yet "-64" comes back as
 * 0xffffffffffffffc0 and a leading tab is skipped (a leading space is
 * refused, so the intent is clear).
 */
static void test_vmcoreinfo_unsigned_values_refuse_signs(void **state)
{
	static const char text[] =
		"SIZE(page)=-64\nSYMBOL(_stext)=-ffff\nOFFSET(page.lru)=\t8\n";
	struct ksd_vmcoreinfo *vi;
	uint64_t v = 0;

	(void)state;
	check_ok(ksd_vmcoreinfo_parse(text, strlen(text), &vi));
	check_err(ksd_vmcoreinfo_size(vi, "page", &v), KSD_ERR_CORRUPT,
		  "SIZE(page)=-64");
	check_err(ksd_vmcoreinfo_symbol(vi, "_stext", &v), KSD_ERR_CORRUPT,
		  "SYMBOL(_stext)=-ffff");
	check_err(ksd_vmcoreinfo_offset(vi, "page.lru", &v), KSD_ERR_CORRUPT,
		  "OFFSET(page.lru)=");
	ksd_vmcoreinfo_destroy(vi);
}

/* ---- ELF notes across several PT_NOTEs ---- */

static void put(uint8_t *p, uint64_t v, unsigned int size)
{
	for (unsigned int i = 0; i < size; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* A little-endian note: header, name padded to 4, descriptor padded. */
static size_t put_note(uint8_t *p, const char *name, uint32_t type,
		       const void *desc, uint32_t descsz)
{
	size_t namesz = strlen(name) + 1;
	size_t npad = (namesz + 3) & ~(size_t)3, dpad = (descsz + 3) & ~3u;

	put(p, namesz, 4);
	put(p + 4, descsz, 4);
	put(p + 8, type, 4);
	memcpy(p + 12, name, namesz);
	memcpy(p + 12 + npad, desc, descsz);
	return 12 + npad + dpad;
}

/*
 * Two PT_NOTEs, the first shaped as a crash_notes buffer (the note, then
 * final_note()'s all-zero header), as an unmerged elfcorehdr has them;
 * eu-readelf -n lists both segments' notes.  ksd_dump_notes()
 * concatenates the segments verbatim, so the iterator stops at the first
 * segment's terminator and never sees VMCOREINFO.
 */
static void test_dump_notes_after_a_terminated_segment(void **state)
{
	uint8_t img[1024] = { 0 }, desc[392];
	const uint8_t *notes;
	struct ksd_note_iter it;
	struct ksd_dump *dump;
	size_t len, n1, n2, off1 = 64 + 2 * 56, off2;
	bool seen = false;

	(void)state;
	memset(desc, 0x11, sizeof(desc));
	n1 = put_note(img + off1, "CORE", 1, desc, sizeof(desc)) + 12;
	off2 = off1 + n1;
	n2 = put_note(img + off2, "VMCOREINFO", 0, "OSRELEASE=6.12\n", 15);
	/* ELF64 LSB ET_CORE EM_AARCH64, two program headers at 64. */
	memcpy(img, "\x7f" "ELF\x02\x01\x01", 7);
	put(img + 16, 4, 2);
	put(img + 18, 183, 2);
	put(img + 20, 1, 4);
	put(img + 32, 64, 8);
	put(img + 52, 64, 2);
	put(img + 54, 56, 2);
	put(img + 56, 2, 2);
	put(img + 64, 4, 4);			/* PT_NOTE */
	put(img + 64 + 8, off1, 8);
	put(img + 64 + 32, n1, 8);
	put(img + 64 + 40, n1, 8);
	put(img + 120, 4, 4);
	put(img + 120 + 8, off2, 8);
	put(img + 120 + 32, n2, 8);
	put(img + 120 + 40, n2, 8);

	check_ok(ksd_dump_open_memory(img, off2 + n2, "two-notes", &dump));
	ksd_dump_notes(dump, &notes, &len);
	ksd_note_iter_init(&it, notes, len, false);
	for (;;) {
		struct ksd_note n;
		bool end;

		check_ok(ksd_note_next(&it, &n, &end));
		if (end)
			break;
		seen |= ksd_note_is(&n, "VMCOREINFO", 0);
	}
	ksd_dump_destroy(dump);
	if (!seen)
		fail_msg("the VMCOREINFO note of the second PT_NOTE is lost behind the first PT_NOTE's terminator");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verdict_no_panic_by_unknowns),
		cmocka_unit_test(test_verdict_known_panic_evidence_is_true),
		cmocka_unit_test(test_vmcoreinfo_unsigned_values_refuse_signs),
		cmocka_unit_test(test_dump_notes_after_a_terminated_segment),
	};

	return cmocka_run_group_tests_name("regressions", tests, NULL, NULL);
}
