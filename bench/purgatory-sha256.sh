#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# How many instructions the purgatory spends per byte it hashes, with the
# plain C path and with the Armv8 SHA-2 instruction path, and what the
# whole purgatory costs between kexec's jump and the kernel's entry.
#
# Counted, not timed: qemu-system-aarch64 -icount shift=0 makes the
# virtual clock advance by exactly one step per guest instruction, and
# the PMU's INST_RETIRED event (PMEVCNTR0) then counts every instruction,
# the same on every run and every host.  Time on real hardware depends
# on memory far more than on instructions when the MMU and caches are
# off; docs/performance.md says what these counts do and do not show.
# Not part of make check: measurements belong here, not in tests.
#
# Usage: bench/purgatory-sha256.sh [BUILDDIR]
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$src}" && pwd)
qemu=${QEMU_SYSTEM_AARCH64:-qemu-system-aarch64}
command -v "$qemu" > /dev/null || { echo "$qemu not found" >&2; exit 1; }
make -C "$build" -s bench-purgatory
tool=$build/tests/purgatory/purg-tool
pdir=$build/tests/purgatory
work=$(mktemp -d /var/tmp/ksd-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

# run NAME CPU QEMU-ARGS...: one deterministic run, UART in $work/NAME.uart
run() {
	name=$1 cpu=$2
	shift 2
	timeout 900 "$qemu" -nodefaults -display none -monitor none -no-reboot \
		-accel tcg -icount shift=0 -m 512M -smp 1 -M virt -cpu "$cpu" \
		-serial "file:$work/$name.uart" "$@"
	tr -d '\r' < "$work/$name.uart" > "$work/$name.txt"
}

echo "## Per-path cost (ksd_sha256 init+update+final over a buffer)"
echo
for cpu in cortex-a57 max; do
	run "paths-$cpu" "$cpu" -kernel "$build/bench/purgatory-sha256.elf"
	echo "CPU model: $cpu"
	echo
	echo "| bytes | generic C insns | insns/byte | SHA-2 insns | insns/byte | ratio |"
	echo "|---:|---:|---:|---:|---:|---:|"
	awk '
	/^bench: path=/ {
		split($2, p, "="); split($3, b, "="); split($4, n, "=")
		insns[p[2], b[2]] = n[2]; sizes[b[2]] = 1
	}
	END {
		for (s in sizes) order[++k] = s + 0
		for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++)
			if (order[j] < order[i]) { t = order[i]; order[i] = order[j]; order[j] = t }
		for (i = 1; i <= k; i++) {
			s = order[i]; g = insns["generic", s]; c = insns["sha2-insn", s]
			printf "| %d | %d | %.2f | %d | %.2f | %.1fx |\n", s, g, g / s, c, c / s, g / c
		}
	}' "$work/paths-$cpu.txt"
	echo
done

echo "## Whole purgatory (boot stub to fake kernel), 32 MiB + kernel + DTB"
echo
"$qemu" -M virt,dumpdtb="$work/virt.dtb" -cpu max -m 512M -display none > /dev/null 2>&1
"$tool" flat "$pdir/fake-kernel.elf" "$work/kernel.bin" > /dev/null
"$tool" random 33554432 7 "$work/initrd.bin"
total=$(( $(wc -c < "$work/kernel.bin") + 33554432 + $(wc -c < "$work/virt.dtb") ))
echo "| path | bytes hashed | purgatory instructions | insns/byte |"
echo "|---|---:|---:|---:|"
for flags in 0 2; do
	"$tool" fill "$pdir/purgatory-test.elf" "$work/p$flags.bin" \
		--entry 0x42000000 --dtb 0x43000000 --console pl011@0x9000000 \
		--flags $flags --region 0x42000000="$work/kernel.bin" \
		--region 0x44000000="$work/initrd.bin" \
		--region 0x43000000="$work/virt.dtb" > /dev/null
	run "whole-$flags" max -kernel "$pdir/boot-stub.elf" \
		-device "loader,file=$work/kernel.bin,addr=0x42000000,force-raw=on" \
		-device "loader,file=$work/virt.dtb,addr=0x43000000,force-raw=on" \
		-device "loader,file=$work/initrd.bin,addr=0x44000000,force-raw=on" \
		-device "loader,file=$work/p$flags.bin,addr=0x48000000,force-raw=on" \
		-device "loader,addr=0x40ff0000,data=0,data-len=4"
	n=$(sed -n 's/^fake-kernel: purgatory instructions=//p' "$work/whole-$flags.txt")
	path=$(sed -n 's/^purgatory: verifying [0-9]* regions with //p' "$work/whole-$flags.txt")
	[ -n "$n" ] || { echo "run failed:"; cat "$work/whole-$flags.txt"; exit 1; }
	awk -v p="$path" -v t="$total" -v n="$n" \
		'BEGIN { printf "| %s | %d | %d | %.2f |\n", p, t, n, n / t }'
done
