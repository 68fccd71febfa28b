#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Backtraces (lib/arch/unwind.c, vmcore-sdei/backtrace.c) on generated
# kernels whose stacks hold frame records as the kernel leaves them: the
# frames must be exactly the chain the generator wrote (pc, return
# addresses, which stack each record lay on, symbols), with pointer-
# authentication codes stripped, across the IRQ stack into the task
# stack, through a leaf function's lr; and hostile chains (loops, a frame
# leaving the stacks, a misaligned or unreadable record, endless depth)
# must stop, bounded, with the reason in words.  6.13+ exception
# boundaries (metadata frame records in pt_regs) are followed to the
# interrupted frames.
. "${top_srcdir:?}/tests/integration/lib.sh"
. "$top_srcdir/tests/integration/kernel-layouts.sh"

# frames_match NAME CPU DESCRIPTION: the JSON backtrace = the layout's frames
frames_match() {
	if python3 - "$WORK/$1.out" "$WORK/$1.layout" "$2" > "$WORK/$1.fm" 2>&1 <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
cpu = int(sys.argv[3])
want = [l.split() for l in open(sys.argv[2]) if l.startswith('frame %d ' % cpu)]
c = [c for c in r["cpus"] if c["cpu"] == cpu][0]
bt = c["backtrace"]
got = bt["frames"]
bad = []
if len(got) != len(want):
    bad.append('%d frames, expected %d' % (len(got), len(want)))
for w, g in zip(want, got):
    _, _, idx, kind, pc, name, off, stack = w
    sym = '(in module space)' if name == '-' else '%s+%s/' % (name, off)
    if int(g["pc"], 16) != int(pc, 16) or g["kind"] != kind or sym not in g["symbol"] or \
       g["stack"] != (None if stack == '-' else stack):
        bad.append('frame %s: got %s, expected %s %s %s %s' % (idx, g, kind, pc, sym, stack))
print(bt["stop"])
print('\n'.join(bad))
sys.exit(1 if bad else 0)
PY
	then
		ok "$3"
	else
		not_ok "$3" "$(head -c 3000 "$WORK/$1.fm")"
	fi
}

# stop_is NAME CPU REGEX COMPLETE DESCRIPTION
stop_is() {
	json_check "$1" "__import__('re').search(r'''$3''', [c for c in r['cpus'] if c['cpu'] == $2][0]['backtrace']['stop']) is not None and [c for c in r['cpus'] if c['cpu'] == $2][0]['backtrace']['complete'] == $4" "$5"
}

# A plain chain on the task stack, and one from a module IRQ handler
# across the IRQ stack into the task stack (kernel-layouts.sh CPU 1).
mklayout 4k48
cp "$WORK/4k48.layout" "$WORK/plain.layout"
run_sdei plain --json --backtrace "$WORK/4k48.vmcore"
frames_match plain 0 "the panic CPU's frames: pc, then each return address, with symbols"
stop_is plain 0 '^final frame record at 0x' True "it ends at the final frame record in pt_regs"
frames_match plain 1 "a chain from a module IRQ handler on the IRQ stack into the task stack"
stop_is plain 1 '^final frame record at 0x' True "the IRQ-to-task chain is complete"
json_check plain '[f["stack"] for f in r["cpus"][1]["backtrace"]["frames"]][1:6] == ["irq", "irq", "irq", "irq", "task"]' \
	"records from the IRQ stack, then the task stack"
json_check plain 'r["cpus"][1]["pc_symbol"] == "wedge_spin_irq+0x14/0x1000 [wedge]" and r["modules"]["layouts"] == "btf"' "the module pc names the module and its symbol, sized to the end of its text"

run_sdei plain-text --backtrace "$WORK/4k48.vmcore"
expect_stdout plain-text '^    #1  [0-9a-f]{16} handle_percpu_devid_irq\+0x[0-9a-f]+/0x[0-9a-f]+ \[irq stack\]$' \
	"text: a frame from the IRQ stack is marked so"
expect_stdout plain-text '^    #5  [0-9a-f]{16} do_interrupt_handler\+0x[0-9a-f]+/0x[0-9a-f]+ \[task stack\]$' \
	"text: and the first one from the task stack"
expect_stdout plain-text '^    \(final frame record at 0x[0-9a-f]+\)$' "text: the stop reason closes the trace"

# Without --backtrace only the wedged CPU is unwound.
run_sdei wedged-only --json "$WORK/4k48.vmcore"
json_check wedged-only 'r["cpus"][0]["backtrace"] is None and r["cpus"][1]["backtrace"] is not None' \
	"without --backtrace only wedged CPUs are unwound"

