# SPDX-License-Identifier: GPL-2.0-or-later
# The arm64 kernel layouts the translation tests run on (t2000, t2100):
# every granule and VA size Linux offers, LPA and LPA2, 52-bit kernels
# on 48-bit hardware, and variants (contiguous page mappings, per-CPU
# areas in vmalloc space, linear-map stacks, big-endian, KASLR'd linear
# map).  Sourced after lib.sh.
#
# Each line: NAME|PAGE|VA_BITS|spec lines separated by ';'.  "noram" drops
# the default RAM range (0x40000000, 256 MiB).  RAM above 2^48 puts the
# tables, stacks and per-CPU areas there (allocation is top-down), so the
# high output-address bits of every descriptor format are exercised:
# 0xa... sets OA[51] and OA[49], 0xb8... also OA[48] and OA[47].

KERNEL_LAYOUTS='4k39|4096|39|kernel.kaslr = 0x10000000
4k48|4096|48|phys_offset = 0xffffc4d080000000;kernel.kaslr = 0x3abe8f000000
4k48-cont|4096|48|kernel.linear = cont;kernel.percpu = vmalloc
4k48-be|4096|48|endian = big
4k52|4096|52|ram = 0xa000000000000 0x10000000
4k52-b48|4096|52|ram = 0x9000000000000 0x10000000
4k52on48|4096|52|kernel.vabits_actual = 48;phys_offset = 0xfff1000040000000
16k36|16384|36|kernel.kaslr = 0x10000000
16k47|16384|47|kernel.vmap_stack = no
16k48|16384|48|kernel.linear = page
16k52|16384|52|ram = 0xa000000000000 0x10000000
16k52on47|16384|52|kernel.vabits_actual = 47;phys_offset = 0xfff0800040000000
64k42|65536|42|
64k48|65536|48|kernel.percpu = vmalloc
64k48lpa|65536|48|noram;kernel.pa_bits = 52;ram = 0xa000040000000 0x10000000;phys_offset = 0xa000040000000
64k52|65536|52|ram = 0xa000000000000 0x10000000
64k52-b47|65536|52|ram = 0xb800000000000 0x10000000
64k52on48|65536|52|kernel.vabits_actual = 48;phys_offset = 0xfff1000040000000'

# layout_names: every layout name
layout_names() {
	printf '%s\n' "$KERNEL_LAYOUTS" | cut -d'|' -f1
}

# mklayout NAME [EXTRA-SPEC-LINE...]: $WORK/NAME.{spec,vmcore,layout,map}
# CPU 0 panicked through sysrq; CPU 1 was wedged with DAIF masked in an
# IRQ handler of a module (the chain crosses from the IRQ stack to the
# task stack) and was stopped by the SDEI rung.
mklayout() {
	local name=$1 line page va extra
	shift
	line=$(printf '%s\n' "$KERNEL_LAYOUTS" | grep "^$name|")
	page=$(echo "$line" | cut -d'|' -f2)
	va=$(echo "$line" | cut -d'|' -f3)
	extra=$(echo "$line" | cut -d'|' -f4-)
	{
		echo "osrelease = 6.12.0-layout-$name"
		echo "crashtime = 1764083000"
		echo "page_size = $page"
		echo "va_bits = $va"
		echo "cpus = 2"
		case ";$extra;" in
		*";noram;"*) ;;
		*) echo "ram = 0x40000000 0x10000000" ;;
		esac
		echo "kernel = yes"
		echo "kernel.layout = $WORK/$name.layout"
		echo "kernel.system_map = $WORK/$name.map"
		echo "kernel.panic_cpu = 0"
		echo "kernel.online = 0"
		echo "kernel.sdei_nmi_stopping = 1"
		echo "kernel.sdei_active = 1"
		echo "cpu.0 = pid=100 pstate=0x400000c5"
		echo "cpu.1 = pid=0 pstate=0x600003c5"
		echo "stack.0 = __crash_kexec,panic,sysrq_handle_crash,__handle_sysrq,write_sysrq_trigger,proc_reg_write,vfs_write,ksys_write,__arm64_sys_write,invoke_syscall,el0_svc_common,do_el0_svc,el0_svc,el0t_64_sync_handler,el0t_64_sync"
		echo "stack.1 = irq:mod:wedge_spin_irq,handle_percpu_devid_irq,generic_handle_domain_irq,gic_handle_irq task:call_on_irq_stack,do_interrupt_handler,el1_interrupt,el1h_64_irq_handler,el1h_64_irq,default_idle_call,do_idle,cpu_startup_entry,secondary_start_kernel,__secondary_switched"
		printf '%s\n' "$extra" | tr ';' '\n' | grep -v '^noram$'
		for l in "$@"; do
			echo "$l"
		done
	} > "$WORK/$name.spec"
	"$MKVMCORE" "$WORK/$name.spec" "$WORK/$name.vmcore" || {
		echo "Bail out! mkvmcore failed on layout $name"
		exit 1
	}
}
