#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# kexec_load (-c, and -a's fallback) against the fake machines: the plan
# (text and JSON, byte for byte against tests/fixtures/machines/*/expect/),
# then the segments it would load, decoded by independent tools: the
# elfcorehdr with eu-readelf (and, for deb61-kdump, compared with the
# PT_LOADs kexec-tools wrote on that very machine), the DTB with dtc, and
# the SDEI record note read out of the elfcorehdr where its PT_NOTE
# points.  Then what must be refused: no reservation, no room, a lying
# kernel header, a DTB too large, broken /proc/kcore and sysfs files.
. "${top_srcdir:?}/tests/integration/lib.sh"
. "$top_srcdir/tests/integration/kexec-lib.sh"
need_tree_tools
command -v eu-readelf > /dev/null || skip_all "eu-readelf (elfutils) is not installed"
PGEN=$top_srcdir/tests/fixtures/machines

APPEND="novmcoredd hugetlb_cma=0 kfence.sample_interval=0 initramfs_options=size=90% irqpoll nr_cpus=1 reset_devices cgroup_disable=memory udev.children-max=2 panic=10 swiotlb=noforce cma=0"

# The purgatory needs the aarch64 cross compiler at configure time.
mktree qemu-virt
add_kernel "$WORK/trees/qemu-virt" Image
run_kexec probe --root "$WORK/trees/qemu-virt" --dry-run -c -p /boot/Image
if grep -q "built without the aarch64 purgatory" "$WORK/probe.err"; then
	skip_all "kexec was built without the purgatory (no aarch64 cross compiler)"
fi

# norm NAME: the purgatory's size, digest and entry depend on the cross
# compiler that built it, the elfcorehdr's size and digest on the version
# in the record (checked below with eu-readelf instead); the plan's other
# values depend on neither
norm() {
	sed -E -e 's/entry 0x[0-9a-f]+ \(purgatory\)/entry @ENTRY@ (purgatory)/' \
		-e '/^    purgatory /s/memsz .*/memsz @PURGATORY@/' \
		-e '/^    elfcorehdr /s/bufsz .*/bufsz @ELFCOREHDR@/' \
		-e 's/(\{"what": "elfcorehdr", "mem": "0x[0-9a-f]+", "memsz": "0x[0-9a-f]+", ).*\}/\1"rest": "@ELFCOREHDR@"}/' \
		-e 's/^(    "entry": )"0x[0-9a-f]+"/\1"@ENTRY@"/' \
		-e 's/(\{"what": "purgatory", "mem": "0x[0-9a-f]+", ).*\}/\1"rest": "@PURGATORY@"}/' \
		"$WORK/$1.out" > "$WORK/$1.norm" && mv "$WORK/$1.norm" "$WORK/$1.out"
}

# phdrs FILE: "TYPE OFFSET VADDR PADDR FILESZ" per program header
phdrs() {
	eu-readelf -l "$1" | awk '$1 == "NOTE" || $1 == "LOAD" { print $1, $2, $3, $4, $5 }'
}

# note_at SEGFILE BASE: the note the elfcorehdr's PT_NOTE inside itself
# points at, as "NAME TYPE" and then its text
note_at() {
	python3 - "$1" "$2" <<'PY'
import struct, sys
b = open(sys.argv[1], "rb").read()
base = int(sys.argv[2], 16)
phoff, = struct.unpack_from("<Q", b, 32)
phnum, = struct.unpack_from("<H", b, 56)
for i in range(phnum):
    t, _, off, _, paddr, filesz = struct.unpack_from("<IIQQQQ", b, phoff + 56 * i)
    if t != 4 or not base <= paddr < base + len(b):
        continue
    o = paddr - base
    namesz, descsz, ntype = struct.unpack_from("<III", b, o)
    name = b[o + 12:o + 12 + namesz].rstrip(b"\0").decode()
    d = o + 12 + (namesz + 3) // 4 * 4
    end = o + 12 + (namesz + 3) // 4 * 4 + (descsz + 3) // 4 * 4
    # then an empty note header inside the PT_NOTE, as the kernel's notes end
    assert end + 12 == o + filesz and b[end:end + 12] == bytes(12)
    print(name, ntype)
    sys.stdout.write(b[d:d + descsz].rstrip(b"\0").decode())
PY
}

