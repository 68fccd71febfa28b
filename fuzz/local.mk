# SPDX-License-Identifier: GPL-2.0-or-later
# The fuzz harnesses (docs/robustness.md).  fuzz/replay links every
# harness without libFuzzer and replays fuzz/regressions and the kept
# corpora (fuzz/corpora) under make check, in any build.  With
# --enable-fuzzing each harness is also its own libFuzzer program,
# fuzz/fuzz-NAME, and `make fuzz-smoke` runs each one for a bounded number
# of executions.
FUZZ_HARNESSES = dump-elf dump-kdump dump-flat dump-split kdump-page notes vmcoreinfo record printk kallsyms xlat unwind whole image iomem cpus kmsg acpi dt fdt-edit cmdline sdei-detect
FUZZ_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/kexec -I$(top_srcdir)/vmcore-sdei \
	$(LIBFDT_CFLAGS)
FUZZ_LDADD = vmcore-sdei/libanalysis.a $(LOADER_LIBS)
FUZZ_COMMON = fuzz/fuzz.h fuzz/text.h fuzz/dump-common.c fuzz/dump-common.h \
	fuzz/kimage.c fuzz/kimage.h

check_PROGRAMS += fuzz/replay fuzz/mkseed
fuzz_replay_SOURCES = fuzz/replay.c $(FUZZ_COMMON) \
	fuzz/fuzz-dump-elf.c \
	fuzz/fuzz-dump-kdump.c \
	fuzz/fuzz-dump-flat.c \
	fuzz/fuzz-dump-split.c \
	fuzz/fuzz-kdump-page.c \
	fuzz/fuzz-notes.c \
	fuzz/fuzz-vmcoreinfo.c \
	fuzz/fuzz-record.c \
	fuzz/fuzz-printk.c \
	fuzz/fuzz-kallsyms.c \
	fuzz/fuzz-xlat.c \
	fuzz/fuzz-unwind.c \
	fuzz/fuzz-whole.c \
	fuzz/fuzz-image.c \
	fuzz/fuzz-iomem.c \
	fuzz/fuzz-cpus.c \
	fuzz/fuzz-kmsg.c \
	fuzz/fuzz-acpi.c \
	fuzz/fuzz-dt.c \
	fuzz/fuzz-fdt-edit.c \
	fuzz/fuzz-cmdline.c \
	fuzz/fuzz-sdei-detect.c
fuzz_replay_CPPFLAGS = $(FUZZ_CPPFLAGS)
fuzz_replay_LDADD = $(FUZZ_LDADD)

# Writes fuzz/kimage.h inputs from dumps for fuzz/seeds.sh.
fuzz_mkseed_SOURCES = fuzz/mkseed.c fuzz/kimage.h
fuzz_mkseed_CPPFLAGS = $(FUZZ_CPPFLAGS)
fuzz_mkseed_LDADD = $(FUZZ_LDADD)

