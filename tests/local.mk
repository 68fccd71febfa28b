# SPDX-License-Identifier: GPL-2.0-or-later
# make check: cmocka unit tests (tests/unit) and shell integration tests
# (tests/integration), all reporting TAP.  Synthetic dumps are generated
# at check time by tests/fixtures/mkvmcore from tests/fixtures/specs.

check_PROGRAMS += tests/fixtures/mkvmcore
tests_fixtures_mkvmcore_SOURCES = tests/fixtures/mkvmcore.c \
	tests/fixtures/mkvmcore-kernel.c tests/fixtures/mkvmcore-kernel.h \
	tests/fixtures/mkvmcore-kgen.h tests/fixtures/mkvmcore-kstate.h \
	tests/fixtures/mkvmcore-kstack.c tests/fixtures/mkvmcore-kside.c \
	tests/fixtures/mkvmcore-pgtable.c tests/fixtures/mkvmcore-kallsyms.c
tests_fixtures_mkvmcore_CPPFLAGS =

# Test tools: drive lib/ from the integration tests, and translate with
# libaddrxlat for the differential test when libkdumpfile is there.
check_PROGRAMS += tests/tools/kview
tests_tools_kview_SOURCES = tests/tools/kview.c
tests_tools_kview_LDADD = $(LIBKEXECSDEI_LIBS)
if HAVE_ADDRXLAT
check_PROGRAMS += tests/tools/xlat-addrxlat
tests_tools_xlat_addrxlat_SOURCES = tests/tools/xlat-addrxlat.c
tests_tools_xlat_addrxlat_CFLAGS = $(AM_CFLAGS) $(ADDRXLAT_CFLAGS)
tests_tools_xlat_addrxlat_LDADD = $(ADDRXLAT_LIBS)
endif
EXTRA_DIST += tests/tools/xlat-addrxlat.c tests/tools/mkvmlinux.sh \
	tests/tools/drgn-stack-traces.py

UNIT_LDADD = vmcore-sdei/libanalysis.a $(LIBKEXECSDEI_LIBS) $(CMOCKA_LIBS)
UNIT_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) -I$(top_srcdir)/vmcore-sdei

if HAVE_CMOCKA
UNIT_TESTS = \
	tests/unit/test-error \
	tests/unit/test-notes \
	tests/unit/test-segments \
	tests/unit/test-dump-elf \
	tests/unit/test-vmcoreinfo \
	tests/unit/test-aarch64 \
	tests/unit/test-translate \
	tests/unit/test-kallsyms \
	tests/unit/test-symtab \
	tests/unit/test-unwind \
	tests/unit/test-verdict \
	tests/unit/test-record \
	tests/unit/test-regressions
check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)
endif

# check-error.h: the shared assertion on an error's code and message.
EXTRA_DIST += tests/unit/check-error.h

tests_unit_test_error_SOURCES = tests/unit/test-error.c
tests_unit_test_error_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_error_LDADD = $(UNIT_LDADD)

tests_unit_test_notes_SOURCES = tests/unit/test-notes.c
tests_unit_test_notes_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_notes_LDADD = $(UNIT_LDADD)

tests_unit_test_segments_SOURCES = tests/unit/test-segments.c
tests_unit_test_segments_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_segments_LDADD = $(UNIT_LDADD)

tests_unit_test_dump_elf_SOURCES = tests/unit/test-dump-elf.c
tests_unit_test_dump_elf_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_dump_elf_LDADD = $(UNIT_LDADD)

tests_unit_test_vmcoreinfo_SOURCES = tests/unit/test-vmcoreinfo.c
tests_unit_test_vmcoreinfo_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_vmcoreinfo_LDADD = $(UNIT_LDADD)

tests_unit_test_aarch64_SOURCES = tests/unit/test-aarch64.c
tests_unit_test_aarch64_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_aarch64_LDADD = $(UNIT_LDADD)

tests_unit_test_translate_SOURCES = tests/unit/test-translate.c
tests_unit_test_translate_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_translate_LDADD = $(UNIT_LDADD)

tests_unit_test_kallsyms_SOURCES = tests/unit/test-kallsyms.c
tests_unit_test_kallsyms_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_kallsyms_LDADD = $(UNIT_LDADD)

tests_unit_test_symtab_SOURCES = tests/unit/test-symtab.c
tests_unit_test_symtab_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_symtab_LDADD = $(UNIT_LDADD)

tests_unit_test_unwind_SOURCES = tests/unit/test-unwind.c
tests_unit_test_unwind_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_unwind_LDADD = $(UNIT_LDADD)

tests_unit_test_verdict_SOURCES = tests/unit/test-verdict.c
tests_unit_test_verdict_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_verdict_LDADD = $(UNIT_LDADD)

tests_unit_test_record_SOURCES = tests/unit/test-record.c
tests_unit_test_record_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_record_LDADD = $(UNIT_LDADD)

tests_unit_test_regressions_SOURCES = tests/unit/test-regressions.c
tests_unit_test_regressions_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_regressions_LDADD = $(UNIT_LDADD)

EXTRA_DIST += tests/fixtures/specs tests/fixtures/README.md tests/fixtures/expect

TEST_EXTENSIONS = .sh
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
SH_LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
SH_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT = \
	top_srcdir='$(abs_top_srcdir)'; top_builddir='$(abs_top_builddir)'; \
	CMOCKA_MESSAGE_OUTPUT=TAP; KSD_SANITIZERS='$(enable_sanitizers)'; \
	export top_srcdir top_builddir CMOCKA_MESSAGE_OUTPUT KSD_SANITIZERS;

clean-local: clean-test-work
clean-test-work:
	-rm -rf tests/work
.PHONY: clean-test-work
EXTRA_DIST += tests/fixtures/real
