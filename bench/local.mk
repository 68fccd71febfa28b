# SPDX-License-Identifier: GPL-2.0-or-later
# Benchmarks run by hand (docs/performance.md), never by make check.
EXTRA_DIST += bench/lib.sh bench/elf-size-scaling.sh bench/purgatory-sha256.sh \
	bench/purgatory-sha256.c bench/kexec-unpack.sh bench/kexec-scaling.sh \
	bench/kdump-formats.sh bench/kernel-size-scaling.sh \
	bench/flat-index-memory.sh bench/kexec-load.sh

# bench/purgatory-sha256.sh builds this on demand (make bench-purgatory).
BENCH_PURGATORY_OBJECTS = tests/purgatory/bm-start.pgo bench/purgatory-sha256.pgo
bench/purgatory-sha256.pgo: $(BM_HDRS) $(PURGATORY_HDRS)
bench/purgatory-sha256.elf: $(BENCH_PURGATORY_OBJECTS) $(BM_OBJECTS) \
		$(BM_SHA256_OBJECTS)
	$(AM_V_GEN)$(BM_LINK) -Wl,-Ttext=0x40200000 -o $@ \
		$(BENCH_PURGATORY_OBJECTS) $(BM_OBJECTS) $(BM_SHA256_OBJECTS)
bench-purgatory: bench/purgatory-sha256.elf $(check_DATA) tests/purgatory/purg-tool$(EXEEXT)
.PHONY: bench-purgatory
CLEANFILES += $(BENCH_PURGATORY_OBJECTS) bench/purgatory-sha256.elf
