#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# What a kexec_load plan costs (kexec --dry-run -c -p on the qemu-virt
# fake machine): the loader reads the kernel and initrd once and hashes
# every segment once, so the time should grow with the initrd at the
# host's SHA-256 speed, and its peak memory by the initrd's size (the
# segments are held in memory so what is hashed is what is loaded).
# A second table grows the System RAM ranges the elfcorehdr describes.
#
# Usage: bench/kexec-load.sh [BUILDDIR]
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$src}" && pwd)
kexec=$build/kexec/kexec
mkimage=$build/tests/fixtures/mkimage
[ -x "$kexec" ] && [ -x "$mkimage" ] || { echo "build first (make check builds mkimage)" >&2; exit 1; }
command -v dtc > /dev/null || { echo "needs dtc (device-tree-compiler)" >&2; exit 1; }
work=$(mktemp -d /var/tmp/ksd-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1764083000

t=$work/tree
sh "$src/tests/fixtures/machines/mktree.sh" "$src/tests/fixtures/machines/qemu-virt" "$t"
mkdir -p "$t/boot"
"$mkimage" image "$t/boot/Image" size=33554432

# cpu KEXEC-ARGS...: "CPU_MS PEAK_KIB", user + system time (the machine
# may be busy: wall time would measure the other work) and the peak
# resident set, from GNU time
cpu() {
	/usr/bin/time -f '%U %S %M' "$kexec" "$@" 2>&1 > /dev/null | tail -n 1 |
		awk '{ printf "%.0f %d\n", ($1 + $2) * 1000, $3 }'
}
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time)" >&2; exit 1; }

# The kernel is 32 MiB; every segment is read once and hashed once.
printf '%-10s %10s %10s %10s\n' initrd_mib cpu_ms mib_per_s peak_kib
for mib in 0 16 64 128; do
	head -c $((mib << 20)) /dev/urandom > "$t/boot/initrd"
	set -- --root "$t" --dry-run -c -p --command-line=nr_cpus=1 /boot/Image
	[ "$mib" -gt 0 ] && set -- "$@" --initrd=/boot/initrd
	set -- $(cpu "$@")
	printf '%-10d %10s %10s %10s\n' "$mib" "$1" \
		"$(echo "$1 $mib" | awk '{ printf "%.0f", ($2 + 32) / ($1 / 1000) }')" "$2"
done

echo
printf '%-10s %10s\n' ram_ranges cpu_ms
for n in 1024 8192 30000; do
	cp "$t/proc/iomem" "$work/iomem.orig"
	python3 - "$n" "$work/iomem.orig" > "$t/proc/iomem" <<'PY'
import sys
n = int(sys.argv[1])
for line in open(sys.argv[2]):
    if not line.startswith("4010000000"):
        sys.stdout.write(line)
        continue
    # N more 64 KiB System RAM ranges above 4 GiB, with gaps
    for i in range(n):
        a = 0x100000000 + i * 0x20000
        print("%x-%x : System RAM" % (a, a + 0xffff))
    sys.stdout.write(line)
PY
	set -- $(cpu --root "$t" --dry-run -c -p /boot/Image)
	printf '%-10d %10s\n' "$n" "$1"
	cp "$work/iomem.orig" "$t/proc/iomem"
done
