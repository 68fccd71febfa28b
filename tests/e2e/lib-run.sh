# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by e2e.sh: one bounded QEMU run per scenario, and its checks.

RUN_TIMEOUT=${KSD_E2E_TIMEOUT:-600}

run_one() {	# run_one NAME KERNEL SMP SCENARIO EXTRA FIRMWARE CPU
	local name=$1 kernel=$2 smp=$3 scen=$4 extra=$5 fw=$6 cpu=$7
	local run=$RUNS/$name mem=512 args dtb end
	local -a cmd
	rm -rf "$run" && mkdir -p "$run/share/out"
	if ! build_initramfs "$run/share/initrd"; then
		not_ok "$name: building the initramfs failed"
		return 1
	fi
	cp "$KIMAGE" "$run/share/Image"
	args="console=ttyAMA0 crashkernel=192M panic=5 ksd.scenario=$scen ksd.formats=${KSD_E2E_FORMATS:-E} $extra"
	if [ "$fw" = tfa ]; then
		# TF-A's QEMU port loads BL33 at 0x60000000: give it room.
		mem=640
		build_tfa "$KIMAGE" "$run" || { not_ok "$name: building TF-A failed"; return 1; }
		cmd=(qemu-system-aarch64 -M virt,secure=on,gic-version=3 -cpu "$cpu"
		     -smp "$smp" -m "$mem" -bios "$run/qemu_fw.bios")
		# Linux probes SDEI only when the device tree has /firmware/sdei.
		"${cmd[@]}" -M virt,secure=on,gic-version=3,dumpdtb="$run/base.dtb" \
			-nographic -nic none > "$run/dumpdtb.log" 2>&1 ||
			{ not_ok "$name: qemu cannot dump the device tree" "$(cat "$run/dumpdtb.log")"; return 1; }
		dtb=$run/sdei.dtb
		cp "$run/base.dtb" "$dtb"
		end=$(printf '0x%x' $((0x48000000 + $(stat -c %s "$run/share/initrd"))))
		fdtput -c "$dtb" /firmware /firmware/sdei &&
		fdtput -t s "$dtb" /firmware/sdei compatible arm,sdei-1.0 &&
		fdtput -t s "$dtb" /firmware/sdei method smc &&
		fdtput -t s "$dtb" /chosen bootargs "$args" &&
		fdtput -t x "$dtb" /chosen linux,initrd-start 0 0x48000000 &&
		fdtput -t x "$dtb" /chosen linux,initrd-end 0 "$end" ||
			{ not_ok "$name: editing the device tree failed"; return 1; }
		cmd+=(-dtb "$dtb" -device "loader,file=$run/share/initrd,addr=0x48000000,force-raw=on")
	else
		cmd=(qemu-system-aarch64 -M virt,gic-version=3 -cpu "$cpu" -smp "$smp"
		     -m "$mem" -kernel "$KIMAGE" -initrd "$run/share/initrd" -append "$args")
	fi
	# -nic none: the guest needs no network, and QEMU's default NIC
	# wants an iPXE option ROM (ipxe-qemu, only recommended by
	# qemu-system-arm) without which QEMU refuses to start.
	cmd+=(-nographic -monitor none -no-reboot -nic none
	      -fsdev "local,id=out,path=$run/share,security_model=none"
	      -device virtio-9p-device,fsdev=out,mount_tag=out)
	printf '%q ' "${cmd[@]}" > "$run/qemu-cmdline.txt"
	note "$name: booting $KREL on $smp CPUs ($fw)"
	timeout -k 5 "$RUN_TIMEOUT" "${cmd[@]}" < /dev/null > "$run/console.log" 2>&1
	echo $? > "$run/qemu.status"
	rm -f "$run/share/Image" "$run/share/initrd"
}

# Expectations: what each scenario implies.  One Python expression per
# line over r (vmcore-sdei's JSON), the exit status, and "vmcoreinfo
# KEY=VALUE" lines the dump's VMCOREINFO note must contain (what proves
# that a scenario ran the memory layout it is named for).
expect_of() {
	case $1 in
	sdei-basic) cat <<'X'
exit 0
vmcoreinfo NUMBER(VA_BITS)=48
[c["verdict"] for c in r["cpus"]] == ["panic", "stopped-ipi"]
r["panic_cpu"] == 0 and r["cpus"][0]["pc_symbol"].startswith("__crash_kexec+")
all(c["backtrace"]["complete"] for c in r["cpus"]) and len(r["cpus"]) == 2
X
	;;
	va52-basic) cat <<'X'
