#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Symbols from files the user gives (--system-map, --vmlinux): link-time
# addresses moved by the dump's KERNELOFFSET, the same analysis as with
# kallsyms, and a file of another kernel (its _stext lands elsewhere)
# refused with both addresses named.  The vmlinux is a small arm64 ELF
# assembled and linked here, from the generated kernel's System.map, with
# the cross toolchain (gcc-aarch64-linux-gnu's binutils).
. "${top_srcdir:?}/tests/integration/lib.sh"

KVIEW=$top_builddir/tests/tools/kview
KASLR=0x3abe8f000000

cat > "$WORK/k.spec" <<SPEC
osrelease = 6.12.0-symfiles
ram = 0x40000000 0x10000000
cpus = 2
kernel = yes
kernel.kaslr = $KASLR
kernel.layout = $WORK/k.layout
kernel.system_map = $WORK/System.map
kernel.panic_cpu = 0
kernel.online = 0
kernel.sdei_active = 1
cpu.0 = pid=1 pstate=0x400000c5
cpu.1 = pid=2 pstate=0x600003c5
stack.0 = __crash_kexec,panic,sysrq_handle_crash,el0t_64_sync_handler,el0t_64_sync
stack.1 = lkdtm_HARDLOCKUP,lkdtm_do_action,direct_entry,full_proxy_write,vfs_write,ksys_write,__arm64_sys_write,invoke_syscall,el0_svc,el0t_64_sync_handler,el0t_64_sync
SPEC
mkdump "$WORK/k.spec" "$WORK/k.vmcore"

run_sdei kallsyms --json --backtrace "$WORK/k.vmcore"
expect_status kallsyms 3 "with kallsyms from the dump"

# same_analysis NAME DESCRIPTION: verdicts and backtraces as with kallsyms
same_analysis() {
	if python3 - "$WORK/kallsyms.out" "$WORK/$1.out" > "$WORK/$1.cmp" 2>&1 <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
def view(r):
    return [(c["verdict"], c["pc_symbol"], [f["symbol"] for f in c["backtrace"]["frames"]])
            for c in r["cpus"]]
if view(a) != view(b):
    print(view(a)); print(view(b)); sys.exit(1)
PY
	then
		ok "$2"
	else
		not_ok "$2" "$(cat "$WORK/$1.cmp")"
	fi
}

# ---- System.map ----

check "System.map holds link-time addresses (KASLR offset not applied)" \
	grep -q '^ffff800080000000 T _text$' "$WORK/System.map"
run_sdei map --json --backtrace --system-map "$WORK/System.map" "$WORK/k.vmcore"
expect_status map 3 "--system-map"
json_check map 'r["symbols"]["source"] == "System.map"' "symbols come from the System.map"
same_analysis map "the System.map, moved by KERNELOFFSET, gives the same verdicts and backtraces"
"$KVIEW" --system-map "$WORK/System.map" "$WORK/k.vmcore" syms > "$WORK/map.syms"
stext=$(awk '$1 == "sym" && $4 == "_stext" {print $2}' "$WORK/k.layout")
check "every System.map address gains KERNELOFFSET" grep -q "^${stext#0x} T _stext\$" "$WORK/map.syms"

sed 's/^ffff800080010000 T _stext$/ffff800080011000 T _stext/' "$WORK/System.map" > "$WORK/other.map"
run_sdei other-map --system-map "$WORK/other.map" "$WORK/k.vmcore"
expect_status other-map 2 "a System.map of another kernel"
expect_stderr other-map "'$WORK/other.map' does not match this dump: its _stext is 0xffffbabf0f011000 after KASLR, the dump's is $stext" \
	"the refusal names both _stext addresses"

grep -v ' _stext$' "$WORK/System.map" > "$WORK/nostext.map"
run_sdei nostext --system-map "$WORK/nostext.map" "$WORK/k.vmcore"
expect_status nostext 2 "a System.map without _stext"
expect_stderr nostext "'$WORK/nostext.map' has no _stext" "the refusal says _stext is missing"

printf 'ffff800080000000 T _text\nnot a line\n' > "$WORK/bad.map"
run_sdei bad-map --system-map "$WORK/bad.map" "$WORK/k.vmcore"
expect_status bad-map 2 "a malformed System.map"
expect_stderr bad-map "'$WORK/bad.map' line 2 is not 'ADDRESS TYPE NAME'" "the error names the file and the line"

# ---- vmlinux ----

run_sdei notelf --vmlinux "$WORK/System.map" "$WORK/k.vmcore"
expect_status notelf 2 "a --vmlinux that is not ELF"
expect_stderr notelf "'$WORK/System.map' is not an ELF file" "the error says so"

host_elf=$(readlink -f /bin/sh)
run_sdei x86 --vmlinux "$host_elf" "$WORK/k.vmcore"
expect_status x86 2 "a --vmlinux for another architecture"
expect_stderr x86 "is not an arm64 vmlinux \\(ELF machine [0-9]+\\)" "the error names the ELF machine"

