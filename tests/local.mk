# SPDX-License-Identifier: GPL-2.0-or-later
# make check: cmocka unit tests (tests/unit) and shell integration tests
# (tests/integration), all reporting TAP.  Synthetic dumps are generated
# at check time by tests/fixtures/mkvmcore from tests/fixtures/specs.

check_PROGRAMS += tests/fixtures/mkvmcore tests/fixtures/mkkdump
tests_fixtures_mkvmcore_SOURCES = tests/fixtures/mkvmcore.c \
	tests/fixtures/kmodel.c tests/fixtures/kmodel.h
tests_fixtures_mkvmcore_CPPFLAGS =

# mkkdump writes kdump-compressed, flattened and split files with any codec
# the system has, whether or not lib/ was built to read it.
tests_fixtures_mkkdump_SOURCES = tests/fixtures/mkkdump.c
tests_fixtures_mkkdump_CPPFLAGS =
tests_fixtures_mkkdump_LDADD =
if HAVE_ZLIB_LIB
tests_fixtures_mkkdump_CPPFLAGS += -DMK_ZLIB $(ZLIB_CFLAGS)
tests_fixtures_mkkdump_LDADD += $(ZLIB_LIBS)
endif
if HAVE_LZO_LIB
tests_fixtures_mkkdump_CPPFLAGS += -DMK_LZO $(LZO_CFLAGS)
tests_fixtures_mkkdump_LDADD += $(LZO_LIBS)
endif
if HAVE_SNAPPY_LIB
tests_fixtures_mkkdump_CPPFLAGS += -DMK_SNAPPY $(SNAPPY_CFLAGS)
tests_fixtures_mkkdump_LDADD += $(SNAPPY_LIBS)
endif
if HAVE_ZSTD_LIB
tests_fixtures_mkkdump_CPPFLAGS += -DMK_ZSTD $(ZSTD_CFLAGS)
tests_fixtures_mkkdump_LDADD += $(ZSTD_LIBS)
endif

# Reads pages through lib/dump, for comparing formats page by page.
check_PROGRAMS += tests/tools/dumppages
tests_tools_dumppages_SOURCES = tests/tools/dumppages.c
tests_tools_dumppages_LDADD = $(LIBKEXECSDEI_LIBS)

UNIT_LDADD = vmcore-sdei/libanalysis.a $(LIBKEXECSDEI_LIBS) $(CMOCKA_LIBS)
UNIT_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) -I$(top_srcdir)/vmcore-sdei

if HAVE_CMOCKA
UNIT_TESTS = \
	tests/unit/test-record \
	tests/unit/test-flat \
	tests/unit/test-kdump
check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)
endif

tests_unit_test_record_SOURCES = tests/unit/test-record.c
tests_unit_test_record_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_record_LDADD = $(UNIT_LDADD)
tests_unit_test_flat_SOURCES = tests/unit/test-flat.c
tests_unit_test_flat_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_flat_LDADD = $(UNIT_LDADD)
tests_unit_test_kdump_SOURCES = tests/unit/test-kdump.c
tests_unit_test_kdump_CFLAGS = $(UNIT_CFLAGS) $(ZLIB_CFLAGS) $(LZO_CFLAGS) \
	$(SNAPPY_CFLAGS) $(ZSTD_CFLAGS)
tests_unit_test_kdump_LDADD = $(UNIT_LDADD)

EXTRA_DIST += tests/fixtures/specs tests/fixtures/README.md tests/tools/kdump-edit.py

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
# The arm64 makedumpfile t1110 fetches survives "make clean", not distclean.
distclean-local: distclean-test-cache
distclean-test-cache:
	-rm -rf tests/cache
.PHONY: clean-test-work distclean-test-cache
