#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# fuzz/keep.sh SRCDIR BUILDDIR HARNESS...: keep what a campaign grew.
# Each harness's corpus (BUILDDIR/fuzz/corpus/HARNESS, or HARNESS-small
# with FUZZ_SMALL=1) is minimized by libFuzzer's -merge=1 to the inputs
# that give its coverage, together with what SRCDIR/fuzz/corpora/NAME.tar.xz
# kept before (so a corpus that did not start from it loses nothing), and
# written there: fuzz/run.sh unpacks it into the corpus the next
# campaign starts from, and fuzz/corpora.sh replays it under make check.
#
# The corpora compress well (a 30 MB corpus of cut-down dumps is about
# 100 KB of xz), so keeping them in the repository is how a campaign
# continues from where the last one stopped rather than from the seeds.
# The archive is reproducible: sorted names, no owners, times or modes.
set -eu
[ $# -ge 3 ] || {
	echo "usage: $0 SRCDIR BUILDDIR HARNESS..." >&2
	exit 2
}
src=$1 build=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$src/fuzz/corpora"
for h in "$@"; do
	name=$h
	[ "${FUZZ_SMALL:-0}" = 1 ] && name=$h-small
	prog=$build/fuzz/fuzz-$(echo "$h" | tr _ -)
	corpus=$build/fuzz/corpus/$name
	[ -d "$corpus" ] || { echo "$0: no corpus $corpus" >&2; exit 1; }
	out=$src/fuzz/corpora/$name.tar.xz
	rm -rf "$tmp/min" "$tmp/old"
	mkdir "$tmp/min" "$tmp/old"
	[ -f "$out" ] && tar -xJf "$out" -C "$tmp/old"
	"$prog" -merge=1 -timeout=10 -rss_limit_mb=2048 "$tmp/min" "$tmp/old" \
		"$corpus" > "$tmp/merge.log" 2>&1 || {
		tail -n 20 "$tmp/merge.log" >&2
		echo "$0: $name: minimizing the corpus failed" >&2
		exit 1
	}
	(cd "$tmp/min" && find . -type f -printf '%P\n' | LC_ALL=C sort |
		tar --create --no-recursion --files-from=- --format=gnu \
			--owner=0 --group=0 --numeric-owner --mtime=@0 \
			--mode=0644) | xz -9e > "$out.tmp"
	mv "$out.tmp" "$out"
	echo "$name: $(find "$corpus" -type f | wc -l) inputs, kept $(find "$tmp/min" -type f | wc -l) in $out ($(wc -c < "$out") bytes)"
done