# seg NAME WHAT FIELD: a segment's mem or memsz from the JSON plan
seg() {
	python3 -c 'import json, sys
p = json.load(open(sys.argv[1]))
print([s for s in p["segments"] if s["what"] == sys.argv[2]][0][sys.argv[3]])' \
		"$WORK/$1.raw" "$2" "$3"
}

for m in qemu-virt dt-sdei-pnmi deb61-kdump; do
	t=$WORK/trees/$m
	e=$MACHINES/$m/expect
	mktree "$m"
	kver=$(cat "$t/proc/sys/kernel/osrelease")
	add_kernel "$t" "vmlinuz-$kver"
	add_file "$t" "boot/initramfs-${kver}kdump.img" 65536
	cmdline="$(sed -e 's/crashkernel=[^ ]*//' -e 's/  */ /g' -e 's/ *$//' "$t/proc/cmdline") $APPEND"
	set -- --root "$t" -c -p --command-line="$cmdline" \
		--initrd="/boot/initramfs-${kver}kdump.img" "/boot/vmlinuz-$kver"

	run_kexec "$m-load" --dry-run "$@"
	norm "$m-load"
	expect_status "$m-load" 0 "$m: -c -p plans"
	expect_output "$m-load" "$e/load-plan.txt" "$m: the kexec_load plan"
	mkdir -p "$WORK/$m-seg"
	run_kexec "$m-load-json" --dry-run --json --dump-segments="$WORK/$m-seg" "$@"
	cp "$WORK/$m-load-json.out" "$WORK/$m-load-json.raw"
	norm "$m-load-json"
	expect_json "$m-load-json" "$m: the JSON kexec_load plan is valid JSON"
	expect_output "$m-load-json" "$e/load-plan.json" "$m: the JSON kexec_load plan"

	hdr=$WORK/$m-seg/elfcorehdr.bin
	base=$(seg "$m-load-json" elfcorehdr mem)
	check "$m: the elfcorehdr is an arm64 ELF64 core" \
		sh -c "eu-readelf -h '$hdr' | grep -q 'Type: *CORE' &&
		       eu-readelf -h '$hdr' | grep -q 'Machine: *AARCH64' &&
		       eu-readelf -h '$hdr' | grep -q 'Class: *ELF64'"
	ncpu=$(ls -d "$t"/sys/devices/system/cpu/cpu[0-9]* | wc -l)
	phdrs "$hdr" > "$WORK/$m.phdrs"
	nnote=$(grep -c '^NOTE' "$WORK/$m.phdrs")
	if [ "$nnote" -eq $((ncpu + 2)) ]; then
		ok "$m: one PT_NOTE per CPU, VMCOREINFO and the record"
	else
		not_ok "$m: one PT_NOTE per CPU, VMCOREINFO and the record" "$(cat "$WORK/$m.phdrs")"
	fi
	for c in "$t"/sys/devices/system/cpu/cpu[0-9]*; do
		a=$(cat "$c/crash_notes")
		grep -q "^NOTE 0x$a " "$WORK/$m.phdrs" ||
			not_ok "$m: $(basename "$c")'s crash_notes has its PT_NOTE" "$(cat "$WORK/$m.phdrs")"
	done
	ok "$m: every crash_notes buffer has its PT_NOTE"
	note_at "$hdr" "$base" > "$WORK/$m.record"
	if head -n 1 "$WORK/$m.record" | grep -qx 'KEXEC-SDEI 1' &&
	   grep -q '^SDEI_NMI=' "$WORK/$m.record" &&
	   grep -q "^NR_CPUS=$ncpu\$" "$WORK/$m.record"; then
		ok "$m: the record note sits where its PT_NOTE points"
	else
		not_ok "$m: the record note sits where its PT_NOTE points" "$(cat "$WORK/$m.record")"
	fi

	# the purgatory's parameter block (purgatory/abi.h) names every other
	# segment with the digest the plan printed, the kernel and the DTB
	if python3 - "$WORK/$m-seg/purgatory.bin" "$WORK/$m-load-json.raw" <<'PY'
