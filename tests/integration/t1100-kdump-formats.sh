#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# kdump-compressed, flattened and split dumps in every variant give the
# same pages and the same report as the ELF dump they were made from.
# mkkdump writes what Debian's makedumpfile cannot (snappy, big-endian and
# 32-bit layouts, old header versions, the single bitmap, incomplete
# dumps); t1110 checks real makedumpfile output.
. "${top_srcdir:?}/tests/integration/lib.sh"

RAM=0x40000000:0x2000000
mkdump "$SPECS/model-4cpus.vmspec" "$WORK/src.elf"
pages src "$RAM" "$WORK/src.elf"
run_sdei src --json "$WORK/src.elf"
expect_status src 3 "the ELF source"

# kdump NAME DESCRIPTION EXCLUDED REPORT -- MKKDUMP-ARGS...: make the
# dump, compare its pages, and its report unless REPORT is "no"
kdump() {
	local name=$1 d=$2 excl=$3 report=$4
	shift 5
	"$MKKDUMP" "$@" "$WORK/src.elf" "$WORK/$name" 2> "$WORK/$name.mk" || {
		not_ok "$d: mkkdump" "$(cat "$WORK/$name.mk")"
		return
	}
	pages "$name" "$RAM" "$WORK/$name"
	expect_same_pages src "$name" "$d: the same pages" "$excl"
	run_sdei "$name" --json "$WORK/$name"
	[ "$report" = no ] || expect_same_report src "$name" "$d: the same report"
}


# A codec this build lacks must be named, not misread.
for c in none zlib lzo snappy zstd; do
	if [ $c != none ] && ! have_codec $c; then
		"$MKKDUMP" -c $c -d 31 "$WORK/src.elf" "$WORK/lack-$c" 2> /dev/null || {
			skip "$c pages" "neither this build nor the system has $c"
			continue
		}
		run_sdei lack-$c "$WORK/lack-$c"
		expect_status lack-$c 2 "$c pages in a build without $c"
		expect_stderr lack-$c "is $c-compressed and this build of kexec-sdei lacks $c" \
			"says the build lacks $c"
		continue
	fi
	kdump $c "$c, dump level 31, free pages excluded" some yes -- \
		-c $c -d 31 -x 0x41100000:0x100000
	json_check $c "r['dump']['format'] == 'kdump' and r['dump']['compression'] == '$c' and r['dump']['dump_level'] == 31 and r['dump']['header_version'] == 6" \
		"$c: format, codec, level and version reported"
done

have_codec zlib && {
	kdump flat "flattened kdump-compressed (records scrambled, overwritten, gaps)" none yes -- \
		-F -c zlib -d 1
	json_check flat "r['dump']['container'] == 'flattened'" "flattened container reported"
	# Versions before 4 carry no notes (3: VMCOREINFO only), nor does
	# the legacy diskdump: their reports differ, their pages must not.
	for v in 0 1 2 3 4 5; do
		r=yes
		[ $v -lt 4 ] && r=no
		kdump v$v "header version $v" none $r -- -V $v -c zlib -d 1
	done
	kdump one "one bitmap (legacy layout)" none yes -- --one-bitmap -c zlib
	kdump dd "DISKDUMP signature" none no -- --diskdump
}

for v in 0 1 2 3; do
	[ -f "$WORK/v$v.out" ] || continue
	json_check v$v "r['dump']['header_version'] == $v" "header version $v reported"
done
[ -f "$WORK/v3.out" ] && json_check v3 "r['kernel']['osrelease'] == '6.12.107-e2e48'" \
	"version 3: VMCOREINFO from the sub header"

"$MKKDUMP" --flatten-only "$WORK/src.elf" "$WORK/flatelf"
pages flatelf "$RAM" "$WORK/flatelf"
expect_same_pages src flatelf "flattened ELF: the same pages"
run_sdei flatelf --json "$WORK/flatelf"
expect_same_report src flatelf "flattened ELF: the same report"
json_check flatelf "r['dump']['format'] == 'elf' and r['dump']['container'] == 'flattened'" \
	"flattened ELF reported as such"

# Standard input: a pipe is spooled, a regular file read in place.
cat "$WORK/flatelf" | "$VMCORE_SDEI" --json - > "$WORK/pipe.out" 2> "$WORK/pipe.err"
echo $? > "$WORK/pipe.status"
expect_status pipe 3 "flattened stream on a pipe"
expect_same_report src pipe "flattened stream on a pipe: the same report"
json_check pipe "r['dump']['path'] == '(standard input)'" "standard input named as such"
TMPDIR=$WORK/nonexistent "$VMCORE_SDEI" - < "$WORK/src.elf" > "$WORK/redir.out" 2> "$WORK/redir.err"
echo $? > "$WORK/redir.status"
expect_status redir 3 "a file redirected to standard input is read in place"
cat "$WORK/src.elf" | TMPDIR=$WORK/nonexistent "$VMCORE_SDEI" - > "$WORK/nodir.out" 2> "$WORK/nodir.err"
echo $? > "$WORK/nodir.status"
expect_status nodir 2 "a pipe with no place to spool it"
expect_stderr nodir "cannot spool '\\(standard input\\)'.*'$WORK/nonexistent'" \
	"says where spooling failed"