if ENABLE_FUZZING
noinst_PROGRAMS += fuzz/fuzz-dump-elf
fuzz_fuzz_dump_elf_SOURCES = fuzz/fuzz-dump-elf.c $(FUZZ_COMMON)
fuzz_fuzz_dump_elf_CPPFLAGS = $(FUZZ_CPPFLAGS) -DFUZZ_LIBFUZZER
fuzz_fuzz_dump_elf_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer
fuzz_fuzz_dump_elf_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_dump_elf_LDADD = $(FUZZ_LDADD)
noinst_PROGRAMS += fuzz/fuzz-dump-kdump
fuzz_fuzz_dump_kdump_SOURCES = fuzz/fuzz-dump-kdump.c $(FUZZ_COMMON)
fuzz_fuzz_dump_kdump_CPPFLAGS = $(FUZZ_CPPFLAGS) -DFUZZ_LIBFUZZER
fuzz_fuzz_dump_kdump_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer
fuzz_fuzz_dump_kdump_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_dump_kdump_LDADD = $(FUZZ_LDADD)
noinst_PROGRAMS += fuzz/fuzz-dump-flat
fuzz_fuzz_dump_flat_SOURCES = fuzz/fuzz-dump-flat.c $(FUZZ_COMMON)
fuzz_fuzz_dump_flat_CPPFLAGS = $(FUZZ_CPPFLAGS) -DFUZZ_LIBFUZZER
fuzz_fuzz_dump_flat_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer
fuzz_fuzz_dump_flat_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_dump_flat_LDADD = $(FUZZ_LDADD)
noinst_PROGRAMS += fuzz/fuzz-dump-split
fuzz_fuzz_dump_split_SOURCES = fuzz/fuzz-dump-split.c $(FUZZ_COMMON)
fuzz_fuzz_dump_split_CPPFLAGS = $(FUZZ_CPPFLAGS) -DFUZZ_LIBFUZZER
fuzz_fuzz_dump_split_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer
fuzz_fuzz_dump_split_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_dump_split_LDADD = $(FUZZ_LDADD)
noinst_PROGRAMS += fuzz/fuzz-kdump-page
fuzz_fuzz_kdump_page_SOURCES = fuzz/fuzz-kdump-page.c $(FUZZ_COMMON)
fuzz_fuzz_kdump_page_CPPFLAGS = $(FUZZ_CPPFLAGS) -DFUZZ_LIBFUZZER
fuzz_fuzz_kdump_page_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer
fuzz_fuzz_kdump_page_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_kdump_page_LDADD = $(FUZZ_LDADD)
noinst_PROGRAMS += fuzz/fuzz-notes
fuzz_fuzz_notes_SOURCES = fuzz/fuzz-notes.c $(FUZZ_COMMON)
fuzz_fuzz_notes_CPPFLAGS = $(FUZZ_CPPFLAGS) -DFUZZ_LIBFUZZER
fuzz_fuzz_notes_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer
fuzz_fuzz_notes_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_notes_LDADD = $(FUZZ_LDADD)
noinst_PROGRAMS += fuzz/fuzz-vmcoreinfo
fuzz_fuzz_vmcoreinfo_SOURCES = fuzz/fuzz-vmcoreinfo.c $(FUZZ_COMMON)
fuzz_fuzz_vmcoreinfo_CPPFLAGS = $(FUZZ_CPPFLAGS) -DFUZZ_LIBFUZZER
fuzz_fuzz_vmcoreinfo_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer
fuzz_fuzz_vmcoreinfo_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_vmcoreinfo_LDADD = $(FUZZ_LDADD)
noinst_PROGRAMS += fuzz/fuzz-record
fuzz_fuzz_record_SOURCES = fuzz/fuzz-record.c $(FUZZ_COMMON)
fuzz_fuzz_record_CPPFLAGS = $(FUZZ_CPPFLAGS) -DFUZZ_LIBFUZZER
fuzz_fuzz_record_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer
fuzz_fuzz_record_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_record_LDADD = $(FUZZ_LDADD)
noinst_PROGRAMS += fuzz/fuzz-printk
fuzz_fuzz_printk_SOURCES = fuzz/fuzz-printk.c $(FUZZ_COMMON)
fuzz_fuzz_printk_CPPFLAGS = $(FUZZ_CPPFLAGS) -DFUZZ_LIBFUZZER
fuzz_fuzz_printk_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer
fuzz_fuzz_printk_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_printk_LDADD = $(FUZZ_LDADD)
noinst_PROGRAMS += fuzz/fuzz-kallsyms
fuzz_fuzz_kallsyms_SOURCES = fuzz/fuzz-kallsyms.c $(FUZZ_COMMON)
fuzz_fuzz_kallsyms_CPPFLAGS = $(FUZZ_CPPFLAGS) -DFUZZ_LIBFUZZER
fuzz_fuzz_kallsyms_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer
fuzz_fuzz_kallsyms_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_kallsyms_LDADD = $(FUZZ_LDADD)
noinst_PROGRAMS += fuzz/fuzz-xlat
fuzz_fuzz_xlat_SOURCES = fuzz/fuzz-xlat.c $(FUZZ_COMMON)
fuzz_fuzz_xlat_CPPFLAGS = $(FUZZ_CPPFLAGS) -DFUZZ_LIBFUZZER
fuzz_fuzz_xlat_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer
fuzz_fuzz_xlat_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_xlat_LDADD = $(FUZZ_LDADD)
noinst_PROGRAMS += fuzz/fuzz-unwind
fuzz_fuzz_unwind_SOURCES = fuzz/fuzz-unwind.c $(FUZZ_COMMON)
fuzz_fuzz_unwind_CPPFLAGS = $(FUZZ_CPPFLAGS) -DFUZZ_LIBFUZZER
fuzz_fuzz_unwind_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer
fuzz_fuzz_unwind_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_unwind_LDADD = $(FUZZ_LDADD)
noinst_PROGRAMS += fuzz/fuzz-whole
fuzz_fuzz_whole_SOURCES = fuzz/fuzz-whole.c $(FUZZ_COMMON)
fuzz_fuzz_whole_CPPFLAGS = $(FUZZ_CPPFLAGS) -DFUZZ_LIBFUZZER
fuzz_fuzz_whole_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer
fuzz_fuzz_whole_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_whole_LDADD = $(FUZZ_LDADD)
noinst_PROGRAMS += fuzz/fuzz-image
fuzz_fuzz_image_SOURCES = fuzz/fuzz-image.c $(FUZZ_COMMON)
fuzz_fuzz_image_CPPFLAGS = $(FUZZ_CPPFLAGS) -DFUZZ_LIBFUZZER
fuzz_fuzz_image_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer
fuzz_fuzz_image_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_image_LDADD = $(FUZZ_LDADD)
noinst_PROGRAMS += fuzz/fuzz-iomem
fuzz_fuzz_iomem_SOURCES = fuzz/fuzz-iomem.c $(FUZZ_COMMON)
fuzz_fuzz_iomem_CPPFLAGS = $(FUZZ_CPPFLAGS) -DFUZZ_LIBFUZZER
fuzz_fuzz_iomem_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer
fuzz_fuzz_iomem_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_iomem_LDADD = $(FUZZ_LDADD)
noinst_PROGRAMS += fuzz/fuzz-cpus
fuzz_fuzz_cpus_SOURCES = fuzz/fuzz-cpus.c $(FUZZ_COMMON)
fuzz_fuzz_cpus_CPPFLAGS = $(FUZZ_CPPFLAGS) -DFUZZ_LIBFUZZER
fuzz_fuzz_cpus_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer
fuzz_fuzz_cpus_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_cpus_LDADD = $(FUZZ_LDADD)
noinst_PROGRAMS += fuzz/fuzz-kmsg
fuzz_fuzz_kmsg_SOURCES = fuzz/fuzz-kmsg.c $(FUZZ_COMMON)
fuzz_fuzz_kmsg_CPPFLAGS = $(FUZZ_CPPFLAGS) -DFUZZ_LIBFUZZER
fuzz_fuzz_kmsg_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer
fuzz_fuzz_kmsg_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_kmsg_LDADD = $(FUZZ_LDADD)
noinst_PROGRAMS += fuzz/fuzz-acpi
fuzz_fuzz_acpi_SOURCES = fuzz/fuzz-acpi.c $(FUZZ_COMMON)
fuzz_fuzz_acpi_CPPFLAGS = $(FUZZ_CPPFLAGS) -DFUZZ_LIBFUZZER
fuzz_fuzz_acpi_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer
fuzz_fuzz_acpi_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_acpi_LDADD = $(FUZZ_LDADD)
noinst_PROGRAMS += fuzz/fuzz-dt
fuzz_fuzz_dt_SOURCES = fuzz/fuzz-dt.c $(FUZZ_COMMON)
fuzz_fuzz_dt_CPPFLAGS = $(FUZZ_CPPFLAGS) -DFUZZ_LIBFUZZER
fuzz_fuzz_dt_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer
fuzz_fuzz_dt_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_dt_LDADD = $(FUZZ_LDADD)
noinst_PROGRAMS += fuzz/fuzz-fdt-edit
fuzz_fuzz_fdt_edit_SOURCES = fuzz/fuzz-fdt-edit.c $(FUZZ_COMMON)
fuzz_fuzz_fdt_edit_CPPFLAGS = $(FUZZ_CPPFLAGS) -DFUZZ_LIBFUZZER
fuzz_fuzz_fdt_edit_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer
fuzz_fuzz_fdt_edit_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_fdt_edit_LDADD = $(FUZZ_LDADD)
noinst_PROGRAMS += fuzz/fuzz-cmdline
fuzz_fuzz_cmdline_SOURCES = fuzz/fuzz-cmdline.c $(FUZZ_COMMON)
fuzz_fuzz_cmdline_CPPFLAGS = $(FUZZ_CPPFLAGS) -DFUZZ_LIBFUZZER
fuzz_fuzz_cmdline_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer
fuzz_fuzz_cmdline_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_cmdline_LDADD = $(FUZZ_LDADD)
noinst_PROGRAMS += fuzz/fuzz-sdei-detect
fuzz_fuzz_sdei_detect_SOURCES = fuzz/fuzz-sdei-detect.c $(FUZZ_COMMON)
fuzz_fuzz_sdei_detect_CPPFLAGS = $(FUZZ_CPPFLAGS) -DFUZZ_LIBFUZZER
fuzz_fuzz_sdei_detect_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer
fuzz_fuzz_sdei_detect_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_sdei_detect_LDADD = $(FUZZ_LDADD)
endif

