#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Hostile input: whatever the file, vmcore-sdei exits 2 with a message that
# names the file and what is wrong, never crashes or allocates without
# bound.  (The full catalogue grows in tests/hostile/.)
. "${top_srcdir:?}/tests/integration/lib.sh"

# A small, complete dump to damage.
cat > "$WORK/base.spec" <<SPEC
ram = 0x40000000 0x10000
cpus = 2
crash_notes = 0x40008000 0x1000
cpu.0 = pid=1 pc=0xffff800080001000 pstate=0x60000005
cpu.1 = pid=2 pc=0xffff800080002000 pstate=0x600003c5
record = note
SPEC
mkdump "$WORK/base.spec" "$WORK/base.vmcore"
run_sdei base "$WORK/base.vmcore"
expect_status base 0 "the undamaged dump is fine"

# rejected NAME STDERR-REGEX DESCRIPTION: exit 2, message names the file
rejected() {
	local f=$WORK/$1.vmcore
	[ -e "$f" ] || f=$WORK/$1
	run_sdei "$1" "$f"
	expect_status "$1" 2 "$3"
	expect_stderr "$1" "^vmcore-sdei: .*'$f'.*$2" "$3: message names the file and the problem"
}

: > "$WORK/empty.vmcore"
rejected empty "is empty" "zero-length file"

mkdir -p "$WORK/adir"
rejected adir "is a directory" "a directory"

rejected missing "No such file" "a file that does not exist"

printf 'this is not a crash dump, just text\n%.0s' $(seq 1 100) > "$WORK/text.vmcore"
rejected text "not a crash dump" "a text file"

printf '\177EL' > "$WORK/magic3.vmcore"
rejected magic3 "not a crash dump" "three bytes of ELF magic"

head -c 10 "$WORK/base.vmcore" > "$WORK/ident.vmcore"
rejected ident "ELF identification" "cut inside e_ident"

head -c 40 "$WORK/base.vmcore" > "$WORK/ehdr.vmcore"
rejected ehdr "ELF header" "cut inside the ELF header"

head -c 100 "$WORK/base.vmcore" > "$WORK/phdr.vmcore"
rejected phdr "program header table \\(2 entries at offset 0x40\\) runs past the end" "cut inside the program headers"

head -c 400 "$WORK/base.vmcore" > "$WORK/notes.vmcore"
rejected notes "PT_NOTE .* overruns the end of the file" "cut inside the notes"

{ cat "$WORK/base.spec"; echo "machine = 62"; } > "$WORK/x86.spec"
mkdump "$WORK/x86.spec" "$WORK/x86.vmcore"
rejected x86 "not an arm64 dump \\(ELF machine 62" "an x86_64 dump"

{ cat "$WORK/base.spec"; echo "type = 2"; } > "$WORK/exec.spec"
mkdump "$WORK/exec.spec" "$WORK/exec.vmcore"
rejected exec "not a core dump: ELF type 2" "an executable, not a core"

{ cat "$WORK/base.spec"; echo "lie.note_size = 500"; } > "$WORK/overrun.spec"
mkdump "$WORK/overrun.spec" "$WORK/overrun.vmcore"
rejected overrun "note at offset 0x[0-9a-f]+: .* overrun the note segment" "a note that overruns its segment"

{ cat "$WORK/base.spec"; echo "lie.phnum = 65000"; } > "$WORK/phnum.spec"
mkdump "$WORK/phnum.spec" "$WORK/phnum.vmcore"
rejected phnum "program header table \\(65000 entries" "an absurd e_phnum"

{ cat "$WORK/base.spec"; echo "xnum = yes"; echo "lie.phnum = 0"; } > "$WORK/nophdr.spec"
mkdump "$WORK/nophdr.spec" "$WORK/nophdr.vmcore"
rejected nophdr "no program headers" "zero program headers"

{ grep -v '^record' "$WORK/base.spec"; echo "prstatus_size = 336"; } > "$WORK/x86note.spec"
mkdump "$WORK/x86note.spec" "$WORK/x86note.vmcore"
rejected x86note "NT_PRSTATUS is 336 bytes, an arm64 one is 392" "an x86_64-sized NT_PRSTATUS"

# A copy cut short in the memory still has its notes: analysed, warned.
{ cat "$WORK/base.spec"; echo "truncate = 4200"; } > "$WORK/short.spec"
mkdump "$WORK/short.spec" "$WORK/short.vmcore"
run_sdei short --json "$WORK/short.vmcore"
expect_status short 0 "memory cut short: still analysed"
json_check short 'r["dump"]["truncated"] and any("truncated" in w for w in r["warnings"])' \
	"truncation reported"
json_check short 'len(r["cpus"]) == 2 and all(c["buffer"] == "unreadable" for c in r["cpus"])' "lost buffers are unreadable, not empty"

# Two VMCOREINFO notes: the first counts (as for the kernel view), and
# the report says there were two.
{ cat "$WORK/base.spec"; echo "osrelease = first-note"; echo "vmcoreinfo_note = twice"; } > "$WORK/twovi.spec"
mkdump "$WORK/twovi.spec" "$WORK/twovi.vmcore"
run_sdei twovi --json "$WORK/twovi.vmcore"
expect_status twovi 0 "two VMCOREINFO notes are analysed"
json_check twovi 'r["kernel"]["osrelease"] == "first-note" and "more than one VMCOREINFO note: using the first, ignoring 1 more" in r["warnings"]' \
	"the first VMCOREINFO note counts, and the second is reported"