import json, struct, sys
b = open(sys.argv[1], "rb").read()
plan = json.load(open(sys.argv[2]))
segs = {s["what"]: s for s in plan["segments"]}
o = b.find(struct.pack("<Q", 0x475255502d44534b))
magic, ver, size, entry, dtb, flags, nr = struct.unpack_from("<QIIQQII", b, o)
assert ver == 1 and size == 64 + 16 * 48, (ver, size)
assert entry == int(segs["kernel"]["mem"], 16), hex(entry)
assert dtb == int(segs["dtb"]["mem"], 16), hex(dtb)
assert flags == 0 and nr == len(segs) - 1, (flags, nr)
got = set()
for i in range(nr):
    start, ln = struct.unpack_from("<QQ", b, o + 64 + 48 * i)
    digest = b[o + 64 + 48 * i + 16:o + 64 + 48 * i + 48].hex()
    got.add((start, ln, digest))
want = {(int(s["mem"], 16), int(s["memsz"], 16), s["sha256"])
        for s in plan["segments"] if s["what"] != "purgatory"}
assert got == want, (got, want)
PY
	then
		ok "$m: the purgatory checks every other segment against the plan's digest"
	else
		not_ok "$m: the purgatory's parameters do not match the plan"
	fi

	dtc -q -I dtb -O dts "$WORK/$m-seg/dtb.bin" > "$WORK/$m.dts" 2> "$WORK/$m.dtc.err"
	check "$m: the DTB segment decodes" test -s "$WORK/$m.dts"
	hsz=$(seg "$m-load-json" elfcorehdr memsz)
	want=$(printf 'linux,elfcorehdr = <0x00 %#x 0x00 %#x>;' "$base" "$hsz")
	check "$m: /chosen/linux,elfcorehdr names the elfcorehdr segment" \
		grep -qF "$want" "$WORK/$m.dts"
	check "$m: /chosen/bootargs is the command line" \
		grep -qF "bootargs = \"$cmdline" "$WORK/$m.dts"
	cs=$(awk '/Crash kernel/ { split($1, r, "-"); print r[1] }' "$t/proc/iomem")
	check "$m: /chosen/linux,usable-memory-range is the reservation" \
		grep -qF "linux,usable-memory-range = <0x00 0x$cs " "$WORK/$m.dts"
	check "$m: the initrd is reserved" grep -q "^/memreserve/" "$WORK/$m.dts"
done

# kexec-tools 2.0.26 loaded deb61-kdump's capture kernel with kexec_load;
# the PT_LOADs of the dump's ELF header are what it wrote.
grep '^LOAD' "$WORK/deb61-kdump.phdrs" | awk '{ print $3, $4, $5 }' > "$WORK/deb61-loads.out"
expect_output deb61-loads "$MACHINES/deb61-kdump/expect/elfcorehdr-loads" \
	"deb61-kdump: the PT_LOADs are those kexec-tools wrote on the real machine"

# -a shows the fallback it would take; -s does not prepare one.
t=$WORK/trees/qemu-virt
add_kernel "$t" Image
add_file "$t" boot/initrd 65536
run_kexec auto --root "$t" --dry-run -p --initrd=/boot/initrd --command-line=console=ttyAMA0 /boot/Image
norm auto
expect_status auto 0 "-a plans"
expect_output auto "$MACHINES/qemu-virt/expect/auto-plan.txt" "-a: kexec_file_load, and the kexec_load fallback"

