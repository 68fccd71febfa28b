#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The Debian/Ubuntu kdump-tools integration: kdump-tools-report, run as
# ExecStartPre of the kdump-tools services, in a fake capture environment
# (/proc/vmcore, /etc/default/kdump-tools, KDUMP_COREDIR).  It must put the
# report in the KDUMP_COREDIR/YYYYMMDDHHMM directory kdump-config is
# about to use, do nothing on a normal boot, and never fail.
. "${top_srcdir:?}/tests/integration/lib.sh"

ADAPTER=$top_builddir/kdump/kdump-tools/kdump-tools-report
DROPIN=$top_builddir/kdump/kdump-tools/kexec-sdei.conf
REPORT=$top_builddir/kdump/kdump-report
: "${inst_pkglibexecdir:?}"
command -v timeout > /dev/null 2>&1 || skip_all "timeout (coreutils) is needed to guard against hangs"

mkdump "$SPECS/sdei-wedged-2cpu.vmspec" "$WORK/vmcore"
echo "console=ttyAMA0 nr_cpus=1 systemd.unit=kdump-tools-dump.service" > "$WORK/cmdline"

# adapter NAME COREDIR DEFAULTS-TEXT [VAR=VALUE...]
adapter() {
	name=$1 coredir=$2
	printf '%s\n' "$3" > "$WORK/$name.defaults"
	shift 3
	rm -rf "$coredir"
	env KSD_VMCORE="$WORK/vmcore" KSD_CMDLINE="$WORK/cmdline" \
		KSD_VMCORE_SDEI="$VMCORE_SDEI" KSD_KDUMP_REPORT="$REPORT" \
		KSD_KDUMP_DEFAULTS="$WORK/$name.defaults" KSD_ARCH=aarch64 "$@" \
		timeout 120 sh "$ADAPTER" > "$WORK/$name.out" 2> "$WORK/$name.err"
	echo $? > "$WORK/$name.status"
}

# Directory listing relative to a core directory, one "dir/file" a line.
tree() {
	(cd "$1" 2> /dev/null && find . -mindepth 1 | sed 's|^\./||' | sort | tr '\n' ' ')
}

crash=$WORK/crash
before=$(date +%Y%m%d%H%M)
adapter ok "$crash" "USE_KDUMP=1
KDUMP_COREDIR=\"$crash\""
after=$(date +%Y%m%d%H%M)
expect_status ok 0 "capture kernel: succeeds"
stamp=$(ls "$crash" 2> /dev/null)
if [ "$stamp" = "$before" ] || [ "$stamp" = "$after" ]; then
	ok "capture kernel: one directory named like kdump-config's (YYYYMMDDHHMM)"
else
	not_ok "capture kernel: one directory named like kdump-config's" \
		"got '$stamp', expected $before or $after"
fi
t=$(tree "$crash")
if [ "$t" = "$stamp $stamp/vmcore-sdei.json $stamp/vmcore-sdei.txt " ]; then
	ok "capture kernel: both reports in it, no staging directory left"
else
	not_ok "capture kernel: both reports in it, no staging directory left" "tree: $t"
fi
cp "$crash/$stamp/vmcore-sdei.json" "$WORK/ok.json.out" 2> /dev/null
json_check ok.json '[c["cpu"] for c in r["cpus"] if c["wedged"]] == []' \
	"capture kernel: vmcore-sdei.json is the report on the dump"
if [ ! -s "$WORK/ok.out" ]; then ok "nothing on standard output"; else not_ok "nothing on standard output"; fi

adapter normal "$crash" "KDUMP_COREDIR=\"$crash\"" KSD_VMCORE="$WORK/no-such-vmcore"
expect_status normal 0 "normal boot (no /proc/vmcore): succeeds"
check "normal boot: nothing created" test ! -e "$crash"
: > "$WORK/empty-vmcore"
adapter emptyvmcore "$crash" "KDUMP_COREDIR=\"$crash\"" KSD_VMCORE="$WORK/empty-vmcore"
check "empty /proc/vmcore (as kdump-tools treats it, a normal boot): nothing created" test ! -e "$crash"

adapter x86 "$crash" "KDUMP_COREDIR=\"$crash\"" KSD_ARCH=x86_64
expect_status x86 0 "non-arm64 capture kernel: succeeds"
check "non-arm64 capture kernel: nothing created" test ! -e "$crash"

for remote in NFS=server:/export/crash SSH=kdump@server FTP=server:/crash; do
	adapter "remote-${remote%%=*}" "$crash" "KDUMP_COREDIR=\"$crash\"
