# SPDX-License-Identifier: GPL-2.0-or-later
# make check: cmocka unit tests (tests/unit) and shell integration tests
# (tests/integration), all reporting TAP.  Synthetic dumps are generated
# at check time by tests/fixtures/mkvmcore from tests/fixtures/specs.

check_PROGRAMS += tests/fixtures/mkvmcore tests/fixtures/mkkdump
tests_fixtures_mkvmcore_SOURCES = tests/fixtures/mkvmcore.c \
	tests/fixtures/mklog.c tests/fixtures/mklog.h \
	tests/fixtures/kmodel.c tests/fixtures/kmodel.h \
	tests/fixtures/mkvmcore-kernel.c tests/fixtures/mkvmcore-kernel.h \
	tests/fixtures/mkvmcore-kgen.h tests/fixtures/mkvmcore-kstate.h \
	tests/fixtures/mkvmcore-kstack.c tests/fixtures/mkvmcore-kside.c \
	tests/fixtures/mkvmcore-pgtable.c tests/fixtures/mkvmcore-kallsyms.c \
	tests/fixtures/mkvmcore-kmodule.c tests/fixtures/mkbtf.c tests/fixtures/mkbtf.h
tests_fixtures_mkvmcore_CPPFLAGS =
check_PROGRAMS += tests/fixtures/mkimage
tests_fixtures_mkimage_SOURCES = tests/fixtures/mkimage.c
tests_fixtures_mkimage_CPPFLAGS =
# mkhostile applies one named corruption to a generated dump (the
# hostile-input catalogue, tests/fixtures/hostile/catalogue.tsv).
check_PROGRAMS += tests/fixtures/mkhostile
tests_fixtures_mkhostile_SOURCES = tests/fixtures/mkhostile.c
tests_fixtures_mkhostile_CPPFLAGS =

# A test-only reader of a dump's kernel log (lib/kernel/printk, stoplog).
check_PROGRAMS += tests/tools/printk-dump
tests_tools_printk_dump_SOURCES = tests/tools/printk-dump.c
tests_tools_printk_dump_LDADD = $(LIBKEXECSDEI_LIBS)

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

# Runs the kexec_load DTB editor on a file, for t6460 (dtc reads the result).
check_PROGRAMS += tests/tools/dtb-edit
tests_tools_dtb_edit_SOURCES = tests/tools/dtb-edit.c
tests_tools_dtb_edit_CFLAGS = $(AM_CFLAGS) $(LIBFDT_CFLAGS) -I$(top_srcdir)/kexec
tests_tools_dtb_edit_LDADD = $(LOADER_LIBS)

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
	tests/unit/test-number \
	tests/unit/test-notes \
	tests/unit/test-segments \
	tests/unit/test-dump-elf \
	tests/unit/test-vmcoreinfo \
	tests/unit/test-aarch64 \
	tests/unit/test-translate \
	tests/unit/test-kallsyms \
	tests/unit/test-symtab \
	tests/unit/test-btf \
	tests/unit/test-unwind \
	tests/unit/test-verdict \
	tests/unit/test-record \
	tests/unit/test-regressions \
	tests/unit/test-printk \
	tests/unit/test-stoplog \
	tests/unit/test-sha256 \
	tests/unit/test-purgatory-console \
	tests/unit/test-purgatory-verify \
	tests/unit/test-purgatory-cpufeature \
	tests/unit/test-decompress \
	tests/unit/test-kexec-parsers \
	tests/unit/test-kexec-load \
	tests/unit/test-fdt-edit \
	tests/unit/test-purgatory-link \
	tests/unit/test-sdei-decide \
	tests/unit/test-flat \
	tests/unit/test-kdump
check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)
endif

# check-error.h: the shared assertion on an error's code and message.
EXTRA_DIST += tests/unit/check-error.h tests/unit/analysis-builder.h

tests_unit_test_error_SOURCES = tests/unit/test-error.c
tests_unit_test_error_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_error_LDADD = $(UNIT_LDADD)

tests_unit_test_number_SOURCES = tests/unit/test-number.c
tests_unit_test_number_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_number_LDADD = $(UNIT_LDADD)

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

tests_unit_test_btf_SOURCES = tests/unit/test-btf.c tests/fixtures/mkbtf.c
tests_unit_test_btf_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_btf_LDADD = $(UNIT_LDADD)

tests_unit_test_unwind_SOURCES = tests/unit/test-unwind.c
tests_unit_test_unwind_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_unwind_LDADD = $(UNIT_LDADD)

tests_unit_test_verdict_SOURCES = tests/unit/test-verdict.c
tests_unit_test_verdict_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_verdict_LDADD = $(UNIT_LDADD)

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

tests_unit_test_regressions_SOURCES = tests/unit/test-regressions.c
tests_unit_test_regressions_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_regressions_LDADD = $(UNIT_LDADD)

tests_unit_test_printk_SOURCES = tests/unit/test-printk.c
tests_unit_test_printk_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_printk_LDADD = $(UNIT_LDADD)

tests_unit_test_stoplog_SOURCES = tests/unit/test-stoplog.c
tests_unit_test_stoplog_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_stoplog_LDADD = $(UNIT_LDADD)

tests_unit_test_sha256_SOURCES = tests/unit/test-sha256.c
tests_unit_test_sha256_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_sha256_LDADD = $(UNIT_LDADD)

# The purgatory's C code built for the host: the console against a
# simulated UART (fake-mmio.c stands in for purgatory/mmio.c), the
# parameter and region checks against host memory, the CPU decisions.
tests_unit_test_purgatory_console_SOURCES = tests/unit/test-purgatory-console.c \
	purgatory/console.c tests/unit/fake-mmio.c tests/unit/fake-mmio.h
