#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# vmcore-sdei's full kernel analysis on dumps of 1 GiB and 1 TiB of RAM:
# kallsyms decoded from the dump (31,000 symbols, as a real 6.12 arm64
# kernel with CONFIG_KALLSYMS_ALL has), per-CPU state through the page
# tables, and every CPU's backtrace (--backtrace) from vmalloc'd stacks.
# It should not depend on the RAM size.  As the peer, in the same run,
# drgn listing the same per-CPU stack traces from the saved registers.
#
# drgn (Debian's python3-drgn 0.0.22) cannot decode kallsyms and refuses a
# vmlinux without DWARF, so it gets a small vmlinux built here with the
# cross toolchain: the generated kernel's symbols at their link addresses
# plus DWARF for struct pt_regs, which is all its arm64 frame-pointer
# unwinder needs.  vmcore-sdei is also timed with that vmlinux
# (--vmlinux), so the symbol source is the same for both
# (tests/tools/mkvmlinux.sh, tests/tools/drgn-stack-traces.py).  Not part of
# make check: timings belong here, not in tests.
#
# Usage: bench/kernel-size-scaling.sh [BUILDDIR] [RUNS]
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
. "$src/bench/lib.sh"
build=$(cd "${1:-$src}" && pwd)
runs=${2:-50}
tool=$build/vmcore-sdei/vmcore-sdei
mk=$build/tests/fixtures/mkvmcore
[ -x "$tool" ] && [ -x "$mk" ] || { echo "build first (make check builds mkvmcore)" >&2; exit 1; }
work=$(mktemp -d /var/tmp/ksd-kbench.XXXXXX)
trap 'rm -rf "$work"' EXIT

for size in 1GiB 1TiB; do
	case $size in
	1GiB) ram=0x40000000 ;;
	1TiB) ram=0x10000000000 ;;
	esac
	cat > "$work/$size.spec" <<SPEC
osrelease = 6.12.107-bench
crashtime = 1764083000
ram = 0x40000000 $ram
cpus = 4
phys_offset = 0xffffc4d080000000
kernel = yes
kernel.kaslr = 0x3abe8f000000
kernel.kallsyms_extra = 31000
kernel.layout = $work/$size.layout
kernel.panic_cpu = 0
kernel.online = 0
kernel.sdei_active = 2
kernel.sdei_nmi_stopping = 1
cpu.0 = pid=231 pstate=0x400000c5
cpu.1 = pid=0 pstate=0x60000005
cpu.2 = pid=0 pstate=0x600003c5
cpu.3 = pid=0 pstate=0x60000005
stack.0 = __crash_kexec,panic,sysrq_handle_crash,__handle_sysrq,write_sysrq_trigger,proc_reg_write,vfs_write,ksys_write,__arm64_sys_write,invoke_syscall,el0_svc_common,do_el0_svc,el0_svc,el0t_64_sync_handler,el0t_64_sync
stack.1 = cpu_do_idle,default_idle_call,do_idle,cpu_startup_entry,secondary_start_kernel,__secondary_switched
stack.2 = irq:mod:wedge_spin_irq,handle_percpu_devid_irq,generic_handle_domain_irq,gic_handle_irq task:call_on_irq_stack,do_interrupt_handler,el1_interrupt,el1h_64_irq_handler,el1h_64_irq,default_idle_call,do_idle,cpu_startup_entry,secondary_start_kernel,__secondary_switched
stack.3 = cpu_do_idle,default_idle_call,do_idle,cpu_startup_entry,secondary_start_kernel,__secondary_switched
SPEC
	"$mk" "$work/$size.spec" "$work/$size.vmcore"
done

# The vmlinux for drgn (and --vmlinux): symbols at link addresses, an
# .init.text, DWARF for struct pt_regs (tests/tools/mkvmlinux.sh).
have_vmlinux=no
if sh "$src/tests/tools/mkvmlinux.sh" "$work/1GiB.layout" "$work/vmlinux" > "$work/mk.log" 2>&1 &&
   command -v aarch64-linux-gnu-gcc > /dev/null; then
	have_vmlinux=yes
fi
have_drgn=no
if [ $have_vmlinux = yes ] && /usr/bin/python3 -c 'import drgn' 2> /dev/null; then
	have_drgn=yes
	/usr/bin/python3 -c 'import drgn; print("drgn", drgn.__version__)'
fi

# The traces must agree before they are timed.
for size in 1GiB 1TiB; do
	f=$work/$size.vmcore
	"$tool" --json --backtrace "$f" > "$work/$size.json" || [ $? = 3 ]
	python3 - "$work/$size.json" <<'PY' > "$work/$size.ours"
import json, sys
r = json.load(open(sys.argv[1]))
for c in r["cpus"]:
    if c["backtrace"]:
        print(" ".join(f["pc"] for f in c["backtrace"]["frames"]))
PY
	if [ $have_drgn = yes ]; then
		/usr/bin/python3 "$src/tests/tools/drgn-stack-traces.py" "$f" "$work/vmlinux" > "$work/$size.drgn"
		sed -e 's/^note [0-9]*: //' -e 's/ [^ ,]*\(, \|$\)/ /g' -e 's/ *$//' "$work/$size.drgn" > "$work/$size.drgnpcs"
		if cmp -s "$work/$size.ours" "$work/$size.drgnpcs"; then
			echo "$size: drgn's stack traces = vmcore-sdei's ($(wc -l < "$work/$size.ours") CPUs)"
		else
			echo "$size: drgn and vmcore-sdei disagree:" >&2
			diff "$work/$size.ours" "$work/$size.drgnpcs" >&2 || true
		fi
	fi
done

printf '%-6s %-34s %10s %10s %16s %12s\n' size tool mean_ms median_ms file_bytes bytes_read
for size in 1GiB 1TiB; do
	f=$work/$size.vmcore
	fsize=$(stat -c %s "$f")
	set -- $(mean_ms "$tool" --json --backtrace "$f")
	printf '%-6s %-34s %10s %10s %16s %12s\n' $size "vmcore-sdei --backtrace (kallsyms)" "$1" "$2" "$fsize" \
		"$(bytes_read "$tool" --json --backtrace "$f")"
	if [ $have_vmlinux = yes ]; then
		set -- $(mean_ms "$tool" --json --backtrace --vmlinux "$work/vmlinux" "$f")
		printf '%-6s %-34s %10s %10s %16s %12s\n' $size "vmcore-sdei --backtrace --vmlinux" "$1" "$2" "$fsize" \
			"$(bytes_read "$tool" --json --backtrace --vmlinux "$work/vmlinux" "$f")"
	fi
	if [ $have_drgn = yes ]; then
		set -- $(mean_ms /usr/bin/python3 "$src/tests/tools/drgn-stack-traces.py" "$f" "$work/vmlinux")
		printf '%-6s %-34s %10s %10s %16s %12s\n' $size "drgn stack traces (vmlinux)" "$1" "$2" "$fsize" \
			"$(bytes_read /usr/bin/python3 "$src/tests/tools/drgn-stack-traces.py" "$f" "$work/vmlinux")"
		set -- $(mean_ms /usr/bin/python3 -c 'import sys, drgn; drgn.program_from_core_dump(sys.argv[1])' "$f")
		printf '%-6s %-34s %10s %10s %16s %12s\n' $size "drgn: import and open only" "$1" "$2" "$fsize" "-"
	fi
done
[ $have_drgn = yes ] || echo "drgn not measured: needs python3-drgn and gcc-aarch64-linux-gnu"
