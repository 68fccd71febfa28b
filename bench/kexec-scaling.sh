#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Does the loader stay linear in what a big machine has?  Two inputs grow:
#   iomem  /proc/iomem with N siblings under one parent (the parser takes
#          65536 ranges; each range's nesting is checked against its parent)
#          timed with kexec --print-ckr-size;
#   cpus   N possible CPUs, each with a "CPUn: Booted secondary processor"
#          line in the log (65536 CPUs at most), timed with --sdei-status
#          on the dt-sdei-pnmi fake machine.
# The time per item should stay flat as N grows.
#
# Usage: bench/kexec-scaling.sh [BUILDDIR] [RUNS]
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$src}" && pwd)
kexec=$build/kexec/kexec
runs=${2:-5}
[ -x "$kexec" ] || { echo "build first" >&2; exit 1; }
command -v dtc > /dev/null || { echo "needs dtc (device-tree-compiler)" >&2; exit 1; }
work=$(mktemp -d /var/tmp/ksd-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
. "$src/bench/lib.sh"

row() {	# row WHAT N MEAN_MS
	printf '%-6s %8d %10s %12s\n' "$1" "$2" "$3" \
		"$(echo "$3 $2" | awk '{ printf "%.3f", $1 * 1000 / $2 }')"
}

printf '%-6s %8s %10s %12s\n' input n mean_ms us_per_item
for n in 4096 16384 65536; do
	mkdir -p "$work/io$n/proc"
	python3 - "$n" > "$work/io$n/proc/iomem" <<'PY'
import sys
n = int(sys.argv[1])
print("40000000-7fffffffff : System RAM")
for i in range(n - 2):
    a = 0x40000000 + i * 0x1000
    print("  %x-%x : r%d" % (a, a + 0xfff, i))
print("  7fff000000-7fff0fffff : Crash kernel")
PY
	set -- $(mean_ms "$kexec" --root "$work/io$n" --print-ckr-size)
	row iomem "$n" "$1"
done
for n in 4096 16384 65536; do
	t=$work/cpu$n
	sh "$src/tests/fixtures/machines/mktree.sh" \
		"$src/tests/fixtures/machines/dt-sdei-pnmi" "$t"
	echo "0-$((n - 1))" > "$t/sys/devices/system/cpu/possible"
	python3 - "$n" >> "$t/dev/kmsg" <<'PY'
import sys
for i in range(1, int(sys.argv[1])):
    print("6,%d,1,-;CPU%d: Booted secondary processor 0x%010x [0x411fd070]" % (1000 + i, i, i))
PY
	set -- $(mean_ms "$kexec" --root "$t" --sdei-status)
	row cpus "$n" "$1"
done