# 3000 VMCOREINFO notes and 3000 records: one warning each, with the
# count, not one per note (a notes segment of tiny notes holds tens of
# thousands).
{
	cat "$WORK/base.spec"
	echo "osrelease = first-note"
	echo "vmcoreinfo_note = 3000"
	echo "record = note"
	echo "record.notes = 3000"
} > "$WORK/manynotes.spec"
mkdump "$WORK/manynotes.spec" "$WORK/manynotes.vmcore"
run_sdei manynotes --json "$WORK/manynotes.vmcore"
expect_status manynotes 0 "3000 VMCOREINFO and record notes are analysed"
json_check manynotes 'r["kernel"]["osrelease"] == "first-note" and [w for w in r["warnings"] if "more than one" in w] == ["more than one VMCOREINFO note: using the first, ignoring 2999 more", "more than one KEXEC-SDEI note: only the first is read, ignoring 2999 more"]' \
	"one warning for each kind of extra note, with the count"
json_check manynotes 'r["record"] is not None and r["record"]["source"] == "note"' \
	"the first record is used"

# 3000 broken records: the first is ignored with its reason, the others
# only counted (each broken one read would be a warning of its own).
{
	cat "$WORK/base.spec"
	echo "record = note"
	printf '%s\n' 'record.raw = VERSION=1\nCPU(0)=mpidr:0x0,notes:0xfffffffffffff000,size:0x2000\n'
	echo "record.notes = 3000"
} > "$WORK/badrecords.spec"
mkdump "$WORK/badrecords.spec" "$WORK/badrecords.vmcore"
run_sdei badrecords --json "$WORK/badrecords.vmcore"
json_check badrecords 'r["record"] is None and [("wraps past the end" in w, w.split(":")[0]) for w in r["warnings"] if "KEXEC-SDEI" in w] == [(True, "ignoring the KEXEC-SDEI note"), (False, "more than one KEXEC-SDEI note")] and "more than one KEXEC-SDEI note: only the first is read, ignoring 2999 more" in r["warnings"]' \
	"3000 broken records: one warning with the reason, one with the count"

# Stop lines whose text carries terminal escapes, a NUL, a newline or
# a thousand bytes: the text report quotes them on one line, every control byte
# as \xNN and cut to a bounded length; JSON keeps the text as the kernel
# stored it (up to a NUL, which a JSON string cannot carry).  model = yes
# gives the page tables that reach the log without kallsyms.
long=$(printf 'x%.0s' $(seq 1 990))
sed -e 's/^osrelease = .*/&\nmodel = yes/' \
	-e 's/^\(log = 6 0.270604 caller=T1 sdei_nmi: using SDEI cross-CPU NMI\).*/\1\\x1b]0;owned\\x07\\x1b[2J\\nforged\\x00tail/' \
	-e "s/^log = 2 4.719980 SMP: stopping secondary CPUs.*/&\\nlog = 4 4.8 Some CPUs may be stale\\\\x1b[2J$long/" \
	"$SPECS/log-sdei-stop.vmspec" > "$WORK/ctl.spec"
mkdump "$WORK/ctl.spec" "$WORK/ctl.vmcore"
run_sdei ctl "$WORK/ctl.vmcore"
expect_status ctl 3 "stop lines with control bytes are analysed"
if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$WORK/ctl.out"; then
	not_ok "the text report writes no control byte from the dump" "$(od -c "$WORK/ctl.out" | grep -m3 '033\|\\a\|\\0')"
else
	ok "the text report writes no control byte from the dump"
fi
expect_stdout ctl '^ +"sdei_nmi: using SDEI cross-CPU NMI\\x1b\]0;owned\\x07\\x1b\[2J\\x0aforged\\x00tail"$' \
	"a stop line with escapes is quoted on one line, each control byte as \\xNN"
expect_stdout ctl '^ +"Some CPUs may be stale\\x1b\[2Jx{200,250}\.\.\."$' "a 1016-byte stop line is cut short with ..."
run_sdei ctlj --json "$WORK/ctl.vmcore"
json_check ctlj 'r["log"]["stop_lines"] == ["sdei_nmi: using SDEI cross-CPU NMI\x1b]0;owned\x07\x1b[2J\nforged", "SMP: stopping secondary CPUs", "Some CPUs may be stale\x1b[2J" + "x" * 990, "SMP: retry stop with SDEI NMI for CPUs 1"]' \
	"JSON keeps the stop lines as stored, in log order"

# A corrupt record is ignored with a warning, never trusted.
{ grep -v '^record' "$WORK/base.spec"; echo "record = note"; echo 'record.raw = VERSION=1\nCPU(0)=mpidr:0x0,notes:zz,size:0x1a8\n'; } > "$WORK/badrec.spec"
mkdump "$WORK/badrec.spec" "$WORK/badrec.vmcore"
run_sdei badrec --json "$WORK/badrec.vmcore"
expect_status badrec 0 "a corrupt record does not stop the analysis"
json_check badrec 'r["record"] is None and any("ignoring the KEXEC-SDEI note" in w and "line 2" in w for w in r["warnings"])' \
	"corrupt record ignored with the line named"

# Memory use stays small on a hostile note count: 20000 extra PT_LOADs and
# a 4 GiB declared RAM range cost nothing.
{ cat "$WORK/base.spec"; echo "ram = 0x100000000 0x100000000"; echo "extra_loads = 20000"; } > "$WORK/big.spec"
mkdump "$WORK/big.spec" "$WORK/big.vmcore"
if [ "${KSD_SANITIZERS:-no}" = yes ]; then
	skip "bounded memory on a large sparse dump" "AddressSanitizer reserves terabytes of address space"
else
	check "bounded memory on a large sparse dump (256 MiB address-space cap)" \
		sh -c "ulimit -v 262144 || exit 1; '$VMCORE_SDEI' -q '$WORK/big.vmcore'; test \$? -eq 0"
fi

done_testing
