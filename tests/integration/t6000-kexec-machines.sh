#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The loader against each fake machine: the --sdei-status report (text,
# JSON, exit status) and the load plan kdumpctl's invocation gives
# (text and JSON), compared byte for byte with tests/fixtures/machines/
# */expect/.
. "${top_srcdir:?}/tests/integration/lib.sh"
. "$top_srcdir/tests/integration/kexec-lib.sh"
need_tree_tools

# kdumpctl's aarch64 KDUMP_COMMANDLINE_APPEND (gen-kdump-sysconfig.sh)
APPEND="novmcoredd hugetlb_cma=0 kfence.sample_interval=0 initramfs_options=size=90% irqpoll nr_cpus=1 reset_devices cgroup_disable=memory udev.children-max=2 panic=10 swiotlb=noforce cma=0"

for m in qemu-virt dt-sdei-pnmi acpi-sdei no-crash deb61-kdump; do
	t=$WORK/trees/$m
	e=$MACHINES/$m/expect
	mktree "$m"
	kver=$(cat "$t/proc/sys/kernel/osrelease")
	add_kernel "$t" "vmlinuz-$kver"
	add_file "$t" "boot/initramfs-${kver}kdump.img" 65536
	# prepare_cmdline: /proc/cmdline without crashkernel=, then APPEND
	cmdline="$(sed -e 's/crashkernel=[^ ]*//' -e 's/  */ /g' -e 's/ *$//' "$t/proc/cmdline") $APPEND "

	run_kexec "$m-status" --root "$t" --sdei-status
	expect_status "$m-status" "$(cat "$e/sdei-status.rc")" "$m: --sdei-status exit status"
	expect_output "$m-status" "$e/sdei-status.txt" "$m: --sdei-status report"
	run_kexec "$m-status-json" --root "$t" --sdei-status --json
	expect_json "$m-status-json" "$m: --sdei-status --json is valid JSON"
	expect_output "$m-status-json" "$e/sdei-status.json" "$m: --sdei-status --json"
	expect_status "$m-status-json" "$(cat "$e/sdei-status.rc")" \
		"$m: --sdei-status --json exit status"

	run_kexec "$m-plan" --root "$t" --dry-run -s -p \
		--command-line="$cmdline" --initrd="/boot/initramfs-${kver}kdump.img" \
		"/boot/vmlinuz-$kver"
	expect_status "$m-plan" "$(cat "$e/plan.rc")" "$m: the plan's exit status"
	if [ -f "$e/plan.txt" ]; then
		expect_output "$m-plan" "$e/plan.txt" "$m: load plan"
		run_kexec "$m-plan-json" --root "$t" --dry-run --json -s -p \
			--command-line="$cmdline" --initrd="/boot/initramfs-${kver}kdump.img" \
			"/boot/vmlinuz-$kver"
		expect_json "$m-plan-json" "$m: the JSON plan is valid JSON"
		expect_output "$m-plan-json" "$e/plan.json" "$m: JSON load plan"
	else
		expect_output "$m-plan" "$e/plan.err" "$m: why there is no plan" err
	fi
done

done_testing
