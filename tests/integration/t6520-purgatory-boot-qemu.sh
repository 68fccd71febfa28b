#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The real purgatory object, linked at a fixed address for the test
# (tests/purgatory/purgatory-test.lds), run under qemu-system-aarch64 the
# way kexec enters it: a boot stub sets the CPU up (MMU off, FP/SIMD
# trapped, junk in x0-x30) and jumps to purgatory_start; a fake kernel
# reports the registers and CPU state it was entered with, then powers
# off.  With correct digests the fake kernel runs and sees x0 = the DTB
# and x1-x3 = 0; with a corrupted segment the purgatory names the region
# and parks, and the fake kernel never runs.  Both SHA-256 paths, EL1,
# EL2 (nVHE and VHE), and SME streaming mode.
. "${top_srcdir:?}/tests/integration/lib.sh"
. "$top_srcdir/tests/integration/purgatory.sh"
need_qemu

KERNEL=0x42000000 DTB=0x43000000 INITRD=0x44000000 UART=0x9000000

# -nic none: QEMU's default NIC wants an iPXE option ROM (ipxe-qemu, only
# recommended by qemu-system-arm); without one QEMU refuses to start.
"$QEMU_SYSTEM_AARCH64" -M virt,dumpdtb="$WORK/virt.dtb" -cpu max -m 512M \
	-display none -nic none > "$WORK/dumpdtb.log" 2>&1 ||
	{ echo "Bail out! qemu cannot dump the virt DTB: $(cat "$WORK/dumpdtb.log")"; exit 1; }
"$PURG_TOOL" flat "$PURG_DIR/fake-kernel.elf" "$WORK/kernel.bin" > /dev/null &&
	"$PURG_TOOL" random 1048589 1 "$WORK/initrd.bin" ||
	{ echo "Bail out! purg-tool failed"; exit 1; }
# One flipped bit in the middle of the initrd, one in the DTB.
cp "$WORK/initrd.bin" "$WORK/initrd-bad.bin"
printf '\377' | dd of="$WORK/initrd-bad.bin" bs=1 seek=524288 conv=notrunc 2> /dev/null
cp "$WORK/virt.dtb" "$WORK/dtb-bad.bin"
printf 'X' | dd of="$WORK/dtb-bad.bin" bs=1 seek=64 conv=notrunc 2> /dev/null

# image NAME FILL-OPTIONS...: a purgatory image with its block filled
image() {
	local name=$1
	shift
	"$PURG_TOOL" fill "$PURG_DIR/purgatory-test.elf" "$WORK/$name.purg" \
		--entry $KERNEL --dtb $DTB "$@" > "$WORK/$name.fill" ||
		{ echo "Bail out! purg-tool fill $*"; exit 1; }
	params=$(sed -n 's/.*params=\(0x[0-9a-f]*\).*/\1/p' "$WORK/$name.fill")
}
TOTAL=$(( $(wc -c < "$WORK/kernel.bin") + $(wc -c < "$WORK/initrd.bin") + $(wc -c < "$WORK/virt.dtb") ))
REGIONS="--region $KERNEL=$WORK/kernel.bin --region $INITRD=$WORK/initrd.bin --region $DTB=$WORK/virt.dtb"

# boot NAME PURGATORY-IMAGE STUB-OPTIONS MACHINE CPU [INITRD [DTB]]
boot() {
	local name=$1 img=$2 opt=$3 machine=$4 cpu=$5
	local initrd=${6:-$WORK/initrd.bin} dtb=${7:-$WORK/virt.dtb}
	qemu_run "$name" 60 "CPU parked" -M "$machine" -cpu "$cpu" \
		-kernel "$PURG_DIR/boot-stub.elf" \
		-device "loader,file=$WORK/kernel.bin,addr=$KERNEL,force-raw=on" \
		-device "loader,file=$dtb,addr=$DTB,force-raw=on" \
		-device "loader,file=$initrd,addr=$INITRD,force-raw=on" \
		-device "loader,file=$WORK/$img.purg,addr=0x48000000,force-raw=on" \
		-device "loader,addr=0x40ff0000,data=$opt,data-len=4" \
		-device "loader,addr=0x40ff0010,data=$params,data-len=8"
}

