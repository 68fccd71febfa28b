#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Addresses in loadable modules (lib/kernel/modules.c, btf.c): the
# generator writes the kernel's `modules` list, each struct module with
# its mod_kallsyms (Elf64_Sym symtab, strtab) and, unless asked not to,
# the vmlinux BTF describing those layouts.  The wedged CPU's pc and lr,
# in a module, must come out as the kernel's %pS prints them, with BTF
# and without (probed layouts), for the 6.4+ mem[] and the older
# core_layout struct; and a damaged list, symbol table or BTF must give
# a bounded walk and a reason, never a crash.
. "${top_srcdir:?}/tests/integration/lib.sh"

STACK=mod:ksd_wedge_daif,mod:ksd_wedge_write,proc_reg_write,vfs_write,ksys_write,el0t_64_sync_handler,el0t_64_sync
M="kernel.module = ksd_wedge"

# expected NAME: what the layout file says pc and lr must print as
expected() {
	python3 - "$WORK/$1.layout" <<'PY'
import sys
regs, syms, text = {}, [], {}
for l in open(sys.argv[1]):
    f = l.split()
    if f[0] == 'regs' and f[1] == '1':
        regs = {'pc': int(f[3], 16), 'lr': int(f[5], 16)}
    elif f[0] == 'modsym':
        syms.append((int(f[2], 16), f[3], f[1]))
    elif f[0] == 'module':
        text[f[1]] = int(f[5], 16)
syms.sort()
def pS(a, bias):
    a -= bias
    for i, (s, n, m) in enumerate(syms):
        nxt = syms[i + 1][0] if i + 1 < len(syms) and syms[i + 1][2] == m else text[m]
        if s <= a < nxt:
            return '%s+0x%x/0x%x [%s]' % (n, a - s + bias, nxt - s, m)
print(pS(regs['pc'], 0))
print(pS(regs['lr'], 1))
PY
}

# check_names NAME LAYOUTS DESCRIPTION
check_names() {
	local pc lr
	pc=$(expected "$1" | sed -n 1p)
	lr=$(expected "$1" | sed -n 2p)
	json_check "$1" "r['cpus'][1]['pc_symbol'] == '$pc' and r['cpus'][1]['lr_symbol'] == '$lr' and r['modules']['layouts'] == '$2'" \
		"$3: pc $pc, lr $lr"
}

for layout in 6.12 6.1; do
	for how in btf probe; do
		n=$how-${layout%%.*}${layout#*.}
		mkwedged "$n" "$STACK" "$M" "kernel.modules = $how" "kernel.module_layout = $layout" \
			"kernel.modules_extra = 2"
		run_sdei "$n" --json "$WORK/$n.vmcore"
		case $how in btf) l=btf ;; *) l=probed ;; esac
		if [ "$n" = probe-61 ]; then
			# Probed, the first {base, size} is core_layout's whole
			# core, not text_size: the last function's size runs to
			# the next symbol (docs/architecture.md, "Modules").
			json_check "$n" "r['cpus'][1]['pc_symbol'] == '$(expected "$n" | sed -n 1p)' and r['cpus'][1]['lr_symbol'].startswith('ksd_wedge_write+0x2c/')" \
				"6.1 layout, probe: pc exact, lr in the right function"
		else
			check_names "$n" "$l" "$layout layout, $how"
		fi
		json_check "$n" 'r["modules"]["loaded"] == 3 and r["modules"]["problem"] is None' \
			"$layout layout, $how: the three modules on the list are read"
	done
done
json_check probe-612 '"__start_BTF" in r["modules"]["btf_problem"]' "without BTF the report says why layouts were probed"
json_check btf-612 'r["cpus"][1]["backtrace"]["frames"][1]["symbol"].endswith("[ksd_wedge]") and r["cpus"][1]["backtrace"]["frames"][2]["symbol"].startswith("proc_reg_write+")' \
	"the backtrace names module frames, then kernel ones"
run_sdei text-612 "$WORK/btf-612.vmcore"
expect_stdout text-612 '^  modules:  3 loaded, struct layouts from BTF$' "text: the modules line"
expect_stdout text-612 '^  pc:      ksd_wedge_daif\+0x[0-9a-f]+/0x[0-9a-f]+ \[ksd_wedge\]$' "text: the pc names module and symbol"

