#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# fuzz/smoke.sh SRCDIR BUILDDIR RUNS HARNESS...: a short run of each
# libFuzzer harness (make fuzz-smoke, scripts/run-tests): its seeds, then
# RUNS mutated inputs, starting from a fresh corpus of the seeds under
# 256 KiB each time, with a fixed -seed, so the run is the same every time.  Prints "ok HARNESS" or "not ok HARNESS" per harness
# and the count; exits 1 if any found something.
set -u
src=$1 build=$2 runs=$3
shift 3
failed=0 n=0
for h in "$@"; do
	h=$(echo "$h" | tr - _)
	n=$((n + 1))
	work=$build/fuzz/smoke/$h
	rm -rf "$work"
	mkdir -p "$work/corpus" "$work/artifacts"
	# The seeds cut from real dumps (up to 1.2 MiB) run at 40-100 inputs
	# a second: the smoke run takes the small ones, every harness has some.
	[ -d "$build/fuzz/seeds/$h" ] &&
		find "$build/fuzz/seeds/$h" -type f -size -256k -exec cp {} "$work/corpus/" \;
	start=$(date +%s)
	if "$build/fuzz/fuzz-$(echo "$h" | tr _ -)" -runs="$runs" -seed=1 \
		-timeout=10 -rss_limit_mb=2048 -artifact_prefix="$work/artifacts/" \
		"$work/corpus" > "$work/log" 2>&1; then
		echo "ok $n - fuzz $h ($runs runs, $(($(date +%s) - start)) s)"
	else
		failed=$((failed + 1))
		echo "not ok $n - fuzz $h: $(ls "$work/artifacts")"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$work/log" | head -n 5 | sed 's/^/# /'
	fi
done
echo "fuzz-smoke: $n harnesses, $failed failed"
[ "$failed" -eq 0 ]
