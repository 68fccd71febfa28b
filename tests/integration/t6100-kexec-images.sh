#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Kernel image formats made here: a raw Image, Image.gz/.zst/.xz, and EFI
# zboot containers with gzip, zstd22, lzma and xzkern payloads laid out as
# the kernel's Makefile.zboot makes them.  Each is recognised, and the
# Image kexec_file_load would get (--unpack) is the original byte for byte.
. "${top_srcdir:?}/tests/integration/lib.sh"
. "$top_srcdir/tests/integration/kexec-lib.sh"

for tool in gzip xz zstd; do
	command -v $tool > /dev/null || skip_all "$tool is not installed"
done

I=$WORK/Image
# An odd size, so nothing lines up by luck; image_size adds the BSS.
"$MKIMAGE" image "$I" size=3000001 image_size=0x320000 seed=7
gzip -9n -c "$I" > "$I.gz"
zstd -q -19 -c "$I" > "$I.zst"
xz -c --check=crc32 "$I" > "$I.xz"

# zboot pads the Image to image_size before compressing it (copy_and_pad)
P=$WORK/Image.pad
cp "$I" "$P"
truncate -s $((0x320000)) "$P"
gzip -9n -c "$P" > "$P.gz"
zstd -q -19 -c "$P" > "$P.zst"
xz --format=lzma -c "$P" > "$P.lzma"
# scripts/xz_wrap.sh: CRC32, the arm64 BCJ filter, a 32 MiB dictionary
xz -c --check=crc32 --arm64 --lzma2=dict=32MiB "$P" > "$P.xz" 2> /dev/null ||
	xz -c --check=crc32 "$P" > "$P.xz"
"$MKIMAGE" zboot "$P.gz" gzip "$WORK/zb-gzip"
"$MKIMAGE" zboot "$P.zst" zstd22 "$WORK/zb-zstd" size_trailer=$((0x320000))
"$MKIMAGE" zboot "$P.lzma" lzma "$WORK/zb-lzma" size_trailer=$((0x320000))
"$MKIMAGE" zboot "$P.xz" xzkern "$WORK/zb-xz" size_trailer=$((0x320000))

# check_format FILE FORMAT ORIGINAL: recognised as FORMAT, unpacks to ORIGINAL
check_format() {
	local f=$1 fmt=$2 orig=$3 n
	n=$(basename "$f")
	run_kexec "$n-plan" -l --dry-run --json -s "$f"
	expect_status "$n-plan" 0 "$n: planned"
	json_check "$n-plan" "r['kernel']['format'] == '$fmt'" "$n: recognised as $fmt"
	json_check "$n-plan" "r['kernel']['size'] == $(wc -c < "$orig")" \
		"$n: the Image size is that of the unpacked kernel"
	run_kexec "$n-unpack" --unpack="$WORK/$n.out" "$f"
	expect_status "$n-unpack" 0 "$n: --unpack"
	if cmp -s "$orig" "$WORK/$n.out"; then
		ok "$n: unpacks to the original Image"
	else
		not_ok "$n: unpacks to the original Image" "$(cmp "$orig" "$WORK/$n.out" 2>&1)"
	fi
}

check_format "$I" Image "$I"
json_check Image-plan "r['kernel']['passed_as'] == 'file'" "a raw Image is passed as the file itself"
check_format "$I.gz" Image.gz "$I"
json_check Image.gz-plan "r['kernel']['passed_as'] == 'memfd'" "an unpacked Image is passed as a memfd"
check_format "$I.zst" Image.zst "$I"
check_format "$I.xz" Image.xz "$I"
check_format "$WORK/zb-gzip" zboot-gzip "$P"
check_format "$WORK/zb-zstd" zboot-zstd "$P"
check_format "$WORK/zb-lzma" zboot-lzma "$P"
check_format "$WORK/zb-xz" zboot-xz "$P"
json_check zb-zstd-plan "r['kernel']['zboot'] == {'compression': 'zstd22', 'payload_offset': 4096, 'payload_size': $(wc -c < "$P.zst")}" \
	"the zboot header is reported"
json_check zb-gzip-plan "r['kernel']['image_size'] == '0x320000' and r['kernel']['page_size'] == 4096" \
	"the inner Image header is reported"

# gzip -c a b: concatenated members, as gzip itself unpacks them
head -c 1000000 "$I" | gzip -c > "$WORK/cat.gz"
tail -c +1000001 "$I" | gzip -c >> "$WORK/cat.gz"
check_format "$WORK/cat.gz" Image.gz "$I"
# zero padding after the stream (a block device, a padded partition)
{ cat "$I.gz"; head -c 4096 /dev/zero; } > "$WORK/pad.gz"
check_format "$WORK/pad.gz" Image.gz "$I"
{ cat "$I.zst"; head -c 1000 /dev/zero; } > "$WORK/pad.zst"
check_format "$WORK/pad.zst" Image.zst "$I"

# the plan says how the kernel gets it
run_kexec plan-text -l --dry-run -s "$WORK/zb-zstd"
expect_stdout plan-text "zboot payload: 'zstd22', [0-9]+ bytes at offset 0x1000" "the text plan names the zboot payload"
expect_stdout plan-text "passed as: a sealed memfd holding the unpacked Image" "the text plan says memfd"
expect_stdout plan-text "flags: +0x4 \\(KEXEC_FILE_NO_INITRAMFS\\)" "no initrd: KEXEC_FILE_NO_INITRAMFS"

done_testing
