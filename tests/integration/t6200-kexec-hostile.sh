#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Hostile input to the loader: truncated, corrupt and lying kernel images,
# decompression bombs, broken zboot containers, huge or malformed
# /proc/iomem, missing or malformed sysfs and firmware files.  Each gets a
# clear error (or, where the loader can go on, a clear report) and never a
# crash; sanitizer builds check the "never a crash" part.
. "${top_srcdir:?}/tests/integration/lib.sh"
. "$top_srcdir/tests/integration/kexec-lib.sh"
need_tree_tools
command -v gzip > /dev/null || skip_all "gzip is not installed"
command -v xz > /dev/null || skip_all "xz is not installed"

# run_timed NAME ARGS...: run_kexec, but a hang fails the case instead of
# the suite (FIFOs below); the timeout measures nothing.
run_timed() {
	local name=$1
	shift
	timeout 60 "$KEXEC" "$@" > "$WORK/$name.out" 2> "$WORK/$name.err"
	echo $? > "$WORK/$name.status"
}

# refuse NAME REGEX DESCRIPTION KEXEC-ARGS...: exit 255 with REGEX on stderr
refuse() {
	local name=$1 re=$2 d=$3
	shift 3
	run_timed "$name" "$@"
	expect_status "$name" 255 "$d"
	expect_stderr "$name" "$re" "$d: says why"
}

I=$WORK/Image
"$MKIMAGE" image "$I" size=1048576
gzip -9n -c "$I" > "$I.gz"

# --- kernel images ---
head -c $(($(wc -c < "$I.gz") / 2)) "$I.gz" > "$WORK/trunc.gz"
refuse trunc-gz "gzip data is truncated" "truncated Image.gz" --unpack="$WORK/x" "$WORK/trunc.gz"
xz -c "$I" | head -c 20000 > "$WORK/trunc.xz"
refuse trunc-xz "xz data is truncated" "truncated Image.xz" --unpack="$WORK/x" "$WORK/trunc.xz"
cp "$I.gz" "$WORK/corrupt.gz"
printf 'XXXXXXXXXXXXXXXX' | dd of="$WORK/corrupt.gz" bs=1 seek=5000 conv=notrunc 2> /dev/null
refuse corrupt-gz "corrupt gzip data|gzip data near" "corrupt Image.gz" --unpack="$WORK/x" "$WORK/corrupt.gz"
head -c 100000 /dev/zero | gzip -c > "$WORK/notimage.gz"
refuse notimage-gz "not an arm64 Image" "a gzip file that holds no Image" --unpack="$WORK/x" "$WORK/notimage.gz"
{ cat "$I.gz"; echo garbage; } > "$WORK/trailing.gz"
refuse trailing-gz "trailing data after the gzip stream" "garbage after the gzip stream" --unpack="$WORK/x" "$WORK/trailing.gz"

# A header that lies about image_size cannot make the loader read on.
"$MKIMAGE" image "$WORK/liar" size=1048576 image_size=0x1000
gzip -c "$WORK/liar" > "$WORK/liar.gz"
refuse liar "more than 4096 bytes, the image_size its header declares" \
	"image_size smaller than the data" --unpack="$WORK/x" "$WORK/liar.gz"
# A bomb: 64 MiB of zeros behind a header claiming 1 MiB, 65 KiB compressed.
{ head -c 64 "$I"; head -c 67108800 /dev/zero; } | gzip -c > "$WORK/bomb.gz"
refuse bomb "image_size its header declares" "decompression bomb (gzip)" --unpack="$WORK/x" "$WORK/bomb.gz"
{ head -c 64 "$I"; head -c 67108800 /dev/zero; } | xz -c > "$WORK/bomb.xz"
refuse bomb-xz "image_size its header declares" "decompression bomb (xz)" --unpack="$WORK/x" "$WORK/bomb.xz"