exit 0
vmcoreinfo NUMBER(VA_BITS)=52
vmcoreinfo NUMBER(TCR_EL1_T1SZ)=0xc
[c["verdict"] for c in r["cpus"]] == ["panic", "stopped-ipi"]
r["panic_cpu"] == 0 and r["cpus"][0]["pc_symbol"].startswith("__crash_kexec+")
all(c["backtrace"]["complete"] for c in r["cpus"]) and len(r["cpus"]) == 2
X
	;;
	va52-on48-basic) cat <<'X'
exit 0
vmcoreinfo NUMBER(VA_BITS)=52
vmcoreinfo NUMBER(TCR_EL1_T1SZ)=0x10
[c["verdict"] for c in r["cpus"]] == ["panic", "stopped-ipi"]
r["panic_cpu"] == 0 and r["cpus"][0]["pc_symbol"].startswith("__crash_kexec+")
all(c["backtrace"]["complete"] for c in r["cpus"]) and len(r["cpus"]) == 2
X
	;;
	deb61-basic) cat <<'X'
exit 0
[c["verdict"] for c in r["cpus"]] == ["panic", "stopped-ipi"]
r["panic_cpu"] == 0 and r["cpus"][0]["pc_symbol"].startswith("__crash_kexec+")
X
	;;
	deb61-ours-a) cat <<'X'
exit 0
[c["verdict"] for c in r["cpus"]] == ["panic", "stopped-ipi"]
r["record"] is not None and r["record"]["source"] == "note"
X
	;;
	deb61-ours-c) cat <<'X'
exit 0
[c["verdict"] for c in r["cpus"]] == ["panic", "stopped-ipi"]
r["panic_cpu"] == 0 and r["cpus"][0]["pc_symbol"].startswith("__crash_kexec+")
r["record"] is not None and r["record"]["source"] == "note"
X
	;;
	deb61-wedge-irq) cat <<'X'
exit 3
r["prstatus_notes"] == 1 and [c["verdict"] for c in r["cpus"]] == ["panic", "not-stopped"]
r["cpus"][1]["wedged"]
X
	;;
	sdei-wedge-daif) cat <<'X'
exit 3
[c["verdict"] for c in r["cpus"]] == ["panic", "stopped-sdei"]
[c["wedged"] for c in r["cpus"]] == [False, True]
r["cpus"][1]["registers"]["pstate"] == "0x600003c5"
r["cpus"][1]["backtrace"]["complete"]
X
	;;
	sdei-wedge-daif-ours-c) cat <<'X'
exit 3
[c["verdict"] for c in r["cpus"]] == ["panic", "stopped-sdei"]
[c["wedged"] for c in r["cpus"]] == [False, True]
r["cpus"][1]["registers"]["pstate"] == "0x600003c5"
r["record"] is not None and r["record"]["source"] == "note" and r["record"]["sdei_nmi"] == "armed"
X
	;;
	sdei-wedge-daif-4cpu) cat <<'X'
exit 3
[c["verdict"] for c in r["cpus"]] == ["panic", "stopped-ipi", "stopped-sdei", "stopped-ipi"]
[c["wedged"] for c in r["cpus"]] == [False, False, True, False]
X
	;;
	sdei-lkdtm-4cpu) cat <<'X'
exit 3
[c["verdict"] for c in r["cpus"]] == ["panic", "stopped-ipi", "not-stopped", "stopped-ipi"]
r["numbering"] == {"method": "memory", "certain": True} and r["cpus"][3]["note_index"] == 2
X
	;;
	sdei-lkdtm-4cpu-ours-c) cat <<'X'
exit 3
[c["verdict"] for c in r["cpus"]] == ["panic", "stopped-ipi", "not-stopped", "stopped-ipi"]
r["numbering"]["certain"] and r["cpus"][3]["note_index"] == 2 and r["record"]["nr_cpus"] == 4
X
	;;
	va52-ours-c) cat <<'X'
exit 0
vmcoreinfo NUMBER(VA_BITS)=52
vmcoreinfo NUMBER(TCR_EL1_T1SZ)=0xc
[c["verdict"] for c in r["cpus"]] == ["panic", "stopped-ipi"]
all(c["backtrace"]["complete"] for c in r["cpus"]) and len(r["cpus"]) == 2
X
	;;
	sdei-wedge-irq-pnmi) cat <<'X'