# No module list: modules off, or no data symbols in kallsyms.
mkwedged none "$STACK" "$M" "kernel.modules = none"
run_sdei none --json "$WORK/none.vmcore"
json_check none 'r["cpus"][1]["pc_symbol"].endswith(" (in module space)") and r["modules"]["loaded"] is None and "modules" in r["modules"]["problem"]' \
	"no modules symbol: in module space, and why"
mkwedged noall "$STACK" "$M" "kernel.kallsyms_all = no"
run_sdei noall --json "$WORK/noall.vmcore"
json_check noall 'r["cpus"][1]["pc_symbol"].endswith(" (in module space)")' \
	"kallsyms without data symbols (no CONFIG_KALLSYMS_ALL): in module space"

# ---- hostile ----

# A list that loops between two modules without coming back to the head.
# Each entry is entered once; a next->prev that does not lead back ends
# the walk too (the badhead case below, and hostile unit tests).
# (module addresses are known after layout: take them from the layout file)
mkwedged loop "$STACK" "$M" "kernel.modules_extra = 2"
mod1=$(awk '$1 == "module" && $2 == "extra1" { print $3 }' "$WORK/loop.layout")
mod2=$(awk '$1 == "module" && $2 == "extra2" { print $3 }' "$WORK/loop.layout")
mkwedged loop "$STACK" "$M" "kernel.modules_extra = 2" \
	"kernel.poke = module.2+8 u64:$(printf '0x%x' $((mod1 + 8)))"
run_sdei loop --json "$WORK/loop.vmcore"
expect_status loop 3 "a looping module list: analysed"
json_check loop '"loops back" in r["modules"]["problem"] and r["modules"]["loaded"] == 3' \
	"the loop is reported ($(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["modules"]["problem"])' "$WORK/loop.out" 2>/dev/null))"
json_check loop 'r["cpus"][1]["pc_symbol"].endswith(" [ksd_wedge]")' "modules before the damage still resolve"
# A head pointing at nothing readable.
mkwedged badhead "$STACK" "$M" "kernel.poke = modules u64:0xffff000012345678"
run_sdei badhead --json "$WORK/badhead.vmcore"
expect_status badhead 3 "an unreadable first entry: analysed"
json_check badhead 'r["cpus"][1]["pc_symbol"].endswith(" (in module space)") and "struct module at 0xffff000012345670" in r["modules"]["problem"]' \
	"an unreadable entry is named"

# An absurd num_symtab, with and without BTF.
for how in btf probe; do
	mkwedged "absurd-$how" "$STACK" "$M" "kernel.modules = $how" "kernel.poke = module+0x2b8 u32:0xffffffff"
	run_sdei "absurd-$how" --json --verbose "$WORK/absurd-$how.vmcore"
	expect_status "absurd-$how" 3 "num_symtab 0xffffffff ($how): analysed"
done
json_check absurd-btf 'r["cpus"][1]["pc_symbol"].startswith("0x") and r["cpus"][1]["pc_symbol"].endswith(" [ksd_wedge]")' \
	"num_symtab 0xffffffff: the module is named, its symbols are not read"
json_check absurd-probe 'r["cpus"][1]["pc_symbol"].endswith(" (in module space)")' \
	"num_symtab 0xffffffff without BTF: the probe refuses the table"
# Names running off the end of the strtab into unmapped memory.
mkwedged strtab "$STACK" "$M" "kernel.poke = module+0x2c0 u64:0xffff800000000000"
run_sdei strtab --json "$WORK/strtab.vmcore"
json_check strtab 'r["cpus"][1]["pc_symbol"].endswith(" [ksd_wedge]") and r["cpus"][1]["pc_symbol"].startswith("0x")' \
	"an unreadable strtab: the module still named"

# Damaged BTF: the header's sections out of bounds, a bad magic.
mkwedged btfoff "$STACK" "$M" "kernel.poke = __start_BTF+8 u32:0x7fffffff"
run_sdei btfoff --json "$WORK/btfoff.vmcore"
json_check btfoff 'r["modules"]["layouts"] == "probed" and "leave the" in r["modules"]["btf_problem"] and r["cpus"][1]["pc_symbol"].startswith("ksd_wedge_daif+")' \
	"BTF sections out of bounds: reported, and layouts probed instead"
mkwedged btfmagic "$STACK" "$M" "kernel.poke = __start_BTF u16:0x1234"
run_sdei btfmagic --json "$WORK/btfmagic.vmcore"
json_check btfmagic '"bad magic" in r["modules"]["btf_problem"]' "BTF with a bad magic: reported"

done_testing