# -c -l: a kernel for kexec -e, placed in free RAM, no elfcorehdr.
mktree no-crash
add_kernel "$WORK/trees/no-crash" Image
run_kexec nocrash-l --root "$WORK/trees/no-crash" --dry-run -c -l --command-line=console=ttyAMA0 /boot/Image
expect_status nocrash-l 255 "no-crash: -c -l without /sys/firmware/fdt"
expect_stderr nocrash-l "no device tree to give the new kernel" "no-crash: -c -l says it has no DTB"
dtc -q -I dts -O dtb -o "$WORK/trees/no-crash/boot/virt.dtb" "$MACHINES/qemu-virt/fdt.dts"
run_kexec nocrash-l2 --root "$WORK/trees/no-crash" --dry-run -c -l --dtb=/boot/virt.dtb \
	--command-line=console=ttyAMA0 /boot/Image
norm nocrash-l2
expect_status nocrash-l2 0 "no-crash: -c -l --dtb plans"
expect_output nocrash-l2 "$MACHINES/no-crash/expect/load-l-plan.txt" "no-crash: the -c -l plan"
run_kexec nocrash-p --root "$WORK/trees/no-crash" --dry-run -c -p /boot/Image
expect_status nocrash-p 1 "no-crash: -c -p without a reservation"
expect_stderr nocrash-p "Memory for crashkernel is not reserved" "no-crash: kexec-tools' message"

# --- what must be refused, with nothing loaded ---
refuse() {	# refuse NAME REGEX DESCRIPTION ARGS...
	local name=$1 re=$2 d=$3
	shift 3
	run_kexec "$name" --dry-run -c -p "$@"
	expect_status "$name" 255 "$d"
	expect_stderr "$name" "$re" "$d: says why"
}
"$MKIMAGE" image "$t/boot/huge" size=1048576 image_size=0x10000000
refuse huge "does not fit the crash kernel reservation" "image_size larger than the reservation" \
	--root "$t" /boot/huge
"$MKIMAGE" image "$t/boot/small" size=1048576 image_size=0x1000
refuse liar-size "says image_size 0x1000, less than the 1048576 bytes" "image_size smaller than the Image" \
	--root "$t" /boot/small
"$MKIMAGE" image "$t/boot/offset" size=1048576 text_offset=0x300000
refuse liar-offset "text_offset 0x300000 in its Image header" "text_offset past 2 MiB" \
	--root "$t" /boot/offset
truncate -s 200M "$t/boot/big-initrd"
refuse no-room "no room for the initrd" "an initrd larger than what is left" \
	--root "$t" --initrd=/boot/big-initrd /boot/Image
head -c 3145728 /dev/zero > "$WORK/blob"
sed '/^\/ {/a big = /incbin/("'"$WORK"'/blob");' "$MACHINES/qemu-virt/fdt.dts" > "$WORK/big.dts"
dtc -q -I dts -O dtb -o "$t/boot/big.dtb" "$WORK/big.dts"
refuse big-dtb "big.dtb" "a DTB larger than 2 MiB" --root "$t" --dtb=/boot/big.dtb /boot/Image
head -c 4096 /dev/urandom > "$t/boot/junk.dtb"
refuse junk-dtb "junk.dtb" "a DTB that is not one" --root "$t" --dtb=/boot/junk.dtb /boot/Image

cp "$t/proc/kcore" "$WORK/kcore.good"
head -c 100 "$WORK/kcore.good" > "$t/proc/kcore"
refuse kcore-cut "kcore: its 6 program headers at offset 64 lie beyond" "a truncated /proc/kcore" \
	--root "$t" /boot/Image
printf 'not an elf file at all, but long enough to hold a header..........' > "$t/proc/kcore"
refuse kcore-junk "kcore is not an ELF file" "/proc/kcore that is not ELF" --root "$t" /boot/Image
echo 'NUMBER(VA_BITS)=44' > "$WORK/bad.vmcoreinfo"
python3 "$PGEN/mkkcore.py" "$MACHINES/qemu-virt/kcore" "$WORK/bad.vmcoreinfo" "$t/proc/kcore"
refuse kcore-vabits "NUMBER\\(VA_BITS\\)=44 is not an arm64 VA size" "an impossible VA_BITS" \
	--root "$t" /boot/Image
