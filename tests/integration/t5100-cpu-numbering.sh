#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# CPU attribution: /proc/vmcore squeezes out the empty crash_notes buffer
# of a CPU that saved nothing, so the k-th note is not CPU k (drgn #404,
# crash #105).  With the SDEI record each CPU's own buffer is read and the
# numbering is exact; without it the report must say it is guessing.
. "${top_srcdir:?}/tests/integration/lib.sh"

mkdump "$SPECS/four-cpus-cpu2-silent.vmspec" "$WORK/rec.vmcore"
run_sdei rec --json "$WORK/rec.vmcore"
expect_status rec 3 "CPU 2 never stopped"
json_check rec '[c["pid"] for c in r["cpus"]] == [100, 0, None, 303]' \
	"pids land on CPUs 0, 1, -, 3 (the third note is CPU 3's)"
json_check rec '[c["note_index"] for c in r["cpus"]] == [0, 1, None, 2]' \
	"each CPU matched to its PT_NOTE entry"
json_check rec 'r["cpus"][2]["verdict"] == "not-stopped" and r["cpus"][2]["wedged"]' \
	"CPU 2 not-stopped and wedged"
json_check rec 'r["cpus"][3]["registers"]["pstate"] == "0x80000005"' "CPU 3 registers are CPU 3's"
json_check rec 'r["cpus"][2]["crash_notes"] == "0x5ff20000" and r["cpus"][2]["mpidr"] == "0x2"' \
	"CPU 2's buffer address and MPIDR from the record"
json_check rec 'r["numbering"]["certain"]' "numbering certain"

grep -v '^record' "$SPECS/four-cpus-cpu2-silent.vmspec" > "$WORK/norec.spec"
mkdump "$WORK/norec.spec" "$WORK/norec.vmcore"
run_sdei norec --json "$WORK/norec.vmcore"
json_check norec 'len(r["cpus"]) == 3 and r["cpus"][2]["pid"] == 303' \
	"without the record: three notes in order"
json_check norec 'r["numbering"] == {"method": "note-order", "certain": False}' \
	"without the record: numbering flagged uncertain"
json_check norec 'len(r["cpus"]) == 3 and all(any(e["source"] == "note-order" for e in c["evidence"]) for c in r["cpus"])' \
	"every CPU's evidence says it came from note order"
run_sdei norec-text "$WORK/norec.vmcore"
expect_stdout norec-text 'numbering: by note order, unverified' "text says numbering is unverified"

# The kexec_file_load token carries the ladder but no CPU map.
echo "console=ttyAMA0 nr_cpus=1 kexec_sdei.record=v1,dt-smc,armed,pnmi-off" > "$WORK/cmdline"
run_sdei token --json --cmdline "$WORK/cmdline" "$WORK/norec.vmcore"
json_check token 'r["record"]["source"] == "cmdline" and r["record"]["sdei_nmi"] == "armed"' \
	"token from --cmdline parsed"
json_check token 'r["numbering"]["method"] == "note-order"' "token gives no CPU map"

# CPUs 1 and 3 saved the same registers, so their notes are identical:
# each buffer claims its own note, the first unclaimed in note order.
sed 's/^cpu\.3 = .*/cpu.3 = pid=0 pc=0xffff800080010000 sp=0xffff800082013e10 pstate=0x60000005/' \
	"$SPECS/four-cpus-cpu2-silent.vmspec" > "$WORK/twins.spec"
grep -q '^cpu\.1 = pid=0 pc=0xffff800080010000 sp=0xffff800082013e10 pstate=0x60000005$' "$WORK/twins.spec" ||
	echo "Bail out! four-cpus-cpu2-silent.vmspec's CPU 1 changed"
mkdump "$WORK/twins.spec" "$WORK/twins.vmcore"
run_sdei twins --json "$WORK/twins.vmcore"
json_check twins '[c["note_index"] for c in r["cpus"]] == [0, 1, None, 2] and not any("match no CPU" in w for w in r["warnings"])' \
	"identical notes: one each, in note order, none left over"

