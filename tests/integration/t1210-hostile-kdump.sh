#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Hostile kdump-compressed and flattened files: corrupt headers, page
# descriptors pointing outside the file, decompression bombs, bitmaps that
# disagree, truncated files and streams.  Each is exit status 2 with a
# message naming the file, what is wrong and the numbers (offset, page
# frame); none crashes, hangs or allocates without bound (the sanitizer
# build runs this too).
. "${top_srcdir:?}/tests/integration/lib.sh"

EDIT="python3 $top_srcdir/tests/tools/kdump-edit.py"
NOTES_PFN=0x40300	# CPU 0's crash_notes buffer, which the analysis reads

cat > "$WORK/small.spec" <<SPEC
ram = 0x40000000 0x400000
cpus = 2
crash_notes = 0x40300000 0x1000
cpu.0 = pid=1 pc=0xffff800080001000 pstate=0x60000005
cpu.1 = pid=2 pc=0xffff800080002000 pstate=0x600003c5
record = note
fill = 0x40000000 0x100000 text
fill = 0x40100000 0x80000 random
SPEC
mkdump "$WORK/small.spec" "$WORK/small.elf"

codec=none
have_codec zlib && codec=zlib
"$MKKDUMP" -c $codec -d 1 "$WORK/small.elf" "$WORK/base" 2> /dev/null
run_sdei base "$WORK/base"
expect_status base 0 "the undamaged kdump file is fine"

# damaged NAME EDIT-ARGS...: a copy of base with one edit
damaged() {
	local name=$1
	shift
	cp "$WORK/base" "$WORK/$name"
	$EDIT "$WORK/$name" "$@" || {
		echo "Bail out! kdump-edit $* failed"
		exit 1
	}
}

# rejected NAME STDERR-REGEX DESCRIPTION: exit 2, message names the file
rejected() {
	run_sdei "$1" "$WORK/$1"
	expect_status "$1" 2 "$3"
	expect_stderr "$1" "^vmcore-sdei: .*'$WORK/$1'.*$2" "$3: message names the file and the problem"
}

# Headers
damaged bs set 428 4 1000
rejected bs "block_size 1000 is not a page size" "a block size that is no page size"
damaged ver set 8 4 0x7fffffff
rejected ver "header_version 2147483647 is not a version makedumpfile writes" "an absurd header version"
damaged bmb set 436 4 1
rejected bmb "bitmap_blocks 1 is too small for max_mapnr 0x40400" "bitmaps too small for max_mapnr"
damaged mapnr0 sub 96 8 0
rejected mapnr0 "max_mapnr is 0" "max_mapnr 0"
damaged mapnrhuge sub 96 8 0x100000000000
rejected mapnrhuge "max_mapnr 0x100000000000 exceeds the limit of 0x1000000000 page frames \\(KSD_MAX_PFNS\\)" \
	"a max_mapnr past the limit"
damaged sub0 set 432 4 0
rejected sub0 "sub_hdr_size is 0 blocks" "no sub header"
damaged subhuge set 432 4 0x1000000
rejected subhuge "the bitmaps \\(.* blocks at offset 0x1000001000\\) run past the end of the file" \
	"a sub header larger than the file"
damaged notesize sub 56 8 0x10000000
rejected notesize "size_note 268435456 exceeds the limit of 67108864 bytes \\(KSD_MAX_NOTES_BYTES\\)" \
	"notes larger than the limit"
damaged noteoff sub 48 8 0x7fffffff0000
rejected noteoff "the notes \\(.* bytes at offset_note 0x7fffffff0000\\) run past the end of the file" \
	"notes past the end of the file"
head -c 100 "$WORK/base" > "$WORK/cut100"
rejected cut100 "file ends inside the disk_dump_header \\(100 of 464 bytes\\)" "cut inside the main header"
head -c 4100 "$WORK/base" > "$WORK/cut4100"
rejected cut4100 "file ends inside the kdump_sub_header at offset 0x1000" "cut inside the sub header"
head -c 9000 "$WORK/base" > "$WORK/cut9000"
rejected cut9000 "the bitmaps .* run past the end of the file \\(size 0x2328\\)" "cut inside the bitmaps"

