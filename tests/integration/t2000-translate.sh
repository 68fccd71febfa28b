#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# arm64 address translation (lib/arch/translate.c) on generated kernels of
# every granule and VA size: the walk of swapper_pg_dir must land where the
# generator mapped each address (image, linear map with blocks, vmalloc'd
# stacks, per-CPU areas, a module), stop at the right level and entry
# where nothing is mapped, and the cheap methods (image, linear formula)
# must agree with the walk.  Then the errors: an invalid entry is a
# fault naming the Arm ARM lookup level and the entry; a table that is not
# in the dump is "not present"; reserved and misplaced descriptors are
# faults.
. "${top_srcdir:?}/tests/integration/lib.sh"
. "$top_srcdir/tests/integration/kernel-layouts.sh"

KVIEW=$top_builddir/tests/tools/kview

# check_layout NAME: compare kview with the layout's probes
check_layout() {
	local n=$1
	grep '^probe' "$WORK/$n.layout" | awk '{print $2}' > "$WORK/$n.addrs"
	"$KVIEW" "$WORK/$n.vmcore" params > "$WORK/$n.params" 2>&1
	"$KVIEW" "$WORK/$n.vmcore" walk $(cat "$WORK/$n.addrs") > "$WORK/$n.walk" 2>&1
	"$KVIEW" "$WORK/$n.vmcore" vtop $(cat "$WORK/$n.addrs") > "$WORK/$n.vtop" 2>&1
	if python3 - "$WORK/$n" > "$WORK/$n.check" 2>&1 <<'PY'
import sys
base = sys.argv[1]
lay = [l.split() for l in open(base + '.layout')]
param = {l[1]: l[2] for l in lay if l[0] == 'param'}
got = dict(l.split(None, 1) for l in open(base + '.params').read().splitlines())
bad = []
for k in ('page_shift', 'va_bits', 'vabits_actual', 'pa_bits', 'levels', 'walk_bits', 'desc'):
    if got.get(k) != param[k]:
        bad.append('param %s: reader %s, generator %s' % (k, got.get(k), param[k]))
levels = int(param['levels'])
def res(path):
    return {l.split()[0]: l.split(None, 1)[1] for l in open(path).read().splitlines()}
walk, vtop = res(base + '.walk'), res(base + '.vtop')
for p in (l for l in lay if l[0] == 'probe'):
    va, kind, what = p[1], p[2], p[3:]
    w, v = walk.get(va, 'missing'), vtop.get(va, 'missing')
    if what[0] == 'pa':
        want = 'pa ' + what[1]
        if w != want:
            bad.append('%s %s: walk gave "%s", mapped to %s' % (va, kind, w, what[1]))
        if v != want:
            bad.append('%s %s: vtop gave "%s", mapped to %s' % (va, kind, v, what[1]))
    elif what[0] == 'fault':
        depth, idx = int(what[1]), what[2]
        level = depth + 4 - levels
        want = 'error fault: translating %s: level %d entry %s is not valid' % (va, level, idx)
        if not w.startswith(want):
            bad.append('%s %s: walk gave "%s", want "%s"' % (va, kind, w, want))
        if kind == 'linear-hole':
            # The linear formula answers without looking at the tables.
            if not v.startswith('pa '):
                bad.append('%s linear hole: vtop gave "%s"' % (va, v))
        elif v != w:
            bad.append('%s %s: vtop "%s" differs from walk "%s"' % (va, kind, v, w))
    elif what[0] == 'outside':
        if 'is not a kernel (TTBR1) address' not in w:
            bad.append('%s %s: walk gave "%s"' % (va, kind, w))
print('\n'.join(bad))
sys.exit(1 if bad else 0)
PY
	then
		ok "$n: $(grep -c '^probe' "$WORK/$n.layout") probes translate as mapped, faults at the right level and entry"
	else
		not_ok "$n: translation differs from the generated tables" "$(head -c 3000 "$WORK/$n.check")"
	fi
}

for n in $(layout_names); do
	mklayout "$n"
	check_layout "$n"
	# The analysis reads kallsyms, per-CPU data and both stacks through it.
	run_sdei "$n" --json --backtrace "$WORK/$n.vmcore"
	json_check "$n" '[c["verdict"] for c in r["cpus"]] == ["panic", "stopped-sdei"] and r["symbols"]["source"] == "kallsyms"' \
		"$n: verdicts and kallsyms through the translation"
