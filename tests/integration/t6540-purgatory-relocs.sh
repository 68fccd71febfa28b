#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The loader's purgatory linker against GNU ld, one relocation of each
# type (tests/purgatory/relocs.S, assembled here): linked at the same
# address, the images must be byte for byte the same.  Then objects
# broken one way each (patched copies of that object) must be refused
# with a message naming the type, section or symbol, never a crash.
. "${top_srcdir:?}/tests/integration/lib.sh"
. "$top_srcdir/tests/integration/purgatory.sh"
need_purgatory
command -v python3 > /dev/null || skip_all "python3 not found"

OBJ=$WORK/relocs.o
ADDR=0x48210000
"$PURGATORY_CC" -c -o "$OBJ" "$top_srcdir/tests/purgatory/relocs.S" 2> "$WORK/as.err" ||
	{ echo "Bail out! cannot assemble relocs.S: $(cat "$WORK/as.err")"; exit 1; }

# GNU ld with the same layout: the allocated sections in header order,
# each at its own alignment, from ADDR.
cat > "$WORK/relocs.lds" << LDS
SECTIONS
{
	. = $ADDR;
	.all : { *(.text) *(.data) *(.bss) *(.text.b) *(.data.t) *(.ksd_params) *(.bss.z) }
	/DISCARD/ : { *(.note.*) }
}
LDS
"$PURGATORY_CC" -nostdlib -static -no-pie -Wl,--build-id=none -Wl,-N \
	-Wl,--no-warn-rwx-segments -Wl,-T,"$WORK/relocs.lds" -o "$WORK/relocs.elf" "$OBJ" ||
	{ echo "Bail out! GNU ld cannot link relocs.o"; exit 1; }
"$PURG_TOOL" flat "$WORK/relocs.elf" "$WORK/ld.bin" > "$WORK/ld.out" ||
	{ echo "Bail out! purg-tool flat"; exit 1; }

if "$PURG_TOOL" link "$OBJ" $ADDR "$WORK/ours.bin" > "$WORK/ours.out" 2> "$WORK/ours.err"; then
	ok "linked: $(cat "$WORK/ours.out")"
else
	not_ok "linked" "$(cat "$WORK/ours.err")"
fi
types=$("$PURG_TOOL" check "$OBJ" 2> /dev/null | sed -n 's/^relocations: //p')
echo "# $types"
n=$(echo "$types" | wc -w)
if [ "$n" -ge 25 ]; then
	ok "the object has $n relocation types"
else
	not_ok "the object has 25 relocation types, not $n" "$types"
fi
# Our image stops where the last section does; ld's is the same length.
# purg-tool link without options leaves the parameter block as the
# assembler wrote it, as ld does.
size=$(wc -c < "$WORK/ours.bin")
head -c "$size" "$WORK/ld.bin" > "$WORK/ld-cut.bin"
if [ "$(wc -c < "$WORK/ld.bin")" -eq "$size" ] && cmp "$WORK/ld-cut.bin" "$WORK/ours.bin" > "$WORK/cmp.out" 2>&1; then
	ok "byte for byte what GNU ld makes at $ADDR ($size bytes)"
else
	not_ok "byte for byte what GNU ld makes" "$(cat "$WORK/cmp.out")" \
		"ld $(wc -c < "$WORK/ld.bin") bytes, ours $size" \
		"$(cmp -l "$WORK/ld-cut.bin" "$WORK/ours.bin" | head -8)"
fi

# refused NAME REGEX OBJECT [ADDR]
refused() {
	if "$PURG_TOOL" link "$3" "${4:-$ADDR}" "$WORK/x.bin" > /dev/null 2> "$WORK/$1.err"; then
		not_ok "$1: refused"
	elif grep -Eq -- "$2" "$WORK/$1.err"; then
		ok "$1: refused ($(sed 's/^purg-tool: [^:]*: //' "$WORK/$1.err"))"
	else
		not_ok "$1: refused for the right reason" "$(cat "$WORK/$1.err")"
	fi
}

# Out of range at an address above 4 GiB: ABS32 and MOVW_UABS_G1.
refused above-4g "R_AARCH64_(ABS32|MOVW_UABS_G1) at .*out of range" "$OBJ" 0x100000000
refused misaligned "load address 0x48210008 is not 32-byte aligned" "$OBJ" 0x48210008

# patch NAME FIELD VALUE: a copy of the object with one field of the
# first relocation of .rela.text (or a section header field) changed.
patch() {
	python3 - "$OBJ" "$WORK/$1.o" "$2" "$3" << 'PY'
import struct, sys
src, dst, field, value = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4], 0)
b = bytearray(open(src, 'rb').read())
shoff, = struct.unpack_from('<Q', b, 0x28)
shentsize, shnum, shstrndx = struct.unpack_from('<HHH', b, 0x3a)
def sh(i):
    return shoff + i * shentsize
