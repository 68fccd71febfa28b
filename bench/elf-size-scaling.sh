#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Does vmcore-sdei's time depend on the size of the dump?  It should not:
# it reads the headers, the notes and the few pages it needs.
#
# Makes two sparse ELF dumps shaped like /proc/vmcore, with 1 GiB and
# 1 TiB of RAM (the same 4 CPUs, notes and SDEI record), then times
# vmcore-sdei --json and, as the peer in the same run, eu-readelf -n on
# each, and counts the bytes vmcore-sdei reads (strace).  Not part of
# make check: timings belong here, not in tests.
#
# Usage: bench/elf-size-scaling.sh [BUILDDIR] [RUNS]
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
. "$src/bench/lib.sh"
build=$(cd "${1:-$src}" && pwd)
runs=${2:-200}
tool=$build/vmcore-sdei/vmcore-sdei
mk=$build/tests/fixtures/mkvmcore
[ -x "$tool" ] && [ -x "$mk" ] || { echo "build first (make check builds mkvmcore)" >&2; exit 1; }
work=$(mktemp -d /var/tmp/ksd-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

for size in 1GiB 1TiB; do
	case $size in
	1GiB) ram=0x40000000 ;;
	1TiB) ram=0x10000000000 ;;
	esac
	sed -e "s/^ram = .*/ram = 0x40000000 $ram/" \
		"$src/tests/fixtures/specs/four-cpus-cpu2-silent.vmspec" > "$work/$size.spec"
	"$mk" "$work/$size.spec" "$work/$size.vmcore"
done

printf '%-6s %-14s %12s %12s %14s %14s\n' size tool mean_ms median_ms file_bytes bytes_read
for size in 1GiB 1TiB; do
	f=$work/$size.vmcore
	fsize=$(stat -c %s "$f")
	set -- $(mean_ms "$tool" --json "$f")
	printf '%-6s %-14s %12s %12s %14s %14s\n' $size vmcore-sdei "$1" "$2" "$fsize" \
		"$(bytes_read "$tool" --json "$f")"
	if command -v eu-readelf > /dev/null; then
		set -- $(mean_ms eu-readelf -n "$f")
		printf '%-6s %-14s %12s %12s %14s %14s\n' $size "eu-readelf -n" "$1" "$2" "$fsize" \
			"$(bytes_read eu-readelf -n "$f")"
	fi
done