MKVMLINUX=$top_srcdir/tests/tools/mkvmlinux.sh
STRIP=aarch64-linux-gnu-strip
# mklinux ADJUST OUT: a vmlinux of this kernel (tests/tools/mkvmlinux.sh);
# ADJUST moves _stext alone, making another kernel.
mklinux() {
	sh "$MKVMLINUX" "$WORK/k.layout" "$WORK/$2" "$1"
}

: > "$WORK/empty.map"
run_sdei empty-map --system-map "$WORK/empty.map" "$WORK/k.vmcore"
expect_status empty-map 2 "an empty System.map"
expect_stderr empty-map "'$WORK/empty.map' holds no symbols" "the error says it is empty"

{ head -n 3 "$WORK/System.map"; printf 'ffff800080010000 T %05000d\n' 0; } > "$WORK/long.map"
run_sdei long-map --system-map "$WORK/long.map" "$WORK/k.vmcore"
expect_status long-map 2 "a System.map line of 5000 bytes"
expect_stderr long-map "'$WORK/long.map' line 4 is longer than 4096 bytes" "the error names the line and the bound"

run_sdei no-map --system-map "$WORK/absent.map" "$WORK/k.vmcore"
expect_status no-map 2 "a System.map that does not exist"
expect_stderr no-map "cannot open '$WORK/absent.map'" "the error names the file"

mklinux 0x0 vmlinux > "$WORK/mk.log" 2>&1
case $? in
0) ;;
77)
	skip "a vmlinux built with the cross toolchain" "gcc-aarch64-linux-gnu (binutils) is not installed"
	done_testing
	exit $? ;;
*)
	not_ok "a vmlinux assembled and linked at the link address" "$(head -c 2000 "$WORK/mk.log")"
	done_testing
	exit $? ;;
esac
ok "a vmlinux assembled and linked at the link address"
run_sdei vmlinux --json --backtrace --vmlinux "$WORK/vmlinux" "$WORK/k.vmcore"
expect_status vmlinux 3 "--vmlinux"
json_check vmlinux 'r["symbols"]["source"] == "vmlinux"' "symbols come from the vmlinux .symtab"
same_analysis vmlinux "the vmlinux, moved by KERNELOFFSET, gives the same verdicts and backtraces"
"$KVIEW" --vmlinux "$WORK/vmlinux" "$WORK/k.vmcore" syms > "$WORK/vmlinux.syms"
if python3 - "$WORK/k.layout" "$WORK/vmlinux.syms" > "$WORK/cmp" 2>&1 <<'PY'
import sys
want = {(int(l.split()[1], 16), l.split()[3]) for l in open(sys.argv[1]) if l.startswith('sym ')}
got = {(int(l.split()[0], 16), l.split()[2]) for l in open(sys.argv[2])}
types = {l.split()[2]: l.split()[1] for l in open(sys.argv[2])}
bad = sorted(want ^ got)[:10]
if bad or types.get('vfs_write') != 't' or types.get('_stext') != 'A' or types.get('nr_cpu_ids') != 'D':
    print(bad, types.get('vfs_write'), types.get('_stext'), types.get('nr_cpu_ids')); sys.exit(1)
print(len(got))
PY
then
	ok "every vmlinux symbol at its runtime address, with its type ($(cat "$WORK/cmp") symbols)"
else
	not_ok "vmlinux symbols" "$(cat "$WORK/cmp")"
fi

mklinux 0x1000 other > "$WORK/mk2.log" 2>&1
run_sdei other --vmlinux "$WORK/other" "$WORK/k.vmcore"
expect_status other 2 "a vmlinux of another kernel"
expect_stderr other "'$WORK/other' does not match this dump: its _stext is 0xffffbabf0f011000 after KASLR, the dump's is $stext" \
	"the refusal names both _stext addresses"

# A vmlinux cut short: its section headers (at the end) are gone.
head -c $(($(stat -c %s "$WORK/vmlinux") / 2)) "$WORK/vmlinux" > "$WORK/short-vmlinux"
run_sdei short-vmlinux --vmlinux "$WORK/short-vmlinux" "$WORK/k.vmcore"
expect_status short-vmlinux 2 "a truncated vmlinux"
expect_stderr short-vmlinux "'$WORK/short-vmlinux' is truncated: its [0-9]+ section headers at offset 0x[0-9a-f]+ lie past its end" \
	"the error names the file and says it is cut short"

$STRIP -o "$WORK/stripped" "$WORK/vmlinux"
run_sdei stripped --vmlinux "$WORK/stripped" "$WORK/k.vmcore"
expect_status stripped 2 "a stripped vmlinux"
expect_stderr stripped "'$WORK/stripped' has no .symtab \\(stripped\\?\\)" "the error says it is stripped"

done_testing
