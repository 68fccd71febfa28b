#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# What does indexing a flattened stream hold at KSD_MAX_FLAT_RECORDS?
# vmcore-sdei keeps one 24-byte entry per record (lib/dump/flat.c); this
# measures its peak RSS and time on two synthetic streams of RECORDS
# one- or two-byte records (default 16Mi - 1, the limit): one whose
# records never overlap (what makedumpfile writes) and one where every
# record overlaps the next (the sweep's worst case).  The payload is not a
# dump, so vmcore-sdei stops with exit 2 right after building the index.
# Peers in the same run: makedumpfile -R (MAKEDUMPFILE or PATH), which
# replays the stream into a file, and cat, which only reads it.
#
# Usage: bench/flat-index-memory.sh [BUILDDIR] [RUNS] [RECORDS]
# Needs about 600 MiB free in $TMPDIR (default /var/tmp).
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
. "$src/bench/lib.sh"
build=$(cd "${1:-$src}" && pwd)
runs=${2:-3}
records=${3:-16777215}
tool=$build/vmcore-sdei/vmcore-sdei
[ -x "$tool" ] || { echo "build first" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/var/tmp}/ksd-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
mdf=${MAKEDUMPFILE:-$(command -v makedumpfile || :)}

python3 - "$work" "$records" <<'PY'
import struct, sys
work, n = sys.argv[1], int(sys.argv[2])
for name, overlap in (("disjoint", False), ("overlapping", True)):
    with open("%s/%s.flat" % (work, name), "wb") as f:
        f.write((b"makedumpfile".ljust(16, b"\0") + struct.pack(">qq", 1, 1)).ljust(4096, b"\0"))
        buf = bytearray()
        for i in range(n):
            buf += struct.pack(">qq", i, 2) + b"ab" if overlap else struct.pack(">qq", 2 * i, 1) + b"a"
            if len(buf) > 1 << 20:
                f.write(buf)
                buf = bytearray()
        f.write(buf + struct.pack(">qq", -1, -1))
PY

printf '%-34s %10s %10s %10s\n' case mean_ms median_ms maxrss_kb
for kind in disjoint overlapping; do
	f=$work/$kind.flat
	row() {
		local name=$1
		shift
		printf '%-34s %10s %10s %10s\n' "$name" $(mean_ms "$@") "$(rss_kb "$@")"
	}
	row "vmcore-sdei $kind" "$tool" --json "$f"
	if [ -n "$mdf" ]; then
		row "makedumpfile -R $kind" sh -c "rm -f '$work/out'; '$mdf' -R '$work/out' < '$f'"
		rm -f "$work/out"
	fi
	row "cat $kind" cat "$f"
done
echo "records per stream: $records"
