#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Verdicts and the evidence behind them, on synthetic dumps shaped like
# the e2e kit's real ones.
. "${top_srcdir:?}/tests/integration/lib.sh"

# 1. SDEI armed, CPU 1 saved a DAIF-masked context; two notes, so the
#    panic CPU cannot be told from the notes alone: both readings shown.
mkdump "$SPECS/sdei-wedged-2cpu.vmspec" "$WORK/sdei.vmcore"
run_sdei sdei --json "$WORK/sdei.vmcore"
expect_status sdei 0 "two notes, panic CPU unknown: nothing proven wedged"
json_check sdei 'r["panic_cpu"] is None' "panic CPU not guessed"
json_check sdei 'r["cpus"][1]["verdict"] == "unknown" and r["cpus"][1]["possible"] == ["panic", "stopped-sdei"]' \
	"CPU 1: panic or stopped-sdei"
json_check sdei 'r["cpus"][0]["possible"] == ["panic", "stopped"]' "CPU 0: panic or stopped"
json_check sdei 'r["numbering"] == {"method": "record", "certain": True}' "numbering from the record"
json_check sdei 'r["record"]["sdei_nmi"] == "armed" and r["record"]["sdei_firmware"] == "dt"' "record parsed"
json_check sdei 'any(e["source"] == "registers" and "0x600003c5" in e["text"] for e in r["cpus"][1]["evidence"])' \
	"CPU 1 evidence names its PSTATE"
run_sdei sdei-text "$WORK/sdei.vmcore"
expect_stdout sdei-text '^  1  panic or stopped-sdei +maybe' "text: CPU 1 marked maybe wedged"
expect_stdout sdei-text 'panic CPU not identified' "text: says the panic CPU is unknown"

# 2. One note: it is the panic CPU's; the silent CPU is not-stopped, wedged.
mkdump "$SPECS/panic-and-silent-cpu.vmspec" "$WORK/silent.vmcore"
run_sdei silent --json "$WORK/silent.vmcore"
expect_status silent 3 "a CPU that never stopped is wedged"
json_check silent 'r["panic_cpu"] == 0 and r["cpus"][0]["verdict"] == "panic"' "CPU 0 is the panic CPU"
json_check silent 'r["cpus"][1]["verdict"] == "not-stopped" and r["cpus"][1]["wedged"]' "CPU 1 not-stopped, wedged"
json_check silent 'r["cpus"][1]["buffer"] == "empty" and r["cpus"][1]["registers"] is None' "CPU 1 buffer empty, no registers"
json_check silent 'any("SDEI_NMI=unavailable" in e["text"] for e in r["cpus"][1]["evidence"])' \
	"evidence cites the record's ladder"
run_sdei silent-text "$WORK/silent.vmcore"
expect_stdout silent-text '^CPU 1: not-stopped, WEDGED' "text: a block for the wedged CPU"
expect_stdout silent-text '^summary: 2 CPUs, 1 wedged' "text: summary"

# 3. Same, with three CPUs and both non-panic CPUs masked: at least one is wedged.
cat > "$WORK/masked.spec" <<SPEC
ram = 0x40000000 0x100000
cpus = 3
cpu.0 = pid=1 pc=0xffff800080001000 pstate=0x600003c5
cpu.1 = pid=2 pc=0xffff800080002000 pstate=0x60000085
cpu.2 = pid=3 pc=0xffff800080003000 pstate=0x60000005
SPEC
mkdump "$WORK/masked.spec" "$WORK/masked.vmcore"
run_sdei masked --json "$WORK/masked.vmcore"
expect_status masked 3 "two IRQs-masked contexts: at least one wedged"
json_check masked 'r["summary"]["wedged_at_least_more"] == 1' "at least one more wedged"
json_check masked 'r["numbering"]["method"] == "note-order" and not r["numbering"]["certain"]' \
	"no record: note order, uncertain"

# 4. The silent CPU with SDEI armed is still not-stopped; the record says so.
sed -e 's/record.nmi = unavailable/record.nmi = armed/' -e 's/record.firmware = none/record.firmware = acpi/' \
	"$SPECS/panic-and-silent-cpu.vmspec" > "$WORK/armed.spec"
mkdump "$WORK/armed.spec" "$WORK/armed.vmcore"
run_sdei armed --json "$WORK/armed.vmcore"
expect_status armed 3 "SDEI armed but CPU 1 saved nothing"
json_check armed 'any("even the last rung did not reach" in e["text"] for e in r["cpus"][1]["evidence"])' \
	"evidence: the SDEI rung did not reach it"

# 5. crash_notes in excluded memory are unreadable, not empty.
sed -e 's/^ram = .*/ram = 0x40000000 0x20000000 0x1f000000/' \
	"$SPECS/panic-and-silent-cpu.vmspec" > "$WORK/excl.spec"
mkdump "$WORK/excl.spec" "$WORK/excl.vmcore"
run_sdei excl --json "$WORK/excl.vmcore"
json_check excl 'r["cpus"][1]["buffer"] == "unreadable" and r["cpus"][1]["verdict"] == "unknown"' \
	"excluded crash_notes: unreadable, verdict unknown"
json_check excl 'any("excluded" in e["text"] for e in r["cpus"][1]["evidence"])' "evidence says excluded"

done_testing
