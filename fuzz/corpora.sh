#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The corpora the fuzz campaigns kept (fuzz/corpora/NAME.tar.xz, written
# by fuzz/keep.sh), replayed through the same harness entry points by
# fuzz/replay, which any build has: one TAP line per corpus.  Each holds
# the inputs that reached a campaign's coverage, so a change that makes
# any of them crash, leak (sanitizer builds), hang or allocate past
# fuzz/replay's memory limit fails here and not only in the next
# campaign.  A failing corpus is replayed input by input to name the
# input.
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
replay=$top_builddir/fuzz/replay
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
set --
for f in "$top_srcdir"/fuzz/corpora/*.tar.xz; do
	[ -f "$f" ] && set -- "$@" "$f"
done
[ $# -gt 0 ] || { echo "1..0 # SKIP no kept corpora in fuzz/corpora"; exit 0; }
echo "1..$#"
n=0
for f in "$@"; do
	n=$((n + 1))
	name=$(basename "$f" .tar.xz)
	h=${name%-small}
	dir=$tmp/$name
	mkdir "$dir"
	if ! tar -xJf "$f" -C "$dir" 2> "$tmp/tar.err"; then
		echo "not ok $n - $name: cannot unpack $f"
		sed 's/^/# /' "$tmp/tar.err"
		continue
	fi
	count=$(find "$dir" -type f | wc -l)
	out=$(timeout 900 "$replay" "$h" "$dir" 2>&1)
	rc=$?
	if [ $rc -eq 0 ] && [ "$count" -gt 0 ]; then
		echo "ok $n - $name: $count inputs"
		rm -rf "$dir"
		continue
	fi
	echo "not ok $n - $name: $count inputs, replay exit $rc"
	[ "$count" -gt 0 ] || { echo "# the archive is empty"; continue; }
	for i in "$dir"/*; do
		one=$(timeout 60 "$replay" "$h" "$i" 2>&1)
		rc=$?
		[ $rc -eq 0 ] && continue
		echo "# first failing input: $(basename "$i") (exit $rc)"
		out=$one
		break
	done
	printf '%s\n' "$out" | tail -n 20 | sed 's/^/# /'
	rm -rf "$dir"
done
