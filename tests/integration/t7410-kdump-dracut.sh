#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The kdump-utils integration: the vmcore-dmesg wrapper called the way
# kdump.sh calls vmcore-dmesg, and the dracut module's check/depends/
# install run against a fake dracut (its inst_* functions) and a fake
# kdump image.  vmcore-dmesg's output and exit status must pass through
# untouched, and the report land beside it, in the dump directory.
. "${top_srcdir:?}/tests/integration/lib.sh"

MODDIR=$top_builddir/kdump/dracut/99kexec-sdei
WRAPPER=$MODDIR/vmcore-dmesg
REPORT=$top_builddir/kdump/kdump-report
: "${inst_bindir:?}" "${inst_pkglibexecdir:?}"
command -v bash > /dev/null 2>&1 || skip_all "bash (dracut's shell) is needed"
command -v timeout > /dev/null 2>&1 || skip_all "timeout (coreutils) is needed to guard against hangs"

mkdump "$SPECS/sdei-wedged-2cpu.vmspec" "$WORK/vmcore"
echo "console=ttyAMA0 nr_cpus=1 kexec_sdei.record=v1,dt-smc,armed,pnmi-off" > "$WORK/cmdline"

# A stand-in for kexec-tools' vmcore-dmesg: prints its arguments and a
# log line, notes what the dump directory held when it ran, and exits
# with $STUB_RC.
cat > "$WORK/stub-dmesg" <<'EOF'
#!/bin/sh
echo "args: $*"
echo "[    0.000000] Booting Linux on physical CPU 0x0000000000 [0x411fd070]"
ls -A "$STUB_DIR" > "$STUB_DIR.seen"
exit "${STUB_RC:-0}"
EOF
chmod 755 "$WORK/stub-dmesg"

newdir() {
	rm -rf "$WORK/$1"
	mkdir -p "$WORK/$1"
	echo "$WORK/$1"
}

# dmesg NAME DIR [VAR=VALUE...]: as kdump.sh does,
#	/sbin/vmcore-dmesg /proc/vmcore > DIR/vmcore-dmesg-incomplete.txt
dmesg() {
	name=$1 dir=$2
	shift 2
	env KSD_VMCORE_DMESG="$WORK/stub-dmesg" KSD_KDUMP_REPORT="$REPORT" \
		KSD_VMCORE="$WORK/vmcore" KSD_CMDLINE="$WORK/cmdline" \
		KSD_VMCORE_SDEI="$VMCORE_SDEI" STUB_DIR="$dir" "$@" \
		timeout 120 sh "$WRAPPER" /proc/vmcore \
		> "$dir/vmcore-dmesg-incomplete.txt" 2> "$WORK/$name.err"
	echo $? > "$WORK/$name.status"
}

expect_files() {	# expect_files DIR "NAME..." DESCRIPTION
	got=$(ls -A "$1" | tr '\n' ' ')
	if [ "$got" = "$2" ]; then
		ok "$3"
	else
		not_ok "$3" "in $1: '$got', expected '$2'"
	fi
}

mkdir -p "$WORK/baseline"
STUB_DIR=$WORK/baseline "$WORK/stub-dmesg" /proc/vmcore > "$WORK/expected-dmesg.txt"

d=$(newdir ok)
dmesg ok "$d"
expect_status ok 0 "wrapper: vmcore-dmesg's exit status 0 passes through"
expect_files "$d" "vmcore-dmesg-incomplete.txt vmcore-sdei.json vmcore-sdei.txt " \
	"wrapper: both reports saved in the dump directory"
check "wrapper: vmcore-dmesg's output untouched, nothing of ours in it" \
	cmp "$WORK/expected-dmesg.txt" "$d/vmcore-dmesg-incomplete.txt"
if [ ! -s "$d.seen" ] || [ "$(cat "$d.seen")" = vmcore-dmesg-incomplete.txt ]; then
	ok "wrapper: vmcore-dmesg runs first, before the report"
else
	not_ok "wrapper: vmcore-dmesg runs first" "it saw: $(cat "$d.seen")"
fi
cp "$d/vmcore-sdei.json" "$WORK/ok.json.out"
json_check ok.json 'r["schema"] == "kexec-sdei.vmcore-sdei.report"' "wrapper: vmcore-sdei.json is a report"

d=$(newdir fail)
dmesg fail "$d" STUB_RC=1
expect_status fail 1 "wrapper: vmcore-dmesg's failure passes through"
expect_files "$d" "vmcore-dmesg-incomplete.txt vmcore-sdei.json vmcore-sdei.txt " \
	"wrapper: the report is saved even when vmcore-dmesg fails"

d=$(newdir nobin)
dmesg nobin "$d" KSD_VMCORE_SDEI="$WORK/no-such-vmcore-sdei"
expect_status nobin 0 "wrapper: vmcore-sdei missing does not change the status"
expect_files "$d" "vmcore-dmesg-incomplete.txt " "wrapper: vmcore-sdei missing: no report"
check "wrapper: vmcore-sdei missing: vmcore-dmesg's output intact" \
	cmp "$WORK/expected-dmesg.txt" "$d/vmcore-dmesg-incomplete.txt"

# ssh targets: kdump.sh pipes vmcore-dmesg into ssh.  No directory, no report.
d=$(newdir pipe)
env KSD_VMCORE_DMESG="$WORK/stub-dmesg" KSD_KDUMP_REPORT="$REPORT" \
	KSD_VMCORE="$WORK/vmcore" KSD_CMDLINE="$WORK/cmdline" \
	KSD_VMCORE_SDEI="$VMCORE_SDEI" STUB_DIR="$d" \
	timeout 120 sh "$WRAPPER" /proc/vmcore 2> "$WORK/pipe.err" | cat > "$WORK/pipe.txt"
