#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The kernel log read from generated dumps: both formats, ring wrap, the
# linear-map buffer, big-endian, the stop-line scan; and the same output
# as kexec-tools' vmcore-dmesg, the host's or Debian's fetched.
. "${top_srcdir:?}/tests/integration/lib.sh"

PRINTK_DUMP=$top_builddir/tests/tools/printk-dump

# pd NAME ARGS...: run printk-dump, keep stdout, stderr and status
pd() {
	local name=$1
	shift
	"$PRINTK_DUMP" "$@" > "$WORK/$name.out" 2> "$WORK/$name.err"
	echo $? > "$WORK/$name.status"
}

# same NAME FILE DESCRIPTION: stdout of NAME equals FILE byte for byte
same() {
	if cmp -s "$WORK/$1.out" "$2"; then
		ok "$3"
	else
		not_ok "$3" "$(diff "$2" "$WORK/$1.out" | head -20)"
	fi
}

# fetch_vmcore_dmesg: a host without kexec-tools gets its vmcore-dmesg
# from the Debian package, fetched once with apt-get download into
# tests/cache/ of the build tree (KSD_TEST_CACHE moves it, as in t1110)
# and extracted, not installed: the package would also put kexec-tools'
# kexec and its service on the host.  Prints the program, or why not.
fetch_vmcore_dmesg() {
	local dir=${KSD_TEST_CACHE:-$top_builddir/tests/cache}/kexec-tools p
	[ -x "$dir/vmcore-dmesg" ] && { echo "$dir/vmcore-dmesg"; return 0; }
	command -v apt-get > /dev/null || { echo "no apt-get to fetch kexec-tools"; return 1; }
	rm -rf "$dir.tmp"
	mkdir -p "$dir.tmp/debs"
	if ! (cd "$dir.tmp/debs" && apt-get download -q kexec-tools) > "$dir.tmp/apt.log" 2>&1; then
		echo "apt-get download kexec-tools failed: $(tail -n 1 "$dir.tmp/apt.log")"
		return 1
	fi
	dpkg-deb -x "$dir.tmp"/debs/kexec-tools_*.deb "$dir.tmp/root" ||
		{ echo "cannot unpack the kexec-tools package"; return 1; }
	# sbin before Debian 13, usr/sbin after the merged /usr.
	for p in sbin usr/sbin; do
		[ -x "$dir.tmp/root/$p/vmcore-dmesg" ] &&
			ln -s "root/$p/vmcore-dmesg" "$dir.tmp/vmcore-dmesg"
	done
	[ -x "$dir.tmp/vmcore-dmesg" ] ||
		{ echo "the kexec-tools package has no vmcore-dmesg"; return 1; }
	rm -rf "$dir"
	mv "$dir.tmp" "$dir"
	echo "$dir/vmcore-dmesg"
}

VMCORE_DMESG=${VMCORE_DMESG:-$(command -v vmcore-dmesg || echo /sbin/vmcore-dmesg)}
if [ ! -x "$VMCORE_DMESG" ]; then
	VMCORE_DMESG=$(fetch_vmcore_dmesg) || {
		no_vmcore_dmesg=$VMCORE_DMESG
		VMCORE_DMESG=
	}
fi

# versus NAME DUMP: printk-dump's output equals vmcore-dmesg's
versus() {
	if [ -z "$VMCORE_DMESG" ]; then
		skip "$1: same as vmcore-dmesg" "no vmcore-dmesg: $no_vmcore_dmesg"
		return
	fi
	# vmcore-dmesg prints the structured log's wrap marker as an empty
	# record at time 0 (docs/printk.md); leave that line out.
	"$VMCORE_DMESG" "$2" | grep -vx '\[    0\.000000\] ' > "$WORK/$1.vd" 2>&1
	same "$1" "$WORK/$1.vd" "$1: same as vmcore-dmesg"
}