# The same on every granule, VA size and stack placement.
for n in 4k39 4k52 16k47 16k52on47 64k42 64k52on48; do
	mklayout "$n"
	run_sdei "$n" --json --backtrace "$WORK/$n.vmcore"
	if python3 - "$WORK/$n.out" "$WORK/$n.layout" > "$WORK/$n.fm" 2>&1 <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
want = {}
for l in open(sys.argv[2]):
    if l.startswith('frame '):
        f = l.split()
        want.setdefault(int(f[1]), []).append(int(f[4], 16))
got = {c["cpu"]: [int(f["pc"], 16) for f in c["backtrace"]["frames"]] for c in r["cpus"]}
ok = got == want and all(c["backtrace"]["complete"] for c in r["cpus"])
print(got, want)
sys.exit(0 if ok else 1)
PY
	then
		ok "$n: both CPUs' chains unwound completely"
	else
		not_ok "$n: unwinding differs" "$(head -c 2000 "$WORK/$n.fm")"
	fi
done

# ---- pointer authentication ----

CHAIN=lkdtm_HARDLOCKUP,lkdtm_do_action,direct_entry,full_proxy_write,vfs_write,ksys_write,__arm64_sys_write,invoke_syscall,el0_svc,el0t_64_sync_handler,el0t_64_sync
mkwedged pac "$CHAIN" "kernel.pac = yes"
check "KERNELPACMASK is printed as GENMASK(63, vabits_actual)" \
	grep -aq 'NUMBER(KERNELPACMASK)=0xffff000000000000' "$WORK/pac.vmcore"
run_sdei pac --json "$WORK/pac.vmcore"
frames_match pac 1 "return addresses carrying PACs are stripped with KERNELPACMASK"
json_check pac 'int(r["cpus"][1]["registers"]["x30"], 16) >> 48 != 0xffff and r["cpus"][1]["lr_symbol"].startswith("lkdtm_do_action+")' \
	"the saved lr carries a PAC, and is symbolized once stripped"
mkwedged nopac "$CHAIN" "kernel.pac = yes" "kernel.vmcoreinfo_drop = NUMBER(KERNELPACMASK)"
run_sdei nopac --json "$WORK/nopac.vmcore"
json_check nopac 'not r["cpus"][1]["backtrace"]["frames"][1]["symbol"].startswith("lkdtm_do_action")' \
	"without KERNELPACMASK the same addresses are not symbols (the stripping is what works)"

# ---- a leaf function: its caller is only in lr ----

mkwedged leaf "$CHAIN leaf"
run_sdei leaf --json "$WORK/leaf.vmcore"
frames_match leaf 1 "a leaf function: the caller comes from lr, then the records"
json_check leaf 'r["cpus"][1]["backtrace"]["frames"][1]["kind"] == "lr"' "the lr frame is marked as such"

# ---- hostile chains ----

mkwedged loop "$CHAIN end=loop"
run_sdei loop --json "$WORK/loop.vmcore"
stop_is loop 1 'frame pointer 0x[0-9a-f]+ does not move up the task stack \(loop\)' False \
	"a record pointing back down its stack: stopped as a loop"
json_check loop 'len(r["cpus"][1]["backtrace"]["frames"]) == 11' "the loop is cut at the first repeat"

mkwedged xloop "irq:gic_handle_irq,do_interrupt_handler task:call_on_irq_stack,el1_interrupt,el1h_64_irq_handler,el1h_64_irq,default_idle_call end=loop"
run_sdei xloop --json "$WORK/xloop.vmcore"
stop_is xloop 1 'frame chain returns to the irq stack at 0x[0-9a-f]+' False \
	"a chain from the task stack back to the IRQ stack: stopped"

mkwedged away "$CHAIN end=away"
run_sdei away --json "$WORK/away.vmcore"
stop_is away 1 'frame pointer 0x[0-9a-f]+ is on no known stack' False \
	"a frame pointer leaving the stacks: stopped"

mkwedged misaligned "$CHAIN end=misaligned"
run_sdei misaligned --json "$WORK/misaligned.vmcore"
stop_is misaligned 1 'frame pointer 0x[0-9a-f]+ is not 16-byte aligned' False \
	"a misaligned frame pointer: stopped"

mkwedged unmapped "$CHAIN end=unmapped"
run_sdei unmapped --json "$WORK/unmapped.vmcore"
stop_is unmapped 1 'frame record unreadable: reading 0x[0-9a-f]+: translating .*level 3 entry [0-9]+ is not valid' False \
	"a record on an unmapped page of a known stack: stopped, saying why"

mkwedged zero "$CHAIN end=zero"
run_sdei zero --json "$WORK/zero.vmcore"
stop_is zero 1 '^end of the frame chain \(fp = 0\)$' True "a chain ending in fp = 0 is complete"

