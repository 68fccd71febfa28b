#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The command line: options, exit statuses, JSON validity.
. "${top_srcdir:?}/tests/integration/lib.sh"

mkdump "$SPECS/panic-and-silent-cpu.vmspec" "$WORK/w.vmcore"
mkdump "$SPECS/sdei-wedged-2cpu.vmspec" "$WORK/c.vmcore"

run_sdei help --help
expect_status help 0 "--help"
expect_stdout help '--json' "--help lists --json"
expect_stdout help 'Exit status: 0 nothing wedged, 3 wedged' "--help documents the exit statuses"
expect_stdout help '--read-phys ADDR:LEN' "--help lists --read-phys"
expect_stdout help 'DUMP \[PART\]\.\.\.' "--help shows split parts in the usage"
check "every long option is in --help and vmcore-sdei(8)" \
	python3 "$top_srcdir/tests/tools/options-documented.py" "$top_srcdir/vmcore-sdei/main.c" \
	"$WORK/help.out" "$top_srcdir/man/vmcore-sdei.8"
expect_stdout help "flattened \\(makedumpfile -F\\), or '-'" "--help names the formats and standard input"

# Every long option is in the man page.
for o in $(sed -n 's/^[[:space:]]*{ "\([a-z-]*\)", .*/\1/p' "$top_srcdir/vmcore-sdei/main.c"); do
	if grep -q -- "-$(echo "$o" | sed 's/-/\\\\-/g')" "$top_srcdir/man/vmcore-sdei.8"; then
		ok "man page documents --$o"
	else
		not_ok "man page documents --$o"
	fi
done

run_sdei version --version
expect_status version 0 "--version"
expect_stdout version "^vmcore-sdei \\(kexec-sdei\\) [0-9]" "--version prints the version"

run_sdei noargs
expect_status noargs 1 "no dump given"
expect_stderr noargs "no dump given" "says what is missing"

# Several files are the parts of one --split dump: two ELF dumps are not.
run_sdei two "$WORK/w.vmcore" "$WORK/c.vmcore"
expect_status two 2 "two ELF dumps"
expect_stderr two "'$WORK/w.vmcore' is an elf dump, and only kdump-compressed dumps come in makedumpfile --split sets" \
	"says only kdump-compressed dumps come in split sets"

run_sdei stdin2 - "$WORK/w.vmcore"
expect_status stdin2 1 "standard input and a file"
expect_stderr stdin2 "'-' \\(standard input\\) must be the only dump" "says '-' must be alone"

run_sdei badopt --bogus "$WORK/w.vmcore"
expect_status badopt 1 "unknown option"

run_sdei badcpu --cpu x "$WORK/w.vmcore"
expect_status badcpu 1 "--cpu with a non-number"

run_sdei nocpu --cpu 9 "$WORK/w.vmcore"
expect_status nocpu 1 "--cpu naming a CPU the dump lacks"
expect_stderr nocpu "CPU 9 is not in" "names the missing CPU"

run_sdei wedged "$WORK/w.vmcore"
expect_status wedged 3 "wedged CPU: exit 3"
run_sdei clean "$WORK/c.vmcore"
expect_status clean 0 "nothing proven wedged: exit 0"

run_sdei cpu0 --cpu 0 --json "$WORK/w.vmcore"
expect_status cpu0 0 "--cpu 0: the panic CPU is not wedged"
json_check cpu0 'len(r["cpus"]) == 1 and r["cpus"][0]["cpu"] == 0 and r["summary"]["cpus"] == 1' \
	"--cpu limits the JSON to that CPU"
run_sdei cpu1 --cpu 1 "$WORK/w.vmcore"
expect_status cpu1 3 "--cpu 1: the wedged CPU"
expect_stdout cpu1 '^CPU 1: not-stopped, WEDGED' "--cpu shows that CPU's block"

run_sdei quiet -q "$WORK/w.vmcore"
expect_status quiet 3 "--quiet keeps the exit status"
if [ ! -s "$WORK/quiet.out" ]; then ok "--quiet prints nothing"; else not_ok "--quiet prints nothing"; fi

run_sdei verbose -v "$WORK/c.vmcore"
expect_stdout verbose '^CPU 0: panic or stopped' "--verbose shows every CPU's block"

run_sdei json --json "$WORK/w.vmcore"
json_check json 'r["schema"] == "kexec-sdei.vmcore-sdei.report" and r["schema_version"] == 1' \
	"JSON names its schema and version"
json_check json 'set(r) == {"schema", "schema_version", "tool", "dump", "kernel", "record", "numbering", "symbols", "modules", "log", "prstatus_notes", "panic_cpu", "panic_evidence", "cpus", "summary", "warnings"}' \
	"JSON top-level members as documented"
json_check json 'set(r["cpus"][0]) == {"cpu", "verdict", "possible", "wedged", "mpidr", "crash_notes", "buffer", "note_index", "pid", "registers", "pstate", "pc_symbol", "lr_symbol", "backtrace", "evidence"}' \
	"JSON CPU members as documented"
json_check json 'r["kernel"] == {"osrelease": "6.1.0-56-arm64", "crashtime": 1764083000, "page_size": 4096}' \
	"kernel facts from VMCOREINFO"

# A path with characters JSON must escape.
cp "$WORK/w.vmcore" "$WORK/we\"ird\\name.vmcore"
run_sdei esc --json "$WORK/we\"ird\\name.vmcore"
json_check esc 'r["dump"]["path"].endswith("we\"ird\\name.vmcore")' "JSON escapes the path"

# Writing to a full device is an error, not silence.
if [ -w /dev/full ]; then
	"$VMCORE_SDEI" "$WORK/w.vmcore" > /dev/full 2> "$WORK/full.err"
	st=$?
	if [ $st -eq 2 ] && grep -q "writing the report failed: No space left on device" "$WORK/full.err"; then
		ok "a failed write of the report is reported (exit 2)"
	else
		not_ok "a failed write of the report is reported" "exit $st: $(cat "$WORK/full.err")"
	fi
fi

done_testing