# Split sets: any order; parts missing, doubled or foreign refused.
S=$WORK/split
"$MKKDUMP" -c lzo -d 1 --splitblock 0x800 "$WORK/src.elf" $S.1 $S.2 $S.3 2> /dev/null ||
	"$MKKDUMP" -d 1 --splitblock 0x800 "$WORK/src.elf" $S.1 $S.2 $S.3
pages split "$RAM" $S.3 $S.1 $S.2
expect_same_pages src split "split set in any order: the same pages"
run_sdei split --json $S.2 $S.3 $S.1
expect_same_report src split "split set: the same report"
json_check split "r['dump']['parts'] == ['$S.1', '$S.2', '$S.3'] and r['dump']['path'] == '$S.1'" \
	"parts listed in frame order"
run_sdei split1 $S.1
expect_status split1 2 "one part alone"
expect_stderr split1 "'$S.1'.*one part of a makedumpfile --split dump .*give all its files" \
	"says the other parts are needed"
run_sdei split2 $S.1 $S.3
expect_status split2 2 "a part missing"
expect_stderr split2 "page frames \\[0x[0-9a-f]+, 0x[0-9a-f]+\\) are in none of the 2 files \\(after '$S.1' and before '$S.3'\\): a part of the split dump is missing" \
	"names the missing frames and the parts around them"
run_sdei split3 $S.1 $S.2 $S.3 $S.2
expect_status split3 2 "a part given twice"
expect_stderr split3 "'$S.2' and '$S.2' are the same file" "names the doubled part"
"$MKKDUMP" -V 6 -d 3 --splitblock 0x800 "$WORK/src.elf" $S.x1 $S.x2 $S.x3 2> /dev/null
run_sdei split4 $S.1 $S.x2 $S.3
expect_status split4 2 "a part of another dump"
expect_stderr split4 "parts of different dumps" "says the parts are of different dumps"
run_sdei split5 $S.1 "$WORK/src.elf"
expect_status split5 2 "an ELF file among the parts"
expect_stderr split5 "'$WORK/src.elf' is not a kdump-compressed file" "names the odd one out"

# Incomplete: the last pages were never written; they are absent, not zero.
"$MKKDUMP" -d 1 --incomplete 40 "$WORK/src.elf" "$WORK/inc" 2> /dev/null
pages inc "$RAM" "$WORK/inc"
if [ "$(grep -c absent "$WORK/inc.pages")" = $(( $(grep -c absent "$WORK/src.pages") + 40 )) ]; then
	ok "incomplete dump: the 40 lost pages are absent"
else
	not_ok "incomplete dump: the 40 lost pages are absent" "$(grep -c absent "$WORK/inc.pages") absent"
fi
run_sdei inc --json "$WORK/inc"
json_check inc "r['dump']['incomplete'] and any('incomplete' in w for w in r['warnings'])" \
	"incomplete dump flagged and warned about"

# Big-endian and 32-bit machines: the pages, through the dump-level reader.
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
codec=none
have_codec zlib && codec=zlib
for v in "be:endian = big" "arm:class = 32|machine = 40" "i386:class = 32|machine = 3" \
	"armbe:class = 32|machine = 40|endian = big"; do
	n=${v%%:*}
	{ cat "$WORK/small.spec"; echo "${v#*:}" | tr '|' '\n'; } > "$WORK/$n.spec"
	mkdump "$WORK/$n.spec" "$WORK/$n.elf"
	"$MKKDUMP" -c $codec -d 1 "$WORK/$n.elf" "$WORK/$n.kdump" 2> /dev/null
	pages $n.elf 0x40000000:0x400000 "$WORK/$n.elf"
	pages $n 0x40000000:0x400000 "$WORK/$n.kdump"
	expect_same_pages $n.elf $n "$n layout: the same pages"
done
run_sdei be --json "$WORK/be.kdump"
json_check be "r['dump']['byte_order'] == 'big' and r['dump']['elf_class'] == 64" \
	"big-endian kdump reported as such"
run_sdei arm "$WORK/arm.kdump"
expect_stderr arm "not an arm64 dump \\(ELF machine 40" "a 32-bit arm kdump is read, and refused as not arm64"

# --read-phys shows the bytes, and which were excluded.
run_sdei rp --read-phys 0x41000ff8:16 "$WORK/none"
expect_status rp 0 "--read-phys"
expect_stdout rp "^0000000041000ff8  00 00 00 00 00 00 00 00  6b 65 78 65 63 2d 73 64  \\|........kexec-sd\\|\$" \
	"--read-phys prints address, hex and text"
run_sdei rpx --read-phys 0x41100000:0x1800 "$WORK/none"
expect_stdout rpx "^0000000041100000  \\(6144 bytes excluded from the dump; they read as zero\\)\$" \
	"--read-phys says which bytes were excluded"
run_sdei rpa --read-phys 0x10:4 "$WORK/none"
expect_status rpa 2 "--read-phys outside the dump"
expect_stderr rpa "physical address 0x10 \\(page frame 0x0\\) is not in the dump: not RAM" \
	"--read-phys says why"
run_sdei rpu --read-phys 12 "$WORK/none"
expect_status rpu 1 "--read-phys without a length"

done_testing