mkwedged deep "lkdtm_HARDLOCKUP,recurse*100,el0t_64_sync_handler,el0t_64_sync"
run_sdei deep --json "$WORK/deep.vmcore"
stop_is deep 1 '^stopped after 64 frames \(AARCH64_MAX_FRAMES\)$' False \
	"a 100-frame chain: stopped at the bound"
json_check deep 'len(r["cpus"][1]["backtrace"]["frames"]) == 64' "exactly 64 frames kept"

# ---- exception boundaries: 6.13+ metadata frame records ----

# An IRQ taken in default_idle_call: the handler's chain on the IRQ and
# task stacks leads to el1h_64_irq's pt_regs, whose stackframe is a
# frame_record_meta {{0, 0}, PT_REGS} since 6.13 ({x29, pc} before); the
# interrupted frames go on from its regs[29] up to the final record,
# itself {{0, 0}, FINAL}.
IRQCHAIN="irq:gic_handle_irq,generic_handle_domain_irq task:call_on_irq_stack,do_interrupt_handler,el1_interrupt,el1h_64_irq_handler,el1h_64_irq regs default_idle_call,do_idle,cpu_startup_entry,secondary_start_kernel,__secondary_switched"
mkwedged meta "$IRQCHAIN" "osrelease = 6.13.0-meta" "kernel.frame_meta = yes"
run_sdei meta --json "$WORK/meta.vmcore"
frames_match meta 1 "6.13+: through the IRQ's pt_regs to the interrupted frames"
json_check meta '[f["kind"] for f in r["cpus"][1]["backtrace"]["frames"]][6:9] == ["frame", "exception", "frame"]' \
	"the exception boundary is a frame of kind exception, between the entry code and the interrupted caller"
json_check meta 'r["cpus"][1]["backtrace"]["frames"][7]["symbol"] == "default_idle_call+0x1c/0x100"' \
	"the interrupted pc is symbolized exactly (not as a return address)"
stop_is meta 1 '^final frame record at 0x[0-9a-f]+8$' True \
	"the walk ends complete at the task's final metadata record (8-byte aligned in pt_regs)"
run_sdei meta-text --backtrace "$WORK/meta.vmcore"
expect_stdout meta-text '^    #7  [0-9a-f]{16} default_idle_call\+0x1c/0x100 \(exception: interrupted here\) \[task stack\]$' \
	"text: the interrupted frame is marked as the exception boundary"

# The same chain as a 6.12 kernel leaves it: the pt_regs' record is a
# plain {x29, pc} frame record and the zero record is final as before.
mkwedged premeta "$IRQCHAIN"
run_sdei premeta --json "$WORK/premeta.vmcore"
frames_match premeta 1 "before 6.13: the same frames through pt_regs->stackframe as a frame record"
stop_is premeta 1 '^final frame record at 0x[0-9a-f]+0$' True "and the same final record"

# A dump whose release is older than its records: not taken for 6.13.
mkwedged metaold "$IRQCHAIN" "kernel.frame_meta = yes"
run_sdei metaold --json "$WORK/metaold.vmcore"
stop_is metaold 1 'frame pointer 0x[0-9a-f]+ is not 16-byte aligned' False \
	"metadata records are only followed on 6.13+ kernels"

# CONFIG_ARM64_POE moves pt_regs->stackframe (two words before
# sdei_ttbr1): only the dump's BTF says so, and it is what is followed.
mkwedged poe "irq:mod:wedge_spin_irq,${IRQCHAIN#irq:}" "osrelease = 6.13.0-poe" "kernel.frame_meta = poe"
run_sdei poe --json "$WORK/poe.vmcore"
frames_match poe 1 "6.13+ with CONFIG_ARM64_POE: the boundary found at the BTF's offset of pt_regs.stackframe"
stop_is poe 1 '^final frame record at 0x' True "and the trace is complete"
mkwedged poe-nobtf "irq:mod:wedge_spin_irq,${IRQCHAIN#irq:}" "osrelease = 6.13.0-poe" "kernel.frame_meta = poe" "kernel.modules = probe"
run_sdei poe-nobtf --json "$WORK/poe-nobtf.vmcore"
json_check poe-nobtf 'not any(f["kind"] == "exception" for f in r["cpus"][1]["backtrace"]["frames"])' \
	"without BTF the 6.13 constant is used (the BTF is what finds POE's layout)"
stop_is poe-nobtf 1 'holds pc 0x[0-9a-f]+ and pstate 0x[0-9a-f]+, not a kernel context' False \
	"and the pt_regs read at the wrong offset is refused: the walk stops instead of following garbage"

done_testing