"$MKIMAGE" image "$WORK/old" size=65536 image_size=0
refuse pre317 "image_size is 0" "a pre-3.17 Image for kexec_file_load" -l --dry-run -s "$WORK/old"
"$MKIMAGE" image "$WORK/nomagic" size=65536 magic=no
refuse nomagic "PE/COFF file that is neither" "an EFI binary without the Image magic" -l --dry-run "$WORK/nomagic"
head -c 40 "$I" > "$WORK/short"
refuse short "40 bytes, too short for an arm64 Image header" "a file shorter than the header" -l --dry-run "$WORK/short"
: > "$WORK/empty"
refuse empty "Cannot determine the file type" "an empty file" -l --dry-run "$WORK/empty"
printf '\177ELF\002\001\001' > "$WORK/vmlinux"
refuse elf "ELF file \\(vmlinux\\?\\)" "an ELF vmlinux with -s" -s -l --dry-run "$WORK/vmlinux"
# -a and -c take a vmlinux (kexec_load): this one is cut short
refuse elf-cut "vmlinux: the file ends at 7 bytes" "a truncated vmlinux" -l --dry-run "$WORK/vmlinux"
printf '\047\005\031\126' > "$WORK/uImage"
refuse uimage "U-Boot uImage" "a uImage" -l --dry-run "$WORK/uImage"
refuse dir "not a regular file" "a directory" -l --dry-run "$WORK"
refuse missing "does not exist" "a missing kernel" -l --dry-run "$WORK/nothing"
# A FIFO would block open(2) until a writer came: refused at once instead.
mkfifo "$WORK/fifo"
refuse fifo-kernel "kernel: '.*/fifo' is a FIFO, not a regular file" "a FIFO as the kernel" \
	-l --dry-run -s "$WORK/fifo"
refuse fifo-initrd "initrd: '.*/fifo' is a FIFO, not a regular file" "a FIFO as the initrd" \
	-l --dry-run -s --initrd="$WORK/fifo" "$I"
refuse fifo-unpack "kernel: '.*/fifo' is a FIFO" "a FIFO given to --unpack" --unpack="$WORK/x" "$WORK/fifo"
refuse noinitrd "initrd: .*does not exist" "a missing initrd" -l --dry-run --initrd="$WORK/nothing" "$I"

# --- zboot containers ---
gzip -9n -c "$I" > "$WORK/p.gz"
"$MKIMAGE" zboot "$WORK/p.gz" gzip "$WORK/zb" payload_offset=0x100000 truncate=0x80000
refuse zb-off "payload offset 0x100000 lies outside" "zboot payload offset past the end" -l --dry-run "$WORK/zb"
"$MKIMAGE" zboot "$WORK/p.gz" gzip "$WORK/zb" payload_size=0x7fffffff
refuse zb-size "runs past the end" "zboot payload size past the end" -l --dry-run "$WORK/zb"
"$MKIMAGE" zboot "$WORK/p.gz" gzip "$WORK/zb" truncate=8192
refuse zb-trunc "runs past the end" "a truncated zboot file" -l --dry-run "$WORK/zb"
"$MKIMAGE" zboot "$WORK/p.gz" lz4 "$WORK/zb"
run_kexec zb-lz4 -l --dry-run "$WORK/zb"
expect_status zb-lz4 255 "zboot with lz4"
expect_stderr zb-lz4 "compressed with 'lz4', which this build cannot unpack" "zboot with lz4: says so"
"$MKIMAGE" zboot "$WORK/p.gz" gzip "$WORK/zb" machine=0x8664
refuse zb-x86 "PE machine 0x8664, not arm64" "an x86 zboot image" -l --dry-run "$WORK/zb"
"$MKIMAGE" zboot "$WORK/p.gz" gzip "$WORK/zb" pe=no
refuse zb-nope "no PE header at offset 0x40" "zboot without a PE header" -l --dry-run "$WORK/zb"
"$MKIMAGE" zboot "$WORK/p.gz" gzip "$WORK/zb" pe_offset=0x7ffffff0
refuse zb-peoff "no PE header at offset 0x7ffffff0" "zboot PE offset past the end" -l --dry-run "$WORK/zb"
"$MKIMAGE" zboot "$WORK/p.gz" gzip "$WORK/zb"
printf 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' | dd of="$WORK/zb" bs=1 seek=24 conv=notrunc 2> /dev/null
refuse zb-name "not NUL-terminated" "zboot compression name without its NUL" -l --dry-run "$WORK/zb"
"$MKIMAGE" zboot "$WORK/trunc.gz" gzip "$WORK/zb"
refuse zb-gztrunc "gzip data is truncated" "zboot with a truncated payload" -l --dry-run "$WORK/zb"