cp "$WORK/kcore.good" "$t/proc/kcore"
echo "0x0000000042752000" > "$t/sys/kernel/vmcoreinfo"
refuse vmcoreinfo "/sys/kernel/vmcoreinfo: expected" "a malformed /sys/kernel/vmcoreinfo" \
	--root "$t" /boot/Image
echo "0x00000000ff752000 1024" > "$t/sys/kernel/vmcoreinfo"
refuse vmcoreinfo-ram "is not in System RAM" "VMCOREINFO outside RAM" --root "$t" /boot/Image
echo "0x0000000042752000 1024" > "$t/sys/kernel/vmcoreinfo"

# ram_ranges N: /proc/iomem with N System RAM ranges, the qemu-virt one
# and N - 1 more 64 KiB ranges above 4 GiB (a machine with that many
# memory holes), each its own PT_LOAD in the elfcorehdr
cp "$t/proc/iomem" "$WORK/iomem.good"
ram_ranges() {
	python3 - "$1" "$WORK/iomem.good" > "$t/proc/iomem" <<'PY'
import sys
n = int(sys.argv[1])
for line in open(sys.argv[2]):
    if line.startswith("4010000000"):
        for i in range(n - 1):
            a = 0x100000000 + i * 0x20000
            print("%x-%x : System RAM" % (a, a + 0xffff))
    sys.stdout.write(line)
PY
}
ram_ranges 32768
rm -rf "$WORK/ram-seg"
mkdir "$WORK/ram-seg"
run_kexec ram-max --root "$t" --dry-run -c -p --dump-segments="$WORK/ram-seg" /boot/Image
expect_status ram-max 0 "32768 System RAM ranges, the most accepted"
phdrs "$WORK/ram-seg/elfcorehdr.bin" > "$WORK/ram.phdrs"
n=$(awk '$1 == "LOAD" && $4 ~ /^0x00000001/ && $5 == "0x010000"' "$WORK/ram.phdrs" | wc -l)
check "32768 System RAM ranges: each above 4 GiB is a PT_LOAD of the elfcorehdr ($n)" \
	test "$n" -eq 32767
check "32768 System RAM ranges: the last one's PT_LOAD" \
	grep -q '^LOAD 0x1fffc0000 .* 0x00000001fffc0000 0x010000$' "$WORK/ram.phdrs"
ram_ranges 32769
refuse ram-over "/proc/iomem has more than 32768 System RAM ranges" \
	"32769 System RAM ranges" --root "$t" /boot/Image
cp "$WORK/iomem.good" "$t/proc/iomem"

# --- where the running kernel's image is (its PT_LOAD in the elfcorehdr) ---
# deb61-kdump, fresh for each case: "Kernel code" is [_stext, __init_begin)
# there, as on every kernel since 5.11
d=$WORK/trees/deb61-kdump
mktree deb61-kdump "$WORK/mm.good"
add_kernel "$WORK/mm.good" Image
mm_tree() {
	rm -rf "$d"
	cp -R "$WORK/mm.good" "$d"
}
mm_tree
sed -i 's/40210000-4185ffff : Kernel code/40310000-4185ffff : Kernel code/' "$d/proc/iomem"
refuse mm-code-moved "not in the 64 KiB before _stext 0xffffae0421a10000: /proc/iomem's Kernel code" \
	"Kernel code 1 MiB away from where kallsyms puts it" --root "$d" /boot/Image
mm_tree
sed -i 's/40210000-4185ffff : Kernel code/40110000-4185ffff : Kernel code/' "$d/proc/iomem"
refuse mm-code-low "not in the 64 KiB before _stext" "Kernel code 1 MiB below where kallsyms puts it" \
	--root "$d" /boot/Image
