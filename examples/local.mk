# SPDX-License-Identifier: GPL-2.0-or-later
EXTRA_DIST += examples/README.md examples/sdei-wedge-2cpu.vmcore.xz
