#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Differential test of backtraces against drgn: on generated kernels of
# several granules and VA sizes (vmalloc'd and linear-map stacks, a chain
# from a module IRQ handler into the task stack, PAC-signed return
# addresses), drgn's arm64 frame-pointer unwinder, started from each saved
# register set, must find the same frames as vmcore-sdei --backtrace.
#
# drgn (Debian's python3-drgn) needs a vmlinux with DWARF, which
# tests/tools/mkvmlinux.sh builds with the cross toolchain (the kernel's
# symbols and struct pt_regs).  Skips, saying why, without either.
. "${top_srcdir:?}/tests/integration/lib.sh"
. "$top_srcdir/tests/integration/kernel-layouts.sh"

DRGN_PY=
for py in python3 /usr/bin/python3; do
	if "$py" -c 'import drgn' 2> /dev/null; then
		DRGN_PY=$py
		break
	fi
done
[ -n "$DRGN_PY" ] || skip_all "drgn (python3-drgn) is not installed"
command -v aarch64-linux-gnu-gcc > /dev/null || skip_all "gcc-aarch64-linux-gnu is not installed (drgn needs a DWARF vmlinux)"

# same_as_drgn NAME DESCRIPTION [LIMIT]: drgn finds our frames; with
# LIMIT (a known limitation of drgn, in words) it may stop early, but its
# frames must still be the first of ours.
same_as_drgn() {
	local n=$1 limit=${3:-}
	run_sdei "$n" --json --backtrace "$WORK/$n.vmcore"
	if ! sh "$top_srcdir/tests/tools/mkvmlinux.sh" "$WORK/$n.layout" "$WORK/$n.vmlinux" > "$WORK/$n.mk" 2>&1 ||
	   ! "$DRGN_PY" "$top_srcdir/tests/tools/drgn-stack-traces.py" "$WORK/$n.vmcore" "$WORK/$n.vmlinux" \
		> "$WORK/$n.drgn" 2>&1; then
		not_ok "$2: drgn did not run" "$(cat "$WORK/$n.mk" "$WORK/$n.drgn" | head -c 2000)"
		return
	fi
	if python3 - "$WORK/$n.out" "$WORK/$n.drgn" "$limit" > "$WORK/$n.cmp" 2>&1 <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
prefix_ok = bool(sys.argv[3])
ours = [[int(f["pc"], 16) for f in c["backtrace"]["frames"]] for c in r["cpus"] if c["backtrace"]]
theirs = [[int(x.split()[0], 16) for x in l.split(': ', 1)[1].split(', ')]
          for l in open(sys.argv[2]) if l.startswith('note ')]
print('ours  ', [[hex(a) for a in t] for t in ours])
print('drgn  ', [[hex(a) for a in t] for t in theirs])
if prefix_ok:
    same = len(ours) == len(theirs) and all(t and o[:len(t)] == t for o, t in zip(ours, theirs))
else:
    same = ours == theirs
sys.exit(0 if same and ours else 1)
PY
	then
		ok "$2${limit:+ (drgn stops early: $limit)}"
	else
		not_ok "$2" "$(head -c 3000 "$WORK/$n.cmp")"
	fi
}

for n in 4k39 4k48 16k48 64k42 64k48 64k52 64k52on48; do
	mklayout "$n"
	same_as_drgn "$n" "$n: drgn unwinds both CPUs to the same frames"
done

# Where drgn 0.0.22 cannot follow, it must still agree as far as it goes.
mklayout 4k52
same_as_drgn 4k52 "4k52: drgn's frames are ours" "drgn 0.0.22 (2023) predates 52-bit 4K kernels (LPA2, 5 levels, Linux 6.9)"
mklayout 16k52on47
same_as_drgn 16k52on47 "16k52on47: drgn's frames are ours" "drgn 0.0.22 predates 52-bit 16K kernels (Linux 6.9)"
mklayout 16k47
same_as_drgn 16k47 "16k47 (linear-map stacks): drgn's frames are ours" \
	"its fallback unwinder wants fp to rise even across stacks, and this IRQ stack lies above the task stack"

mklayout 4k48 "kernel.pac = yes"
same_as_drgn 4k48 "4k48 with PAC-signed return addresses: the same frames"

done_testing
