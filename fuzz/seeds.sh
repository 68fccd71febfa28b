#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# fuzz/seeds.sh SRCDIR BUILDDIR: make the seed corpora of every harness in
# BUILDDIR/fuzz/seeds/<harness>/ from the test fixtures: the generator's
# dumps (tests/fixtures/specs) and the real ones (tests/fixtures/real,
# examples) and fuzz/specs (small generated kernels: every kallsyms
# encoding, granule and byte order; small printk rings), cut down by fuzz/mkseed to what the analysis reads and turned
# by mkkdump into every kdump-compressed, flattened and split variant; the
# fake machines' /proc, /sys and /dev files, device trees and ACPI tables;
# kernel images from mkimage.  Nothing here is committed: seeds are made
# again whenever they are needed (make fuzz-seeds).
set -eu
src=$1 build=$2
out=$build/fuzz/seeds
work=$out/.work
mkseed=$build/fuzz/mkseed
mkvmcore=$build/tests/fixtures/mkvmcore
mkkdump=$build/tests/fixtures/mkkdump
mkimage=$build/tests/fixtures/mkimage
# The tools may be sanitizer builds: their leak reports are not ours here.
ASAN_OPTIONS=detect_leaks=0
export ASAN_OPTIONS

rm -rf "$out"
for h in $("$build/fuzz/replay" --list); do
	mkdir -p "$out/$h"
done
mkdir -p "$work"