# --- /proc/iomem ---
m=dt-sdei-pnmi
T=$WORK/trees/$m
mktree $m
add_kernel "$T" Image
iomem_case() {	# iomem_case NAME REGEX DESCRIPTION: $T/proc/iomem is set up
	refuse "iomem-$1" "$2" "$3" --root "$T" -p --dry-run -s /boot/Image
	cp "$MACHINES/$m/tree/proc/iomem" "$T/proc/iomem"
}
sed 's/^  72e00000-7edfffff : Crash kernel/   72e00000-7edfffff : Crash kernel/' \
	"$MACHINES/$m/tree/proc/iomem" > "$T/proc/iomem"
iomem_case odd "iomem line 14: indentation is not a multiple" "odd indentation"
sed 's/^  72e00000-7edfffff : Crash kernel/  92e00000-9edfffff : Crash kernel/' \
	"$MACHINES/$m/tree/proc/iomem" > "$T/proc/iomem"
iomem_case outside "line 14: range lies outside the range it is nested in" "a child outside its parent"
sed 's/^  72e00000-7edfffff : Crash kernel/  7ee00000-72dfffff : Crash kernel/' \
	"$MACHINES/$m/tree/proc/iomem" > "$T/proc/iomem"
iomem_case backwards "line 14: range ends before it starts" "a range that ends before it starts"
sed 's/^  72e00000-7edfffff : Crash kernel/  72e00000-7edfffff Crash kernel/' \
	"$MACHINES/$m/tree/proc/iomem" > "$T/proc/iomem"
iomem_case sep "line 14: expected '<start>-<end> : <name>'" "no separator"
sed 's/^  72e00000/  172e00000000000000/' "$MACHINES/$m/tree/proc/iomem" > "$T/proc/iomem"
iomem_case long "line 14: expected" "an address of 18 hex digits"
printf '40000000-7fffffff : System RAM\n      41000000-41ffffff : deep\n' > "$T/proc/iomem"
iomem_case deep "line 2: indented more than one level" "a jump of two levels"
: > "$T/proc/iomem"
iomem_case empty "iomem is empty" "an empty /proc/iomem"
printf '40000000-7fffffff : System RAM\n\n' > "$T/proc/iomem"
iomem_case blank "line 2: empty line" "an empty line"
printf '40000000-7fffffff : System\000RAM\n' > "$T/proc/iomem"
iomem_case nul "line 1: contains a NUL byte" "a NUL byte"
yes '40000000-7fffffff : System RAM' | head -n 300000 > "$T/proc/iomem"
iomem_case huge "is larger than 8388608 bytes" "a 9 MiB /proc/iomem"
rm "$T/proc/iomem"
mkfifo "$T/proc/iomem"
refuse iomem-fifo "iomem' is a FIFO, not a regular file" "a FIFO as /proc/iomem" \
	--root "$T" -p --dry-run -s /boot/Image
refuse iomem-fifo-ckr "iomem' is a FIFO" "--print-ckr-size with a FIFO as /proc/iomem" --root "$T" --print-ckr-size
rm "$T/proc/iomem"
iomem_case none "iomem' does not exist" "no /proc/iomem"

# --- sysfs, firmware and log files ---
status_case() {	# status_case NAME STATUS REGEX DESCRIPTION (stdout REGEX)
	run_kexec "st-$1" --root "$T" --sdei-status
	expect_status "st-$1" "$2" "$4"
	expect_stdout "st-$1" "$3" "$4: says so"
	rm -rf "$T"
	mktree $m "$T"
}
rm "$T/sys/devices/system/cpu/cpu2/crash_notes"
run_kexec st-nonotes --root "$T" --sdei-status
expect_status st-nonotes 0 "a CPU without crash_notes"
expect_stdout st-nonotes "CPU 2: mpidr 0x2 \\(log\\), no crash_notes" "a CPU without crash_notes: said"
if grep -q 'CPU(2)' "$WORK/st-nonotes.out"; then
	not_ok "a CPU without crash_notes has no record line"