# Page descriptors (of the page the analysis must read)
damaged doff desc $NOTES_PFN offset 0x7fffffff0000
rejected doff "page frame 0x40300: the page descriptor at offset 0x[0-9a-f]+ \\(data offset 0x7fffffff0000, .*\\) points outside the file" \
	"a descriptor pointing past the end of the file"
damaged dhdr desc $NOTES_PFN offset 0x100
rejected dhdr "page frame 0x40300: .*data offset 0x100, .* points into the headers, bitmaps or descriptors" \
	"a descriptor pointing into the headers"
damaged dneg desc $NOTES_PFN offset -4096
rejected dneg "page frame 0x40300: .* points into the headers" "a negative data offset"
damaged dsize desc $NOTES_PFN size 0x2000
rejected dsize "page frame 0x40300: .*size 8192.* gives a size that is not 1 to block_size bytes" \
	"a page larger than a block"
damaged dzero desc $NOTES_PFN size 0
rejected dzero "page frame 0x40300: .*size 0, .* gives a size that is not 1 to block_size bytes" \
	"a page of size 0"
damaged dflags desc $NOTES_PFN flags 0x3
rejected dflags "page frame 0x40300: .*flags 0x3\\) has unknown or several compression flags" \
	"two compression flags at once"
damaged dflags2 desc $NOTES_PFN flags 0x40
rejected dflags2 "page frame 0x40300: .*flags 0x40\\) has unknown or several compression flags" \
	"an unknown compression flag"

# The bitmaps: a frame dumped but not RAM, below the page read.
damaged disagree dump 0x10 1
rejected disagree "the bitmaps disagree: page frame 0x10 is dumped \\(2nd bitmap\\) but not RAM \\(1st bitmap\\)" \
	"bitmaps that disagree"

# A copy cut short inside the descriptors, not marked incomplete.
pos=$($EDIT "$WORK/base" where $NOTES_PFN)
head -c $((pos + 10)) "$WORK/base" > "$WORK/cutdesc"
rejected cutdesc "page frame 0x40300: its page descriptor \\(offset 0x[0-9a-f]+\\) lies past the end of the file .*: the file is truncated" \
	"cut inside the page descriptors"

# Decompression: bombs (a page inflating past its block) and garbage.
for c in zlib lzo snappy zstd; do
	if ! have_codec $c; then
		skip "$c bombs" "this build lacks $c"
		continue
	fi
	"$MKKDUMP" -c $c -d 1 --bomb 0x40300000 "$WORK/small.elf" "$WORK/bomb-$c" 2> /dev/null
	rejected bomb-$c "page frame 0x40300 \\(data at offset 0x[0-9a-f]+, [0-9]+ bytes\\): $c data inflates past the 4096-byte block" \
		"a $c decompression bomb"
	"$MKKDUMP" -c $c -d 1 "$WORK/small.elf" "$WORK/garble-$c" 2> /dev/null
	$EDIT "$WORK/garble-$c" garble $NOTES_PFN
	rejected garble-$c "page frame 0x40300 .*: $c data (does not decode|decodes to [0-9]+ bytes|inflates past)" \
		"garbled $c data"
done

# Flattened streams
"$MKKDUMP" --flatten-only "$WORK/base" "$WORK/flat"
run_sdei flat "$WORK/flat"
expect_status flat 0 "the undamaged flattened stream is fine"
size=$(stat -c %s "$WORK/flat")
head -c $((size - 16)) "$WORK/flat" > "$WORK/noend"
rejected noend "flattened stream ends at offset 0x[0-9a-f]+ after [0-9]+ records, without its end marker: the stream is truncated" \
	"a stream without its end marker"
