#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# vmcore-sdei never writes to its input: whatever the format (ELF,
# kdump-compressed, flattened, a split set, standard input as a file or a
# pipe), each input's size, mtime and SHA-256 are unchanged afterwards, it
# reads a dump it may not write (mode 0444), and, as root, one on a
# read-only bind mount, where any open for writing fails; strace shows
# every open of an input is read-only.
. "${top_srcdir:?}/tests/integration/lib.sh"

mkdump "$SPECS/four-cpus-cpu2-silent.vmspec" "$WORK/d.elf"
"$MKKDUMP" -c none -d 1 "$WORK/d.elf" "$WORK/d.kdump" 2> /dev/null &&
"$MKKDUMP" -F -c none -d 1 "$WORK/d.elf" "$WORK/d.flat" 2> /dev/null &&
"$MKKDUMP" -c none -d 1 "$WORK/d.elf" "$WORK/d.1" "$WORK/d.2" "$WORK/d.3" 2> /dev/null ||
	{ echo "Bail out! mkkdump failed"; exit 1; }
INPUTS="d.elf d.kdump d.flat d.1 d.2 d.3"

# state FILE: what must not change
state() {
	printf '%s %s %s\n' "$(stat -c '%s %Y.%y' "$1")" \
		"$(sha256sum < "$1" | cut -d' ' -f1)"
}

# unchanged DESCRIPTION: every input is as it was before the runs
unchanged() {
	local f bad=
	for f in $INPUTS; do
		[ "$(state "$WORK/$f")" = "$(cat "$WORK/$f.state")" ] || bad="$bad $f"
	done
	if [ -z "$bad" ]; then
		ok "$1: size, mtime and SHA-256 of every input unchanged"
	else
		not_ok "$1: changed:$bad"
	fi
}

for f in $INPUTS; do
	touch -d '2020-01-01 00:00:00' "$WORK/$f"
	chmod 0444 "$WORK/$f"
	state "$WORK/$f" > "$WORK/$f.state"
done

# run_all TAG DIR: every format from DIR, each analysed (exit 3: CPU 2
# silent is flagged)
run_all() {
	local tag=$1 d=$2
	run_sdei "$tag-elf" --json "$d/d.elf"
	expect_status "$tag-elf" 3 "$tag: an ELF dump"
	run_sdei "$tag-kdump" --json "$d/d.kdump"
	expect_status "$tag-kdump" 3 "$tag: a kdump-compressed dump"
	run_sdei "$tag-flat" --json "$d/d.flat"
	expect_status "$tag-flat" 3 "$tag: a flattened dump"
	run_sdei "$tag-split" --json "$d/d.1" "$d/d.2" "$d/d.3"
	expect_status "$tag-split" 3 "$tag: a split set"
	run_sdei "$tag-stdin" --json - < "$d/d.flat"
	expect_status "$tag-stdin" 3 "$tag: standard input redirected from a dump"
	cat "$d/d.elf" | "$VMCORE_SDEI" --json - > "$WORK/$tag-pipe.out" 2> "$WORK/$tag-pipe.err"
	echo $? > "$WORK/$tag-pipe.status"
	expect_status "$tag-pipe" 3 "$tag: a dump through a pipe"
	run_sdei "$tag-log" --log "$d/d.elf"
	run_sdei "$tag-phys" --read-phys 0x40000000:64 "$d/d.kdump"
}

run_all mode0444 "$WORK"
unchanged "mode 0444"

# As root, mode 0444 does not stop a write; a read-only bind mount does.
if [ "$(id -u)" != 0 ] || ! command -v unshare > /dev/null; then
	skip "a read-only bind mount" "needs root and unshare"
else
	mkdir -p "$WORK/ro"
	cat > "$WORK/ro.sh" <<RO
mount --bind '$WORK' '$WORK/ro' || exit 10
mount -o remount,bind,ro '$WORK/ro' || exit 11
if ( : >> '$WORK/ro/d.elf' ) 2> /dev/null; then exit 12; fi
R='$WORK/ro'
for args in "\$R/d.elf" "\$R/d.kdump" "\$R/d.flat" "\$R/d.1 \$R/d.2 \$R/d.3"; do
	'$VMCORE_SDEI' -q \$args
	[ \$? -eq 3 ] || { echo "exit \$? on \$args"; exit 13; }
done
'$VMCORE_SDEI' -q - < "\$R/d.flat"
[ \$? -eq 3 ] || exit 14
RO
	if unshare -m sh "$WORK/ro.sh" > "$WORK/ro.log" 2>&1; then
		ok "every format read from a read-only bind mount, where a write fails"
	else
		not_ok "every format read from a read-only bind mount (status $?)" "$(head -c 1000 "$WORK/ro.log")"
	fi
fi
unchanged "after the read-only mount"

# The audit: every open(2) of an input asks for reading only.
if ! command -v strace > /dev/null || [ "${KSD_SANITIZERS:-no}" = yes ]; then
	skip "inputs opened read-only" "needs strace, outside the sanitizer build"
else
	strace -f -e trace=open,openat -o "$WORK/strace.log" \
		"$VMCORE_SDEI" -q "$WORK/d.1" "$WORK/d.2" "$WORK/d.3" > /dev/null 2>&1
	strace -f -e trace=open,openat -o "$WORK/strace2.log" \
		"$VMCORE_SDEI" -q "$WORK/d.elf" > /dev/null 2>&1
	cat "$WORK/strace2.log" >> "$WORK/strace.log"
	n=$(grep -c "$WORK/d\\.[0-9e]" "$WORK/strace.log")
	if [ "$n" -ge 4 ] && ! grep "$WORK/d\\.[0-9e]" "$WORK/strace.log" | grep -Eq 'O_(WRONLY|RDWR|CREAT|TRUNC|APPEND)'; then
		ok "inputs opened read-only ($n opens, none for writing)"
	else
		not_ok "inputs opened read-only" "$(grep "$WORK/d" "$WORK/strace.log" | head -n 10)"
	fi
fi

for f in $INPUTS; do chmod 0644 "$WORK/$f"; done
done_testing
