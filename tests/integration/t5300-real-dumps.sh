#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Real arm64 dumps captured under QEMU (examples/, tests/fixtures/real/):
# every verdict, the numbering, the panic CPU, the symbols and the exit
# status must be exactly what the scenario that made the dump implies.
# Each NAME.vmcore.xz has a NAME.expect: one check per line,
#   DESCRIPTION | PYTHON-EXPRESSION over r (the JSON report)
# and an "exit N" line.  How each dump was made: tests/fixtures/real/README.md.
. "${top_srcdir:?}/tests/integration/lib.sh"

command -v xz > /dev/null || skip_all "xz not installed"

for xzf in "$top_srcdir"/examples/*.vmcore.xz "$top_srcdir"/tests/fixtures/real/*.vmcore.xz; do
	[ -f "$xzf" ] || continue
	name=$(basename "$xzf" .vmcore.xz)
	expect=$top_srcdir/tests/fixtures/real/$name.expect
	[ -f "$expect" ] || { not_ok "$name: no $expect"; continue; }
	xz -dc "$xzf" > "$WORK/$name.vmcore"
	run_sdei "$name" --json --backtrace "$WORK/$name.vmcore"
	want=$(sed -n 's/^exit //p' "$expect")
	expect_status "$name" "$want" "$name: exit status"
	grep -v -e '^#' -e '^exit ' -e '^$' "$expect" | while IFS='|' read -r desc expr; do
		json_check "$name" "$expr" "$name: $(echo "$desc" | sed 's/ *$//')"
		echo "$tap_n $tap_failed" > "$WORK/counts"
	done
	# The loop ran in a subshell: carry its counts back.
	if [ -f "$WORK/counts" ]; then
		read -r tap_n tap_failed < "$WORK/counts"
		rm -f "$WORK/counts"
	fi
	# The log, against what Debian's vmcore-dmesg printed in the same run.
	ref=$top_srcdir/tests/fixtures/real/$name.vmcore-dmesg.txt
	if [ -f "$ref" ]; then
		"$VMCORE_SDEI" --log "$WORK/$name.vmcore" > "$WORK/$name.log" 2>&1
		if cmp -s "$ref" "$WORK/$name.log"; then
			ok "$name: --log is byte for byte vmcore-dmesg's output"
		else
			not_ok "$name: --log differs from vmcore-dmesg" "$(diff "$ref" "$WORK/$name.log" | head -20)"
		fi
	fi
	rm -f "$WORK/$name.vmcore"
done

done_testing
