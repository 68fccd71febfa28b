#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The capture-side hook kdump/kdump-report in a fake capture environment
# (a real arm64 dump as /proc/vmcore, a capture command line, a dump
# directory).  It must leave both reports complete or nothing, say why
# on standard error, and exit 0 without hanging whatever vmcore-sdei or
# the target does: a crash, a hang, a missing binary, a full or
# read-only file system.
. "${top_srcdir:?}/tests/integration/lib.sh"

HOOK=$top_builddir/kdump/kdump-report
command -v xz > /dev/null 2>&1 || skip_all "xz is needed to unpack the example dump"
command -v timeout > /dev/null 2>&1 || skip_all "timeout (coreutils) is needed to guard against hangs"
xz -dc "$top_srcdir/examples/sdei-wedge-2cpu.vmcore.xz" > "$WORK/vmcore" || {
	echo "Bail out! cannot unpack the example dump"
	exit 1
}
echo "console=ttyAMA0 nr_cpus=1 reset_devices kexec_sdei.record=v1,dt-smc,armed,pnmi-off" \
	> "$WORK/cmdline"

SH=sh

# hook NAME DIR [VAR=VALUE...]: run the hook under $SH in the fake
# environment; its stdout, stderr and status are kept as NAME.*.  The
# outer timeout only turns a hang into a failure instead of a stuck test.
hook() {
	name=$1 dir=$2
	shift 2
	env KSD_VMCORE="$WORK/vmcore" KSD_CMDLINE="$WORK/cmdline" \
		KSD_VMCORE_SDEI="$VMCORE_SDEI" "$@" \
		timeout 120 $SH "$HOOK" "$dir" > "$WORK/$name.out" 2> "$WORK/$name.err"
	echo $? > "$WORK/$name.status"
}

# expect_files DIR "NAME..." DESCRIPTION: DIR holds exactly those files
expect_files() {
	got=$(ls -A "$1" | tr '\n' ' ')
	if [ "$got" = "$2" ]; then
		ok "$3"
	else
		not_ok "$3" "in $1: '$got', expected '$2'"
	fi
}

# stub NAME SCRIPT-BODY: a fake vmcore-sdei
stub() {
	printf '#!/bin/sh\n%s\n' "$2" > "$WORK/stub-$1"
	chmod 755 "$WORK/stub-$1"
}

newdir() {
	rm -rf "$WORK/$1"
	mkdir -p "$WORK/$1"
	echo "$WORK/$1"
}

# --- the reports, under every shell a capture environment may have ---
"$VMCORE_SDEI" --cmdline "$WORK/cmdline" "$WORK/vmcore" > "$WORK/direct.txt"
shells="sh bash"
if command -v busybox > /dev/null 2>&1; then
	# As in a busybox initramfs: its ash and its applets, not coreutils.
	shells="$shells busybox"
	mkdir -p "$WORK/bb"
	for a in sh sleep mv rm chmod sync mkdir cat; do
		ln -sf "$(command -v busybox)" "$WORK/bb/$a"
	done
fi
for s in $shells; do
	case $s in
	busybox) SH="env PATH=$WORK/bb:$PATH busybox sh" ;;
	*) SH=$s ;;
	esac
	command -v $s > /dev/null 2>&1 || { skip "reports under $s" "$s is not installed"; continue; }
	d=$(newdir "ok-$s")
	hook "ok-$s" "$d"
	expect_status "ok-$s" 0 "$s: hook succeeds on a dump with a wedged CPU"
	expect_files "$d" "vmcore-sdei.json vmcore-sdei.txt " "$s: both reports, nothing else"
	if cmp -s "$d/vmcore-sdei.txt" "$WORK/direct.txt"; then
		ok "$s: vmcore-sdei.txt is vmcore-sdei's text report"
	else
		not_ok "$s: vmcore-sdei.txt is vmcore-sdei's text report" \
			"$(diff "$WORK/direct.txt" "$d/vmcore-sdei.txt" | head -n 20)"
	fi
	cp "$d/vmcore-sdei.json" "$WORK/ok-$s.json.out"
	json_check "ok-$s.json" 'r["record"]["source"] == "cmdline" and r["record"]["sdei_nmi"] == "armed"' \
		"$s: the kexec_sdei.record token was read from the command line"
	json_check "ok-$s.json" '[c["cpu"] for c in r["cpus"] if c["wedged"]] == [1] and r["cpus"][1]["verdict"] == "stopped-sdei"' \
		"$s: vmcore-sdei.json has CPU 1 wedged, stopped by SDEI"
	if [ ! -s "$WORK/ok-$s.out" ]; then
		ok "$s: nothing on standard output"
	else
		not_ok "$s: nothing on standard output" "$(head -c 500 "$WORK/ok-$s.out")"
	fi
	expect_stderr "ok-$s" "saved .*/vmcore-sdei.txt: at least one CPU was wedged" \
		"$s: says the report is saved and a CPU was wedged"
