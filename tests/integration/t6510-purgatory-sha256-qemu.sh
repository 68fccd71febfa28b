#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The purgatory's two SHA-256 paths on emulated aarch64 CPUs, bare metal
# (tests/purgatory/sha256-selftest.c): the FIPS 180-2 examples on both,
# the two against each other on thousands of length/alignment/piece
# cases, the engine following ID_AA64ISAR0_EL1 and restoring the FP/SIMD
# trap register.  Each selftest TAP line is relayed with the CPU it ran on.
. "${top_srcdir:?}/tests/integration/lib.sh"
. "$top_srcdir/tests/integration/purgatory.sh"
need_qemu

ELF=$PURG_DIR/sha256-selftest.elf

# selftest NAME MACHINE CPU
selftest() {
	local name=$1 machine=$2 cpu=$3 n=0
	qemu_run "$name" 120 "" -M "$machine" -cpu "$cpu" \
		-kernel "$ELF"
	expect_end "$name" off "$name: selftest ran to power-off"
	expect_no_uart "$name" "unexpected exception" "$name: no exception"
	uart "$name" | grep -E '^(not )?ok [0-9]+ - ' > "$WORK/$name.tap"
	while IFS= read -r line; do
		n=$((n + 1))
		case $line in
		"ok "*) ok "$name: ${line#* - }" ;;
		*) not_ok "$name: ${line#* - }" "$(uart "$name" | tail -n 30)" ;;
		esac
	done < "$WORK/$name.tap"
	expect_uart "$name" "^1\\.\\.$n\$" "$name: all $n selftest results reported"
	uart "$name" | grep '^# ' || true
}

selftest max-el1 virt max
selftest a57-el1 virt cortex-a57
selftest max-el2 virt,virtualization=on max

done_testing
