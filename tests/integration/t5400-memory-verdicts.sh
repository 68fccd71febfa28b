#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Verdicts from kernel memory (design.md source 3) on generated kernels
# without the SDEI record: panic_cpu, the cpumasks telling self-stopped,
# offline and not-stopped CPUs apart, sdei_active_normal_event, and CPU
# numbering through each CPU's crash_notes buffer found via the per-CPU
# pointer.  The expectations are exact: every CPU's verdict, wedged flag,
# buffer state, pid and evidence text, and the whole report of the main
# scenario against a golden file.
. "${top_srcdir:?}/tests/integration/lib.sh"

EXPECT=$top_srcdir/tests/fixtures/expect

# Seven CPUs after a crash (4K, 48-bit, KASLR'd):
#   0 panicked (panic_cpu)                      pc in __crash_kexec
#   1 stopped by the IPI in idle                 IRQs unmasked
#   2 saved nothing, clear in online, active     parked on a parallel panic
#   3 saved nothing, still online                no rung reached it
#   4 saved nothing, clear in online and active  offline before the crash
#   5 IRQs unmasked but inside an SDEI event     SDEI rung after the IPI
#   6 IRQs masked                                SDEI rung, wedged
cat > "$WORK/seven.spec" <<'SPEC'
osrelease = 6.12.107-e2e48sdei
crashtime = 1764083000
ram = 0x40000000 0x20000000
cpus = 7
phys_offset = 0xffffc4d080000000
kernel = yes
kernel.kaslr = 0x3abe8f000000
kernel.panic_cpu = 0
kernel.online = 0,3
kernel.active = 0-3,5,6
kernel.sdei_nmi_stopping = 1
kernel.sdei_active = 5,6
cpu.0 = pid=231 pstate=0x400000c5
cpu.1 = pid=0 pstate=0x60000005
cpu.5 = pid=0 pstate=0x60000005
cpu.6 = pid=4242 pstate=0x600003c5
stack.0 = __crash_kexec,panic,sysrq_handle_crash,__handle_sysrq,write_sysrq_trigger,proc_reg_write,vfs_write,ksys_write,__arm64_sys_write,invoke_syscall,el0_svc,el0t_64_sync_handler,el0t_64_sync
stack.1 = cpu_do_idle,default_idle_call,do_idle,cpu_startup_entry,secondary_start_kernel,__secondary_switched
stack.5 = cpu_do_idle,default_idle_call,do_idle,cpu_startup_entry,secondary_start_kernel,__secondary_switched
stack.6 = lkdtm_HARDLOCKUP,lkdtm_do_action,direct_entry,full_proxy_write,vfs_write,ksys_write,__arm64_sys_write,invoke_syscall,el0_svc,el0t_64_sync_handler,el0t_64_sync
SPEC
mkdump "$WORK/seven.spec" "$WORK/seven.vmcore"
run_sdei seven --json "$WORK/seven.vmcore"
expect_status seven 3 "wedged CPUs flagged"

json_check seven 'r["record"] is None and r["numbering"] == {"method": "memory", "certain": True}' \
	"without the record, numbering comes from crash_notes in memory, certainly"
json_check seven 'r["panic_cpu"] == 0 and r["panic_evidence"] == {"source": "memory", "text": "panic_cpu in memory names it"}' \
	"panic_cpu in memory names the panic CPU"
json_check seven '[c["verdict"] for c in r["cpus"]] == ["panic", "stopped", "self-stopped", "not-stopped", "offline", "stopped-sdei", "stopped-sdei"]' \
	"the seven verdicts"
json_check seven '[c["wedged"] for c in r["cpus"]] == [False, False, False, True, False, True, True]' \
	"wedged: the CPU no rung reached and the two the SDEI rung stopped"
json_check seven '[c["buffer"] for c in r["cpus"]] == ["note", "note", "empty", "empty", "empty", "note", "note"]' \
	"each crash_notes buffer read from its own CPU's per-CPU area"
json_check seven '[c["pid"] for c in r["cpus"]] == [231, 0, None, None, None, 0, 4242] and [c["note_index"] for c in r["cpus"]] == [0, 1, None, None, None, 2, 3]' \
	"registers land on the right CPUs although three CPUs saved nothing"
json_check seven 'r["summary"] == {"cpus": 7, "wedged": 3, "wedged_at_least_more": 0} and r["warnings"] == ["kernel log: VMCOREINFO has neither SYMBOL(prb) (5.10+) nor SYMBOL(log_first_idx) (3.5-5.9)"]' \
	"summary; the only warning is the log this generated kernel lacks"

# The exact evidence of the interesting CPUs.
json_check seven '[e["text"] for e in r["cpus"][2]["evidence"]][1:] == ["clear in __cpu_online_mask, set in __cpu_active_mask", "it took itself offline without saving registers: it parked itself (panic_smp_self_stop) on a parallel panic"] and r["cpus"][2]["evidence"][0]["text"].endswith("is empty: this CPU saved no registers")' \
	"CPU 2: empty buffer, clear online, set active: self-stopped, with the rule"
json_check seven '[e["text"] for e in r["cpus"][4]["evidence"]][1:] == ["clear in __cpu_online_mask, clear in __cpu_active_mask", "clear in both the online and the active mask and no registers: it was offline before the crash"]' \
	"CPU 4: clear in both masks: offline"
json_check seven '[e["text"] for e in r["cpus"][3]["evidence"]][1:] == ["set in __cpu_online_mask, set in __cpu_active_mask", "still set in the online mask with no registers saved: no rung of the stop ladder reached it"]' \
	"CPU 3: still online without registers: not-stopped"
