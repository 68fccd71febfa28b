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

# mean_ms CMD...: mean wall time of RUNS runs, in milliseconds
mean_ms() {
	python3 - "$runs" "$@" <<'PY'
import subprocess, sys, time
runs = int(sys.argv[1]); cmd = sys.argv[2:]
t = []
for _ in range(runs):
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t.append(time.perf_counter() - t0)
t.sort()
print("%.3f %.3f" % (sum(t) / len(t) * 1e3, t[len(t) // 2] * 1e3))
PY
}

bytes_read() {
	if command -v strace > /dev/null; then
		strace -f -e trace=read,pread64 -o "$work/strace" "$@" > /dev/null 2>&1 || true
		awk -F'= ' '/= [0-9]+$/ { s += $NF } END { print s + 0 }' "$work/strace"
	else
		echo "n/a"
	fi
}

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
