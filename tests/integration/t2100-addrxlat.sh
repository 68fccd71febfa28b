#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Differential test of address translation against libkdumpfile's
# libaddrxlat, an independent implementation, on the same generated
# kernels as t2000: every probe address must translate to the same
# physical address (or fail in both).
#
# Two ways of asking libaddrxlat (tests/tools/xlat-addrxlat):
#   --pgt   its page-table walker, given swapper_pg_dir, the descriptor
#           format and the levels of the kernel: compares walkers;
#   --auto  libkdumpfile's own set-up from VMCOREINFO: compares the whole
#           model of the arm64 layout.
# Known, checked divergences of libaddrxlat 0.5.x (each is verified to be
# exactly that, so any other disagreement fails):
#   - under LPA2 it decodes OA[48:12], dropping OA[49] (the kernel's
#     PTE_ADDR_LOW is [49:PAGE_SHIFT], arch/arm64/include/asm/pgtable-hwdef.h);
#   - under LPA (64K, 52-bit PA) it decodes OA[46:16], dropping OA[47];
#   - its set-up picks the LPA format only when the VA size exceeds 48
#     bits (64K kernels with PA_BITS_52 and 48-bit VAs exist), and walks
#     the root of a 52-bit 64K kernel on 48-bit hardware as a 48-bit one
#     (the kernel offsets TTBR1 into a PGD laid out for 52 bits,
#     offset_ttbr1 in arch/arm64/include/asm/assembler.h).
. "${top_srcdir:?}/tests/integration/lib.sh"
. "$top_srcdir/tests/integration/kernel-layouts.sh"

XLAT=$top_builddir/tests/tools/xlat-addrxlat
KVIEW=$top_builddir/tests/tools/kview
[ -x "$XLAT" ] || skip_all "libkdumpfile-dev (libaddrxlat) is not installed: scripts/install-deps"

# compare NAME MODE: our walk against libaddrxlat's answers
compare() {
	local n=$1 mode=$2
	grep '^probe' "$WORK/$n.layout" | grep -v -e ' image-tagged ' -e ' outside$' |
		awk '{print $2}' > "$WORK/$n.addrs"
	"$KVIEW" "$WORK/$n.vmcore" walk $(cat "$WORK/$n.addrs") > "$WORK/$n.ours" 2>&1
	# libkdumpfile 0.5.x leaks on its error paths: not ours to report
	# from the sanitizer build.
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
		"$XLAT" "--$mode" "$WORK/$n.vmcore" $(cat "$WORK/$n.addrs") > "$WORK/$n.$mode" 2> "$WORK/$n.$mode.err"
	python3 - "$WORK/$n" "$mode" > "$WORK/$n.$mode.check" 2>&1 <<'PY'
import re, sys
base, mode = sys.argv[1], sys.argv[2]
lay = [l.split() for l in open(base + '.layout')]
param = {l[1]: l[2] for l in lay if l[0] == 'param'}
tables = {int(l[2], 16) for l in lay if l[0] == 'pgtable'}
mapped = [(int(l[2], 16), int(l[3], 16)) for l in lay if l[0] == 'map']
def res(path):
    return {l.split()[0]: l.split(None, 1)[1] for l in open(path).read().splitlines() if l.startswith('0x')}
ours, peer = res(base + '.ours'), res(base + '.' + mode)
dropped = {'lpa2': 49, 'lpa': 47}.get(param['desc'])
page = 1 << int(param['page_shift'])
def known(addr):
    # An address libaddrxlat used that is one of ours with the dropped bit cleared.
    if dropped is None or addr >> dropped & 1:
        return False
    a = addr | 1 << dropped
    return a & ~(page - 1) in tables or any(s <= a < s + z for s, z in mapped)
agree = explained = 0
bad = []
for va in sorted(ours):
    o, p = ours[va], peer.get(va, 'missing')
    if o.startswith('pa') and p == o or o.startswith('error') and p.startswith('error'):
        agree += 1
        continue
    m = re.search(r'(?:PHYSADDR|KPHYSADDR):0x([0-9a-f]+)', p)
    if m and known(int(m.group(1), 16)) or p.startswith('pa') and known(int(p.split()[1], 16)):
        explained += 1
        continue
    bad.append('%s: ours "%s", libaddrxlat "%s"' % (va, o, p))
print('%d %d' % (agree, explained))
print('\n'.join(bad))
sys.exit(1 if bad else 0)
PY
}

for n in $(layout_names); do
	mklayout "$n"
	for mode in pgt auto; do
		if [ $mode = auto ]; then
			case $n in
			64k48lpa)
				skip "$n: libkdumpfile's own set-up" "it picks the LPA format only for VA sizes above 48 bits"
				continue ;;
			64k52on48)
				skip "$n: libkdumpfile's own set-up" "it walks a 52-bit 64K kernel's PGD with the hardware's 48 bits"
				continue ;;
			esac
		fi
		if compare "$n" $mode; then
			set -- $(head -n 1 "$WORK/$n.$mode.check")
			d=$(awk '$2 == "desc" {print $3}' "$WORK/$n.layout")
			extra=""
			[ "$2" -gt 0 ] && extra=", and differs on $2 only by the OA bit it drops under ${d}"
			ok "$n: libaddrxlat ($mode) agrees on $1 probes$extra"
		else
			not_ok "$n: libaddrxlat ($mode) disagrees" "$(cat "$WORK/$n.$mode.err")" \
				"$(tail -n +2 "$WORK/$n.$mode.check" | head -c 2500)"
		fi
	done
done

done_testing