else
	ok "a CPU without crash_notes has no record line"
fi
rm -rf "$T"; mktree $m "$T"
rm "$T/sys/devices/system/cpu/possible"
status_case nopossible 0 "possible cannot be read" "no possible CPU list"
rm "$T/dev/kmsg"
status_case nokmsg 0 "log: +cannot be read: .*kmsg' does not exist" "no /dev/kmsg: the driver and the symbols decide"
rm "$T/proc/kallsyms"
status_case nokallsyms 0 "kallsyms cannot be read" "no /proc/kallsyms, the boot line decides"
rm -rf "$T/sys/bus/platform/drivers"
status_case nodrivers 0 "drivers cannot be read" "no /sys/bus/platform/drivers"
rm "$T/dev/kmsg" "$T/proc/kallsyms"
status_case nothing 3 "not enough evidence" "neither log nor symbols"
rm -f "$T/sys/bus/platform/drivers/sdei/firmware:sdei"
status_case unbound 2 "bound to no device" "the driver bound to nothing"
printf 'sdei_nmi: sdei_event_enable(0) failed: -5\n' | sed 's/^/3,500,0,-;/' >> "$T/dev/kmsg"
status_case failed 2 "failed to start: \"sdei_nmi: sdei_event_enable\\(0\\) failed: -5\"" "the service's failure line"
head -c 3000 /dev/urandom >> "$T/dev/kmsg"
printf '\n6,9999,1,-;' >> "$T/dev/kmsg"
head -c 40000 /dev/zero | tr '\0' 'x' >> "$T/dev/kmsg"
status_case garbage 0 "SDEI stop: armed" "binary garbage and a 40 KB line in the log"
# Reading stops at 64 MiB (a hole here, read as zeros): a failure line
# after it is not seen, and the report says the log was cut off.
truncate -s +64M "$T/dev/kmsg"
printf '\n3,99999,0,-;sdei_nmi: sdei_event_enable(0) failed: -5\n' >> "$T/dev/kmsg"
run_timed st-hugekmsg --root "$T" --sdei-status --json
expect_status st-hugekmsg 0 "a log over 64 MiB"
json_check st-hugekmsg "r['log']['from_boot'] is False and r['log']['nmi_failure'] is None and r['sdei_nmi'] == 'armed'" \
	"a log over 64 MiB: read up to the cap, the line after it unseen"
run_timed st-hugekmsg-text --root "$T" --sdei-status
expect_stdout st-hugekmsg-text "log: +[0-9]+ records, cut off after the first 64 MiB" \
	"a log over 64 MiB: the report says it was cut off, not rotated"
rm -rf "$T"; mktree $m "$T"

# /proc/kallsyms: malformed lines are skipped, the limit (256 MiB) holds
{
	echo "sdei_nmi_stop_cpus"
	echo "ffff800080010000 sdei_nmi_stop_cpus"
	echo "ffff800080010000 T"
	echo "ffff800080010000 TT sdei_nmi_stop_cpus"
	echo "ffff800080010000 t sdei_nmi_stop_cpusX"
	head -c 10000 /dev/zero | tr '\0' 'k'; echo
	head -c 2000 /dev/urandom | tr -d '\n'; echo
} > "$T/proc/kallsyms"
run_timed st-badksyms --root "$T" --sdei-status --json
expect_status st-badksyms 2 "malformed /proc/kallsyms lines: an NMI service without its stop rung"
json_check st-badksyms "r['kernel'] == {'kallsyms_readable': True, 'nmi_service': True, 'stop_rung': False, 'event_signal': False}" \
	"malformed lines give no stop rung; a longer name is not the rung"
echo "ffff800080010000 t sdei_nmi_stop_cpus" >> "$T/proc/kallsyms"
run_timed st-badksyms2 --root "$T" --sdei-status --json
json_check st-badksyms2 "r['kernel']['stop_rung'] is True" "a good line after the malformed ones counts"
truncate -s $((256 * 1024 * 1024 + 1)) "$T/proc/kallsyms"
refuse st-bigksyms "kallsyms' is larger than 268435456 bytes" "a /proc/kallsyms over 256 MiB" \
	--root "$T" --sdei-status