# Dumps: each cut down to the pages the whole analysis reads.
n=0
set --
for spec in "$src"/tests/fixtures/specs/*.vmspec "$src"/fuzz/specs/*.vmspec; do
	name=$(basename "$spec" .vmspec)
	"$mkvmcore" "$spec" "$work/$name.vmcore"
	set -- "$@" "$work/$name.vmcore"
done
for xzf in "$src"/tests/fixtures/real/*.vmcore.xz "$src"/examples/*.vmcore.xz; do
	[ -f "$xzf" ] || continue
	name=$(basename "$xzf" .vmcore.xz)
	xz -dc "$xzf" > "$work/$name.vmcore"
	set -- "$@" "$work/$name.vmcore"
done
for dump in "$@"; do
	name=$(basename "$dump" .vmcore)
	elf=$out/dump_elf/$name.elf
	"$mkseed" elf "$dump" "$elf" || { rm -f "$elf"; continue; }
	cp "$elf" "$out/whole/$name.elf"
	for kind in printk kallsyms xlat; do
		"$mkseed" $kind "$dump" "$out/$kind/$name" 2>/dev/null ||
			rm -f "$out/$kind/$name"
	done
	"$mkseed" unwind "$dump" "$out/unwind/$name" 2>/dev/null || :
	for c in none zlib lzo snappy zstd; do
		"$mkkdump" -c $c -d 1 "$elf" "$out/dump_kdump/$name-$c" 2>/dev/null ||
			rm -f "$out/dump_kdump/$name-$c"
	done
	"$mkkdump" -c zlib -V 3 "$elf" "$out/dump_kdump/$name-v3" 2>/dev/null || :
	"$mkkdump" -c none --diskdump "$elf" "$out/dump_kdump/$name-diskdump" 2>/dev/null || :
	"$mkkdump" -c zlib -F "$elf" "$out/dump_flat/$name-zlib" 2>/dev/null || :
	"$mkkdump" --flatten-only "$elf" "$out/dump_flat/$name-elf" 2>/dev/null || :
	if "$mkkdump" -c zlib "$elf" "$work/p1" "$work/p2" "$work/p3" 2>/dev/null; then
		# fuzz-dump-split.c cuts its input at this separator
		{ cat "$work/p1"; printf '\n--KSD-SPLIT-PART--\n'; cat "$work/p2"
		  printf '\n--KSD-SPLIT-PART--\n'; cat "$work/p3"; } > "$out/dump_split/$name"
	fi
	n=$((n + 1))
done
rm -f "$work"/*.vmcore

# Notes, VMCOREINFO, the record and single pages, taken out of those files.
python3 - "$out" <<'PY'
import os, struct, sys
out = sys.argv[1]
def notes_of(path):
    d = open(path, 'rb').read()
    e = '>' if d[5] == 2 else '<'
    phoff, = struct.unpack_from(e + 'Q', d, 32)
    phnum, = struct.unpack_from(e + 'H', d, 56)
    for i in range(phnum):
        t, = struct.unpack_from(e + 'I', d, phoff + 56 * i)
        if t == 4:
            off, = struct.unpack_from(e + 'Q', d, phoff + 56 * i + 8)
            sz, = struct.unpack_from(e + 'Q', d, phoff + 56 * i + 32)
            return e, d[off:off + sz]
    return e, b''
for f in sorted(os.listdir(os.path.join(out, 'dump_elf'))):
    e, n = notes_of(os.path.join(out, 'dump_elf', f))
    # fuzz-notes.c: the first byte's low bit is the byte order
    open(os.path.join(out, 'notes', f), 'wb').write((b'\1' if e == '>' else b'\0') + n)
    pos = 0
    while pos + 12 <= len(n):
        nsz, dsz, typ = struct.unpack_from(e + 'III', n, pos)
        name = n[pos + 12:pos + 12 + nsz].rstrip(b'\0')
        dpos = pos + 12 + ((nsz + 3) & ~3)
        desc = n[dpos:dpos + dsz]
        if name == b'VMCOREINFO':
            open(os.path.join(out, 'vmcoreinfo', f), 'wb').write(desc)
        elif name == b'KEXEC-SDEI':
            open(os.path.join(out, 'record', f), 'wb').write(desc)
        if nsz == 0 and dsz == 0:
            break
        pos = dpos + ((dsz + 3) & ~3)
codecs = {0x01: 0, 0x02: 1, 0x04: 2, 0x20: 3}
kd = os.path.join(out, 'dump_kdump')
for f in sorted(os.listdir(kd)):
    d = open(os.path.join(kd, f), 'rb').read()
    if d[:8] != b'KDUMP   ':
        continue
    # disk_dump_header, 64-bit layout: block_size at 8+65*6+2 (aligned)
    base = 428   # signature, version, utsname, pad, timeval, status
    bs, shs, bmb = struct.unpack_from('<iii', d, base)
    if bs <= 0:
        continue
    desc = (1 + shs + bmb) * bs
    got = 0
    for i in range(64):
        if desc + 24 * i + 16 > len(d):
            break
        off, size, flags = struct.unpack_from('<qII', d, desc + 24 * i)
        if flags in codecs and 0 < size <= bs and got < 4:
            sel = codecs[flags] | {4096: 0, 16384: 4, 65536: 8}.get(bs, 0)
            open(os.path.join(out, 'kdump_page', '%s-%d' % (f, i)), 'wb').write(
                bytes([sel]) + d[off:off + size])
            got += 1
PY
printf 'console=ttyAMA0 kexec_sdei.record=v1,dt-smc,armed,pnmi-off quiet' > "$out/record/token"
printf 'kexec_sdei.record=v1,acpi-hvc,unavailable,pnmi-on' > "$out/record/token2"

# The fake machines and what real guests wrote.
for m in "$src"/tests/fixtures/machines/*/; do
	name=$(basename "$m")
	t=$m/tree
	[ -f "$t/proc/iomem" ] && cp "$t/proc/iomem" "$out/iomem/$name"
	for f in possible present online offline; do
		[ -f "$t/sys/devices/system/cpu/$f" ] &&
			cp "$t/sys/devices/system/cpu/$f" "$out/cpus/$name-$f"
	done
	[ -f "$t/dev/kmsg" ] && cp "$t/dev/kmsg" "$out/kmsg/$name"
	if [ -f "$t/proc/cmdline" ]; then
		{ cat "$t/proc/cmdline"; printf '\0crashkernel=256M nr_cpus=1'; } > "$out/cmdline/$name"
	fi
	# /dev/kmsg, /proc/kallsyms (the SDEI lines), /proc/cmdline
	{ cat "$t/dev/kmsg" 2>/dev/null; printf '\0'
	  grep -E ' sdei|_sdei' "$t/proc/kallsyms" 2>/dev/null || :; printf '\0'
	  cat "$t/proc/cmdline" 2>/dev/null || :; } > "$out/sdei_detect/$name"
	for dts in "$m"/*.dts; do
		[ -f "$dts" ] || continue
		dtc -q -I dts -O dtb -o "$out/dt/$name-$(basename "$dts" .dts)" "$dts" 2>/dev/null &&
			cp "$out/dt/$name-$(basename "$dts" .dts)" "$out/fdt_edit/"
		:
	done
	if [ -f "$m/acpi.tables" ]; then
		mkdir -p "$work/acpi" &&
		python3 "$src/tests/fixtures/machines/mkacpi.py" "$m/acpi.tables" "$work/acpi" &&
		for tab in FACP APIC SDEI; do
			[ -f "$work/acpi/$tab" ] || continue
			case $tab in FACP) sel='\000' ;; APIC) sel='\001' ;; SDEI) sel='\002' ;; esac
			{ printf "$sel"; cat "$work/acpi/$tab"; } > "$out/acpi/$name-$tab"
		done
	fi
done
for run in /work/e2e-work/runs/*/share/out; do
	[ -d "$run" ] || continue
	name=$(basename "$(dirname "$(dirname "$run")")")
	[ -f "$run/first-iomem.txt" ] && cp "$run/first-iomem.txt" "$out/iomem/$name"
	[ -f "$run/first-cmdline.txt" ] && cp "$run/first-cmdline.txt" "$out/cmdline/$name"
	# the DTB the firmware handed a real guest (TF-A runs)
	if [ -f "$run/../../sdei.dtb" ]; then
		cp "$run/../../sdei.dtb" "$out/dt/$name"
		cp "$run/../../sdei.dtb" "$out/fdt_edit/$name"
	fi
done

# Kernel images: raw, each compression, zboot with each payload.
if [ -x "$mkimage" ]; then
	"$mkimage" image "$work/Image" size=8192 image_size=0x20000
	cp "$work/Image" "$out/image/Image"
	gzip -9nc "$work/Image" > "$out/image/Image.gz"
	xz -c "$work/Image" > "$out/image/Image.xz"
	zstd -q -c "$work/Image" > "$out/image/Image.zst" 2>/dev/null || :
	"$mkimage" zboot "$out/image/Image.gz" gzip "$out/image/zboot-gzip"
	[ -f "$out/image/Image.zst" ] &&
		"$mkimage" zboot "$out/image/Image.zst" zstd22 "$out/image/zboot-zstd"
	xz -c --format=lzma "$work/Image" > "$work/Image.lzma"
	"$mkimage" zboot "$work/Image.lzma" lzma "$out/image/zboot-lzma"
	"$mkimage" zboot "$out/image/Image.xz" xzkern "$out/image/zboot-xz"
fi
rm -rf "$work"
for h in $("$build/fuzz/replay" --list); do
	printf '%s %s\n' "$(ls "$out/$h" | wc -l)" "$h"
done | sort -k2 | awk '{ printf "%s: %s seeds\n", $2, $1 }'
echo "seeds.sh: $n dumps cut down into $out"
