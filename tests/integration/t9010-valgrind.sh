#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# valgrind memcheck over the CLIs: vmcore-sdei on the fixtures in every
# format and mode, the loader's dry runs on the fake machines, and every
# fifth case of the hostile-input catalogue.  Any invalid access, use of
# uninitialised memory or definite leak makes valgrind exit 99, which no
# case expects.  The sanitizer build checks the same under ASan/UBSan,
# which cannot run under valgrind.
. "${top_srcdir:?}/tests/integration/lib.sh"
. "$top_srcdir/tests/integration/kexec-lib.sh"
[ "${KSD_SANITIZERS:-no}" = yes ] && skip_all "the sanitizer build cannot run under valgrind"
command -v valgrind > /dev/null || skip_all "valgrind is not installed"
need_tree_tools
for t in gzip xz zstd; do
	command -v $t > /dev/null || skip_all "$t is not installed"
done
VALGRIND="valgrind -q --error-exitcode=99 --leak-check=full \
--show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \
--track-origins=yes"
. "$top_srcdir/tests/integration/hostile-lib.sh"

# memcheck NAME WANT ARGS...: run ARGS under valgrind, expecting WANT
memcheck() {
	local name=$1 want=$2
	shift 2
	timeout 600 $VALGRIND "$@" > "$WORK/$name.out" 2> "$WORK/$name.err"
	got=$?
	if [ "$got" = "$want" ]; then
		ok "$name: clean under memcheck (exit $want)"
	else
		not_ok "$name: exit $got under memcheck, expected $want" "$(head -c 3000 "$WORK/$name.err")"
	fi
}

# ---- vmcore-sdei on the fixtures ----
for s in "$SPECS"/*.vmspec; do
	n=$(basename "$s" .vmspec)
	mkdump "$s" "$WORK/$n.elf"
	want=$("$VMCORE_SDEI" -q "$WORK/$n.elf"; echo $?)
	memcheck "$n" "$want" "$VMCORE_SDEI" --verbose --backtrace "$WORK/$n.elf"
	memcheck "$n-json" "$want" "$VMCORE_SDEI" --json "$WORK/$n.elf"
done
# The log spec as hostile-lib.sh completes it (model = yes): the bare
# spec's ring is not reachable through the kernel's page tables, so
# vmcore-sdei would rightly find no log in it.
mkdump "$B/log.spec" "$WORK/log.elf"
memcheck log 0 "$VMCORE_SDEI" --log=level,caller "$WORK/log.elf"
if [ "$(grep -c '^<6>\[' "$WORK/log.out")" -gt 5 ]; then
	ok "log: the whole log is printed under memcheck"
else
	not_ok "log: the log printed under memcheck is missing" "$(head -c 500 "$WORK/log.out")"
fi
IN=$WORK/wedged
kernel > "$WORK/wedged.gen" 2>&1 || { echo "Bail out! mkvmcore failed"; exit 1; }
memcheck kernel 3 "$VMCORE_SDEI" --json --backtrace "$WORK/wedged"
for c in zlib lzo snappy zstd; do
	if ! have_codec $c; then
		skip "kdump-$c" "this build does not read $c"
		continue
	fi
	"$MKKDUMP" -c $c -d 1 "$WORK/wedged" "$WORK/wedged.$c" 2> /dev/null
	memcheck "kdump-$c" 3 "$VMCORE_SDEI" --backtrace "$WORK/wedged.$c"
done
memcheck flattened 0 "$VMCORE_SDEI" "$FLAT"
# valgrind follows no exec: the redirection is the shell's, so valgrind
# watches vmcore-sdei itself, not a sh that execs it.
memcheck flattened-stdin 0 "$VMCORE_SDEI" - < "$FLAT"
memcheck split 0 "$VMCORE_SDEI" --json "$SP3" "$SP1" "$SP2"

# ---- the loader's dry runs ----
for m in dt-sdei-pnmi acpi-sdei; do
	T=$WORK/trees/$m
	mktree $m "$T"
	add_kernel "$T" Image
	memcheck "kexec-$m" 0 "$KEXEC" --root "$T" -p --dry-run -s --reuse-cmdline /boot/Image
	memcheck "kexec-$m-json" 0 "$KEXEC" --root "$T" -p --dry-run --json -s /boot/Image
	want=$("$KEXEC" --root "$T" --sdei-status > /dev/null 2>&1; echo $?)
	memcheck "kexec-$m-status" "$want" "$KEXEC" --root "$T" --sdei-status
done
gzip -c "$B/Image" > "$B/tree/boot/Image.gz"
memcheck kexec-gzip 0 "$KEXEC" --root "$B/tree" -l --dry-run /boot/Image.gz

# ---- a sample of the catalogue ----
each_case 5

done_testing
