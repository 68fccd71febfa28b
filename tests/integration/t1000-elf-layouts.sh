#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The same crash in every ELF layout a dump can have gives the same report:
# both byte orders, ELF32, PN_XNUM extended numbering, excluded ranges.
. "${top_srcdir:?}/tests/integration/lib.sh"

spec=$SPECS/four-cpus-cpu2-silent.vmspec
mkdump "$spec" "$WORK/le.vmcore"
run_sdei le --json "$WORK/le.vmcore"
expect_status le 3 "little-endian ELF64"

# Compare everything but the path and the layout facts themselves.
same_report() {	# same_report NAME DESCRIPTION
	if python3 - "$WORK/le.out" "$WORK/$1.out" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for r in (a, b):
    del r["dump"]
sys.exit(0 if a == b else 1)
PY
	then
		ok "$2"
	else
		not_ok "$2" "$(diff "$WORK/le.out" "$WORK/$1.out" | head -40)"
	fi
}

{ cat "$spec"; echo "endian = big"; } > "$WORK/be.spec"
mkdump "$WORK/be.spec" "$WORK/be.vmcore"
run_sdei be --json "$WORK/be.vmcore"
expect_status be 3 "big-endian ELF64 (aarch64_be)"
json_check be 'r["dump"]["byte_order"] == "big"' "byte order reported"
same_report be "big-endian dump gives the same report"

{ cat "$spec"; echo "class = 32"; } > "$WORK/e32.spec"
mkdump "$WORK/e32.spec" "$WORK/e32.vmcore"
run_sdei e32 --json "$WORK/e32.vmcore"
expect_status e32 3 "ELF32 container"
json_check e32 'r["dump"]["elf_class"] == 32' "ELF class reported"
same_report e32 "ELF32 dump gives the same report"

# 70000 program headers need PN_XNUM: e_phnum = 0xffff, count in shdr 0.
{ cat "$spec"; echo "xnum = yes"; echo "extra_loads = 70000"; } > "$WORK/xnum.spec"
mkdump "$WORK/xnum.spec" "$WORK/xnum.vmcore"
run_sdei xnum --json "$WORK/xnum.vmcore"
expect_status xnum 3 "PN_XNUM extended numbering"
json_check xnum 'r["dump"]["load_segments"] == 70002' "all 70002 PT_LOADs counted"
same_report xnum "PN_XNUM dump gives the same report"

# makedumpfile -E leaves excluded runs out of the file (p_filesz < p_memsz).
{ cat "$spec"; echo "ram = 0x80000000 0x100000 0x1000"; } > "$WORK/excl.spec"
mkdump "$WORK/excl.spec" "$WORK/excl.vmcore"
run_sdei excl --json "$WORK/excl.vmcore"
same_report excl "excluded tail elsewhere does not change the report"

{ cat "$spec"; echo "incomplete = yes"; } > "$WORK/inc.spec"
mkdump "$WORK/inc.spec" "$WORK/inc.vmcore"
run_sdei inc --json "$WORK/inc.vmcore"
expect_status inc 3 "incomplete dump is still analysed"
json_check inc 'r["dump"]["incomplete"] and any("incomplete" in w for w in r["warnings"])' \
	"incomplete flag reported and warned"

# The same dump on a block device (a raw capture partition): libelf cannot
# map it (its st_size is 0), so the headers are read through the reader.
loopdev=
if [ "$(id -u)" = 0 ] && command -v losetup > /dev/null; then
	dd if="$WORK/le.vmcore" of="$WORK/blk.img" bs=1M conv=sparse status=none 2> /dev/null &&
		loopdev=$(losetup --find --show --read-only "$WORK/blk.img" 2> /dev/null)
fi
if [ -n "$loopdev" ] && [ -b "$loopdev" ]; then
	cp "$WORK/le.out" "$WORK/blk.ref"
	"$VMCORE_SDEI" --json "$loopdev" > "$WORK/blk.out" 2> "$WORK/blk.err"
	echo $? > "$WORK/blk.status"
	losetup -d "$loopdev"
	expect_status blk 3 "an ELF dump on a block device"
	same_report blk "a block device gives the same report"
else
	skip "an ELF dump on a block device" "needs root and a free loop device"
fi

done_testing
