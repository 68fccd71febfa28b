#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# A real distribution kernel: Debian's arm64 linux-image package, fetched
# with apt-get download into a cache (KSD_CACHE_DIR, default
# ~/.cache/kexec-sdei), then recognised as it is, and unpacked byte for
# byte from Image.gz/.zst/.xz and from zboot containers made from it here.
# Skips (TAP "# SKIP") only when the package cannot be had.
. "${top_srcdir:?}/tests/integration/lib.sh"
. "$top_srcdir/tests/integration/kexec-lib.sh"

for tool in gzip xz zstd; do
	command -v $tool > /dev/null || skip_all "$tool is not installed"
done

CACHE=${KSD_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/kexec-sdei}/debian-arm64-kernel

fetch() {
	local pkg deb tmp
	command -v apt-get > /dev/null || skip_all "no apt-get to fetch a Debian arm64 kernel"
	dpkg --print-foreign-architectures 2> /dev/null | grep -qx arm64 ||
		skip_all "arm64 is not a dpkg foreign architecture (scripts/install-deps adds it)"
	pkg=$(apt-cache depends linux-image-arm64:arm64 2> /dev/null |
		sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*\)$/\1/p' | head -n 1)
	[ -n "$pkg" ] || skip_all "apt knows no linux-image-arm64:arm64 (apt-get update?)"
	mkdir -p "$CACHE" || skip_all "cannot create the cache $CACHE"
	tmp=$(mktemp -d "$CACHE/fetch.XXXXXX")
	# _apt must be able to write where apt-get download puts the file
	chmod 755 "$tmp"
	if ! (cd "$tmp" && timeout 600 apt-get download -q "$pkg") > "$WORK/fetch.log" 2>&1; then
		rm -rf "$tmp"
		skip_all "cannot download $pkg: $(tail -n 1 "$WORK/fetch.log")"
	fi
	deb=$(ls "$tmp"/*.deb)
	dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$tmp" --wildcards './boot/vmlinuz-*' ||
		{ rm -rf "$tmp"; skip_all "cannot unpack $deb"; }
	mv "$tmp"/boot/vmlinuz-* "$CACHE/" && basename "$deb" > "$CACHE/package"
	rm -rf "$tmp"
}

[ -n "$(ls "$CACHE"/vmlinuz-* 2> /dev/null)" ] || fetch
K=$(ls "$CACHE"/vmlinuz-* | head -n 1)
echo "# kernel: $(cat "$CACHE/package" 2> /dev/null) $(basename "$K")"

run_kexec raw -l --dry-run --json -s "$K"
expect_status raw 0 "Debian's vmlinuz is planned"
json_check raw "r['kernel']['format'] == 'Image' and r['kernel']['passed_as'] == 'file'" \
	"it is a raw Image (with an EFI stub), passed as the file"
json_check raw "r['kernel']['size'] == $(wc -c < "$K") and r['kernel']['page_size'] == 4096 and not r['kernel']['big_endian']" \
	"its header: 4K pages, little-endian"
json_check raw "int(r['kernel']['image_size'], 16) > $(wc -c < "$K")" \
	"image_size covers the file and the BSS"

I=$WORK/Image
cp "$K" "$I"
gzip -1 -c "$I" > "$I.gz"
zstd -q -3 -c "$I" > "$I.zst"
xz -0 -c --check=crc32 "$I" > "$I.xz"
size=$(python3 -c "import sys,struct; print(struct.unpack_from('<Q', open(sys.argv[1],'rb').read(24), 16)[0])" "$I")
cp "$I" "$WORK/pad"
truncate -s "$size" "$WORK/pad"
gzip -1 -c "$WORK/pad" > "$WORK/pad.gz"
zstd -q -3 -c "$WORK/pad" > "$WORK/pad.zst"
"$MKIMAGE" zboot "$WORK/pad.gz" gzip "$WORK/zb-gzip"
"$MKIMAGE" zboot "$WORK/pad.zst" zstd22 "$WORK/zb-zstd" size_trailer="$size"

for f in Image.gz:Image.gz:Image Image.zst:Image.zst:Image Image.xz:Image.xz:Image \
	zb-gzip:zboot-gzip:pad zb-zstd:zboot-zstd:pad; do
	file=${f%%:*} rest=${f#*:}
	fmt=${rest%%:*} orig=$WORK/${rest#*:}
	run_kexec "$file" -l --dry-run --json -s "$WORK/$file"
	json_check "$file" "r['kernel']['format'] == '$fmt' and r['kernel']['passed_as'] == 'memfd'" \
		"$file of Debian's kernel is recognised as $fmt"
	run_kexec "$file-unpack" --unpack="$WORK/$file.out" "$WORK/$file"
	if cmp -s "$orig" "$WORK/$file.out"; then
		ok "$file of Debian's kernel unpacks to it byte for byte"
	else
		not_ok "$file of Debian's kernel unpacks to it byte for byte" \
			"$(cat "$WORK/$file-unpack.err")"
	fi
	rm -f "$WORK/$file.out"
done

done_testing
