#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The kexec_load DTB editor (kexec/fdt-edit.c) checked by another reader:
# edit the qemu-virt machine's tree (and QEMU's own, when QEMU is here)
# the way a crash load does, decompile the result with dtc and look for
# every property and reservation in dtc's text.  Broken or oversized
# trees give an error naming the file.
. "${top_srcdir:?}/tests/integration/lib.sh"
command -v dtc > /dev/null || skip_all "dtc (device-tree-compiler) is not installed"

EDIT=$top_builddir/tests/tools/dtb-edit

# The fixture's first boot had an initrd at 0x48000000 (32-bit cells, as
# QEMU writes them) and a reservation for it.
sed 's|^/dts-v1/;|/dts-v1/;\n/memreserve/ 0x48000000 0x2e2c1c;\n/memreserve/ 0xbff00000 0x10000;|' \
	"$top_srcdir/tests/fixtures/machines/qemu-virt/fdt.dts" > "$WORK/virt.dts"
dtc -q -I dts -O dtb -o "$WORK/virt.dtb" "$WORK/virt.dts" ||
	{ echo "Bail out! dtc cannot compile the fixture"; exit 1; }

# expect_dts NAME REGEX DESCRIPTION
expect_dts() {
	if grep -Eq -- "$2" "$WORK/$1.dts"; then
		ok "$3"
	else
		not_ok "$3: dtc output lacks /$2/" "$(grep -A12 'chosen {' "$WORK/$1.dts")" \
			"$(grep memreserve "$WORK/$1.dts")"
	fi
}
expect_no_dts() {
	if grep -Eq -- "$2" "$WORK/$1.dts"; then
		not_ok "$3: dtc output has /$2/" "$(grep -E -- "$2" "$WORK/$1.dts")"
	else
		ok "$3"
	fi
}

# crash NAME INPUT: the crash edits, then dtc
crash() {
	if ! "$EDIT" "$2" "$WORK/$1.out" --bootargs "console=ttyAMA0 nr_cpus=1" \
		--initrd 0x7e000000,0x7e123457 --elfcorehdr 0x7ff00000,0x10000 \
		--usable 0x70000000,0x10000000 --usable 0x1e0000000,0x20000000 \
		--kaslr-seed 0x0102030405060708 --rng-seed 32 --memreserve - \
		> "$WORK/$1.changes" 2> "$WORK/$1.err"; then
		not_ok "$1: edited" "$(cat "$WORK/$1.err")"
		return 1
	fi
	ok "$1: edited ($(wc -l < "$WORK/$1.changes") changes)"
	if dtc -q -I dtb -O dts -o "$WORK/$1.dts" "$WORK/$1.out" 2> "$WORK/$1.dtc"; then
		ok "$1: dtc reads the result"
	else
		not_ok "$1: dtc reads the result" "$(cat "$WORK/$1.dtc")"
		return 1
	fi
}

crash virt "$WORK/virt.dtb"
expect_dts virt '^[[:space:]]*bootargs = "console=ttyAMA0 nr_cpus=1";' "virt: bootargs"
expect_dts virt '^[[:space:]]*linux,initrd-start = <0x0+ 0x7e000000>;' \
	"virt: linux,initrd-start, 64-bit now"
expect_dts virt '^[[:space:]]*linux,initrd-end = <0x0+ 0x7e123457>;' "virt: linux,initrd-end"
expect_dts virt '^[[:space:]]*linux,elfcorehdr = <0x0+ 0x7ff00000 0x0+ 0x10000>;' \
	"virt: linux,elfcorehdr in 2+2 cells"
expect_dts virt '^[[:space:]]*linux,usable-memory-range = <0x0*1 0xe0000000 0x0+ 0x20000000 0x0+ 0x70000000 0x0+ 0x10000000>;' \
	"virt: linux,usable-memory-range, low range last"
expect_dts virt '^[[:space:]]*kaslr-seed = <0x1020304 0x5060708>;' "virt: kaslr-seed"
expect_dts virt '^[[:space:]]*rng-seed = <0x10203 0x4050607 0x8090a0b 0xc0d0e0f 0x10111213 0x14151617 0x18191a1b 0x1c1d1e1f>;' \
	"virt: rng-seed"