done
SH=sh

mode=$(stat -c %a "$WORK/ok-sh/vmcore-sdei.txt" "$WORK/ok-sh/vmcore-sdei.json" | tr '\n' ' ')
if [ "$mode" = "600 600 " ]; then
	ok "reports are readable by root only, like vmcore-dmesg.txt"
else
	not_ok "reports are readable by root only" "modes: $mode"
fi

# --- the dump's own SDEI record note wins over the command line ---
mkdump "$SPECS/four-cpus-cpu2-silent.vmspec" "$WORK/rec.vmcore"
d=$(newdir note)
hook note "$d" KSD_VMCORE="$WORK/rec.vmcore"
cp "$d/vmcore-sdei.json" "$WORK/note.json.out" 2> /dev/null
json_check note.json 'r["record"]["source"] == "note"' "a dump with a record note: the note is used"

# --- no command line to read: the report is saved without the token ---
d=$(newdir nocmdline)
hook nocmdline "$d" KSD_CMDLINE="$WORK/no-such-cmdline"
expect_files "$d" "vmcore-sdei.json vmcore-sdei.txt " "unreadable command line: reports still saved"
cp "$d/vmcore-sdei.json" "$WORK/nocmdline.json.out" 2> /dev/null
json_check nocmdline.json 'r["record"] is None or r["record"]["source"] != "cmdline"' \
	"unreadable command line: no token used"

# --- failures: always exit 0, never a partial report ---
d=$(newdir nobin)
hook nobin "$d" KSD_VMCORE_SDEI="$WORK/no-such-vmcore-sdei"
expect_status nobin 0 "vmcore-sdei missing: hook still succeeds"
expect_files "$d" "" "vmcore-sdei missing: no report files"
expect_stderr nobin "no-such-vmcore-sdei is missing" "vmcore-sdei missing: says so"

d=$(newdir novmcore)
hook novmcore "$d" KSD_VMCORE="$WORK/no-such-vmcore"
expect_status novmcore 0 "no dump: hook still succeeds"
expect_files "$d" "" "no dump: no report files"
expect_stderr novmcore "cannot read .*no-such-vmcore" "no dump: says so"

hook nodir "$WORK/no-such-dir"
expect_status nodir 0 "no dump directory: hook still succeeds"
expect_stderr nodir "an existing dump directory" "no dump directory: says so"

stub crash 'echo "vmcore-sdei 0.1.0: half a report"; ulimit -c 0; kill -SEGV $$'
d=$(newdir crash)
hook crash "$d" KSD_VMCORE_SDEI="$WORK/stub-crash"
expect_status crash 0 "vmcore-sdei crashing: hook still succeeds"
expect_files "$d" "" "vmcore-sdei crashing: its partial output removed"
expect_stderr crash "killed by signal 11" "vmcore-sdei crashing: the signal is named"

echo "not a dump" > "$WORK/garbage"
d=$(newdir garbage)
hook garbage "$d" KSD_VMCORE="$WORK/garbage"
expect_status garbage 0 "unreadable dump: hook still succeeds"
expect_files "$d" "" "unreadable dump: no report files"
expect_stderr garbage "^vmcore-sdei: .*garbage" "unreadable dump: vmcore-sdei's own message passes through"
expect_stderr garbage "exit 2" "unreadable dump: the exit status is named"

stub empty 'exit 0'
d=$(newdir empty)
hook empty "$d" KSD_VMCORE_SDEI="$WORK/stub-empty"
expect_files "$d" "" "vmcore-sdei printing nothing: no empty report kept"
expect_stderr empty "vmcore-sdei exit 0$" "vmcore-sdei printing nothing: it did run"

stub hang 'exec sleep 1000'
d=$(newdir hang)
hook hang "$d" KSD_VMCORE_SDEI="$WORK/stub-hang" KSD_TIMEOUT=1
expect_status hang 0 "vmcore-sdei hanging: hook returns and succeeds"
expect_files "$d" "" "vmcore-sdei hanging: no report files"
expect_stderr hang "stopped after 1s" "vmcore-sdei hanging: says it was stopped"

