#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# fuzz/run.sh SRCDIR BUILDDIR HARNESS LIBFUZZER-OPTION...: run one libFuzzer
# harness over its corpus (BUILDDIR/fuzz/corpus/HARNESS, started from the
# seeds), with its dictionary if it has one, leaving crashing inputs in
# BUILDDIR/fuzz/artifacts/HARNESS/.  The options bound the run, e.g.
# -runs=2000 (make fuzz-smoke) or -max_total_time=300.
set -eu
src=$1 build=$2 h=$3
shift 3
prog=$build/fuzz/fuzz-$(echo "$h" | tr _ -)
corpus=$build/fuzz/corpus/$h
art=$build/fuzz/artifacts/$h
mkdir -p "$corpus" "$art"
if [ -d "$build/fuzz/seeds/$h" ]; then
	cp -n "$build/fuzz/seeds/$h"/* "$corpus"/ 2>/dev/null || :
fi
dict=
case $h in
dump_*|notes|whole) dict=$src/fuzz/dict/dump.dict ;;
vmcoreinfo|printk|kallsyms|xlat) dict=$src/fuzz/dict/vmcoreinfo.dict ;;
record|cmdline) dict=$src/fuzz/dict/record.dict ;;
image) dict=$src/fuzz/dict/image.dict ;;
kmsg|sdei_detect) dict=$src/fuzz/dict/kmsg.dict ;;
esac
# Leaks are bugs too; a 2 GiB RSS or a 10 s input is a finding.
exec "$prog" ${dict:+-dict="$dict"} -artifact_prefix="$art/" \
	-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "$@" "$corpus"
