#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# How fast does kexec unpack a compressed kernel, and with how much memory?
# It streams: 64 KiB in, 256 KiB out at a time, into a memfd, so its peak
# RSS should not grow with the kernel.  The peers in the same run are the
# command-line decompressors writing to /dev/null.
#
# Usage: bench/kexec-unpack.sh [BUILDDIR] [KERNEL] [RUNS]
#   KERNEL: an arm64 Image (default: Debian's, from the test cache that
#   tests/integration/t6150 fills)
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$src}" && pwd)
kexec=$build/kexec/kexec
mk=$build/tests/fixtures/mkimage
cache=${KSD_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/kexec-sdei}/debian-arm64-kernel
kernel=${2:-$(ls "$cache"/vmlinuz-* 2> /dev/null | head -n 1)}
runs=${3:-5}
[ -x "$kexec" ] && [ -x "$mk" ] || { echo "build first (make check builds mkimage)" >&2; exit 1; }
[ -f "$kernel" ] || { echo "no kernel: give one, or run make check to fetch Debian's" >&2; exit 1; }
work=$(mktemp -d /var/tmp/ksd-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

cp "$kernel" "$work/Image"
gzip -9 -c "$work/Image" > "$work/Image.gz"
zstd -q -19 -c "$work/Image" > "$work/Image.zst"
xz -c --check=crc32 "$work/Image" > "$work/Image.xz"
"$mk" zboot "$work/Image.zst" zstd22 "$work/zboot-zstd"

# run CMD...: "mean_ms peak_rss_kib" over RUNS runs.  GNU time measures
# the child alone (a forking Python would count its own memory too).
command -v /usr/bin/time > /dev/null || { echo "needs GNU time (Debian: time)" >&2; exit 1; }
run() {
	i=0
	: > "$work/times"
	while [ $i -lt "$runs" ]; do
		/usr/bin/time -f '%e %M' -a -o "$work/times" "$@" > /dev/null 2>&1
		i=$((i + 1))
	done
	awk '{ t += $1; if ($2 > m) m = $2 } END { printf "%.0f %d\n", t / NR * 1000, m }' "$work/times"
}

printf '%-12s %-24s %10s %12s\n' input tool mean_ms peak_rss_kib
for f in Image.gz Image.zst Image.xz zboot-zstd; do
	set -- $(run "$kexec" --unpack=/dev/null "$work/$f")
	printf '%-12s %-24s %10s %12s\n' "$f" "kexec --unpack" "$1" "$2"
	case $f in
	Image.gz) peer="gzip -dc" ;;
	Image.zst) peer="zstd -dc" ;;
	Image.xz) peer="xz -dc" ;;
	*) continue ;;
	esac
	set -- $(run $peer "$work/$f")
	printf '%-12s %-24s %10s %12s\n' "$f" "$peer" "$1" "$2"
done
echo "kernel: $(basename "$kernel"), $(stat -c %s "$work/Image") bytes"
