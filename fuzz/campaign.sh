#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# fuzz/campaign.sh SRCDIR BUILDDIR SECONDS HARNESS...: run each harness for
# SECONDS over its corpus (fuzz/run.sh, so the corpus grows from run to
# run) and print one row of docs/robustness.md's campaign tables for it:
#
#   | harness | s | executions | exec/s | cov at start | cov | ft |
#     reached final cov at | found |
#
# "cov at start" is libFuzzer's edge count once the corpus is loaded
# (INITED); "reached final cov at" is how far into the run, in
# executions, the final count was first reached.  A run that starts from
# a grown corpus and ends with the cov it started with found no new edge:
# that is what docs/robustness.md calls a plateau.  Logs are kept in
# BUILDDIR/fuzz/logs/HARNESS-N.log; "found" counts the files the run left
# in BUILDDIR/fuzz/artifacts/HARNESS/.  With FUZZ_SMALL=1 (fuzz/run.sh)
# the corpus is the small seeds' one and rows and logs say "HARNESS-small".
set -eu
[ $# -ge 4 ] || {
	echo "usage: $0 SRCDIR BUILDDIR SECONDS HARNESS..." >&2
	exit 2
}
src=$1 build=$2 secs=$3
shift 3
mkdir -p "$build/fuzz/logs"
for h in "$@"; do
	name=$h
	[ "${FUZZ_SMALL:-0}" = 1 ] && name=$h-small
	n=1
	while [ -e "$build/fuzz/logs/$name-$n.log" ]; do
		n=$((n + 1))
	done
	log=$build/fuzz/logs/$name-$n.log
	art=$build/fuzz/artifacts/$h
	mkdir -p "$art"
	before=$(find "$art" -type f | wc -l)
	st=0
	sh "$src/fuzz/run.sh" "$src" "$build" "$h" -max_total_time="$secs" \
		> "$log" 2>&1 || st=$?
	after=$(find "$art" -type f | wc -l)
	awk -v h="$name" -v secs="$secs" -v st="$st" \
	    -v a="$h" -v found=$((after - before)) '
	/INITED/ && start == "" {
		for (i = 1; i <= NF; i++) if ($i == "cov:") start = $(i + 1)
	}
	/^#[0-9]+/ && / cov: / {
		e = substr($1, 2) + 0
		for (i = 1; i <= NF; i++) {
			if ($i == "cov:") c = $(i + 1) + 0
			if ($i == "ft:") f = $(i + 1) + 0
		}
		if (c > cov) { cov = c; at = e }
		if (f > ft) ft = f
	}
	/^stat::number_of_executed_units:/ { execs = $2 }
	/^stat::average_exec_per_sec:/ { rate = $2 }
	END {
		if (start == "") start = "-"
		if (at == "" || start == cov) at = 0
		pct = execs ? int(100 * at / execs) "%" : "-"
		what = found ? found " input(s) in fuzz/artifacts/" a : "none"
		if (st && !found) what = "exit " st ", see the log"
		printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
		       h, secs, execs, rate, start, cov, ft, pct, what
	}' "$log"
done
