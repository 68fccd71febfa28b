#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The shipped purgatory object is one a loader can take: an aarch64
# ET_REL with no undefined symbols, no bss, only the relocation types the
# loader implements, and the parameter block of this tree's abi.h; the
# blob compiled into kexec is that object byte for byte.  And the check
# is real: objects that break each rule are refused with the reason.
. "${top_srcdir:?}/tests/integration/lib.sh"
. "$top_srcdir/tests/integration/purgatory.sh"
need_purgatory

RO=$top_builddir/purgatory/purgatory.ro

"$PURG_TOOL" check "$RO" > "$WORK/check.out" 2> "$WORK/check.err"
if [ $? -eq 0 ] && grep -q ': 0 problems$' "$WORK/check.out"; then
	ok "purgatory.ro passes every check"
else
	not_ok "purgatory.ro passes every check" "$(cat "$WORK/check.out" "$WORK/check.err")"
fi
sed 's/^/# /' "$WORK/check.out"
if grep -q 'R_AARCH64_CALL26=' "$WORK/check.out" &&
	grep -q 'R_AARCH64_ABS64=' "$WORK/check.out"; then
	ok "relocation types are reported"
else
	not_ok "relocation types are reported" "$(cat "$WORK/check.out")"
fi

# purgatory-blob.c holds exactly purgatory.ro.
blob=$top_builddir/purgatory/purgatory-blob.c
od -An -v -tx1 "$RO" | tr -s ' \n' '\n\n' | sed '/^$/d' > "$WORK/ro.hex"
sed -n 's/0x\([0-9a-f][0-9a-f]\),/\1\n/gp' "$blob" | sed '/^[[:space:]]*$/d' |
	sed 's/^[[:space:]]*//' > "$WORK/blob.hex"
size=$(sed -n 's/^const size_t purgatory_blob_size = \([0-9]*\);/\1/p' "$blob")
if cmp -s "$WORK/ro.hex" "$WORK/blob.hex" && [ "$size" = "$(wc -c < "$RO" | tr -d ' ')" ]; then
	ok "purgatory_blob[] is purgatory.ro, $size bytes"
else
	not_ok "purgatory_blob[] is purgatory.ro" "size=$size" \
		"$(diff "$WORK/ro.hex" "$WORK/blob.hex" | head -5)"
fi

# Objects that break one rule each.  bad NAME REGEX SOURCE [CFLAGS...]
bad() {
	local name=$1 re=$2 src=$3
	shift 3
	printf '%s\n' "$src" > "$WORK/$name.c"
	if ! "$PURGATORY_CC" -ffreestanding -fno-pie -O2 "$@" -c \
		-o "$WORK/$name.o" "$WORK/$name.c" 2> "$WORK/$name.cc"; then
		not_ok "$name: test object builds" "$(cat "$WORK/$name.cc")"
		return
	fi
	"$PURGATORY_CC" -nostdlib -no-pie -Wl,-r -o "$WORK/$name.ro" "$RO" "$WORK/$name.o"
	if "$PURG_TOOL" check "$WORK/$name.ro" > "$WORK/$name.out" 2> "$WORK/$name.err"; then
		not_ok "$name: refused" "$(cat "$WORK/$name.out")"
	elif grep -Eq -- "$re" "$WORK/$name.err"; then
		ok "$name: refused ($(head -n 1 "$WORK/$name.err" | sed 's/.*: //'))"
	else
		not_ok "$name: refused for the right reason" "$(cat "$WORK/$name.err")"
	fi
}

bad undefined "undefined symbol 'missing_helper'" \
	'extern int missing_helper(int); int f(int x); int f(int x) { return missing_helper(x); }' \
	-mcmodel=large
bad bss "allocated NOBITS section" \
	'int counter; void g(void); void g(void) { counter++; }' -mcmodel=large
# Through the GOT (-fPIC): types the loader has no reason to implement.
bad got "relocation type 31[12] at" \
	'int value = 3; int h(void); int h(void) { return value; }' -fPIC

# The default small code model is accepted as well as the large one: the
# loader implements its LDST*_ABS_LO12_NC types too.
printf '%s\n' 'short s = 1; int w = 2; long d = 3; char b = 4;
long k(void); long k(void) { return s + w + d + b; }' > "$WORK/small.c"
"$PURGATORY_CC" -ffreestanding -fno-pie -O2 -mcmodel=small -fno-section-anchors -c -o "$WORK/small.o" "$WORK/small.c"
"$PURGATORY_CC" -nostdlib -no-pie -Wl,-r -o "$WORK/small.ro" "$RO" "$WORK/small.o"
if "$PURG_TOOL" check "$WORK/small.ro" > "$WORK/small.out" 2> "$WORK/small.err" &&
	grep -q 'R_AARCH64_LDST16_ABS_LO12_NC=' "$WORK/small.out" &&
	grep -q 'R_AARCH64_LDST32_ABS_LO12_NC=' "$WORK/small.out"; then
	ok "small code model accepted ($(grep -o 'R_AARCH64_LDST[0-9]*_[A-Z0-9_]*=[0-9]*' "$WORK/small.out" | tr '\n' ' '))"
else
	not_ok "small code model accepted" "$(cat "$WORK/small.out" "$WORK/small.err")"
fi
# A second block with another layout cannot share the name: make an
# object whose only block is 16 bytes, as an older tree might.
printf '%s\n' 'struct { unsigned long m; unsigned int v, s; } ksd_purgatory_params
	__attribute__((section(".ksd_params"))) = { 0x475255502d44534bul, 1, 16 };
void purgatory_start(void); void purgatory_start(void) { }' > "$WORK/drift.c"
"$PURGATORY_CC" -ffreestanding -fno-pie -mcmodel=large -c -o "$WORK/drift.o" "$WORK/drift.c"
"$PURGATORY_CC" -nostdlib -no-pie -Wl,-r -o "$WORK/drift.ro" "$WORK/drift.o"
if "$PURG_TOOL" check "$WORK/drift.ro" > /dev/null 2> "$WORK/drift.err"; then
	not_ok "ABI size drift refused"
elif grep -q "'ksd_purgatory_params' is 16 bytes, abi.h says" "$WORK/drift.err"; then
	ok "ABI size drift refused"
else
	not_ok "ABI size drift refused for the right reason" "$(cat "$WORK/drift.err")"
fi

done_testing