rm -rf "$T"; mktree $m "$T"

rm "$T/dev/kmsg"
mkfifo "$T/dev/kmsg"
run_timed st-kmsgfifo --root "$T" --sdei-status
expect_status st-kmsgfifo 0 "a FIFO as /dev/kmsg: the driver and the symbols decide"
expect_stdout st-kmsgfifo "log: +cannot be read: .*kmsg' is a FIFO, not a regular file or a character device" \
	"a FIFO as /dev/kmsg: says so"
rm -rf "$T"; mktree $m "$T"

refuse_status() {	# refuse_status NAME REGEX DESCRIPTION
	refuse "st-$1" "$2" "$3" --root "$T" --sdei-status
	rm -rf "$T"
	mktree $m "$T"
}
echo zzz > "$T/sys/devices/system/cpu/cpu1/crash_notes"
refuse_status badnotes "crash_notes': 'zzz' is not a hex address" "a malformed crash_notes"
rm "$T/proc/kallsyms"
mkfifo "$T/proc/kallsyms"
refuse_status kallsymsfifo "kallsyms' is a FIFO, not a regular file" "a FIFO as /proc/kallsyms"
rm "$T/sys/devices/system/cpu/possible"
mkfifo "$T/sys/devices/system/cpu/possible"
refuse_status possiblefifo "possible' is a FIFO" "a FIFO as a sysfs file"
echo 0 > "$T/sys/devices/system/cpu/cpu1/crash_notes_size"
refuse_status badsize "'0' is not a note buffer size" "a zero crash_notes_size"
echo 1048577 > "$T/sys/devices/system/cpu/cpu1/crash_notes_size"
refuse_status bigsize "'1048577' is not a note buffer size" "a crash_notes_size over 1 MiB"
echo 18446744073709551616 > "$T/sys/devices/system/cpu/cpu1/crash_notes_size"
refuse_status ovfsize "'18446744073709551616' is not a note buffer size" "a crash_notes_size past 64 bits"
echo 10000000000000000 > "$T/sys/devices/system/cpu/cpu1/crash_notes"
refuse_status ovfnotes "'10000000000000000' is not a hex address" "a crash_notes address past 64 bits"
echo 1048576 > "$T/sys/devices/system/cpu/cpu1/crash_notes_size"
run_kexec st-maxsize --root "$T" --sdei-status --json
json_check st-maxsize "r['cpus'][1]['crash_notes_size'] == 1048576" "a crash_notes_size of 1 MiB is accepted"
rm -rf "$T"; mktree $m "$T"
echo 0- > "$T/sys/devices/system/cpu/possible"
refuse_status badpossible "'0-' is not a CPU list" "a malformed possible list"
echo 0-99999999 > "$T/sys/devices/system/cpu/possible"
refuse_status hugepossible "is not a CPU list below 65536" "a possible list too large"
head -c 200 "$T/sys/firmware/fdt" > "$T/fdt.short"
mv "$T/fdt.short" "$T/sys/firmware/fdt"
refuse_status shortfdt "truncated: the header says [0-9]+ bytes, there are 200" "a truncated DTB"
printf '\320\015\376\355\377\377\377\377' > "$T/sys/firmware/fdt"
refuse_status lyingfdt "8 bytes, too short for a device tree header" "a DTB header claiming 4 GiB"

m=acpi-sdei
T=$WORK/trees/$m
mktree $m
python3 - "$T/sys/firmware/acpi/tables/APIC" <<'PY'
import sys
p = sys.argv[1]
t = bytearray(open(p, 'rb').read())
t[44 + 24 + 1] = 0          # the first GICC entry claims length 0
open(p, 'wb').write(t)
PY
refuse_status madt "APIC: entry at offset 68 has length 0" "a MADT entry of length 0"
python3 - "$T/sys/firmware/acpi/tables/APIC" <<'PY'
import struct, sys
p = sys.argv[1]
t = bytearray(open(p, 'rb').read())
struct.pack_into('<I', t, 4, 100000)   # a table length past the file
open(p, 'wb').write(t)
PY
refuse_status madtlen "header length 100000 does not fit" "a MADT longer than its file"
head -c 20 "$T/sys/firmware/acpi/tables/FACP" > "$T/facp"
mv "$T/facp" "$T/sys/firmware/acpi/tables/FACP"
refuse_status fadt "FACP: 20 bytes, shorter than an ACPI table header" "a truncated FADT"