stroff, = struct.unpack_from('<Q', b, sh(shstrndx) + 0x18)
def name(i):
    n, = struct.unpack_from('<I', b, sh(i))
    return b[stroff + n:b.index(0, stroff + n)].decode()
idx = {name(i): i for i in range(1, shnum)}
rela = idx['.rela.text']
off, = struct.unpack_from('<Q', b, sh(rela) + 0x18)
if field == 'type':
    info, = struct.unpack_from('<Q', b, off + 8)
    struct.pack_into('<Q', b, off + 8, (info & ~0xffffffff) | value)
elif field == 'sym':
    info, = struct.unpack_from('<Q', b, off + 8)
    struct.pack_into('<Q', b, off + 8, (value << 32) | (info & 0xffffffff))
elif field == 'addend':
    struct.pack_into('<q', b, off + 16, value)
elif field == 'offset':
    struct.pack_into('<Q', b, off, value)
elif field == 'info':
    struct.pack_into('<I', b, sh(rela) + 0x2c, value)
elif field == 'symshndx':
    # every symbol that names .text.b now names section VALUE
    symtab = idx['.symtab']
    so, = struct.unpack_from('<Q', b, sh(symtab) + 0x18)
    ss, = struct.unpack_from('<Q', b, sh(symtab) + 0x20)
    for k in range(so, so + ss, 24):
        if struct.unpack_from('<H', b, k + 6)[0] == idx['.text.b']:
            struct.pack_into('<H', b, k + 6, value)
elif field == 'rel':
    struct.pack_into('<I', b, sh(rela) + 4, 9)   # SHT_REL
elif field == 'textalign':
    struct.pack_into('<Q', b, sh(idx['.text']) + 0x30, value)
elif field == 'textsize':
    struct.pack_into('<Q', b, sh(idx['.text']) + 0x20, value)
elif field == 'truncate':
    b = b[:value]
open(dst, 'wb').write(b)
PY
}

patch type-1000 type 1000
refused unknown-type "relocation 0 of .rela.text \\(type 1000 at .text\\+0x0\\): relocation type 1000 is not one" "$WORK/type-1000.o"
patch sym-9999 sym 9999
refused bad-symbol "relocation 0 of .rela.text \\(R_AARCH64_JUMP26 at .text\\+0x0\\): symbol index 9999 out of range" "$WORK/sym-9999.o"
patch place offset 0x100000
refused bad-place "R_AARCH64_JUMP26 at .text\\+0x100000\\): place outside" "$WORK/place.o"
patch misplaced offset 2
refused misaligned-insn "R_AARCH64_JUMP26 at .text\\+0x2\\): instruction at 0x48210002 is not 4-byte aligned" "$WORK/misplaced.o"
patch odd-target addend 2
refused misaligned-target "R_AARCH64_JUMP26 at .text\\+0x0\\): 0x[0-9a-f]+ against '[^']+' is not 4-byte aligned" "$WORK/odd-target.o"
patch align3 textalign 3
refused bad-align "section .text: alignment 0x3 is not a power of two" "$WORK/align3.o"
patch target info 99
refused bad-target ".rela.text applies to section 99, out of range" "$WORK/target.o"
patch shndx symshndx 77
refused bad-shndx "in section 77, out of range" "$WORK/shndx.o"
patch rel rel 0
refused rel-section "SHT_REL relocations" "$WORK/rel.o"
# A branch 256 MiB away: JUMP26 reaches 128 MiB.
printf '\t.text\n\tb far + 0x10000000\n\t.section .text.b, "ax"\nfar:\tret\n' > "$WORK/far.S"
"$PURGATORY_CC" -c -o "$WORK/far.o" "$WORK/far.S" &&
	"$PURGATORY_CC" -nostdlib -no-pie -Wl,-r -o "$WORK/sym-far.o" "$OBJ" "$WORK/far.o" ||
	not_ok "far branch object builds"
refused far-branch "R_AARCH64_(JUMP26|CALL26|CONDBR19|TSTBR14|LD_PREL_LO19|ADR_PREL_LO21) .*out of range" \
	"$WORK/sym-far.o"
patch huge-text textsize 0x7fff0000
refused huge-text "section .text (runs past the end|: 0x7fff0000 bytes)" "$WORK/huge-text.o"
for cut in 40 100 1000 1700 2200; do
	patch cut-$cut truncate $cut
	refused truncated-$cut "cut-$cut.o: " "$WORK/cut-$cut.o"
done

done_testing
