#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Does reading /proc/iomem stay linear in its ranges?  Each range's nesting
# is checked against its parent; a big server has thousands of siblings
# under one "System RAM" or PCI window, and the parser accepts 65536
# ranges.  Times `kexec --print-ckr-size` on a fake tree whose /proc/iomem
# has N siblings under one parent, for growing N: the time per range
# should stay flat.
#
# Usage: bench/kexec-iomem.sh [BUILDDIR] [RUNS]
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$src}" && pwd)
kexec=$build/kexec/kexec
runs=${2:-5}
[ -x "$kexec" ] || { echo "build first" >&2; exit 1; }
work=$(mktemp -d /var/tmp/ksd-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
. "$src/bench/lib.sh"

printf '%8s %10s %12s\n' ranges mean_ms us_per_range
for n in 4096 16384 65536; do
	mkdir -p "$work/$n/proc"
	python3 - "$n" > "$work/$n/proc/iomem" <<'PY'
import sys
n = int(sys.argv[1])
print("40000000-7fffffffff : System RAM")
for i in range(n - 2):
    a = 0x40000000 + i * 0x1000
    print("  %x-%x : r%d" % (a, a + 0xfff, i))
print("  7fff000000-7fff0fffff : Crash kernel")
PY
	set -- $(mean_ms "$kexec" --root "$work/$n" --print-ckr-size)
	printf '%8d %10s %12s\n' "$n" "$1" "$(echo "$1 $n" | awk '{ printf "%.3f", $1 * 1000 / $2 }')"
done