mm_tree
sed -i '/__init_begin/d' "$d/proc/kallsyms"
sed -i 's/40210000-4185ffff : Kernel code/40310000-4185ffff : Kernel code/' "$d/proc/iomem"
refuse mm-code-kvo "from _stext - 64 KiB .* and kimage_voffset) does not match /proc/iomem's Kernel code at 0x40310000" \
	"without __init_begin, Kernel code where kimage_voffset does not put the image" --root "$d" /boot/Image
mm_tree
echo "ffffae0421a00000 T _text" >> "$d/proc/kallsyms"
sed 's/^NUMBER(kimage_voffset)=.*/NUMBER(kimage_voffset)=0xffffae03e1700000/' \
	"$MACHINES/deb61-kdump/kcore.vmcoreinfo" > "$WORK/kvo.vmcoreinfo"
python3 "$PGEN/mkkcore.py" "$MACHINES/deb61-kdump/kcore" "$WORK/kvo.vmcoreinfo" "$d/proc/kcore"
refuse mm-kvo "is not where kimage_voffset 0xffffae03e1700000 puts it \\(0x40300000\\)" \
	"a kimage_voffset that contradicts kallsyms and /proc/iomem" --root "$d" /boot/Image

# A 4.14-era kernel: "Kernel code" is [_text, __init_begin), kallsyms has
# no _text (CONFIG_KALLSYMS_ALL off), _stext follows the head's 4 KiB, and
# /proc/kcore has no VMCOREINFO (before 4.19), so no kimage_voffset: the
# image starts at "Kernel code", at __init_begin less its length.
mm_tree
printf 'ffff000008081000 T _stext\nffff0000096d0000 T __init_begin\n' > "$d/proc/kallsyms"
cat > "$WORK/old.kcore" <<'EOF2'
page_offset ffff800000000000
page_size 4096
load text ffff000008000000 2210000 40000000
load ram ffff800040000000 20000000 40000000
EOF2
python3 "$PGEN/mkkcore.py" "$WORK/old.kcore" - "$d/proc/kcore"
rm -rf "$WORK/old-seg"
mkdir "$WORK/old-seg"
run_kexec old --root "$d" --dry-run -c -p --dump-segments="$WORK/old-seg" /boot/Image
expect_status old 0 "a pre-4.19 kernel: -c -p plans"
expect_stdout old "kernel image 0x40210000-0x4220ffff at 0xffff000008080000 \\(__init_begin less the length of Kernel code" \
	"a pre-4.19 kernel: the image starts at Kernel code, _text from __init_begin"
expect_stdout old "kexec_load: /proc/kcore has no VMCOREINFO note" "a pre-4.19 kernel: no VMCOREINFO is a warning"
phdrs "$WORK/old-seg/elfcorehdr.bin" > "$WORK/old.phdrs"
check "a pre-4.19 kernel: the image's PT_LOAD maps _text to its physical address" \
	grep -q '^LOAD 0x40210000 0xffff000008080000 0x0000000040210000 0x2000000$' "$WORK/old.phdrs"

