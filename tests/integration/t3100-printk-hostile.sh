#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# A damaged or malicious kernel log: an impossible geometry is an error
# that says what is wrong (exit 2), damage inside the ring is skipped with
# a counted warning, and nothing hangs or allocates what the dump claims.
# The damage is done with mem lines at the addresses mklog.c documents
# (tests/fixtures/README.md): log.base 0x40a00000, struct printk_ringbuffer
# at +0x100, descriptors at +0x1000, infos at +0x2000 and text at +0x3000
# for 2^4 descriptors.
. "${top_srcdir:?}/tests/integration/lib.sh"

PRINTK_DUMP=$top_builddir/tests/tools/printk-dump

pd() {
	local name=$1
	shift
	# timeout guards the suite against a hang; it measures nothing.
	timeout 120 "$PRINTK_DUMP" "$@" > "$WORK/$name.out" 2> "$WORK/$name.err"
	echo $? > "$WORK/$name.status"
}

base() {
	cat <<'EOF'
ram = 0x40000000 0x1000000
kernel_text = 0x40200000 0x1800000
log.desc_bits = 4
log.data_bits = 10
log.caller = T42
log = 6 1.0 first
log = 6 2.0 second
log = 6 3.0 third
log = 0 4.0 Kernel panic - not syncing: hostile
log = 2 5.0 SMP: stopping secondary CPUs
EOF
}

# case NAME MEM-LINES...: the base log damaged by the mem lines
case_() {
	local name=$1
	shift
	{ base; for m in "$@"; do echo "mem = $m"; done; } > "$WORK/$name.spec"
	mkdump "$WORK/$name.spec" "$WORK/$name.vmcore"
	pd "$name" "$WORK/$name.vmcore"
}

# rejected NAME REGEX DESCRIPTION
rejected() {
	expect_status "$1" 2 "$3"
	expect_stderr "$1" "^printk-dump: .*$1.vmcore: kernel log: $2" "$3: says what is wrong"
}

# skipped NAME LINES REGEX DESCRIPTION: read, LINES lines, a warning
skipped() {
	expect_status "$1" 0 "$4"
	local n
	n=$(wc -l < "$WORK/$1.out")
	if [ "$n" -eq "$2" ]; then
		ok "$4: $2 records kept"
	else
		not_ok "$4: $n records kept, expected $2" "$(cat "$WORK/$1.out")"
	fi
	expect_stderr "$1" "$3" "$4: counted with a warning"
}

case_ intact
skipped intact 5 'skipped: recycled=0 reserved=0 bad_block=0 unreadable=0 truncated=0' "the undamaged log"

# Geometry read from the dump: refused before anything is allocated.
case_ count "0x40a00100 u32:40"
rejected count 'the ring at 0xffff800000a00100 claims 2\^40 descriptors, more than the limit of 2\^23' \
	"2^40 descriptors"
case_ size "0x40a00130 u32:31"
rejected size 'the ring at 0x[0-9a-f]* claims a text ring of 2\^31 bytes, outside 2\^4\.\.2\^28' "a 2 GiB text ring"
case_ size0 "0x40a00130 u32:0"
rejected size0 'the ring at 0x[0-9a-f]* claims a text ring of 2\^0 bytes' "a 1-byte text ring"
case_ prb "0x40a00000 u64:0x1234"
rejected prb 'reading struct printk_ringbuffer at 0x1234: ' "prb points nowhere"

# Damage inside the ring: skipped, counted, the rest read.
case_ lpos "0x40a01008 u64:0x10,0x999999"
skipped lpos 4 'descriptor [0-9]+: data block \[0x10, 0x999999\) is not a block of the 1024-byte text ring' \
	"a descriptor pointing outside the data ring"
case_ blkid "0x40a03000 u64:0x77"
skipped blkid 4 'its data block at ring offset 0 carries id 119' "a data block of another id"
case_ state "0x40a01018 u64:0x4000000000000005"
skipped state 4 'slot 1 holds id 5' "a descriptor recycled under the reader"
case_ reserved "0x40a01030 u64:0x3ffffffffffffff2"
skipped reserved 4 'still reserved by its writer' "a record its writer never committed"
case_ textlen "0x40a02010 hex:ffff"
skipped textlen 5 'text_len 65535 exceeds its 16-byte data block; text cut' "text_len beyond the block"
case_ tail "0x40a00120 u64:5"
skipped tail 5 'tail id 5 is [0-9]+ ids behind head id [0-9]+, more than the ring.s 16 descriptors: reading the last 16' \
	"tail_id never reaches head_id"
case_ head "0x40a00118 u64:0x0fffffffffffffff"
skipped head 0 'ids behind head id' "head_id far from tail_id, garbage everywhere"
# the linear-map address of 0xc0000000, beyond the dump's RAM
case_ data "0x40a00138 u64:0xffff000080000000"
skipped data 0 'unreadable=5' "text array outside the dump"
expect_stderr data 'text: .*0xffff000080000000' "the warning names the address"

# The structured log: a cyclic buffer and a huge log_buf_len.
sbase() {
	base
	echo "log_format = structured"
}
scase() {
	local name=$1
	shift
	{ sbase; for m in "$@"; do echo "mem = $m"; done; } > "$WORK/$name.spec"
	mkdump "$WORK/$name.spec" "$WORK/$name.vmcore"
	pd "$name" "$WORK/$name.vmcore"
}
scase sintact
skipped sintact 5 'structured, 5 records' "the undamaged structured log"
# log_first_idx in the empty tail, log_next_idx never reached: cyclic
scase cyclic "0x40a00044 u32:800" "0x40a0004c u32:1000"
skipped cyclic 5 'a second end-of-buffer marker at index [0-9]+: the log is cyclic' "a cyclic structured log"
scase slen "0x40a00040 u32:0x80000000"
rejected slen 'log_buf_len 2147483648 exceeds the limit of 2\^28' "log_buf_len of 2 GiB"
scase sidx "0x40a00044 u32:5000"
rejected sidx 'log_first_idx 5000 or log_next_idx [0-9]+ lies outside log_buf_len 1024' "log_first_idx past the buffer"
scase sreclen "0x40a01008 hex:0200"
skipped sreclen 0 'record at index 0 has len 2, outside 24\.\.1024' "a record shorter than its header"

done_testing