# 1. The real run's log tail; levels and callers as the real dump has them.
mkdump "$SPECS/log-sdei-stop.vmspec" "$WORK/sdei.vmcore"
pd sdei --level --caller "$WORK/sdei.vmcore"
expect_status sdei 0 "reads the generated lockless ring"
cat > "$WORK/sdei.expect" <<'EOF'
<6>[    0.000000] [      T0] Booting Linux on physical CPU 0x0000000000 [0x411fd070]
<5>[    0.000000] [      T0] Linux version 6.12.107-e2e48sdei (root@vm) (aarch64-linux-gnu-gcc (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP Wed Nov 25 15:45:59 UTC 2026
<6>[    0.042758] [      T1] smp: Bringing up secondary CPUs ...
<6>[    0.049491] [      T1] SMP: Total of 2 processors activated.
<6>[    0.049573] [      T1] CPU: All CPU(s) started at EL1
<6>[    0.134962] [      T1] sdei: SDEIv1.0 (0x0) detected in firmware.
<6>[    0.270604] [      T1] sdei_nmi: using SDEI cross-CPU NMI (SDEI_EVENT_SIGNAL, event 0)
<7>[    0.436419] [      T1]   with arguments:
<7>[    0.436434] [      T1]     /init
<4>[    2.306611] [     T92] wedge: loading out-of-tree module taints kernel.
<0>[    2.674396] [     T97] wedge: CPU 1 spinning forever, mode=daif
<6>[    4.715112] [    T102] sysrq: Trigger a crash
<0>[    4.715655] [    T102] Kernel panic - not syncing: sysrq triggered crash
<4>[    4.716417] [    T102] CPU: 0 UID: 0 PID: 102 Comm: sh Kdump: loaded Tainted: G           O       6.12.107-e2e48sdei #1
<4>[    4.716691] [    T102] Tainted: [O]=OOT_MODULE
<4>[    4.716739] [    T102] Hardware name: linux,dummy-virt (DT)
<4>[    4.716890] [    T102] Call trace:
<4>[    4.716971] [    T102]  dump_backtrace+0xa0/0xdc
<4>[    4.719646] [    T102]  el0t_64_sync+0x160/0x164
<2>[    4.719980] [    T102] SMP: stopping secondary CPUs
<6>[    5.834749] [    T102] SMP: retry stop with SDEI NMI for CPUs 1
<6>[    5.836835] [    T102] Starting crashdump kernel...
<6>[    5.837320] [    T102] Bye!
EOF
same sdei "$WORK/sdei.expect" "every line, level and caller as in the real dump"
expect_stderr sdei 'lockless, 23 records; skipped: recycled=0 reserved=0 bad_block=0 unreadable=0 truncated=0 seq_gaps=0' \
	"no record skipped"
pd sdei-plain "$WORK/sdei.vmcore"
sed 's/^<[0-9]*>//; s/\] \[ *[TC][0-9]*\]/]/' "$WORK/sdei.expect" > "$WORK/sdei-plain.expect"
same sdei-plain "$WORK/sdei-plain.expect" "vmcore-dmesg format: time and text only"
versus sdei-plain "$WORK/sdei.vmcore"

pd sdei-stop --stoplog "$WORK/sdei.vmcore"
cat > "$WORK/sdei-stop.expect" <<'EOF'
records=23
stopping=yes
nmi_retry=none
sdei_retry=1
failed=none
sdei_nmi_boot=yes
stale=no
panic=Kernel panic - not syncing: sysrq triggered crash
panic_cpu=0
panic_cpu_source=banner-after
panic_pid=102
panic_cpu_conflict=no
unparsed=0
EOF
same sdei-stop "$WORK/sdei-stop.expect" "stop lines: SDEI retry for CPU 1, panic CPU 0 from panic()'s banner"

# 2. A small ring written 40 times over: only what the kernel kept.
{
	grep -v '^log' "$SPECS/log-sdei-stop.vmspec"
	echo "log.desc_bits = 3"
	echo "log.data_bits = 9"
	for i in $(seq 1 40); do
		echo "log = 6 $i.000001 line $i, long enough to make the data ring wrap"
	done
} > "$WORK/wrap.spec"
mkdump "$WORK/wrap.spec" "$WORK/wrap.vmcore"
pd wrap "$WORK/wrap.vmcore"
for i in $(seq 34 40); do
	printf '[%5d.000001] line %d, long enough to make the data ring wrap\n' "$i" "$i"
done > "$WORK/wrap.expect"
# 72-byte blocks in a 512-byte ring: the text of 7 survives.
same wrap "$WORK/wrap.expect" "data ring wrapped: the 7 newest records whose text survives"
versus wrap "$WORK/wrap.vmcore"
sed 's/log.desc_bits = 3/log.desc_bits = 2/' "$WORK/wrap.spec" > "$WORK/wrapd.spec"
mkdump "$WORK/wrapd.spec" "$WORK/wrapd.vmcore"
pd wrapd "$WORK/wrapd.vmcore"
tail -n 4 "$WORK/wrap.expect" > "$WORK/wrapd.expect"
same wrapd "$WORK/wrapd.expect" "descriptor ring wrapped: its 4 newest records"
versus wrapd "$WORK/wrapd.vmcore"

# 3. Multi-line text, escapes, an empty line, a record not yet finalized.
cat > "$WORK/odd.spec" <<'EOF'
ram = 0x40000000 0x1000000
kernel_text = 0x40200000 0x1800000
log = 4 1.5 caller=C3 first line\nsecond line\tafter a tab
log = 6 1.6 bytes \x01\x7f\xff kept escaped
log = 6 1.7
log = 6 1.8 state=committed no newline yet
EOF
mkdump "$WORK/odd.spec" "$WORK/odd.vmcore"
pd odd "$WORK/odd.vmcore"
printf '[    1.500000] first line\nsecond line\tafter a tab\n[    1.600000] bytes \\x01\\x7f\\xff kept escaped\n[    1.700000] \n[    1.800000] no newline yet\n' \
	> "$WORK/odd.expect"
same odd "$WORK/odd.expect" "multi-line, escapes, empty and unfinalized records as vmcore-dmesg prints them"
versus odd "$WORK/odd.vmcore"
pd odd-indent --caller --indent "$WORK/odd.vmcore"
printf '[    1.500000] [      C3] first line\n                          second line\tafter a tab\n' > "$WORK/odd-indent.expect"
head -n 2 "$WORK/odd-indent.out" > "$WORK/odd-indent.head"
if cmp -s "$WORK/odd-indent.head" "$WORK/odd-indent.expect"; then
	ok "makedumpfile's layout: caller column, continuation lines indented"
else
	not_ok "makedumpfile's layout" "$(cat "$WORK/odd-indent.head")"
fi

# 4. The log moved to the linear map (setup_log_buf), big-endian, structured.
sed 's/^osrelease = .*/&\nlog.dynamic = 0x50000000/' "$SPECS/log-sdei-stop.vmspec" > "$WORK/dyn.spec"
mkdump "$WORK/dyn.spec" "$WORK/dyn.vmcore"
pd dyn --level --caller "$WORK/dyn.vmcore"
same dyn "$WORK/sdei.expect" "ring arrays in the linear map, prb -> printk_rb_dynamic"
sed 's/^osrelease = .*/&\nendian = big/' "$SPECS/log-sdei-stop.vmspec" > "$WORK/be.spec"
mkdump "$WORK/be.spec" "$WORK/be.vmcore"
pd be --level --caller "$WORK/be.vmcore"
same be "$WORK/sdei.expect" "big-endian dump: fields and level bit-field"

for callers in yes no; do
	sed "s/^osrelease = .*/&\nlog_format = structured\nlog.callers = $callers/" \
		"$SPECS/log-sdei-stop.vmspec" > "$WORK/st-$callers.spec"
	mkdump "$WORK/st-$callers.spec" "$WORK/st-$callers.vmcore"
	pd "st-$callers" --level --caller "$WORK/st-$callers.vmcore"
done
same st-yes "$WORK/sdei.expect" "structured log (5.1-5.9 with PRINTK_CALLER)"
sed 's/\] \[ *[TC][0-9]*\]/]/' "$WORK/sdei.expect" > "$WORK/st-no.expect"
same st-no "$WORK/st-no.expect" "structured log without caller ids"
pd st-no-stop --stoplog "$WORK/st-no.vmcore"
if grep -qx 'panic_cpu=0' "$WORK/st-no-stop.out" && grep -qx 'sdei_retry=1' "$WORK/st-no-stop.out"; then
	ok "structured log without callers: stop lines and panic CPU"
else
	not_ok "structured log without callers: stop lines and panic CPU" "$(cat "$WORK/st-no-stop.out")"
fi
{
	grep -v '^log' "$SPECS/log-sdei-stop.vmspec"
	echo "log_format = structured"
	echo "log.data_bits = 9"
	for i in $(seq 1 40); do
		echo "log = 6 $i.000001 line $i, long enough to make the buffer wrap"
	done
} > "$WORK/stwrap.spec"
mkdump "$WORK/stwrap.spec" "$WORK/stwrap.vmcore"
pd stwrap "$WORK/stwrap.vmcore"
# 80-byte records; log_store() keeps room for one more header: 6 fit.
for i in $(seq 35 40); do
	printf '[%5d.000001] line %d, long enough to make the buffer wrap\n' "$i" "$i"
done > "$WORK/stwrap.expect"
same stwrap "$WORK/stwrap.expect" "structured log wrapped past its end marker: the 6 newest records"
versus stwrap "$WORK/stwrap.vmcore"

done_testing
