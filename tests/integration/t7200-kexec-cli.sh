#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# kexec's command line: help, version, usage errors and their exit
# statuses, options that do nothing with kexec_file_load, -c, -e,
# --print-ckr-size, --json.
. "${top_srcdir:?}/tests/integration/lib.sh"
. "$top_srcdir/tests/integration/kexec-lib.sh"
need_tree_tools

T=$WORK/trees/qemu-virt
mktree qemu-virt
add_kernel "$T" Image

run_kexec help --help
expect_status help 0 "--help"
for opt in --load-panic --unload --exec --status --kexec-file-syscall \
	--kexec-syscall-auto --command-line --append --reuse-cmdline --initrd \
	--ramdisk --dtb --serial --sdei-status --no-sdei-record --dry-run --json \
	--root --unpack; do
	expect_stdout help "$opt" "--help lists $opt"
done
check "every long option is in --help and kexec(8)" \
	python3 "$top_srcdir/tests/tools/options-documented.py" "$top_srcdir/kexec/options.c" \
	"$WORK/help.out" "$top_srcdir/man/kexec.8"
# help_entry OPTION: the --help entry (up to the next option) naming OPTION
help_entry() {
	awk -v opt="$1" '
		/^  -|^      -|^$|^[A-Z]/ { if (found) exit; entry = "" }
		{ entry = entry $0 "\n" }
		index($0, opt) { found = 1 }
		END { if (found) printf "%s", entry }' "$WORK/help.out"
}
help_entry --force-dtb > "$WORK/help.force-dtb"
if grep -q "kexec_file_load flag" "$WORK/help.force-dtb" &&
	! grep -q "matter to kexec_load" "$WORK/help.force-dtb"; then
	ok "--help: --force-dtb is a kexec_file_load flag, not a kexec_load option"
else
	not_ok "--help: --force-dtb is a kexec_file_load flag, not a kexec_load option" \
		"$(cat "$WORK/help.force-dtb")"
fi
help_entry --kexec-syscall > "$WORK/help.c"
check "--help: -c says what kexec_load does" grep -q -- "places the" "$WORK/help.c"
help_entry --status > "$WORK/help.S"
check "--help: -S overrides every mode" grep -q "overrides every mode" "$WORK/help.S"
run_kexec help2 -h
expect_status help2 0 "-h"
run_kexec version -v
expect_status version 0 "-v"
expect_stdout version "^kexec \\(kexec-sdei\\) [0-9]" "-v prints the version"

run_kexec badopt --bogus
expect_status badopt 1 "an unknown long option"
expect_stderr badopt "unrecognized option '--bogus'" "names it"
run_kexec badshort -Z
expect_status badshort 1 "an unknown short option"
run_kexec noarg -t
expect_status noarg 1 "-t without its argument"
expect_stderr noarg "requires an argument" "says so"
run_kexec noarg2 --root
expect_status noarg2 1 "--root without its argument"
run_kexec ctx --load-preserve-context -l /x
expect_status ctx 1 "--load-preserve-context"
expect_stderr ctx "^kexec: --load-preserve-context is not supported on arm64" "says why"
# The option is named, not its value, however the value is given.
run_kexec entry --entry 0x1000 -l /x
expect_status entry 1 "--entry VALUE"
expect_stderr entry "^kexec: --entry is not supported on arm64$" "names --entry, not its value"
run_kexec entry2 --entry=0x1000 -l /x
expect_stderr entry2 "^kexec: --entry is not supported on arm64$" "names --entry, not --entry=VALUE"
run_kexec jump --load-jump-back-helper
expect_stderr jump "^kexec: --load-jump-back-helper is not supported on arm64$" \
	"--load-jump-back-helper: named"
run_kexec json --json --root "$T" -S
expect_status json 1 "--json without --dry-run or --sdei-status"
run_kexec badroot --root "$WORK/nothing" --sdei-status
expect_status badroot 1 "--root naming nothing"
expect_stderr badroot "root directory .*No such file" "says so"

run_kexec nokernel --root "$T" -p --dry-run
expect_status nokernel 255 "-p without a kernel: kexec-tools returns -1 for it, not its usage status"
expect_stderr nokernel "No kernel specified" "the kexec-tools message"
run_kexec extra --root "$T" -p --dry-run -s /boot/Image /boot/other
expect_status extra 0 "an extra argument"
expect_stdout extra "ignoring 1 argument\\(s\\) after the kernel /boot/Image" "is named in a warning"

run_kexec c --root "$T" -c -p --dry-run /boot/Image
if grep -q "built without the aarch64 purgatory" "$WORK/c.err"; then
	skip "-c: kexec_load" "no aarch64 cross compiler, so no purgatory"
	skip "-c lists the segments" "no aarch64 cross compiler, so no purgatory"
else
	expect_status c 0 "-c: kexec_load"
	expect_stdout c "^  segments: +4, entry 0x" "-c lists the segments (no initrd: 4)"
