#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The hostile-input catalogue (tests/fixtures/hostile/catalogue.tsv): each
# case is generated from a valid input, then vmcore-sdei or the loader runs
# on it under a time limit and (outside the sanitizer build) a 1 GiB
# address-space limit.  Each must end by itself (no signal, no timeout, no
# exhausted memory) with the expected exit status and message; a refusal
# must be one short line naming the file.
. "${top_srcdir:?}/tests/integration/lib.sh"
. "$top_srcdir/tests/integration/kexec-lib.sh"
need_tree_tools
for t in gzip xz zstd; do
	command -v $t > /dev/null || skip_all "$t is not installed"
done
. "$top_srcdir/tests/integration/hostile-lib.sh"

each_case

done_testing
