# SPDX-License-Identifier: GPL-2.0-or-later
# Benchmarks run by hand (docs/performance.md), never by make check.
EXTRA_DIST += bench/elf-size-scaling.sh bench/kernel-size-scaling.sh