$remote"
	expect_status "remote-${remote%%=*}" 0 "${remote%%=*} target: succeeds"
	check "${remote%%=*} target: nothing saved locally" test ! -e "$crash"
	expect_stderr "remote-${remote%%=*}" "remote target" "${remote%%=*} target: says why"
done

adapter nobin "$crash" "KDUMP_COREDIR=\"$crash\"" KSD_VMCORE_SDEI="$WORK/no-such-vmcore-sdei"
expect_status nobin 0 "vmcore-sdei missing: succeeds"
t=$(tree "$crash")
if [ -z "$t" ]; then
	ok "vmcore-sdei missing: no dump directory made, no staging left"
else
	not_ok "vmcore-sdei missing: no dump directory made, no staging left" "tree: $t"
fi

rm -rf "$WORK/file-not-dir"
: > "$WORK/file-not-dir"
adapter baddir "$WORK/file-not-dir/crash" "KDUMP_COREDIR=\"$WORK/file-not-dir/crash\""
expect_status baddir 0 "core directory that cannot be made: succeeds"
expect_stderr baddir "no vmcore-sdei report" "core directory that cannot be made: says so"

# Near the end of a minute it waits for the next one, so that the name it
# picks is the one kdump-config takes a moment later.  A fake date says
# second 57 (and the minute passes); a fake sleep notes what it was asked.
mkdir -p "$WORK/fakebin"
cat > "$WORK/fakebin/date" <<EOF
#!/bin/sh
case "\$1" in
+%S) echo 57 ;;
+%Y%m%d%H%M) if [ -e "$WORK/slept" ]; then echo 203001010001; else echo 203001010000; fi ;;
*) exec "$(command -v date)" "\$@" ;;
esac
EOF
cat > "$WORK/fakebin/sleep" <<EOF
#!/bin/sh
case "\$1" in
0.*) ;;
*) echo "\$1" >> "$WORK/slept" ;;
esac
exec "$(command -v sleep)" "\$@"
EOF
chmod 755 "$WORK/fakebin/date" "$WORK/fakebin/sleep"
rm -f "$WORK/slept"
adapter guard "$crash" "KDUMP_COREDIR=\"$crash\"" PATH="$WORK/fakebin:$PATH"
if [ "$(cat "$WORK/slept" 2> /dev/null)" = 3 ]; then
	ok "at second 57: waits the 3 s to the next minute"
else
	not_ok "at second 57: waits the 3 s to the next minute" "slept: $(cat "$WORK/slept" 2> /dev/null)"
fi
t=$(tree "$crash")
if [ "$t" = "203001010001 203001010001/vmcore-sdei.json 203001010001/vmcore-sdei.txt " ]; then
	ok "at second 57: the report goes in the next minute's directory"
else
	not_ok "at second 57: the report goes in the next minute's directory" "tree: $t"
fi

# The systemd drop-in.
if grep -qx "ExecStartPre=-$inst_pkglibexecdir/kdump-tools-report" "$DROPIN" &&
	grep -qx '\[Service\]' "$DROPIN"; then
	ok "drop-in: [Service] ExecStartPre=-$inst_pkglibexecdir/kdump-tools-report"
else
	not_ok "drop-in runs the installed kdump-tools-report, failure ignored" "$(cat "$DROPIN")"
fi
if command -v systemd-analyze > /dev/null 2>&1; then
	# A unit shaped like kdump-tools-dump.service with the drop-in: does
	# systemd accept the drop-in's syntax?
	u=$WORK/units
	mkdir -p "$u/kdump-tools-dump.service.d"
	printf '[Unit]\nDescription=test\n[Service]\nType=oneshot\nExecStart=/bin/true\n' \
		> "$u/kdump-tools-dump.service"
	sed "s|ExecStartPre=-.*|ExecStartPre=-/bin/true|" "$DROPIN" \
		> "$u/kdump-tools-dump.service.d/kexec-sdei.conf"
	SYSTEMD_LOG_LEVEL=err systemd-analyze verify --man=no \
		"$u/kdump-tools-dump.service" > "$WORK/verify.out" 2>&1
	st=$?
	# verify reports a bad line without failing, and may not run at all
	# in a container: a complaint naming our file is what counts.
	if grep -q 'kexec-sdei.conf' "$WORK/verify.out"; then
		not_ok "drop-in: systemd-analyze verify accepts it" "$(cat "$WORK/verify.out")"
	elif [ $st -eq 0 ]; then
		ok "drop-in: systemd-analyze verify accepts it"
	else
		skip "drop-in: systemd-analyze verify" "cannot run here: $(head -n 1 "$WORK/verify.out")"
	fi
else
	skip "drop-in: systemd-analyze verify" "systemd-analyze is not installed"
fi

done_testing