expect_dts virt '^[[:space:]]*stdout-path = "/pl011@9000000";' "virt: other /chosen properties kept"
expect_dts virt '^/memreserve/[[:space:]]+0x0*7e000000 0x0*123457;' "virt: the new initrd reserved"
expect_dts virt '^/memreserve/[[:space:]]+0x0*7ff00000 0x0*10000;' "virt: the elfcorehdr reserved"
expect_dts virt '^/memreserve/[[:space:]]+0x0*bff00000 0x0*10000;' "virt: other reservations kept"
expect_no_dts virt '^/memreserve/[[:space:]]+0x0*48000000 ' "virt: the first boot's initrd unreserved"
if grep -qx 'unreserve /memreserve/ 0x48000000 0x2e2c1c' "$WORK/virt.changes" &&
	grep -qx 'set /chosen/linux,initrd-start <0x0 0x7e000000>' "$WORK/virt.changes"; then
	ok "virt: the change list says what changed"
else
	not_ok "virt: the change list says what changed" "$(cat "$WORK/virt.changes")"
fi

# No initrd: the stale first-boot properties go.
"$EDIT" "$WORK/virt.dtb" "$WORK/noinitrd.out" --memreserve - > "$WORK/noinitrd.changes" &&
	dtc -q -I dtb -O dts -o "$WORK/noinitrd.dts" "$WORK/noinitrd.out" ||
	not_ok "noinitrd: edited and decompiled"
expect_no_dts noinitrd 'linux,initrd-' "noinitrd: linux,initrd-* removed"
expect_dts noinitrd '^[[:space:]]*bootargs = "console=ttyAMA0 crashkernel=192M";' \
	"noinitrd: bootargs kept when none is given"

# QEMU's own tree, as its firmware hands it over.  -nic none: QEMU's
# default NIC wants an iPXE option ROM (ipxe-qemu, only recommended by
# qemu-system-arm); without one QEMU refuses to start.  A QEMU that is
# there but cannot dump its tree is a failure, not a reason to skip.
if [ -z "${QEMU_SYSTEM_AARCH64:-}" ] || [ ! -x "$QEMU_SYSTEM_AARCH64" ]; then
	skip "qemu: QEMU's own virt tree" "qemu-system-aarch64 not available"
elif "$QEMU_SYSTEM_AARCH64" -M virt,dumpdtb="$WORK/qemu.dtb" -cpu max -m 1G \
		-display none -nic none > "$WORK/dumpdtb.log" 2>&1; then
	crash qemu "$WORK/qemu.dtb" &&
		expect_dts qemu '^[[:space:]]*linux,usable-memory-range = <0x0*1 0xe0000000 ' \
			"qemu: linux,usable-memory-range"
else
	not_ok "qemu: QEMU's own virt tree: qemu cannot dump it" "$(cat "$WORK/dumpdtb.log")"
fi

# refused NAME REGEX ARGS...: dtb-edit fails with a message matching REGEX
refused() {
	local name=$1 re=$2
	shift 2
	if "$EDIT" "$@" > /dev/null 2> "$WORK/$name.err"; then
		not_ok "$name: refused"
	elif grep -Eq -- "$re" "$WORK/$name.err"; then
		ok "$name: refused ($(sed 's/^dtb-edit: //' "$WORK/$name.err"))"
	else
		not_ok "$name: refused for the right reason" "$(cat "$WORK/$name.err")"
	fi
}
head -c 1000 "$WORK/virt.dtb" > "$WORK/short.dtb"
refused truncated "short.dtb: truncated: the header says [0-9]+ bytes, there are 1000" \
	"$WORK/short.dtb" "$WORK/x.out"
printf 'not a tree at all, just text long enough for a header\n' > "$WORK/text.dtb"
refused not-dtb "text.dtb: not a flattened device tree" "$WORK/text.dtb" "$WORK/x.out"
refused too-big "virt.dtb: the edited device tree is [0-9]+ bytes, more than the 4096 allowed" \
	"$WORK/virt.dtb" "$WORK/x.out" --bootargs x --max 4096

done_testing
