#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The exact invocations of kdump-utils' kdumpctl on aarch64
# (kexec-arm64.md section 5): KEXEC_ARGS="-s", secure boot adding another
# -s, the older standard_kexec_args "-d -p", --command-line with the
# trailing space prepare_cmdline leaves, the unload commands, and the
# kexec_crash_loaded file kdumpctl reads instead of -S.  Replayed with
# --dry-run against a fake machine.
. "${top_srcdir:?}/tests/integration/lib.sh"
. "$top_srcdir/tests/integration/kexec-lib.sh"
need_tree_tools

T=$WORK/trees/dt-sdei-pnmi
mktree dt-sdei-pnmi
KVER=6.12.107-e2e48sdei
add_kernel "$T" "vmlinuz-$KVER"
add_file "$T" "boot/initramfs-${KVER}kdump.img" 4096
KERNEL=/boot/vmlinuz-$KVER
INITRD=/boot/initramfs-${KVER}kdump.img
CMDLINE="console=ttyAMA0 irqchip.gicv3_pseudo_nmi=1 novmcoredd hugetlb_cma=0 kfence.sample_interval=0 initramfs_options=size=90% irqpoll nr_cpus=1 reset_devices cgroup_disable=memory udev.children-max=2 panic=10 swiotlb=noforce cma=0 "
TOKEN=kexec_sdei.record=v1,dt-smc,armed,pnmi-on

# load_kdump: $KEXEC $KEXEC_ARGS $standard_kexec_args --command-line=... --initrd=... kernel
run_kexec load --root "$T" --dry-run --json -s -p --command-line="$CMDLINE" \
	--initrd=$INITRD $KERNEL
expect_status load 0 "kexec -s -p --command-line --initrd kernel"
json_check load "r['syscall'] == 'kexec_file_load' and r['fallback'] is None" \
	"-s: kexec_file_load only"
json_check load "r['flags']['value'] == '0x2'" "-p: KEXEC_FILE_ON_CRASH, with an initrd"
json_check load "r['command_line']['text'] == '''$CMDLINE$TOKEN'''" \
	"the command line is kept byte for byte, trailing space and all, and the token follows"
json_check load "r['command_line']['bytes'] == len('''$CMDLINE$TOKEN''') + 1" \
	"its length counts the NUL"
json_check load "r['initrd'] == {'path': '$INITRD', 'size': 4096}" "the initrd"
json_check load "r['warnings'] == []" "nothing to warn about"

run_kexec load2 --root "$T" --dry-run --json -s -s -p --command-line="$CMDLINE" \
	--initrd=$INITRD $KERNEL
expect_status load2 0 "secure boot: kexec -s -s -p ..."
if cmp -s "$WORK/load.out" "$WORK/load2.out"; then
	ok "-s twice is -s"
else
	not_ok "-s twice is -s" "$(diff "$WORK/load.out" "$WORK/load2.out")"
fi

run_kexec loadd --root "$T" --dry-run --json -s -d -p --command-line="$CMDLINE" \
	--initrd=$INITRD $KERNEL
expect_status loadd 0 "older kdumpctl: kexec -s -d -p ..."
json_check loadd "r['flags']['value'] == '0xa' and r['flags']['names'] == 'KEXEC_FILE_ON_CRASH|KEXEC_FILE_DEBUG'" \
	"-d: KEXEC_FILE_DEBUG"

run_kexec loada --root "$T" --dry-run --json -p --command-line="$CMDLINE" \
	--initrd=$INITRD $KERNEL
json_check loada "r['syscall'] == 'kexec_file_load' and r['fallback'] == 'kexec_load'" \
	"without -s: kexec_file_load first, kexec_load as the fallback (-a)"

# stop_kdump
run_kexec unload --root "$T" --dry-run --json -p -u
expect_status unload 0 "kexec -p -u"
json_check unload "r['action'] == 'unload' and r['crash'] and r['flags']['value'] == '0x3' and r['fallback'] == 'kexec_load'" \
	"-p -u: KEXEC_FILE_UNLOAD|KEXEC_FILE_ON_CRASH, kexec_load as the fallback"
run_kexec unloads --root "$T" --dry-run --json -s -p -u
expect_status unloads 0 "kexec -s -p -u"
json_check unloads "r['action'] == 'unload' and r['fallback'] is None and r['flags']['value'] == '0x3'" \
	"-s -p -u: kexec_file_load only"
run_kexec unloadt --root "$T" --dry-run -s -p -u
expect_stdout unloadt "^kexec plan: unload the capture kernel" "the unload plan in words"
run_kexec unload-real --root "$T" -s -p -u
expect_status unload-real 1 "a fake tree is never unloaded for real"
expect_stderr unload-real "--root reads a fake machine tree; add --dry-run" "says to add --dry-run"

# kdumpctl reads /sys/kernel/kexec_crash_loaded; kexec -S reads it too
run_kexec status0 --root "$T" -S
expect_status status0 0 "-S: not loaded (kexec_crash_loaded 0)"
echo 1 > "$T/sys/kernel/kexec_crash_loaded"
run_kexec status1 --root "$T" -S
expect_status status1 1 "-S: loaded (kexec_crash_loaded 1)"
run_kexec status1p --root "$T" -p -S
expect_status status1p 1 "-p -S: the capture kernel"
run_kexec status-l --root "$T" -l -S
expect_status status-l 0 "-l -S: the kexec kernel (kexec_loaded 0)"
echo 2 > "$T/sys/kernel/kexec_crash_loaded"
run_kexec status2 --root "$T" -S
expect_status status2 255 "-S: a state file that is neither 0 nor 1"
rm "$T/sys/kernel/kexec_crash_loaded"
run_kexec status-none --root "$T" -S
expect_status status-none 255 "-S: no state file (a kernel without kexec)"

# The readiness check a kdump setup runs
run_kexec ready --root "$T" --sdei-status
expect_status ready 0 "kexec --sdei-status: armed"

done_testing
