#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Differential: every register vmcore-sdei reports equals what elfutils'
# eu-readelf -n prints for the same note, in both byte orders.
. "${top_srcdir:?}/tests/integration/lib.sh"

command -v eu-readelf > /dev/null || skip_all "eu-readelf (elfutils) not installed"

compare() {	# compare NAME DESCRIPTION
	if python3 - "$WORK/$1.vmcore" "$WORK/$1.out" > "$WORK/$1.diff" 2>&1 <<'PY'
import json, re, subprocess, sys
dump, report = sys.argv[1], sys.argv[2]
text = subprocess.run(["eu-readelf", "-n", dump], check=True,
                      capture_output=True, text=True).stdout
notes = []
# eu-readelf calls every type-1 note PRSTATUS, the KEXEC-SDEI record too.
for block in re.split(r"\n\s*CORE\s+\d+\s+PRSTATUS\n", text)[1:]:
    block = re.split(r"\n\s*[A-Z][A-Z-]+\s+\d+\s+\w+\n", block)[0]
    regs = {}
    for name, val in re.findall(r"\b(x\d+|sp|pc|pstate|pid):\s+(-?\w+)", block):
        if name in regs:
            continue
        v = int(val, 0)
        regs[name] = v & (2**64 - 1)
    notes.append(regs)
r = json.load(open(report))
ours = {c["note_index"]: c for c in r["cpus"] if c["note_index"] is not None}
if len(ours) != len(notes) or not notes:
    print("note count", len(ours), "vs eu-readelf", len(notes)); sys.exit(1)
bad = 0
for i, regs in enumerate(notes):
    c = ours[i]
    if c["pid"] != regs["pid"]:
        print("note", i, "pid", c["pid"], regs["pid"]); bad += 1
    for name, v in regs.items():
        if name == "pid":
            continue
        if int(c["registers"][name], 16) != v:
            print("note", i, name, c["registers"][name], hex(v)); bad += 1
    if len(regs) != 35:
        print("eu-readelf gave", len(regs), "values for note", i); bad += 1
sys.exit(1 if bad else 0)
PY
	then
		ok "$2"
	else
		not_ok "$2" "$(cat "$WORK/$1.diff")"
	fi
}

# Registers with distinct, high-bit values so no field can be confused.
python3 - > "$WORK/regs.spec" <<'PY'
print("ram = 0x40000000 0x100000")
print("cpus = 3")
for c in range(3):
    regs = " ".join("x%d=0x%x" % (r, 0x8000000000000000 + c * 0x1000000 + r * 0x10001)
                    for r in range(31))
    print("cpu.%d = pid=%d %s sp=0xffff80008200%d000 pc=0xffff80008010%d004 pstate=0x%x"
          % (c, c * 7 + 11, regs, c, c, 0x600003c5 if c % 2 else 0x60000005))
PY
mkdump "$WORK/regs.spec" "$WORK/le.vmcore"
run_sdei le --json "$WORK/le.vmcore"
compare le "little-endian: all 34 registers and pid of every note match eu-readelf"

{ cat "$WORK/regs.spec"; echo "endian = big"; } > "$WORK/be.spec"
mkdump "$WORK/be.spec" "$WORK/be.vmcore"
run_sdei be --json "$WORK/be.vmcore"
compare be "big-endian: all registers match eu-readelf"

mkdump "$SPECS/four-cpus-cpu2-silent.vmspec" "$WORK/gap.vmcore"
run_sdei gap --json "$WORK/gap.vmcore"
compare gap "record-attributed notes match eu-readelf note by note"

done_testing