# --- vmlinux (kexec_load only): flattened into the Image it was made from ---
# mkvmlinux IMAGE OUT [MODE]: an arm64 vmlinux as the kernel build links
# it (ET_DYN with CONFIG_RELOCATABLE, e_entry = _text, the Image's bytes in
# PT_LOADs at ascending p_vaddr with a zero gap between them and bss after
# the last); MODE breaks one thing
mkvmlinux() {
	python3 - "$@" <<'PY'
import struct, sys
img = open(sys.argv[1], "rb").read()
mode = sys.argv[3] if len(sys.argv) > 3 else ""
base, split = 0xffff800080000000, 0x10000
# the Image has zeros at [split, split + 0x1000) in its second PT_LOAD's gap
parts = [(0, split), (split + 0x1000, len(img))]
assert img[split:split + 0x1000] == bytes(0x1000)
ph, data, off = [], b"", 0x10000
for i, (a, b) in enumerate(parts):
    memsz = b - a + (0x20000 if i == len(parts) - 1 else 0)
    vaddr = base + a
    if mode == "overlap" and i == 1:
        vaddr -= 0x2000
    filesz = b - a
    if mode == "pastend" and i == 1:
        filesz += 0x100000
        memsz += 0x100000
    ph.append(struct.pack("<IIQQQQQQ", 1, 7, off + len(data), vaddr, vaddr,
                          filesz, memsz, 0x10000))
    data += img[a:b]
entry = base + (0x1000 if mode == "entry" else 0)
machine = 62 if mode == "x86" else 183
eh = (b"\x7fELF" + bytes([2, 1, 1, 0]) + bytes(8) +
      struct.pack("<HHIQQQIHHHHHH", 3, machine, 1, entry, 64, 0, 0, 64, 56,
                  len(ph), 64, 0, 0))
hdr = eh + b"".join(ph)
open(sys.argv[2], "wb").write(hdr + bytes(off - len(hdr)) + data)
PY
}
echo "0x0000000042752000 1024" > "$t/sys/kernel/vmcoreinfo"
"$MKIMAGE" image "$t/boot/Image-v" size=1048576
dd if=/dev/zero of="$t/boot/Image-v" bs=4096 seek=16 count=1 conv=notrunc 2> /dev/null
mkvmlinux "$t/boot/Image-v" "$t/boot/vmlinux"
run_kexec vmlinux-unpack --root "$t" --unpack="$WORK/flat" /boot/vmlinux
expect_status vmlinux-unpack 0 "vmlinux: --unpack flattens it"
check "vmlinux: flattened, it is the Image it was made from" cmp "$WORK/flat" "$t/boot/Image-v"
run_kexec vmlinux-c --root "$t" --dry-run --json -c -p /boot/vmlinux
run_kexec image-c --root "$t" --dry-run --json -c -p /boot/Image-v
expect_status vmlinux-c 0 "vmlinux: -c -p plans"
kernel_sha() {
	python3 -c 'import json, sys
p = json.load(open(sys.argv[1]))
print([s for s in p["segments"] if s["what"] == "kernel"][0]["sha256"])' "$WORK/$1.out"
}
if [ "$(kernel_sha vmlinux-c)" = "$(kernel_sha image-c)" ]; then
	ok "vmlinux: its kernel segment is the Image's"
else
	not_ok "vmlinux: its kernel segment is the Image's" "$(cat "$WORK/vmlinux-c.err")"
fi
run_kexec vmlinux-a --root "$t" --dry-run -p /boot/vmlinux
expect_status vmlinux-a 0 "vmlinux: -a plans"
expect_stdout vmlinux-a "is a vmlinux, which kexec_file_load does not take: using kexec_load" \
	"vmlinux: -a goes straight to kexec_load, and says so"
run_kexec vmlinux-s --root "$t" --dry-run -s -p /boot/vmlinux
expect_status vmlinux-s 255 "vmlinux: -s refuses it"
expect_stderr vmlinux-s "kexec_file_load takes the arm64 Image" "vmlinux: -s says why"
for mode in overlap pastend entry x86; do
	mkvmlinux "$t/boot/Image-v" "$t/boot/vmlinux-$mode" $mode
done
refuse vmlinux-overlap "PT_LOAD 1 at 0xffff80008000f000 overlaps" "vmlinux: overlapping PT_LOADs" \
	--root "$t" /boot/vmlinux-overlap
refuse vmlinux-pastend "PT_LOAD 1 .* does not fit the file" "vmlinux: a PT_LOAD past the file" \
	--root "$t" /boot/vmlinux-pastend
refuse vmlinux-entry "its entry 0xffff800080001000 is not the start" "vmlinux: an entry that is not _text" \
	--root "$t" /boot/vmlinux-entry
refuse vmlinux-x86 "not a little-endian arm64 ELF64" "vmlinux: an x86 ELF" \
	--root "$t" /boot/vmlinux-x86

done_testing