tests_unit_test_purgatory_console_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_purgatory_console_LDADD = $(UNIT_LDADD)
tests_unit_test_purgatory_verify_SOURCES = tests/unit/test-purgatory-verify.c \
	purgatory/verify.c purgatory/console.c tests/unit/fake-mmio.c \
	tests/unit/fake-mmio.h
tests_unit_test_purgatory_verify_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_purgatory_verify_LDADD = $(UNIT_LDADD)
tests_unit_test_purgatory_cpufeature_SOURCES = \
	tests/unit/test-purgatory-cpufeature.c purgatory/cpufeature.c
tests_unit_test_purgatory_cpufeature_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_purgatory_cpufeature_LDADD = $(UNIT_LDADD)


tests_unit_test_decompress_SOURCES = tests/unit/test-decompress.c
tests_unit_test_decompress_CFLAGS = $(UNIT_CFLAGS) $(ZLIB_CFLAGS) \
	$(LIBZSTD_CFLAGS) $(LIBLZMA_CFLAGS)
tests_unit_test_decompress_LDADD = $(UNIT_LDADD)

# The loader's parts, white-box: link its library, see its headers.
LOADER_UNIT_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) $(LIBFDT_CFLAGS) \
	-I$(top_srcdir)/kexec
LOADER_UNIT_LDADD = $(LOADER_LIBS) $(CMOCKA_LIBS)
tests_unit_test_kexec_parsers_SOURCES = tests/unit/test-kexec-parsers.c
tests_unit_test_kexec_parsers_CFLAGS = $(LOADER_UNIT_CFLAGS)
tests_unit_test_kexec_parsers_LDADD = $(LOADER_UNIT_LDADD)
tests_unit_test_kexec_load_SOURCES = tests/unit/test-kexec-load.c
tests_unit_test_kexec_load_CFLAGS = $(LOADER_UNIT_CFLAGS) $(LIBELF_CFLAGS)
tests_unit_test_kexec_load_LDADD = $(LOADER_UNIT_LDADD) $(LIBELF_LIBS)
tests_unit_test_fdt_edit_SOURCES = tests/unit/test-fdt-edit.c
tests_unit_test_fdt_edit_CFLAGS = $(LOADER_UNIT_CFLAGS)
tests_unit_test_fdt_edit_LDADD = $(LOADER_UNIT_LDADD)
tests_unit_test_purgatory_link_SOURCES = tests/unit/test-purgatory-link.c
tests_unit_test_purgatory_link_CFLAGS = $(LOADER_UNIT_CFLAGS) $(LIBELF_CFLAGS)
tests_unit_test_purgatory_link_LDADD = $(LOADER_UNIT_LDADD) $(LIBELF_LIBS)
tests_unit_test_sdei_decide_SOURCES = tests/unit/test-sdei-decide.c
tests_unit_test_sdei_decide_CFLAGS = $(LOADER_UNIT_CFLAGS)
tests_unit_test_sdei_decide_LDADD = $(LOADER_UNIT_LDADD)

EXTRA_DIST += tests/fixtures/specs tests/fixtures/README.md tests/fixtures/machines tests/fixtures/expect

# The inputs the fuzzers found (fuzz/regressions), replayed by fuzz/replay
# through the harnesses compiled without libFuzzer: any build runs them.
TESTS += fuzz/regressions.sh
# The corpora the campaigns kept (fuzz/corpora), replayed the same way.
TESTS += fuzz/corpora.sh

EXTRA_DIST += tests/fixtures/specs tests/fixtures/README.md tests/tools/kdump-edit.py \
	tests/tools/options-documented.py

TEST_EXTENSIONS = .sh
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
SH_LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
SH_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT = \
	top_srcdir='$(abs_top_srcdir)'; top_builddir='$(abs_top_builddir)'; \
	CMOCKA_MESSAGE_OUTPUT=TAP; KSD_SANITIZERS='$(enable_sanitizers)'; \
	KSD_HAVE_PURGATORY='$(have_purgatory)'; KSD_PURGATORY_WHY='$(purgatory_why)'; \
	PURGATORY_CC='$(PURGATORY_CC)'; QEMU_SYSTEM_AARCH64='$(QEMU_SYSTEM_AARCH64)'; \
	export top_srcdir top_builddir CMOCKA_MESSAGE_OUTPUT KSD_SANITIZERS \
		KSD_HAVE_PURGATORY KSD_PURGATORY_WHY PURGATORY_CC QEMU_SYSTEM_AARCH64; \
	MAKE='$(MAKE)'; inst_bindir='$(bindir)'; inst_sbindir='$(sbindir)'; \
	inst_mandir='$(mandir)'; inst_pkglibexecdir='$(pkglibexecdir)'; \
	inst_dracutmodulesdir='$(dracutmodulesdir)'; \
	inst_systemdsystemunitdir='$(systemdsystemunitdir)'; \
	PACKAGE_VERSION='$(PACKAGE_VERSION)'; \
	export MAKE inst_bindir inst_sbindir inst_mandir inst_pkglibexecdir \
		inst_dracutmodulesdir inst_systemdsystemunitdir PACKAGE_VERSION;

clean-local: clean-test-work
clean-test-work:
	-rm -rf tests/work
.PHONY: clean-test-work
EXTRA_DIST += tests/fixtures/real

# The arm64 makedumpfile t1110 fetches survives "make clean", not distclean.
distclean-local: distclean-test-cache
distclean-test-cache:
	-rm -rf tests/cache
.PHONY: clean-test-work distclean-test-cache