fi
run_kexec cu --root "$T" -c -p -u --dry-run --json
expect_status cu 0 "-c -p -u: unloading needs no segments"
json_check cu "r['syscall'] == 'kexec_load' and r['flags']['value'] == '0xb70001'" \
	"through kexec_load with KEXEC_ON_CRASH|KEXEC_ARCH_ARM64"

run_kexec legacy --root "$T" -p --dry-run -s --dtb=/x.dtb --serial=ttyAMA0 -t Image \
	--mem-min=0 --mem-max=0x80000000 -i --reuseinitrd --hotplug --force-dtb \
	--command-line="nr_cpus=1" /boot/Image
expect_status legacy 0 "kexec_load-only options with -s"
for o in --dtb --serial --type --mem-min --mem-max --no-checks --reuseinitrd \
	--hotplug --force-dtb; do
	expect_stdout legacy "^  $o has no effect" "$o: warned about, not ignored silently"
done
run_kexec unused --root "$T" -p -u --dry-run --initrd=/x --command-line=y /boot/Image
expect_stdout unused "--initrd has no effect with -u" "-u warns about --initrd"
expect_stdout unused "the kernel file /boot/Image is not used with -u" "-u warns about a kernel"

run_kexec reuse --root "$T" -p --dry-run --json -s --reuse-cmdline --append="nr_cpus=1" /boot/Image
json_check reuse "r['command_line']['text'] == 'console=ttyAMA0 nr_cpus=1 kexec_sdei.record=v1,none-unknown,unavailable,pnmi-off'" \
	"--reuse-cmdline drops crashkernel= with -p, then --append"
run_kexec norec --root "$T" -p --dry-run --json -s --no-sdei-record --command-line="nr_cpus=1" /boot/Image
json_check norec "r['command_line']['text'] == 'nr_cpus=1' and r['sdei']['token_added'] is None" \
	"--no-sdei-record leaves the command line alone"
run_kexec last --root "$T" -p --dry-run --json -s --no-sdei-record --append=a --command-line=b /boot/Image
json_check last "r['command_line']['text'] == 'b'" "the last of --append/--command-line wins"
run_kexec nocl --root "$T" -p --dry-run --json -s /boot/Image
json_check nocl "r['command_line'] is None" "no command line: none is passed"
json_check nocl "any('no command line given' in w for w in r['warnings'])" \
	"and the token cannot be added: said"
run_kexec l --root "$T" -l --dry-run --json -s --command-line=x /boot/Image
json_check l "r['crash'] is False and r['sdei'] is None and r['command_line']['text'] == 'x' and r['then'] is None" \
	"-l: no record, no crash checks"
run_kexec f --root "$T" -f --dry-run --json -s /boot/Image
json_check f "r['then'] == 'exec'" "-f: load, then boot"
run_kexec default --root "$T" --dry-run --json -s /boot/Image
json_check default "r['then'] == 'shutdown'" "no mode: load, then shutdown -r now"

run_kexec ckr --root "$T" --print-ckr-size
expect_status ckr 0 "--print-ckr-size"
expect_stdout ckr "^201326592$" "prints the reservation in bytes (192 MiB)"
# Read by a user other than root, /proc/iomem shows every range as 0-0:
# kexec-tools prints 0 when the range starts where it ends.
cp "$T/proc/iomem" "$WORK/iomem.real"
sed -E 's/[0-9a-f]+-[0-9a-f]+ :/00000000-00000000 :/' "$WORK/iomem.real" > "$T/proc/iomem"
run_kexec ckr-hidden --root "$T" --print-ckr-size
expect_status ckr-hidden 0 "--print-ckr-size with hidden addresses"
expect_stdout ckr-hidden "^0$" "prints 0, as kexec-tools does, when the addresses are hidden"
cp "$WORK/iomem.real" "$T/proc/iomem"

run_kexec exec --root "$T" -e --dry-run
expect_status exec 1 "-e with nothing loaded"
expect_stderr exec "^Nothing has been loaded!" "the kexec-tools message"
echo 1 > "$T/sys/kernel/kexec_loaded"
run_kexec exec1 --root "$T" -e --dry-run
expect_status exec1 0 "-e --dry-run with a kernel loaded"
run_kexec exec2 --root "$T" -e
expect_status exec2 1 "-e on a fake tree is refused"

# SMP capture kernels and SDEI-parked CPUs
T2=$WORK/trees/dt-sdei-pnmi
mktree dt-sdei-pnmi
add_kernel "$T2" Image
run_kexec smp --root "$T2" -p --dry-run -s --command-line="console=ttyAMA0" /boot/Image
expect_stdout smp "an SMP capture kernel cannot bring them back online: add nr_cpus=1" \
	"armed SDEI and no nr_cpus=1: warned"
for cl in nr_cpus=1 maxcpus=1 maxcpus=0 nosmp; do
	run_kexec "smp-$cl" --root "$T2" -p --dry-run -s --command-line="console=ttyAMA0 $cl" /boot/Image
	if grep -q "nr_cpus=1" "$WORK/smp-$cl.out" && grep -q "SMP capture kernel" "$WORK/smp-$cl.out"; then
		not_ok "$cl: no warning"
	else
		ok "$cl: no warning"
	fi
done

done_testing
