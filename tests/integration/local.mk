# SPDX-License-Identifier: GPL-2.0-or-later
# Integration tests, numbered by layer (docs/testing.md):
#   t1xxx lib/dump, t2xxx lib/arch, t3xxx lib/kernel, t4xxx lib/record,
#   t5xxx evidence, verdicts and report, t6xxx the loader, t7xxx the CLIs,
#   t9xxx the hostile-input catalogue across all of them.
INTEGRATION_TESTS = \
	tests/integration/t1000-elf-layouts.sh \
	tests/integration/t1100-kdump-formats.sh \
	tests/integration/t1110-makedumpfile.sh \
	tests/integration/t1200-hostile-dumps.sh \
	tests/integration/t1210-hostile-kdump.sh \
	tests/integration/t2000-translate.sh \
	tests/integration/t2100-addrxlat.sh \
	tests/integration/t3000-printk-log.sh \
	tests/integration/t3100-printk-hostile.sh \
	tests/integration/t3200-printk-real-dumps.sh \
	tests/integration/t3300-kallsyms.sh \
	tests/integration/t3310-real-structure.sh \
	tests/integration/t3400-symbol-files.sh \
	tests/integration/t3500-hostile-kernels.sh \
	tests/integration/t3600-modules.sh \
	tests/integration/t5000-verdicts.sh \
	tests/integration/t5100-cpu-numbering.sh \
	tests/integration/t5200-registers-vs-eu-readelf.sh \
	tests/integration/t5300-real-dumps.sh \
	tests/integration/t5400-memory-verdicts.sh \
	tests/integration/t5500-backtraces.sh \
	tests/integration/t5510-drgn-backtraces.sh \
	tests/integration/t6000-kexec-machines.sh \
	tests/integration/t6100-kexec-images.sh \
	tests/integration/t6150-kexec-debian-kernel.sh \
	tests/integration/t6200-kexec-hostile.sh \
	tests/integration/t6300-kexec-kdumpctl.sh \
	tests/integration/t6460-dtb-edit-dtc.sh \
	tests/integration/t6500-purgatory-object.sh \
	tests/integration/t6510-purgatory-sha256-qemu.sh \
	tests/integration/t6520-purgatory-boot-qemu.sh \
	tests/integration/t6530-purgatory-link-qemu.sh \
	tests/integration/t6540-purgatory-relocs.sh \
	tests/integration/t6600-kexec-load.sh \
	tests/integration/t7000-cli.sh \
	tests/integration/t7050-json-schema.sh \
	tests/integration/t7060-limits-doc.sh \
	tests/integration/t7100-read-only.sh \
	tests/integration/t7200-kexec-cli.sh \
	tests/integration/t7400-kdump-report.sh \
	tests/integration/t7410-kdump-dracut.sh \
	tests/integration/t7420-kdump-tools.sh \
	tests/integration/t7500-install.sh \
	tests/integration/t7510-packaging.sh \
	tests/integration/t9000-hostile-catalogue.sh \
	tests/integration/t9010-valgrind.sh
TESTS += $(INTEGRATION_TESTS)
EXTRA_DIST += tests/integration/lib.sh tests/integration/purgatory.sh tests/integration/kexec-lib.sh tests/integration/kernel-layouts.sh \
	tests/integration/hostile-lib.sh tests/fixtures/hostile/catalogue.tsv \
	$(INTEGRATION_TESTS)