exit 3
[c["verdict"] for c in r["cpus"]] == ["panic", "stopped-nmi"]
r["cpus"][1]["wedged"]
X
	;;
	sdei-wedge-daif-pnmi) cat <<'X'
exit 3
[c["verdict"] for c in r["cpus"]] == ["panic", "not-stopped"]
X
	;;
	# The same crash with the capture kernel loaded by kexec -c: the same
	# verdicts (check_one adds the record note's checks).
	*-ours-c) expect_of "${1%-ours-c}" ;;
	esac
}

# same_cpus_as_first_kernel NAME RUN: where the report places each CPU's
# crash_notes buffer is where the crashed kernel's sysfs said it was.  The
# guest's init writes the sysfs list before it crashes the kernel; a
# report that numbers the CPUs by note order claims no such placement, so
# there is nothing to compare (a note, not a pass).
same_cpus_as_first_kernel() {
	local name=$1 run=$2 why st
	if [ ! -s "$run/share/out/first-crash_notes.txt" ]; then
		not_ok "$name: the crashed kernel's crash_notes list (first-crash_notes.txt) is missing"
		return
	fi
	why=$(python3 - "$run/report.json" "$run/share/out/first-crash_notes.txt" 2>&1 <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
sysfs = {}
for line in open(sys.argv[2]):
    f = line.split()
    if len(f) == 3:
        sysfs[int(f[0][3:])] = "0x%x" % int(f[1], 16)
if r["numbering"]["method"] == "note-order":
    sys.exit(2)
got = {c["cpu"]: c["crash_notes"] for c in r["cpus"]}
if not sysfs or got != sysfs:
    print("report %s, sysfs %s" % (got, sysfs))
    sys.exit(1)
PY
	)
	st=$?
	if [ $st -eq 0 ]; then
		ok "$name: each CPU's crash_notes address is the one the crashed kernel's sysfs gave"
	elif [ $st -eq 2 ]; then
		note "$name: CPUs numbered by note order: no crash_notes placement to compare with sysfs"
	else
		not_ok "$name: crash_notes addresses differ from the crashed kernel's sysfs" "$why"
	fi
}

