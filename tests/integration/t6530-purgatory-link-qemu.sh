#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The loader's own purgatory linker (kexec/purgatory-link.c) on the real
# purgatory.ro: linked at an address no test linker script names, its
# parameter block filled by purgatory_set_params() with the digests of a
# fake kernel, an initrd and a DTB, then run bare metal under
# qemu-system-aarch64 as kexec enters it (tests/purgatory/boot-stub jumps
# to the entry the linker computed).  Matching digests: the fake kernel
# runs with x0 = the DTB.  One flipped byte: the purgatory names the
# region and parks.  Linked at two addresses, the images differ only
# where relocations point.
. "${top_srcdir:?}/tests/integration/lib.sh"
. "$top_srcdir/tests/integration/purgatory.sh"
need_qemu

RO=$top_builddir/purgatory/purgatory.ro
KERNEL=0x42000000 DTB=0x43000000 INITRD=0x44000000 UART=0x9000000
# Not 0x48000000 (purgatory-test.lds), and not page aligned at 64 KiB.
PURG=0x47ff1000

# -nic none: QEMU's default NIC wants an iPXE option ROM (ipxe-qemu, only
# recommended by qemu-system-arm); without one QEMU refuses to start.
"$QEMU_SYSTEM_AARCH64" -M virt,dumpdtb="$WORK/virt.dtb" -cpu max -m 512M \
	-display none -nic none > "$WORK/dumpdtb.log" 2>&1 ||
	{ echo "Bail out! qemu cannot dump the virt DTB: $(cat "$WORK/dumpdtb.log")"; exit 1; }
"$PURG_TOOL" flat "$PURG_DIR/fake-kernel.elf" "$WORK/kernel.bin" > /dev/null &&
	"$PURG_TOOL" random 300007 7 "$WORK/initrd.bin" ||
	{ echo "Bail out! purg-tool failed"; exit 1; }
cp "$WORK/initrd.bin" "$WORK/initrd-bad.bin"
printf '\001' | dd of="$WORK/initrd-bad.bin" bs=1 seek=150000 conv=notrunc 2> /dev/null

REGIONS="--region $KERNEL=$WORK/kernel.bin --region $INITRD=$WORK/initrd.bin --region $DTB=$WORK/virt.dtb"
# shellcheck disable=SC2086
if "$PURG_TOOL" link "$RO" $PURG "$WORK/purg.bin" --entry $KERNEL --dtb $DTB \
	--console pl011@$UART $REGIONS > "$WORK/link.out" 2> "$WORK/link.err"; then
	ok "linked at $PURG: $(cat "$WORK/link.out")"
else
	echo "Bail out! purg-tool link: $(cat "$WORK/link.err")"
	exit 1
fi
entry=$(sed -n 's/.*entry=\(0x[0-9a-f]*\).*/\1/p' "$WORK/link.out")
params=$(sed -n 's/.*params=\(0x[0-9a-f]*\).*/\1/p' "$WORK/link.out")
echo "# purgatory_start at $entry, the parameter block at $params"

# boot NAME INITRD
boot() {
	qemu_run "$1" 60 "CPU parked" -M virt -cpu max \
		-kernel "$PURG_DIR/boot-stub.elf" \
		-device "loader,file=$WORK/kernel.bin,addr=$KERNEL,force-raw=on" \
		-device "loader,file=$WORK/virt.dtb,addr=$DTB,force-raw=on" \
		-device "loader,file=$2,addr=$INITRD,force-raw=on" \
		-device "loader,file=$WORK/purg.bin,addr=$PURG,force-raw=on" \
		-device "loader,addr=0x40ff0010,data=$params,data-len=8" \
		-device "loader,addr=0x40ff0018,data=$entry,data-len=8"
}

boot good "$WORK/initrd.bin"
expect_end good off "good: the fake kernel ran and powered off"
expect_uart good "^purgatory: verifying 3 regions" "good: three regions verified"
expect_uart good "^purgatory: entering the kernel at $KERNEL, dtb at $DTB" "good: says where it goes"
expect_uart good "^fake-kernel: x0=$DTB x1=0x0 x2=0x0 x3=0x0\$" "good: x0 = DTB, x1-x3 = 0"
expect_uart good "^fake-kernel: purgatory status=4 bad_regions=0x0\$" \
	"good: status BOOTING in the block the linker found"
expect_no_uart good "unexpected exception" "good: no exception"

boot flipped "$WORK/initrd-bad.bin"
expect_end flipped stopped "flipped: the run stopped at 'CPU parked'"
expect_uart flipped "^purgatory: region 1 at $INITRD, 0x493e7 bytes: sha256 mismatch\$" \
	"flipped: the changed region is named"
expect_no_uart flipped "^fake-kernel" "flipped: the fake kernel never ran"

# Relinked elsewhere, only relocated words change; with the addresses
# 0x10000 apart, byte 2 of an absolute address and the page bits of ADRP
# (PC-relative, so unchanged) tell the two apart.
# shellcheck disable=SC2086
"$PURG_TOOL" link "$RO" 0x58001000 "$WORK/purg2.bin" --entry $KERNEL --dtb $DTB \
	--console pl011@$UART $REGIONS > "$WORK/link2.out" ||
	not_ok "relinked at 0x58001000"
ndiff=$(cmp -l "$WORK/purg.bin" "$WORK/purg2.bin" | wc -l)
abs64=$("$PURG_TOOL" check "$RO" | sed -n 's/.*R_AARCH64_ABS64=\([0-9]*\).*/\1/p')
if [ "$ndiff" -gt 0 ] && [ "$ndiff" -le "$((abs64 * 2))" ]; then
	ok "relinked 0x10000000 higher: $ndiff bytes differ, at most 2 per ABS64 ($abs64)"
else
	not_ok "relinked: $ndiff bytes differ, expected 1..$((abs64 * 2))"
fi

done_testing
