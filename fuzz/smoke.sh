#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# fuzz/smoke.sh SRCDIR BUILDDIR RUNS HARNESS...: a short run of each
# libFuzzer harness (make fuzz-smoke, scripts/run-tests): its seeds, then
# RUNS mutated inputs, starting from a fresh corpus of the seeds under
# 256 KiB each time, with a fixed -seed, so the run is the same every
# time.  Prints "ok HARNESS" or "not ok HARNESS" per harness and the
# count, and checks fuzz/keep.sh on the cpus harness; exits 1 if any
# found something.
set -u
runs=$3
# Absolute, because the keep.sh check below links to a harness from
# another directory (make passes top_builddir as ".").
src=$(cd "$1" && pwd) && build=$(cd "$2" && pwd) || exit 1
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

# fuzz/keep.sh on the cpus harness: its smoke corpus, grown from the seeds
# alone, kept in a copy of fuzz/corpora beside the archive kept before.
# The new archive must cover all that both covered (keep.sh merges the old
# archive in), and unpack.
cov() {	# cov DIR...: the harness's edge count over the inputs in DIR...
	"$build/fuzz/fuzz-cpus" -runs=0 "$@" 2>&1 |
		sed -n 's/.*INITED cov: \([0-9]*\).*/\1/p' | tail -n 1
}
if [ -f "$src/fuzz/corpora/cpus.tar.xz" ] && [ -d "$build/fuzz/smoke/cpus/corpus" ]; then
	n=$((n + 1))
	k=$build/fuzz/smoke/keep
	rm -rf "$k"
	mkdir -p "$k/src/fuzz/corpora" "$k/build/fuzz/corpus" "$k/old" "$k/new"
	cp "$src/fuzz/corpora/cpus.tar.xz" "$k/src/fuzz/corpora/"
	ln -s "$build/fuzz/fuzz-cpus" "$k/build/fuzz/fuzz-cpus"
	cp -r "$build/fuzz/smoke/cpus/corpus" "$k/build/fuzz/corpus/cpus"
	tar -xJf "$k/src/fuzz/corpora/cpus.tar.xz" -C "$k/old"
	want=$(cov "$k/old" "$k/build/fuzz/corpus/cpus")
	if sh "$src/fuzz/keep.sh" "$k/src" "$k/build" cpus > "$k/log" 2>&1 &&
		tar -xJf "$k/src/fuzz/corpora/cpus.tar.xz" -C "$k/new" &&
		got=$(cov "$k/new") && [ -n "$want" ] && [ "${got:-0}" -ge "$want" ]; then
		echo "ok $n - fuzz/keep.sh keeps the old and the new corpus's $want edges ($got)"
	else
		failed=$((failed + 1))
		echo "not ok $n - fuzz/keep.sh: the kept corpus covers ${got:-?} edges of ${want:-?}"
		tail -n 5 "$k/log" | sed 's/^/# /'
	fi
fi
echo "fuzz-smoke: $n checks, $failed failed"
[ "$failed" -eq 0 ]
