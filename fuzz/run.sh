#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# fuzz/run.sh SRCDIR BUILDDIR HARNESS LIBFUZZER-OPTION...: run one libFuzzer
# harness over its corpus (BUILDDIR/fuzz/corpus/HARNESS, started from the
# seeds and from what earlier campaigns kept in fuzz/corpora/, see
# fuzz/keep.sh), with its dictionary if it has one, leaving crashing inputs in
# BUILDDIR/fuzz/artifacts/HARNESS/.  The options bound the run, e.g.
# -runs=2000 (make fuzz-smoke) or -max_total_time=300.
#
# FUZZ_SMALL=1 keeps a second corpus, BUILDDIR/fuzz/corpus/HARNESS-small,
# started from the seeds under 256 KiB only: the seeds cut from real dumps
# (up to 1.2 MiB, whole kallsyms tables) run at tens of inputs a second,
# the generated kernels at thousands.
set -eu
src=$1 build=$2 h=$3
shift 3
prog=$build/fuzz/fuzz-$(echo "$h" | tr _ -)
corpus=$build/fuzz/corpus/$h
art=$build/fuzz/artifacts/$h
small=
[ "${FUZZ_SMALL:-0}" = 1 ] && { corpus=$corpus-small; small="-size -256k"; }
mkdir -p "$corpus" "$art"
# What earlier campaigns kept (fuzz/keep.sh), then the seeds.
kept=$src/fuzz/corpora/$(basename "$corpus").tar.xz
[ -f "$kept" ] && tar -xJf "$kept" -C "$corpus" --skip-old-files
if [ -d "$build/fuzz/seeds/$h" ]; then
	# shellcheck disable=SC2086
	find "$build/fuzz/seeds/$h" -type f $small -exec cp -n {} "$corpus"/ \;
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