check "wrapper on a pipe (ssh target): output intact" cmp "$WORK/expected-dmesg.txt" "$WORK/pipe.txt"
expect_files "$d" "" "wrapper on a pipe: no report written anywhere"
expect_stderr pipe "not a dump directory" "wrapper on a pipe: says why there is no report"

# --- the dracut module against a fake dracut ---
check "module-setup.sh parses (bash -n)" bash -n "$MODDIR/module-setup.sh"
check "the wrapper parses (sh -n)" sh -n "$WRAPPER"

# The host: the installed files that module-setup.sh names.
host=$WORK/host
mkdir -p "$host$inst_bindir" "$host$inst_pkglibexecdir"
cp "$VMCORE_SDEI" "$host$inst_bindir/vmcore-sdei"
cp "$REPORT" "$host$inst_pkglibexecdir/kdump-report"

# image NAME [with-dmesg]: a usr-merged kdump image as 99kdumpbase left it
image() {
	rm -rf "$WORK/$1"
	mkdir -p "$WORK/$1/usr/sbin" "$WORK/$1/usr/bin"
	ln -s usr/sbin "$WORK/$1/sbin"
	ln -s usr/bin "$WORK/$1/bin"
	if [ "${2:-}" = with-dmesg ]; then
		cp "$WORK/stub-dmesg" "$WORK/$1/usr/sbin/vmcore-dmesg"
	fi
}

# dracut NAME IMAGE HOST COMMANDS: source module-setup.sh under bash with
# dracut's functions faked (they copy from HOST into IMAGE), run COMMANDS
dracut() {
	bash -c '
		set -u
		host=$1 initdir=$2 moddir=$3 log=$4
		: > "$log"
		_copy() {
			mkdir -p "$initdir${2%/*}" && cp -L "$host$1" "$initdir$2"
		}
		inst_binary() { echo "inst_binary $*" >> "$log"; _copy "$1" "$1"; }
		inst_simple() { echo "inst_simple $*" >> "$log"; _copy "$1" "${2:-$1}"; }
		inst_multiple() { echo "inst_multiple $*" >> "$log"; }
		require_binaries() {
			for _b; do [ -x "$host$_b" ] || return 1; done
		}
		dwarn() { echo "dwarn $*" >> "$log"; }
		derror() { echo "derror $*" >> "$log"; }
		. "$moddir/module-setup.sh"
		eval "$5"
	' bash "$3" "$WORK/$2" "$MODDIR" "$WORK/$1.log" "$4" > "$WORK/$1.out" 2> "$WORK/$1.err"
	echo $? > "$WORK/$1.status"
}

image img with-dmesg
dracut nokdump img "$host" 'unset IN_KDUMP; check'
expect_status nokdump 1 "check: not in a normal initramfs (no IN_KDUMP)"
dracut kdump img "$host" 'IN_KDUMP=1 check'
expect_status kdump 0 "check: included in the kdump initramfs"
dracut nohostbin img "$WORK/empty-host" 'IN_KDUMP=1 check'
expect_status nohostbin 1 "check: left out when vmcore-sdei is not installed"
dracut depends img "$host" 'depends'
expect_stdout depends '^kdumpbase$' "depends: kdumpbase"

dracut install img "$host" 'install'
expect_status install 0 "install succeeds"
img=$WORK/img
check "install: vmcore-sdei in the image" test -x "$img$inst_bindir/vmcore-sdei"
check "install: kdump-report in the image" test -x "$img$inst_pkglibexecdir/kdump-report"
check "install: /sbin/vmcore-dmesg is the wrapper" cmp "$WRAPPER" "$img/usr/sbin/vmcore-dmesg"
check "install: /sbin/vmcore-dmesg executable" test -x "$img/usr/sbin/vmcore-dmesg"
check "install: the real vmcore-dmesg kept, unchanged, where the wrapper runs it" \
	cmp "$WORK/stub-dmesg" "$img$inst_pkglibexecdir/vmcore-dmesg"

dracut again img "$host" 'install'
expect_status again 0 "install twice succeeds"
check "install twice: the real vmcore-dmesg is still the real one" \
	cmp "$WORK/stub-dmesg" "$img$inst_pkglibexecdir/vmcore-dmesg"

# The installed pieces together, as the capture kernel would run them
# (paths redirected into the image).
d=$(newdir image-run)
dmesg image-run "$d" KSD_VMCORE_DMESG="$img$inst_pkglibexecdir/vmcore-dmesg" \
	KSD_KDUMP_REPORT="$img$inst_pkglibexecdir/kdump-report" \
	KSD_VMCORE_SDEI="$img$inst_bindir/vmcore-sdei"
expect_status image-run 0 "image: vmcore-dmesg through the wrapper succeeds"
expect_files "$d" "vmcore-dmesg-incomplete.txt vmcore-sdei.json vmcore-sdei.txt " \
	"image: the report is saved beside vmcore-dmesg's log"

image bare
dracut bare bare "$host" 'install'
expect_status bare 0 "install without a vmcore-dmesg in the image still succeeds"
if grep -q '^dwarn .*no /sbin/vmcore-dmesg' "$WORK/bare.log"; then
	ok "install without vmcore-dmesg: warns that no report will be saved"
else
	not_ok "install without vmcore-dmesg: warns" "$(cat "$WORK/bare.log")"
fi
check "install without vmcore-dmesg: no wrapper put in" test ! -e "$WORK/bare/usr/sbin/vmcore-dmesg"

done_testing
