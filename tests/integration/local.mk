# SPDX-License-Identifier: GPL-2.0-or-later
# Integration tests, numbered by layer (docs/testing.md):
#   t1xxx lib/dump, t2xxx lib/arch, t3xxx lib/kernel, t4xxx lib/record,
#   t5xxx evidence, verdicts and report, t6xxx the loader, t7xxx the CLIs.
INTEGRATION_TESTS = \
	tests/integration/t1000-elf-layouts.sh \
	tests/integration/t1200-hostile-dumps.sh \
	tests/integration/t2000-translate.sh \
	tests/integration/t2100-addrxlat.sh \
	tests/integration/t3000-kallsyms.sh \
	tests/integration/t3010-real-structure.sh \
	tests/integration/t3100-symbol-files.sh \
	tests/integration/t3200-hostile-kernels.sh \
	tests/integration/t5400-memory-verdicts.sh \
	tests/integration/t5500-backtraces.sh \
	tests/integration/t5510-drgn-backtraces.sh \
	tests/integration/t5000-verdicts.sh \
	tests/integration/t5100-cpu-numbering.sh \
	tests/integration/t5200-registers-vs-eu-readelf.sh \
	tests/integration/t5300-real-dumps.sh \
	tests/integration/t7000-cli.sh \
	tests/integration/t7100-read-only.sh
TESTS += $(INTEGRATION_TESTS)
EXTRA_DIST += tests/integration/lib.sh tests/integration/kernel-layouts.sh \
	$(INTEGRATION_TESTS)