# booted NAME EL FP-TRAP-REG ENGINE-REGEX: the good path, all of it
booted() {
	local name=$1 el=$2 trap=$3 engine=$4
	expect_end "$name" off "$name: the fake kernel ran and powered off"
	expect_uart "$name" "^purgatory: verifying 3 regions with $engine" \
		"$name: hashed with $engine"
	expect_uart "$name" "^purgatory: $TOTAL bytes verified\$" "$name: every byte verified"
	expect_uart "$name" "^purgatory: entering the kernel at $KERNEL, dtb at $DTB" \
		"$name: says where it goes"
	expect_uart "$name" "^fake-kernel: x0=$DTB x1=0x0 x2=0x0 x3=0x0\$" \
		"$name: x0 = DTB, x1-x3 = 0"
	expect_uart "$name" "^fake-kernel: dtb magic=0xd00dfeed\$" "$name: x0 points at the DTB"
	expect_uart "$name" "^fake-kernel: el=$el mmu=0 dcache=0 daif=0xf fp-trap-reg=$trap\$" \
		"$name: EL$el, MMU and D-cache off, DAIF masked, FP/SIMD traps as before"
	expect_uart "$name" "^fake-kernel: purgatory status=4 bad_regions=0x0\$" \
		"$name: status BOOTING in the parameter block"
	expect_no_uart "$name" "unexpected exception" "$name: no exception"
}

# refused NAME REGEX DESCRIPTION: the purgatory stopped; nothing ran after
refused() {
	expect_end "$1" stopped "$1: the run stopped at 'CPU parked'"
	expect_uart "$1" "$2" "$1: $3"
	expect_no_uart "$1" "^fake-kernel" "$1: the fake kernel never ran"
	expect_no_uart "$1" "unexpected exception" "$1: no exception"
}

image good --console pl011@$UART $REGIONS
boot ce-el1 good 0 virt max
booted ce-el1 1 0x0 "Armv8 SHA-2 instructions"
uart ce-el1 | grep 'purgatory instructions' | sed 's/^/# /'

image generic --console pl011@$UART --flags 2 $REGIONS
boot generic-el1 generic 0 virt max
booted generic-el1 1 0x0 "generic C \\(instructions disabled by the loader\\)"

boot a57-el1 good 0 virt cortex-a57
booted a57-el1 1 0x0 "Armv8 SHA-2 instructions"

boot ce-el2 good 0 virt,virtualization=on max
booted ce-el2 2 0x37ff "Armv8 SHA-2 instructions"

boot ce-el2-vhe good 1 virt,virtualization=on max
booted ce-el2-vhe 2 0x0 "Armv8 SHA-2 instructions"
expect_uart ce-el2-vhe "^stub: el=2 e2h=1 " "ce-el2-vhe: the stub did set HCR_EL2.E2H"

boot streaming good 2 virt max
expect_uart streaming "^stub: .* svcr=0x1\$" "streaming: the stub entered SME streaming mode"
booted streaming 1 0x0 "generic C \\(SME streaming mode\\)"

boot corrupt-initrd good 0 virt max "$WORK/initrd-bad.bin"
refused corrupt-initrd "^purgatory: region 1 at $INITRD, 0x10000d bytes: sha256 mismatch\$" \
	"the changed region is named"
expect_uart corrupt-initrd "^purgatory: +expected $(sha256sum "$WORK/initrd.bin" | cut -c1-64)\$" \
	"corrupt-initrd: the expected digest is the loader's"
expect_uart corrupt-initrd "^purgatory: +computed $(sha256sum "$WORK/initrd-bad.bin" | cut -c1-64)\$" \
	"corrupt-initrd: the computed digest is that of the memory"
expect_uart corrupt-initrd "^purgatory: 1 of 3 regions changed since they were loaded\$" \
	"corrupt-initrd: one of three regions"

boot corrupt-generic generic 0 virt max "$WORK/initrd-bad.bin" "$WORK/dtb-bad.bin"
refused corrupt-generic "^purgatory: region 2 at $DTB, " "the plain C path finds it too"
expect_uart corrupt-generic "^purgatory: 2 of 3 regions changed" \
	"corrupt-generic: both changed regions reported"

image skip --console pl011@$UART --flags 1 $REGIONS
boot skip-checks skip 0 virt max "$WORK/initrd-bad.bin"
expect_end skip-checks off "skip-checks: the kernel runs although a region changed"
expect_uart skip-checks "^purgatory: checks skipped as the loader asked\$" \
	"skip-checks: says it did not check"

image toomany --console pl011@$UART $REGIONS --raw-nr-regions 17
boot bad-params toomany 0 virt max
refused bad-params "^purgatory: bad parameters: region count 0x11\$" "a bad block is refused"

image silent $REGIONS
boot silent silent 0 virt max
expect_end silent off "silent: without a console the kernel still runs"
expect_no_uart silent "^purgatory:" "silent: and the purgatory writes nothing"
expect_uart silent "^fake-kernel: x0=$DTB x1=0x0 x2=0x0 x3=0x0\$" "silent: x0 = DTB, x1-x3 = 0"

done_testing