# --- command lines ---
m=dt-sdei-pnmi
T=$WORK/trees/$m
add_kernel "$T" Image
long=$(head -c 2100 /dev/zero | tr '\0' 'a')
refuse longcmd "the command line is 2100 bytes; the arm64 kernel takes at most 2047" \
	"a command line over COMMAND_LINE_SIZE" --root "$T" -p --dry-run -s --command-line="$long" /boot/Image
long=$(head -c 2030 /dev/zero | tr '\0' 'a')
run_kexec nearcmd --root "$T" -p --dry-run -s --command-line="$long" /boot/Image
expect_status nearcmd 0 "a command line the token would push over the limit"
expect_stdout nearcmd "the SDEI record token would make the command line longer than 2047 bytes" \
	"the token is left out, with a warning"
cp "$T/proc/cmdline" "$WORK/cmdline.real"
# /proc/cmdline with a NUL byte, or larger than any COMMAND_LINE_SIZE
printf 'console=ttyAMA0\000 crashkernel=256M\n' > "$T/proc/cmdline"
refuse nulcmdline "reuse-cmdline: '.*cmdline' contains a NUL byte" "a NUL byte in /proc/cmdline" \
	--root "$T" -p --dry-run -s --reuse-cmdline /boot/Image
head -c 70000 /dev/zero | tr '\0' 'a' > "$T/proc/cmdline"
refuse hugecmdline "cmdline' is larger than 65536 bytes" "a 70 KB /proc/cmdline" \
	--root "$T" -p --dry-run -s --reuse-cmdline /boot/Image
refuse_status hugecmdline-st "cmdline' is larger than 65536 bytes" "a 70 KB /proc/cmdline, --sdei-status"
add_kernel "$T" Image
# An unterminated quote would swallow what follows it: --append text and
# the record token.  It is closed first, with a warning.
printf 'console=ttyAMA0 crashkernel=256M a="b crashkernel=1G\n' > "$T/proc/cmdline"
run_kexec openquote --root "$T" -p --dry-run --json -s --reuse-cmdline --append=nr_cpus=1 /boot/Image
expect_status openquote 0 "/proc/cmdline ending inside a quote"
json_check openquote "r['command_line']['text'] == 'console=ttyAMA0 a=\"b crashkernel=1G\" nr_cpus=1 kexec_sdei.record=v1,dt-smc,armed,pnmi-on'" \
	"the quote is closed before --append and the token"
json_check openquote "any('ends inside a double quote' in w for w in r['warnings'])" \
	"and a warning says so"
cp "$WORK/cmdline.real" "$T/proc/cmdline"
run_kexec openquote2 --root "$T" -p --dry-run --json -s --command-line='nr_cpus=1 a="b' /boot/Image
expect_status openquote2 0 "a command line given ending inside a quote"
json_check openquote2 "r['command_line']['text'] == 'nr_cpus=1 a=\"b' and r['sdei']['token_added'] is None" \
	"is passed as given, without the token the kernel would not see"
json_check openquote2 "any('ends inside a double quote' in w for w in r['warnings'])" \
	"and a warning says why"
rm "$T/proc/cmdline"
mkfifo "$T/proc/cmdline"
refuse fifocmdline "reuse-cmdline: .*cmdline' is a FIFO" "--reuse-cmdline with a FIFO as /proc/cmdline" \
	--root "$T" -p --dry-run -s --reuse-cmdline /boot/Image
rm "$T/proc/cmdline"
refuse nocmdline "reuse-cmdline: .*cmdline' does not exist" "--reuse-cmdline without /proc/cmdline" \
	--root "$T" -p --dry-run -s --reuse-cmdline /boot/Image

done_testing