stub deaf 'trap "" TERM; echo partial; while :; do sleep 1; done'
d=$(newdir deaf)
hook deaf "$d" KSD_VMCORE_SDEI="$WORK/stub-deaf" KSD_TIMEOUT=1
expect_status deaf 0 "vmcore-sdei ignoring SIGTERM: killed, hook succeeds"
expect_files "$d" "" "vmcore-sdei ignoring SIGTERM: no report files"
expect_stderr deaf "stopped after 1s" "vmcore-sdei ignoring SIGTERM: says it was stopped"

# The JSON report is only tried after the text one worked.
stub textfail "echo \"\$1\" >> '$WORK/textfail.calls'; case \"\$1\" in --json) echo '{}'; exit 0 ;; *) exit 2 ;; esac"
d=$(newdir textfail)
hook textfail "$d" KSD_VMCORE_SDEI="$WORK/stub-textfail"
expect_files "$d" "" "text report failing: no report files"
if [ "$(cat "$WORK/textfail.calls")" = "--cmdline" ]; then
	ok "text report failing: JSON not attempted"
else
	not_ok "text report failing: JSON not attempted" "calls: $(cat "$WORK/textfail.calls")"
fi

# --- full and read-only targets, on a tiny tmpfs in a private mount
# namespace (needs root and unshare) ---
# in_tmpfs NAME MOUNT-OPTIONS FILL-BYTES [VAR=VALUE...]
in_tmpfs() {
	name=$1 opts=$2 fill=$3
	shift 3
	mkdir -p "$WORK/$name.mnt"
	unshare -m sh -c '
		mnt=$1 opts=$2 fill=$3 out=$4 hook=$5
		shift 5
		mount -t tmpfs -o "$opts" tmpfs "$mnt" || exit 99
		if [ "$fill" -gt 0 ]; then
			head -c "$fill" /dev/zero > "$mnt/filler" 2> /dev/null
		fi
		env "$@" timeout 120 sh "$hook" "$mnt" > "$out.out" 2> "$out.err"
		echo $? > "$out.status"
		ls -A "$mnt" | tr "\n" " " > "$out.ls"
	' sh "$WORK/$name.mnt" "$opts" "$fill" "$WORK/$name" "$HOOK" \
		KSD_VMCORE="$WORK/vmcore" KSD_CMDLINE="$WORK/cmdline" \
		KSD_VMCORE_SDEI="$VMCORE_SDEI" "$@"
}
mkdir -p "$WORK/probe"
if [ "$(id -u)" -eq 0 ] &&
	unshare -m sh -c 'mount -t tmpfs -o size=4k tmpfs "$1"' sh "$WORK/probe" 2> /dev/null; then
	in_tmpfs full size=4k 4096
	expect_status full 0 "full target: hook succeeds"
	if [ "$(cat "$WORK/full.ls")" = "filler " ]; then
		ok "full target: nothing left behind"
	else
		not_ok "full target: nothing left behind" "files: $(cat "$WORK/full.ls")"
	fi
	expect_stderr full "no .*vmcore-sdei.txt" "full target: says the report was not saved"

	# Room for the text report, in whole pages, and not for the JSON one
	# on top of it (the JSON report is the larger).
	txt=$(stat -c %s "$WORK/ok-sh/vmcore-sdei.txt")
	json=$(stat -c %s "$WORK/ok-sh/vmcore-sdei.json")
	kib=$(( (txt + 4095) / 4096 * 4 ))
	if [ "$json" -gt $((kib * 1024 - txt)) ]; then
		in_tmpfs onepage "size=${kib}k" 0
		expect_status onepage 0 "target with room for one report: hook succeeds"
		if [ "$(cat "$WORK/onepage.ls")" = "vmcore-sdei.txt " ]; then
			ok "target with room for one report: text saved, no partial JSON left"
		else
			not_ok "target with room for one report: text saved, no partial JSON left" \
				"files: $(cat "$WORK/onepage.ls")" "$(cat "$WORK/onepage.err")"
		fi
	else
		skip "target with room for one report" "the JSON report ($json bytes) fits beside the text one"
	fi

	in_tmpfs ro ro,size=64k 0
	expect_status ro 0 "read-only target: hook succeeds"
	if [ ! -s "$WORK/ro.ls" ]; then
		ok "read-only target: nothing written"
	else
		not_ok "read-only target: nothing written" "files: $(cat "$WORK/ro.ls")"
	fi
else
	skip "full and read-only targets" "needs root and mount namespaces (unshare -m) for a tmpfs"
fi

done_testing
