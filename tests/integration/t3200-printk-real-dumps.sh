#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Real arm64 dumps made by the e2e kit under QEMU (docs/testing.md): the
# log read from each dump must equal, byte for byte, what kexec-tools'
# vmcore-dmesg and makedumpfile --dump-dmesg saved in the same run inside
# the capture kernel, and the stop-line scan must agree with that text.
# Skipped where the runs are not present (KSD_E2E_RUNS, by default
# /work/e2e-work/runs).
. "${top_srcdir:?}/tests/integration/lib.sh"

PRINTK_DUMP=$top_builddir/tests/tools/printk-dump
RUNS=${KSD_E2E_RUNS:-/work/e2e-work/runs}

[ -d "$RUNS" ] || skip_all "no e2e runs at $RUNS"

# The CPUs of a %*pbl list, one per line ("1,3-4" -> 1 3 4), comma-joined.
expand() {
	echo "$1" | tr ',' '\n' | awk -F- 'NF { lo = $1; hi = NF > 1 ? $2 : $1;
		for (i = lo; i <= hi; i++) printf "%s%d", n++ ? "," : "", i } END { print "" }'
}

# What the saved vmcore-dmesg text says, in printk-dump --stoplog's terms.
expected_stop() {
	local t=$1 l
	for key in "nmi_retry:retry stop with NMI for CPUs" \
		   "sdei_retry:retry stop with SDEI NMI for CPUs" \
		   "failed:failed to stop secondary CPUs"; do
		l=$(sed -n "s/^\[[ 0-9.]*\] SMP: ${key#*:} \(.*\)$/\1/p" "$t" | tail -n 1)
		if grep -q "^\[[ 0-9.]*\] SMP: ${key#*:}" "$t"; then
			echo "${key%%:*}=$(expand "$l")"
		else
			echo "${key%%:*}=none"
		fi
	done
	grep -q '\] sdei_nmi: using SDEI cross-CPU NMI' "$t" && echo sdei_nmi_boot=yes || echo sdei_nmi_boot=no
	grep -q '\] Some CPUs may be stale' "$t" && echo stale=yes || echo stale=no
	# the banner panic()'s dump_stack() prints right after its line
	awk '/\] Kernel panic - not syncing/ { p = 1; next }
	     p && /\] CPU: [0-9]+ / { sub(/.*\] CPU: /, ""); sub(/ .*/, ""); cpu = $0; p = 0 }
	     END { print "panic_cpu=" (cpu == "" ? -1 : cpu) }' "$t"
}

found=0
for out in "$RUNS"/*/share/out; do
	run=$(basename "$(dirname "$(dirname "$out")")")
	text=$out/vmcore-dmesg.txt
	[ -f "$text" ] || continue
	for dump in "$out"/vmcore.raw-elf "$out"/vmcore.elf-d31; do
		[ -e "$dump" ] || continue
		name=$run-$(basename "$dump")
		if [ ! -r "$dump" ]; then
			skip "$name" "cannot read $dump"
			continue
		fi
		found=$((found + 1))
		"$PRINTK_DUMP" "$dump" > "$WORK/$name.log" 2> "$WORK/$name.err"
		if cmp -s "$WORK/$name.log" "$text"; then
			ok "$name: same as vmcore-dmesg"
		else
			not_ok "$name: same as vmcore-dmesg" "$(cat "$WORK/$name.err")" \
				"$(diff "$text" "$WORK/$name.log" | head -20)"
		fi
		mdf=$out/vmcore-dmesg.mdf.txt
		if [ -r "$mdf" ]; then
			# makedumpfile 1.7.6 prints the caller column, 1.7.2 does not.
			flags=--indent
			head -n 1 "$mdf" | grep -q '^\[[ 0-9.]*\] \[ *[TC][0-9]*\] ' &&
				flags="--indent --caller"
			# shellcheck disable=SC2086
			"$PRINTK_DUMP" $flags "$dump" > "$WORK/$name.mdf" 2>/dev/null
			if cmp -s "$WORK/$name.mdf" "$mdf"; then
				ok "$name: same as makedumpfile --dump-dmesg ($flags)"
			else
				not_ok "$name: same as makedumpfile --dump-dmesg ($flags)" \
					"$(diff "$mdf" "$WORK/$name.mdf" | head -20)"
			fi
		fi
		"$PRINTK_DUMP" --stoplog "$dump" 2>/dev/null |
			grep -E '^(nmi_retry|sdei_retry|failed|sdei_nmi_boot|stale|panic_cpu)=' \
			> "$WORK/$name.stop"
		expected_stop "$text" > "$WORK/$name.stop-expect"
		if cmp -s "$WORK/$name.stop" "$WORK/$name.stop-expect"; then
			ok "$name: stop lines and panic CPU agree with the saved text"
		else
			not_ok "$name: stop lines and panic CPU agree with the saved text" \
				"$(diff "$WORK/$name.stop-expect" "$WORK/$name.stop")"
		fi
	done
done
[ "$found" -gt 0 ] || [ "$tap_n" -gt 0 ] || skip_all "no readable dump with a saved vmcore-dmesg.txt under $RUNS"

done_testing