json_check seven 'any(e["source"] == "memory" and e["text"].startswith("sdei_active_normal_event = 0xffff") and e["text"].endswith("inside an SDEI event handler that never returned") for e in r["cpus"][5]["evidence"]) and r["cpus"][5]["evidence"][-1]["text"].startswith("its context has IRQs unmasked, but it is parked inside an SDEI event")' \
	"CPU 5: IRQs unmasked yet inside an SDEI event: stopped-sdei"

# The whole report, paths and version normalised, against the golden file.
python3 - "$WORK/seven.out" > "$WORK/seven.norm" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r["tool"]["version"] = "VERSION"
r["dump"]["path"] = "seven.vmcore"
r["dump"]["parts"] = [p.rsplit("/", 1)[-1] for p in r["dump"].get("parts", [])]
print(json.dumps(r, indent=1, sort_keys=True))
PY
if diff -u "$EXPECT/memory-seven-cpus.json" "$WORK/seven.norm" > "$WORK/seven.diff"; then
	ok "the whole report is the golden one (tests/fixtures/expect/memory-seven-cpus.json)"
else
	not_ok "the report differs from tests/fixtures/expect/memory-seven-cpus.json" "$(head -c 3000 "$WORK/seven.diff")"
fi

# The text report says where each fact came from.
run_sdei seven-text "$WORK/seven.vmcore"
expect_stdout seven-text '^  memory:   SDEI NMI service active, SDEI stop rung invoked in this crash$' \
	"text: the SDEI NMI service state from memory"
expect_stdout seven-text '^  numbering: from each CPU.s own crash_notes buffer \(found through kernel symbols\)$' \
	"text: numbering from crash_notes found through symbols"
expect_stdout seven-text '^  4  offline ' "text: CPU 4 offline"

# panic_cpu left at PANIC_CPU_INVALID (an oops without panic()): the
# panic CPU then comes from its pc in __crash_kexec.
sed 's/^kernel.panic_cpu = 0$/kernel.panic_cpu = -1/' "$WORK/seven.spec" > "$WORK/nopanic.spec"
mkdump "$WORK/nopanic.spec" "$WORK/nopanic.vmcore"
run_sdei nopanic --json "$WORK/nopanic.vmcore"
json_check nopanic 'r["panic_cpu"] == 0 and r["panic_evidence"]["source"] == "registers"' \
	"panic_cpu invalid: the panic CPU from its pc in __crash_kexec"

# A kernel without the SDEI NMI service.
sed -e 's/^kernel.sdei_nmi_stopping = 1$/kernel.sdei_nmi = no/' "$WORK/seven.spec" > "$WORK/nosdei.spec"
mkdump "$WORK/nosdei.spec" "$WORK/nosdei.vmcore"
run_sdei nosdei "$WORK/nosdei.vmcore"
expect_stdout nosdei 'this kernel has no SDEI NMI service \(no sdei_nmi_\* symbols\)' \
	"no sdei_nmi_* symbols: said so, not an error"

# A per-CPU offset that leads nowhere: that CPU's buffer cannot be
# located, the others still are, and numbering is then uncertain.
{ cat "$WORK/seven.spec"; echo "kernel.poke = __per_cpu_offset+16 u64:0x123456789000"; } > "$WORK/badoff.spec"
mkdump "$WORK/badoff.spec" "$WORK/badoff.vmcore"
run_sdei badoff --json "$WORK/badoff.vmcore"
expect_status badoff 3 "a bad __per_cpu_offset entry does not stop the analysis"
json_check badoff 'r["cpus"][2]["buffer"] == "unreadable" and [c["buffer"] for c in r["cpus"][:2]] == ["note", "note"] and not r["numbering"]["certain"]' \
	"CPU 2 unreadable, the others read, numbering uncertain"
json_check badoff 'any(w.startswith("memory: crash_notes of CPU 2: ") for w in r["warnings"])' \
	"the warning names crash_notes of CPU 2 and why"

# Every per-CPU offset leads nowhere: each per-CPU item names the CPU and
# why for the first four CPUs, and counts the other three in one more
# warning (a dump can claim 65,536 such CPUs).
{
	cat "$WORK/seven.spec"
	for i in 0 1 2 3 4 5 6; do
		echo "kernel.poke = __per_cpu_offset+$((8 * i)) u64:0x123456789000"
	done
} > "$WORK/alloff.spec"
mkdump "$WORK/alloff.spec" "$WORK/alloff.vmcore"
run_sdei alloff --json "$WORK/alloff.vmcore"
expect_status alloff 3 "no per-CPU area readable: the analysis goes on"
for item in crash_notes sdei_active_normal_event; do
	json_check alloff "[w.split(':')[1] for w in r['warnings'] if w.startswith('memory: $item of CPU ')] == [' $item of CPU %d' % i for i in range(4)]" \
		"$item: the first four CPUs named, with why"
	json_check alloff "[w for w in r['warnings'] if w.startswith('memory: $item of ') and ' of CPU ' not in w] == ['memory: $item of 3 more CPUs could not be read either']" \
		"$item: the other three counted in one warning"
done

# Per-CPU areas in vmalloc space: crash_notes reached through a walk.
{ cat "$WORK/seven.spec"; echo "kernel.percpu = vmalloc"; } > "$WORK/vpcpu.spec"
mkdump "$WORK/vpcpu.spec" "$WORK/vpcpu.vmcore"
run_sdei vpcpu --json "$WORK/vpcpu.vmcore"
json_check vpcpu '[c["verdict"] for c in r["cpus"]] == ["panic", "stopped", "self-stopped", "not-stopped", "offline", "stopped-sdei", "stopped-sdei"] and r["numbering"]["certain"]' \
	"per-CPU areas in vmalloc space give the same verdicts"

done_testing
