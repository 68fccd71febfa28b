#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# kallsyms decoded from the dump (lib/kernel/kallsyms.c) against the
# tables mkvmcore encodes as scripts/kallsyms.c does: for every address
# encoding (base-relative, place-relative 7.0+, absolute-percpu,
# absolute kallsyms_addresses) and both name-length forms (one byte, and
# the two-byte ULEB128 of 6.1+ for names over 127 tokens), the decoded
# table must be the generator's, symbol for symbol.  Then a kernel
# without CONFIG_KALLSYMS_ALL and one older than 6.0 (no kallsyms in
# VMCOREINFO), and symbol lookups at function boundaries.
. "${top_srcdir:?}/tests/integration/lib.sh"

KVIEW=$top_builddir/tests/tools/kview

# kspec NAME [LINE...]: a 4K/48-bit kernel with 2 CPUs and many symbols
kspec() {
	local name=$1
	shift
	{
		echo "osrelease = 6.12.0-kallsyms"
		echo "ram = 0x40000000 0x10000000"
		echo "cpus = 2"
		echo "kernel = yes"
		echo "kernel.layout = $WORK/$name.layout"
		echo "kernel.system_map = $WORK/$name.map"
		echo "kernel.kallsyms_extra = 3000"
		echo "kernel.panic_cpu = 0"
		echo "cpu.0 = pid=1 pstate=0x400000c5"
		echo "cpu.1 = pid=2 pstate=0x60000005"
		echo "stack.0 = __crash_kexec,panic,sysrq_handle_crash,el0t_64_sync_handler,el0t_64_sync"
		echo "stack.1 = default_idle_call,do_idle,cpu_startup_entry,secondary_start_kernel,__secondary_switched"
		for l in "$@"; do
			echo "$l"
		done
	} > "$WORK/$name.spec"
	"$MKVMCORE" "$WORK/$name.spec" "$WORK/$name.vmcore" || {
		echo "Bail out! mkvmcore failed on $name"
		exit 1
	}
}

# same_symbols NAME DESCRIPTION: kview's symbol table = the generator's kallsyms
same_symbols() {
	"$KVIEW" "$WORK/$1.vmcore" syms > "$WORK/$1.syms" 2> "$WORK/$1.syms.err"
	if python3 - "$WORK/$1" > "$WORK/$1.diff" 2>&1 <<'PY'
import sys
b = sys.argv[1]
want = sorted((int(l.split()[1], 16), l.split()[2], l.split()[3])
              for l in open(b + '.layout') if l.startswith('sym ') and l.split()[4] == 'k')
got = sorted((int(l.split()[0], 16), l.split()[1], l.split()[2]) for l in open(b + '.syms'))
if want != got:
    w, g = set(want), set(got)
    print('%d wanted, %d decoded' % (len(want), len(got)))
    for x in sorted(w - g)[:10]: print('missing %x %s %s' % x)
    for x in sorted(g - w)[:10]: print('extra   %x %s %s' % x)
    sys.exit(1)
print(len(got))
PY
	then
		ok "$2 ($(cat "$WORK/$1.diff") symbols, exactly the generator's)"
	else
		not_ok "$2" "$(cat "$WORK/$1.syms.err" "$WORK/$1.diff" | head -c 2000)"
	fi
}

for enc in base-relative place-relative absolute-percpu absolute; do
	kspec "$enc" "kernel.kallsyms = $enc"
	same_symbols "$enc" "$enc offsets decode to every symbol"
done

kspec vmcoreinfo-check "kernel.kallsyms = place-relative"
check "place-relative kernels print no SYMBOL(kallsyms_relative_base)" \
	sh -c "! grep -aq 'SYMBOL(kallsyms_relative_base)' '$WORK/vmcoreinfo-check.vmcore'"

kspec long "kernel.long_symbol = 300"
check "the generator used two-byte name lengths" \
	grep -Eq '^param kallsyms_big_names [1-9]' "$WORK/long.layout"
same_symbols long "a 300-character name (two-byte length) and its neighbours decode"
long=$(awk '$1 == "sym" && length($4) >= 300 {print $4}' "$WORK/long.layout")
check "the long name is whole" grep -q " $long\$" "$WORK/long.syms"

kspec be "endian = big"
same_symbols be "a big-endian kernel's kallsyms decode"

kspec pages "page_size = 65536" "va_bits = 42"
same_symbols pages "a 64K-page kernel's kallsyms decode"

# CONFIG_KALLSYMS_ALL off: text symbols only, so no per-CPU data.
kspec textonly "kernel.kallsyms_all = no"
same_symbols textonly "without CONFIG_KALLSYMS_ALL only text symbols are listed, and decode"
run_sdei textonly --json "$WORK/textonly.vmcore"
json_check textonly 'any("CONFIG_KALLSYMS_ALL is off" in w and "--system-map or --vmlinux" in w for w in r["warnings"])' \
	"without data symbols the report says to give --system-map or --vmlinux"
json_check textonly 'r["numbering"]["method"] == "note-order"' \
	"without data symbols CPU numbering falls back to note order"
run_sdei textonly-map --json --system-map "$WORK/textonly.map" "$WORK/textonly.vmcore"
json_check textonly-map 'r["symbols"]["source"] == "System.map" and r["numbering"] == {"method": "memory", "certain": True}' \
	"with its System.map the same dump is numbered from memory"

# Before 6.0 VMCOREINFO has no kallsyms symbols.
kspec old "kernel.kallsyms = none"
run_sdei old --json "$WORK/old.vmcore"
json_check old 'r["symbols"] is None and any("needs Linux 6.0 or later" in w for w in r["warnings"])' \
	"without kallsyms in VMCOREINFO the report says it needs 6.0 or later"
run_sdei old-map --json --system-map "$WORK/old.map" "$WORK/old.vmcore"
json_check old-map '[c["verdict"] for c in r["cpus"]] == ["panic", "stopped"] and r["panic_evidence"]["source"] == "memory"' \
	"a System.map gives an old kernel its memory evidence"

# Lookups at function boundaries (addresses computed in python: the
# shell's arithmetic is signed 64-bit).
set -- $(python3 - "$WORK/base-relative.layout" <<'PY'
import sys
syms = [l.split() for l in open(sys.argv[1]) if l.startswith('sym ')]
text = [s for s in syms if s[2] in 'tT' and int(s[5], 16)]
i = [s[3] for s in text].index('vfs_write')
a, size = int(text[i][1], 16), int(text[i][5], 16)
base = int([s for s in syms if s[3] == '_text'][0][1], 16)
print(hex(a), hex(size), hex(a + size - 1), hex(size - 1), hex(a + size), text[i + 1][3],
      hex(a - 1), text[i - 1][3], hex(base - 16))
PY
)
"$KVIEW" "$WORK/base-relative.vmcore" lookup "$1" "$3" "$5" "$7" "$9" > "$WORK/lookup"
check "a function's first byte is name+0x0/size" grep -qx "$1 vfs_write+0x0/$2" "$WORK/lookup"
check "its last byte is still inside it" grep -qx "$3 vfs_write+$4/$2" "$WORK/lookup"
check "the byte after it is the next function" grep -q "^$5 $6+0x0/" "$WORK/lookup"
check "the byte before it is the previous function's" grep -q "^$7 $8+" "$WORK/lookup"
check "an address below the kernel has no symbol" grep -qx "$9 $9" "$WORK/lookup"

done_testing