head -c $((size - 100)) "$WORK/flat" > "$WORK/midrec"
rejected midrec "flattened record [0-9]+ at stream offset 0x[0-9a-f]+ holds [0-9]+ bytes but the stream ends [0-9]+ bytes later: the stream is truncated" \
	"a stream cut inside a record"
head -c 2000 "$WORK/flat" > "$WORK/flathdr"
rejected flathdr "flattened stream ends inside its 4096-byte header \\(size 2000\\)" \
	"a stream cut inside its header"
cp "$WORK/flat" "$WORK/badrec"
python3 - "$WORK/badrec" <<'PY'
import struct, sys
p = sys.argv[1]
d = bytearray(open(p, "rb").read())
struct.pack_into(">qq", d, 4096, -5, 10)
open(p, "wb").write(d)
PY
rejected badrec "flattened record 0 at stream offset 0x1000 has an invalid header \\{offset -5, size 10\\}" \
	"a record with a negative offset"
cp "$WORK/flat" "$WORK/badtype"
python3 - "$WORK/badtype" <<'PY'
import struct, sys
p = sys.argv[1]
d = bytearray(open(p, "rb").read())
struct.pack_into(">q", d, 16, 2)
open(p, "wb").write(d)
PY
rejected badtype "flattened header type is 2, expected 1" "a flattened header of another type"
head -c 4096 "$WORK/flat" > "$WORK/flatempty"
printf '\377\377\377\377\377\377\377\377\377\377\377\377\377\377\377\377' >> "$WORK/flatempty"
rejected flatempty "is an empty flattened stream: it has no data records" "a stream with no records"
printf 'this is no crash dump %.0s' $(seq 1 300) > "$WORK/junk"
"$MKKDUMP" --flatten-only "$WORK/junk" "$WORK/flatjunk"
rejected flatjunk "is a flattened makedumpfile stream, but what it holds is not a crash dump" \
	"a flattened stream of something else"

# A flattened ELF whose e_phoff says 1 GiB: the stream holds the program
# headers there, and every other byte below it is a gap.  The reader must
# copy the table alone (a few hundred bytes), not the 1 GiB before it.
python3 - "$WORK/small.elf" "$WORK/farphdr" <<'PY'
import struct, sys
elf = bytearray(open(sys.argv[1], "rb").read())
phoff, = struct.unpack_from("<Q", elf, 32)
phnum, = struct.unpack_from("<H", elf, 56)
table = bytes(elf[phoff:phoff + 56 * phnum])
far = 1 << 30
struct.pack_into("<Q", elf, 32, far)
out = bytearray(4096)
out[0:12] = b"makedumpfile"
struct.pack_into(">qq", out, 16, 1, 1)
for off, data in ((0, bytes(elf)), (far, table)):
    out += struct.pack(">qq", off, len(data)) + data
out += struct.pack(">qq", -1, -1)
open(sys.argv[2], "wb").write(out)
PY
run_sdei farphdr --json "$WORK/farphdr"
expect_status farphdr 0 "flattened ELF with its program headers at 1 GiB"
json_check farphdr 'r["dump"]["container"] == "flattened" and len(r["cpus"]) == 2' \
	"read through the far program header table"
if [ "${KSD_SANITIZERS:-no}" = yes ]; then
	skip "the far program header table costs no more than itself" "AddressSanitizer reserves terabytes of address space"
else
	check "the far program header table costs no more than itself (128 MiB address-space cap)" \
		sh -c "ulimit -v 131072 || exit 1; '$VMCORE_SDEI' -q '$WORK/farphdr'; test \$? -eq 0"
fi

# The same truncation arriving on a pipe.
head -c $((size - 100)) "$WORK/flat" | "$VMCORE_SDEI" - > "$WORK/pipecut.out" 2> "$WORK/pipecut.err"
echo $? > "$WORK/pipecut.status"
expect_status pipecut 2 "a truncated stream on standard input"
expect_stderr pipecut "^vmcore-sdei: '\\(standard input\\)': flattened record [0-9]+ .* the stream is truncated" \
	"names standard input and the truncation"

done_testing