# same_report_as_elf NAME RUN DUMP: makedumpfile's other formats of the
# same crash give the ELF dump's report, all but the dump's own members.
same_report_as_elf() {
	local name=$1 run=$2 dump=$3 fmt=${3##*.} why
	"$VMCORE_SDEI" --json --backtrace "$dump" > "$run/report.$fmt.json" 2> "$run/report.$fmt.err"
	if why=$(python3 - "$run/report.json" "$run/report.$fmt.json" 2>&1 <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for r in (a, b):
    del r["dump"]
diff = [k for k in a if a[k] != b.get(k)]
if diff:
    print("members differ: " + ", ".join(diff))
    sys.exit(1)
PY
	); then
		ok "$name: makedumpfile format $fmt gives the same report as the ELF dump"
	else
		not_ok "$name: makedumpfile format $fmt gives another report" "$why" \
			"$(head -c 300 "$run/report.$fmt.err")"
	fi
}

check_one() {	# check_one NAME LOADER
	local name=$1 loader=$2 run=$RUNS/$1 dump want got expr
	dump=$run/share/out/vmcore.E
	# Scenarios that makedumpfile cannot read save /proc/vmcore as it is.
	[ -s "$dump" ] || [ ! -s "$run/share/out/vmcore.raw" ] || dump=$run/share/out/vmcore.raw
	if [ ! -s "$dump" ]; then
		not_ok "$name: the capture kernel saved no dump" \
			"qemu exit $(cat "$run/qemu.status" 2>/dev/null); console: $run/console.log" \
			"$(grep -E 'KSD-E2E|Kernel panic|SMP:' "$run/console.log" 2>/dev/null | tail -8)"
		return
	fi
	ok "$name: dump captured ($(stat -c %s "$dump") bytes)"
	"$VMCORE_SDEI" --json --backtrace "$dump" > "$run/report.json" 2> "$run/report.err"
	got=$?
	want=$(expect_of "$name" | sed -n 's/^exit //p')
	if [ "$got" = "$want" ]; then
		ok "$name: vmcore-sdei exit $got"
	else
		not_ok "$name: vmcore-sdei exit $got, expected $want" "$(head -c 500 "$run/report.err")"
	fi
	expect_of "$name" | sed -n 's/^vmcoreinfo //p' | while read -r expr; do
		# The notes come first in /proc/vmcore and in makedumpfile -E.
		# (grep -c, not -q: an early exit would fail the pipe.)
		if head -c 1048576 "$dump" | grep -acF "$expr" > /dev/null; then
			echo "ok - $name: the dump's VMCOREINFO says $expr"
		else
			echo "not ok - $name: the dump's VMCOREINFO does not say $expr"
		fi
	done > "$run/checks.tap"
	expect_of "$name" | grep -v -e '^exit ' -e '^vmcoreinfo ' | while read -r expr; do
		if python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)' \
			"$run/report.json" "$expr" 2> /dev/null; then
			echo "ok - $name: $expr"
		else
			echo "not ok - $name: $expr"
		fi
	done >> "$run/checks.tap"
	while read -r line; do
		case $line in
		"ok - "*) ok "${line#ok - }" ;;
		*) not_ok "${line#not ok - }" "report: $run/report.json" ;;
		esac
	done < "$run/checks.tap"
	same_cpus_as_first_kernel "$name" "$run"
	for f in "$run"/share/out/vmcore.?; do
		[ -e "$f" ] && [ "${f##*.}" != E ] || continue
		same_report_as_elf "$name" "$run" "$f"
	done
	case $loader in
	ours-c|ours-a)
		# kexec_load: the record is a note inside the elfcorehdr.  The
		# other formats must keep it: same_report_as_elf compared it.
		if python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); sys.exit(0 if r["record"] and r["record"]["source"] == "note" and r["record"]["loader"].startswith("kexec-sdei ") else 1)' \
			"$run/report.json" 2> /dev/null; then
			ok "$name: our kexec (kexec_load) put the record note in the dump"
		else
			not_ok "$name: no KEXEC-SDEI record note in the dump" \
				"$(head -5 "$run/share/out/kexec.log" 2>/dev/null)"
		fi
		if python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); sys.exit(0 if r["record"] and r["record"]["source"] == "note" else 1)' \
			"$run/share/out/guest-report.json" 2> /dev/null; then
			ok "$name: the record note is in /proc/vmcore (vmcore-sdei in the capture kernel)"
		else
			not_ok "$name: vmcore-sdei in the capture kernel found no record note in /proc/vmcore"
		fi
		;;
	ours-s)
		if grep -q 'kexec_sdei.record=v1,' "$run/share/out/capture-cmdline.txt" 2>/dev/null; then
			ok "$name: our kexec (kexec_file_load) booted the capture kernel with the record token"
		else
			not_ok "$name: no kexec_sdei.record token on the capture command line" \
				"$(cat "$run/share/out/kexec.log" 2>/dev/null | head -5)"
		fi
		"$VMCORE_SDEI" --json --cmdline "$run/share/out/capture-cmdline.txt" "$dump" \
			> "$run/report-token.json" 2>/dev/null
		if python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); sys.exit(0 if r["record"] and r["record"]["source"] == "cmdline" else 1)' \
			"$run/report-token.json" 2> /dev/null; then
			ok "$name: the token's ladder is in the report"
		else
			not_ok "$name: the token's ladder is not in the report"
		fi
		;;
	esac
	if [ -f "$run/share/out/vmcore-sdei.txt" ] || [ -f "$run/share/out/kdump-report.err" ]; then
		if [ -s "$run/share/out/vmcore-sdei.txt" ] && [ -s "$run/share/out/vmcore-sdei.json" ] &&
		   ! ls "$run/share/out/"vmcore-sdei-incomplete* > /dev/null 2>&1; then
			ok "$name: the kdump hook saved vmcore-sdei.txt and .json beside the dump"
		else
			not_ok "$name: the kdump hook did not save both reports" \
				"$(head -c 500 "$run/share/out/kdump-report.err" 2>/dev/null)"
		fi
	fi
	if [ -f "$run/share/out/guest-report.status" ]; then
		if [ "$(cat "$run/share/out/guest-report.status")" = "$want" ]; then
			ok "$name: vmcore-sdei inside the capture kernel agrees (exit $want)"
		else
			not_ok "$name: vmcore-sdei inside the capture kernel exit $(cat "$run/share/out/guest-report.status")"
		fi
	fi
}