EXTRA_DIST += fuzz/seeds.sh fuzz/smoke.sh fuzz/run.sh fuzz/campaign.sh fuzz/regressions.sh fuzz/dict fuzz/specs \
	fuzz/regressions fuzz/keep.sh fuzz/corpora.sh fuzz/corpora

# Seeds are made, not committed: fuzz/seeds.sh collects them from the
# fixtures and the generator (fuzz/seeds/, removed by make clean).
fuzz-seeds: fuzz/mkseed fuzz/replay tests/fixtures/mkvmcore tests/fixtures/mkkdump \
	tests/fixtures/mkimage
	$(SHELL) $(top_srcdir)/fuzz/seeds.sh '$(top_srcdir)' '$(top_builddir)'

# A short run of every harness: FUZZ_RUNS executions each (CI).
FUZZ_RUNS = 2000
if ENABLE_FUZZING
fuzz-smoke: fuzz-seeds $(FUZZ_HARNESSES:%=fuzz/fuzz-%)
	$(SHELL) $(top_srcdir)/fuzz/smoke.sh '$(top_srcdir)' '$(top_builddir)' \
		'$(FUZZ_RUNS)' $(FUZZ_HARNESSES)
else
fuzz-smoke:
	@echo "fuzz-smoke: the harnesses need ./configure --enable-fuzzing (clang with libFuzzer)" >&2; exit 1
endif

clean-local: clean-fuzz-seeds
clean-fuzz-seeds:
	-rm -rf fuzz/seeds fuzz/smoke
.PHONY: fuzz-seeds fuzz-smoke clean-fuzz-seeds

