# SPDX-License-Identifier: GPL-2.0-or-later
# make check: cmocka unit tests (tests/unit) and shell integration tests
# (tests/integration), all reporting TAP.  Synthetic dumps are generated
# at check time by tests/fixtures/mkvmcore from tests/fixtures/specs.

check_PROGRAMS += tests/fixtures/mkvmcore
tests_fixtures_mkvmcore_SOURCES = tests/fixtures/mkvmcore.c \
	tests/fixtures/kmodel.c tests/fixtures/kmodel.h
tests_fixtures_mkvmcore_CPPFLAGS =

# Reads pages through lib/dump, for comparing formats page by page.
check_PROGRAMS += tests/tools/dumppages
tests_tools_dumppages_SOURCES = tests/tools/dumppages.c
tests_tools_dumppages_LDADD = $(LIBKEXECSDEI_LIBS)

UNIT_LDADD = vmcore-sdei/libanalysis.a $(LIBKEXECSDEI_LIBS) $(CMOCKA_LIBS)
UNIT_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) -I$(top_srcdir)/vmcore-sdei

if HAVE_CMOCKA
UNIT_TESTS = \
	tests/unit/test-record
check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)
endif

tests_unit_test_record_SOURCES = tests/unit/test-record.c
tests_unit_test_record_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_record_LDADD = $(UNIT_LDADD)

EXTRA_DIST += tests/fixtures/specs tests/fixtures/README.md

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