# A record whose buffer addresses are not in the dump: unreadable, uncertain.
sed 's/^crash_notes = .*/crash_notes = 0x7ff00000 0x10000/' \
	"$SPECS/four-cpus-cpu2-silent.vmspec" > "$WORK/lost.spec"
mkdump "$WORK/lost.spec" "$WORK/lost.vmcore"
run_sdei lost --json "$WORK/lost.vmcore"
json_check lost 'len(r["cpus"]) == 4 and all(c["buffer"] == "unreadable" for c in r["cpus"])' "buffers outside the dump are unreadable"
json_check lost 'not r["numbering"]["certain"]' "numbering then uncertain"
json_check lost 'any("match no CPU" in w for w in r["warnings"])' "unattributed notes warned about"

# Note order and a log naming CPUs that never stopped: their notes are
# missing, so the notes are numbered past them and they are added.  Four
# CPUs, CPU 2 silent, its SDEI signal failure printed three times.
log_of() {	# log_of SED-SCRIPT: log-sdei-stop's log lines, edited
	grep '^log' "$SPECS/log-sdei-stop.vmspec" | sed "$1"
}
{
	grep -v '^record' "$SPECS/four-cpus-cpu2-silent.vmspec" |
		sed 's/^osrelease = .*/&\nmodel = yes/'
	log_of 's/^\(log = 6 5.834749 \).*/\1SMP: failed to stop secondary CPUs 2/
		/SMP: failed to stop/{p;s/SMP: failed to stop secondary CPUs 2/sdei_nmi: SDEI_EVENT_SIGNAL to CPU 2 failed: -5/p;p;p;d}'
} > "$WORK/failed.spec"
mkdump "$WORK/failed.spec" "$WORK/failed.vmcore"
run_sdei failed --json "$WORK/failed.vmcore"
json_check failed '[(c["cpu"], c["note_index"], c["pid"]) for c in r["cpus"]] == [(0, 0, 100), (1, 1, 0), (2, None, None), (3, 2, 303)]' \
	"log-named failed CPU 2 added; the third note numbered CPU 3"
json_check failed 'any("skip the 1 CPU(s) the kernel log says never stopped" in w for w in r["warnings"])' \
	"the renumbering is warned about"
json_check failed '[e["text"] for e in r["cpus"][2]["evidence"] if "SDEI_EVENT_SIGNAL" in e["text"]] == ["\"sdei_nmi: SDEI_EVENT_SIGNAL to CPU 2 failed: -5\" (and 2 more lines like it)"]' \
	"a repeated signal failure is quoted once, with the count of the rest"

# 48 notes around 31 failed CPUs (0-15,40,50-63): the notes take the
# numbers the failed CPUs leave, in order, and the report is in CPU order.
{
	grep -v '^record\|^cpu\.' "$SPECS/four-cpus-cpu2-silent.vmspec" |
		sed 's/^osrelease = .*/&\nmodel = yes/; s/^cpus = .*/cpus = 48/'
	i=0
	while [ $i -lt 48 ]; do
		echo "cpu.$i = pid=$((1000 + i)) pc=0xffff800080010000 sp=0xffff800082013e10 pstate=0x60000005"
		i=$((i + 1))
	done
	log_of 's/SMP: retry stop with SDEI NMI for CPUs 1/SMP: failed to stop secondary CPUs 0-15,40,50-63/'
} > "$WORK/failed48.spec"
mkdump "$WORK/failed48.spec" "$WORK/failed48.vmcore"
run_sdei failed48 --json "$WORK/failed48.vmcore"
json_check failed48 '[c["cpu"] for c in r["cpus"]] == list(range(79))' \
	"79 CPUs, in CPU order"
json_check failed48 '[c["cpu"] for c in r["cpus"] if c["note_index"] is None] == list(range(16)) + [40] + list(range(50, 64))' \
	"the failed CPUs have no note"
json_check failed48 '[(c["note_index"], c["pid"]) for c in r["cpus"] if c["note_index"] is not None] == [(k, 1000 + k) for k in range(48)]' \
	"the notes in order on the other CPUs"

done_testing
