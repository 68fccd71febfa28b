# SPDX-License-Identifier: GPL-2.0-or-later
# Shared by the purgatory tests t65xx (after lib.sh): skip unless the
# purgatory was built (and QEMU is there, for qemu_run), and run a
# bare-metal aarch64 program under qemu-system-aarch64 -M virt with its
# first PL011 captured.

PURG_TOOL=$top_builddir/tests/purgatory/purg-tool
PURG_DIR=$top_builddir/tests/purgatory

need_purgatory() {
	[ "${KSD_HAVE_PURGATORY:-no}" = yes ] ||
		skip_all "built without the purgatory: ${KSD_PURGATORY_WHY:-no aarch64 GCC}"
}

need_qemu() {
	need_purgatory
	[ -n "${QEMU_SYSTEM_AARCH64:-}" ] && [ -x "$QEMU_SYSTEM_AARCH64" ] ||
		skip_all "qemu-system-aarch64 not found (install qemu-system-arm)"
	command -v timeout > /dev/null || skip_all "timeout(1) not found"
}

# qemu_run NAME SECONDS STOP-REGEX QEMU-ARGS...
# Run QEMU in the background, the UART going to $WORK/NAME.uart.  It ends
# when the guest powers off (PSCI SYSTEM_OFF), or one second after the
# UART first matches STOP-REGEX (a run that must not go on: the grace
# second is for anything that would wrongly follow), or after SECONDS.
# Sets qemu_end to "off", "stopped" or "timeout".
qemu_run() {
	local name=$1 max=$2 stop=$3 pid rc
	shift 3
	: > "$WORK/$name.uart"
	timeout "$max" "$QEMU_SYSTEM_AARCH64" -nodefaults -display none \
		-monitor none -no-reboot -accel tcg -m 512M -smp 1 \
		-serial "file:$WORK/$name.uart" "$@" \
		> "$WORK/$name.qemu" 2>&1 &
	pid=$!
	while kill -0 "$pid" 2> /dev/null; do
		if [ -n "$stop" ] && tr -d '\r' < "$WORK/$name.uart" | grep -Eq -- "$stop"; then
			sleep 1
			kill "$pid" 2> /dev/null
			wait "$pid"
			qemu_end=stopped
			return
		fi
		sleep 0.1
	done
	wait "$pid"
	rc=$?
	case $rc in
	0) qemu_end=off ;;
	124) qemu_end=timeout ;;
	*) qemu_end="exit $rc" ;;
	esac
}

# uart NAME: the UART text of a run, without carriage returns
uart() {
	tr -d '\r' < "$WORK/$1.uart"
}

# expect_uart NAME REGEX DESCRIPTION
expect_uart() {
	if uart "$1" | grep -Eq -- "$2"; then
		ok "$3"
	else
		not_ok "$3: UART lacks /$2/" "$(uart "$1" | head -c 3000)" \
			"qemu: $(head -c 500 "$WORK/$1.qemu")"
	fi
}

# expect_no_uart NAME REGEX DESCRIPTION
expect_no_uart() {
	if uart "$1" | grep -Eq -- "$2"; then
		not_ok "$3: UART has /$2/" "$(uart "$1" | head -c 3000)"
	else
		ok "$3"
	fi
}

# expect_end NAME HOW DESCRIPTION: how the run ended (off, stopped, timeout)
expect_end() {
	if [ "$qemu_end" = "$2" ]; then
		ok "$3"
	else
		not_ok "$3: QEMU run ended '$qemu_end', expected '$2'" \
			"$(uart "$1" | tail -n 20)" "qemu: $(head -c 500 "$WORK/$1.qemu")"
	fi
}
