# SPDX-License-Identifier: GPL-2.0-or-later
# The end-to-end tier: not part of make check (it downloads and builds
# kernels); `make check-e2e` runs every scenario.
EXTRA_DIST += tests/e2e/README.md tests/e2e/e2e.sh tests/e2e/lib-fetch.sh \
	tests/e2e/lib-build.sh tests/e2e/lib-run.sh tests/e2e/init \
	tests/e2e/configs tests/e2e/wedge tests/e2e/kernel-patches

check-e2e: all
	VMCORE_SDEI='$(abs_top_builddir)/vmcore-sdei/vmcore-sdei' \
	KSD_E2E_RUNS='$(abs_top_builddir)/e2e-runs' \
		$(SHELL) $(srcdir)/tests/e2e/e2e.sh --subset full
.PHONY: check-e2e
