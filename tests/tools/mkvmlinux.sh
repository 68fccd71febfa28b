#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# mkvmlinux.sh LAYOUT OUT [STEXT_ADJUST]: a small arm64 vmlinux for the
# kernel mkvmcore generated (its kernel.layout file), built with the cross
# toolchain: every symbol at its link address (runtime address minus the
# KASLR offset) in one section, functions and objects with their types,
# sizes and bindings, linker-script symbols untyped, as in a real vmlinux;
# an .init.text (how drgn tells a vmlinux from a module); and, when the
# cross compiler is there, DWARF for struct pt_regs (6.12's layout), all
# drgn needs to unwind from saved registers.  STEXT_ADJUST moves _stext
# alone, to make "another kernel".
#
# Exit status: 0, 77 when the cross binutils are missing, 1 on failure.
set -eu
layout=$1 out=$2 adjust=${3:-0x0}
AS=aarch64-linux-gnu-as LD=aarch64-linux-gnu-ld CC=aarch64-linux-gnu-gcc
command -v $AS > /dev/null && command -v $LD > /dev/null || exit 77

# The link address of _text: KIMAGE_VADDR, its runtime address less KASLR.
text=$(python3 -c '
import sys
lay = [l.split() for l in open(sys.argv[1])]
kaslr = int([l[2] for l in lay if l[:2] == ["param", "kaslr"]][0], 16)
print(hex(int([l[1] for l in lay if l[0] == "sym" and l[3] == "_text"][0], 16) - kaslr))
' "$layout")

python3 - "$layout" "$adjust" > "$out.S" <<'PY'
import sys
adjust = int(sys.argv[2], 16)
syms = [l.split() for l in open(sys.argv[1]) if l.startswith('sym ')]
base = int([s for s in syms if s[3] == '_text'][0][1], 16)
def addr_of(s):
    return int(s[1], 16) + (adjust if s[3] == '_stext' else 0)
out = ['\t.section .text, "ax"']
for s in sorted(syms, key=addr_of):
    addr, typ, name, size = addr_of(s), s[2], s[3], int(s[5], 16)
    out.append('\t.org 0x%x' % (addr - base))
    if typ.isupper():
        out.append('\t.globl %s' % name)
    # Linker-script symbols (_text, _stext, __per_cpu_start...) have no type.
    if size and typ in 'tT':
        out.append('\t.type %s, %%function' % name)
    elif size and typ in 'dDbBrR':
        out.append('\t.type %s, %%object' % name)
    out.append('%s:' % name)
    if size and typ in 'tTdDbBrR':
        out.append('\t.size %s, %d' % (name, size))
out += ['\t.section .init.text, "ax"', '\t.byte 0']
print('\n'.join(out))
PY
objs=$out.o
$AS -o "$out.o" "$out.S"
if command -v $CC > /dev/null; then
	cat > "$out.types.c" <<'C'
struct user_pt_regs { unsigned long regs[31], sp, pc, pstate; };
struct pt_regs {
	union { struct user_pt_regs user_regs; struct { unsigned long regs[31], sp, pc, pstate; }; };
	unsigned long orig_x0; int syscallno; unsigned int unused2; unsigned long sdei_ttbr1;
	unsigned long pmr_save, stackframe[2], lockdep_hardirqs, exit_rcu;
};
C
	# The type's DWARF alone: no variable, so no symbol to add.
	$CC -g -fno-eliminate-unused-debug-types -c -o "$out.types.o" "$out.types.c"
	objs="$objs $out.types.o"
fi
# A script of our own: ld's default one would add __bss_start & co.
echo "SECTIONS { .text $text : { *(.text) } .init.text : { *(.init.text) } }" > "$out.lds"
# shellcheck disable=SC2086
$LD --no-warn-rwx-segments -o "$out" -e _text -T "$out.lds" $objs
