#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Every input a fuzz harness once crashed, hung or ran out of memory on
# (fuzz/regressions/<harness>/), replayed through the same harness entry
# point by fuzz/replay, which any build has: one TAP line per input.  A
# crash, a sanitizer report (in sanitizer builds), an allocation past
# fuzz/replay's memory limit or a run over the time limit fails it.
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
replay=$top_builddir/fuzz/replay
dir=$top_srcdir/fuzz/regressions
n=0
set --
for h in $("$replay" --list); do
	[ -d "$dir/$h" ] || continue
	for f in "$dir/$h"/*; do
		[ -f "$f" ] && set -- "$@" "$h" "$f"
	done
done
echo "1..$(($# / 2))"
while [ $# -gt 0 ]; do
	h=$1 f=$2
	shift 2
	n=$((n + 1))
	out=$(timeout 60 "$replay" "$h" "$f" 2>&1)
	rc=$?
	if [ $rc -eq 0 ]; then
		echo "ok $n - $h $(basename "$f")"
	else
		echo "not ok $n - $h $(basename "$f")"
		# A trap or a crash says nothing on the replay's own stderr.
		if [ $rc -gt 128 ]; then
			echo "# killed by signal $((rc - 128))"
		else
			echo "# exit $rc"
		fi
		printf '%s\n' "$out" | tail -n 20 | sed 's/^/# /'
	fi
done