done

# ---- errors ----

base=4k48
task0=$(awk '$1 == "stack" && $2 == 0 && $3 == "task" {print $4}' "$WORK/$base.layout")
levels=$(awk '$2 == "levels" {print $3}' "$WORK/$base.layout")

# walk_err NAME ADDR REGEX DESCRIPTION: the walk of ADDR fails as REGEX says
walk_err() {
	"$KVIEW" "$WORK/$1.vmcore" walk "$2" > "$WORK/$1.out" 2>&1
	if grep -Eq -- "$3" "$WORK/$1.out"; then
		ok "$4"
	else
		not_ok "$4" "$(cat "$WORK/$1.out")"
	fi
}

cp "$WORK/$base.layout" "$WORK/clean.layout"
mklayout "$base" "kernel.pgt = stack.0 last zero"
walk_err "$base" "$task0" "error fault: translating $task0: level 3 entry [0-9]+ is not valid \\(0x0 at 0x" \
	"a cleared PTE is a fault naming level 3 and the entry"

mklayout "$base" "kernel.pgt = stack.0 2 table:0x7fff00000000"
walk_err "$base" "$task0" "error not-present: translating $task0: level 3 table at 0x7fff00000000: .*not in the dump" \
	"a table outside the dump is not-present, naming the level and the table"

mklayout "$base" "ram = 0x80000000 0x100000 0x0" "kernel.pgt = stack.0 2 table:0x80000000"
walk_err "$base" "$task0" "error not-present: translating $task0: level 3 table at 0x80000000: .*excluded" \
	"a table in memory excluded from the dump is not-present, not an empty table"

mklayout "$base" "kernel.pgt = stack.0 last 0x40000001"
walk_err "$base" "$task0" "error fault: translating $task0: reserved level 3 descriptor 0x40000001" \
	"a block-type descriptor at the last level is reserved: a fault"

hole=$(awk '$1 == "probe" && $4 == "fault" && $5 == 0 {print $2; exit}' "$WORK/clean.layout")
mklayout "$base" "kernel.pgt = $hole 0 block:0x0"
walk_err "$base" "$hole" "error fault: translating $hole: level 0 block descriptor 0x[0-9a-f]+ at 0x[0-9a-f]+: 4K pages have no level-0 blocks" \
	"a level-0 block with 4K pages (no LPA2) is a fault, not a 512 GiB mapping"

mklayout 16k48 "kernel.pgt = stack.0 1 block:0x0"
t16=$(awk '$1 == "stack" && $2 == 0 && $3 == "task" {print $4}' "$WORK/16k48.layout")
walk_err 16k48 "$t16" "error fault: translating $t16: level 1 block descriptor .*16K pages have no level-1 blocks" \
	"a level-1 block with 16K pages is a fault"

mklayout 64k48 "kernel.pgt = stack.0 0 block:0x0"
t64=$(awk '$1 == "stack" && $2 == 0 && $3 == "task" {print $4}' "$WORK/64k48.layout")
walk_err 64k48 "$t64" "error fault: translating $t64: level 1 block descriptor .*64K pages have no level-1 blocks without 52-bit PAs" \
	"a level-1 block with 64K pages and 48-bit PAs is a fault"

# Tagged pointers (KASAN, MTE): the tag is cleared before translating.
mklayout "$base"
img=$(awk '$1 == "param" {next} $1 == "probe" && $3 == "image" {print $2; exit}' "$WORK/$base.layout")
pa=$(awk -v a="$img" '$1 == "probe" && $2 == a {print $5; exit}' "$WORK/$base.layout")
tagged=$(printf '0xf3%s' "${img#0xff}")
"$KVIEW" "$WORK/$base.vmcore" vtop "$tagged" > "$WORK/tag.out"
check "a KASAN-tagged image address translates as the untagged one" grep -qx "$tagged pa $pa" "$WORK/tag.out"
stk=$(printf '0xf5%s' "${task0#0xff}")
spa=$(awk -v a="$task0" '$1 == "probe" && $2 == a {print $5; exit}' "$WORK/$base.layout")
"$KVIEW" "$WORK/$base.vmcore" walk "$stk" > "$WORK/tag.out"
check "a tagged vmalloc address walks as the untagged one" grep -qx "$stk pa $spa" "$WORK/tag.out"

done_testing
