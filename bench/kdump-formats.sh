#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# How long does vmcore-sdei take on a large kdump-compressed dump and on
# the same dump flattened, and what does it read and hold?  The peer for
# the flattened one is the usual advice, makedumpfile -R (rewrite the
# stream into a file first), timed in the same run.
#
# Makes a 16 GiB arm64 machine with the model-4cpus crash (2 GiB of page
# data: 1 GiB compressible text, 1 GiB random), has Debian's arm64
# makedumpfile (under qemu-aarch64-static, from t1110's cache) write
# "-c -d 31" and "-F -c -d 31" outputs, then measures:
#   - vmcore-sdei --json on the ELF source, the kdump file, the flattened
#     file, the flattened stream on a pipe, and the -R rewrite;
#   - makedumpfile -R < flat (a native one: MAKEDUMPFILE, or PATH, or
#     amd64's fetched with apt-get download);
# wall time (mean and median of RUNS), peak RSS (GNU time) and bytes
# read (strace).  Not part of make check: timings belong here.
#
# Usage: bench/kdump-formats.sh [BUILDDIR] [RUNS]
# Needs about 6 GiB free in $TMPDIR (default /var/tmp) while it runs.
# Making the dumps takes minutes (makedumpfile is emulated); set
# KSD_BENCH_DIR to a directory to keep them there and reuse them.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
. "$src/bench/lib.sh"
build=$(cd "${1:-$src}" && pwd)
runs=${2:-20}
tool=$build/vmcore-sdei/vmcore-sdei
mk=$build/tests/fixtures/mkvmcore
root=${KSD_TEST_CACHE:-$build/tests/cache}/makedumpfile-arm64/bookworm/root
[ -x "$tool" ] && [ -x "$mk" ] || { echo "build first (make check builds mkvmcore)" >&2; exit 1; }
[ -x "$root/usr/bin/makedumpfile" ] ||
	{ echo "run make check first: t1110 fetches the arm64 makedumpfile" >&2; exit 1; }
if [ -n "${KSD_BENCH_DIR:-}" ]; then
	work=$KSD_BENCH_DIR
	mkdir -p "$work"
else
	work=$(mktemp -d "${TMPDIR:-/var/tmp}/ksd-bench.XXXXXX")
	trap 'rm -rf "$work"' EXIT
fi

# A native makedumpfile for -R (arch-neutral); fetch amd64's if needed.
mdf_native=${MAKEDUMPFILE:-$(command -v makedumpfile || :)}
if [ -z "$mdf_native" ]; then
	mkdir -p "$work/native"
	(cd "$work/native" && apt-get download -q makedumpfile > /dev/null 2>&1) ||
		{ echo "no makedumpfile for -R: set MAKEDUMPFILE" >&2; exit 1; }
	dpkg-deb -x "$work"/native/makedumpfile_*.deb "$work/native/root"
	mdf_native=$work/native/root/usr/bin/makedumpfile
fi

sed -e 's/^ram = .*/ram = 0x40000000 0x400000000/' \
	-e 's/^fill = 0x41400000 .*/fill = 0x80000000 0x40000000 random\nfill = 0xc0000000 0x40000000 text/' \
	"$src/tests/fixtures/specs/model-4cpus.vmspec" > "$work/big.spec"
if [ ! -s "$work/big.flat" ]; then
	echo "making the 16 GiB ELF dump..." >&2
	"$mk" "$work/big.spec" "$work/big.elf"
	echo "makedumpfile -c -d 31 and -F -c -d 31 (arm64, emulated)..." >&2
	rm -f "$work/big.kdump"
	qemu-aarch64-static -L "$root" "$root/usr/bin/makedumpfile" -c -d 31 \
		"$work/big.elf" "$work/big.kdump" > /dev/null 2>&1
	qemu-aarch64-static -L "$root" "$root/usr/bin/makedumpfile" -F -c -d 31 \
		"$work/big.elf" > "$work/big.flat" 2> /dev/null
fi

row() {	# row LABEL FILE-SIZE CMD...
	label=$1 size=$2
	shift 2
	set -- $(mean_ms "$@") "$@"
	mean=$1 median=$2
	shift 2
	printf '%-34s %12s %10s %10s %10s %14s\n' "$label" "$size" "$mean" "$median" \
		"$(rss_kb "$@")" "$(bytes_read "$@")"
}

fsize() { stat -c %s "$1"; }

printf '%-34s %12s %10s %10s %10s %14s\n' case file_bytes mean_ms median_ms maxrss_kb bytes_read
row "vmcore-sdei ELF source" "$(fsize "$work/big.elf")" "$tool" --json "$work/big.elf"
row "vmcore-sdei kdump -c -d 31" "$(fsize "$work/big.kdump")" "$tool" --json "$work/big.kdump"
row "vmcore-sdei flattened -F -c -d 31" "$(fsize "$work/big.flat")" "$tool" --json "$work/big.flat"
row "makedumpfile -R < flat > file" "$(fsize "$work/big.flat")" \
	sh -c "rm -f '$work/big.rearranged'; '$mdf_native' -R '$work/big.rearranged' < '$work/big.flat'"
row "vmcore-sdei on the -R output" "$(fsize "$work/big.rearranged")" "$tool" --json "$work/big.rearranged"
runs=$(( runs < 5 ? runs : 5 ))
row "cat flat | vmcore-sdei - (spools)" "$(fsize "$work/big.flat")" \
	sh -c "cat '$work/big.flat' | TMPDIR='$work' '$tool' --json -"
python3 - "$work/big.flat" <<'PY'
import struct, sys
f = open(sys.argv[1], "rb")
f.seek(4096)
n = 0
while True:
    off, size = struct.unpack(">qq", f.read(16))
    if off == -1 and size == -1:
        break
    n += 1
    f.seek(size, 1)
print("flattened stream: %d records" % n)
PY
