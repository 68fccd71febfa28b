# SPDX-License-Identifier: GPL-2.0-or-later
# Shared body of the hostile-input catalogue tests (t9000, t9010): builds
# the valid inputs every case starts from, and runs the cases of
# tests/fixtures/hostile/catalogue.tsv.  Sourced after lib.sh and
# kexec-lib.sh.
#
# catalogue.tsv has one case per line, six fields separated by tabs:
#   name     unique; the case's input is $WORK/cases/NAME ($IN)
#   needs    "-", or comma-separated codecs (zlib, lzo, snappy, zstd) this
#            build must read
#   make     shell text that writes $IN from the valid inputs, using the
#            generators through the helpers below
#   run      "sdei ARGS" (vmcore-sdei) or "kexec ARGS"; may redirect stdin
#   exit     the expected exit status
#   message  an extended regex that stderr (exit 0 or 3: stdout or stderr,
#            where warnings go) must match
# Blank lines and lines starting with '#' are ignored.

CATALOGUE=$top_srcdir/tests/fixtures/hostile/catalogue.tsv
MKHOSTILE=$top_builddir/tests/fixtures/mkhostile
B=$WORK/base
mkdir -p "$B" "$WORK/cases"

# ---- the valid inputs ----

# A small dump: two CPUs, a record, pages that compress and pages that do not.
cat > "$B/small.spec" <<'SPEC'
ram = 0x40000000 0x400000
cpus = 2
crash_notes = 0x40300000 0x1000
cpu.0 = pid=1 pc=0xffff800080001000 pstate=0x60000005
cpu.1 = pid=2 pc=0xffff800080002000 pstate=0x600003c5
fill = 0x40000000 0x100000 text
fill = 0x40100000 0x80000 random
record = note
SPEC
# The same machine crashed another time: other registers, same layout.
sed -e 's/pid=2 /pid=7 /' "$B/small.spec" > "$B/other.spec"

# A kernel laid out in memory (page tables, kallsyms, stacks): CPU 0
# panicked, CPU 1 was wedged with DAIF masked and stopped by SDEI.
cat > "$B/kernel.spec" <<'SPEC'
osrelease = 6.12.0-hostile
ram = 0x40000000 0x10000000
cpus = 2
kernel = yes
kernel.panic_cpu = 0
kernel.online = 0
kernel.sdei_active = 1
cpu.0 = pid=1 pstate=0x400000c5
cpu.1 = pid=2 pstate=0x600003c5
stack.0 = __crash_kexec,panic,sysrq_handle_crash,el0t_64_sync_handler,el0t_64_sync
SPEC
KSTACK=lkdtm_HARDLOCKUP,lkdtm_do_action,vfs_write,ksys_write,el0t_64_sync_handler,el0t_64_sync

# A kernel log with its memory model: log.base 0x40a00000, the ring's
# struct printk_ringbuffer at +0x100 (tests/fixtures/README.md).
sed -e 's/^osrelease = .*/&\nmodel = yes/' "$SPECS/log-sdei-stop.vmspec" > "$B/log.spec"

CODEC=none
have_codec zlib && CODEC=zlib
gen_ok=yes
{
	"$MKVMCORE" "$B/small.spec" "$B/small.elf" &&
	"$MKVMCORE" "$B/other.spec" "$B/other.elf" &&
	"$MKKDUMP" -c $CODEC -d 1 "$B/small.elf" "$B/small.kd" &&
	"$MKKDUMP" -F -c $CODEC -d 1 "$B/small.elf" "$B/small.flat" &&
	"$MKKDUMP" --flatten-only "$B/small.elf" "$B/small.eflat" &&
	"$MKKDUMP" -c $CODEC -d 1 "$B/small.elf" "$B/sp.1" "$B/sp.2" "$B/sp.3" &&
	"$MKKDUMP" -c $CODEC -d 1 "$B/other.elf" "$B/op.1" "$B/op.2" "$B/op.3"
} > "$B/gen.log" 2>&1 || gen_ok=no
[ $gen_ok = yes ] || { echo "Bail out! cannot build the valid inputs: $(tail -n 3 "$B/gen.log")"; exit 1; }
SMALL=$B/small.elf KD=$B/small.kd FLAT=$B/small.flat EFLAT=$B/small.eflat
SP1=$B/sp.1 SP2=$B/sp.2 SP3=$B/sp.3 OP1=$B/op.1 OP2=$B/op.2 OP3=$B/op.3

MACHINE=dt-sdei-pnmi
mktree $MACHINE "$B/tree"
add_kernel "$B/tree" Image
"$MKIMAGE" image "$B/Image" size=1048576

# ---- the generators, as the make field uses them (each writes $IN) ----

elf() { "$MKHOSTILE" "$SMALL" "$IN" "$@"; }	# elf CORRUPTION ARG...
kd() { "$MKHOSTILE" "$KD" "$IN" "$@"; }		# the kdump-compressed file
fl() { "$MKHOSTILE" "$FLAT" "$IN" "$@"; }	# the flattened kdump file
efl() { "$MKHOSTILE" "$EFLAT" "$IN" "$@"; }	# the flattened ELF file
part() { local p=$1; shift; "$MKHOSTILE" "$p" "$IN" "$@"; }	# part FILE ...
kdump() { "$MKKDUMP" "$@" "$SMALL" "$IN"; }	# kdump MKKDUMP-OPTION...

# spec LINE...: the small dump with LINEs added to its spec
spec() {
	{ cat "$B/small.spec"; for l in "$@"; do printf '%s\n' "$l"; done; } > "$IN.spec"
	"$MKVMCORE" "$IN.spec" "$IN"
}

# bare LINE...: the same without the SDEI record, so the notes count
bare() {
	{ grep -v '^record' "$B/small.spec"; for l in "$@"; do printf '%s\n' "$l"; done; } > "$IN.spec"
	"$MKVMCORE" "$IN.spec" "$IN"
}

# tiny LINE...: a dump of 64 KiB of RAM, whose file is small enough for
# counts to run past its end
tiny() {
	{
		printf '%s\n' 'ram = 0x40000000 0x10000' 'cpus = 2' \
			'crash_notes = 0x40008000 0x1000' \
			'cpu.0 = pid=1 pc=0xffff800080001000 pstate=0x60000005' \
			'cpu.1 = pid=2 pc=0xffff800080002000 pstate=0x600003c5'
		for l in "$@"; do printf '%s\n' "$l"; done
	} > "$IN.spec"
	"$MKVMCORE" "$IN.spec" "$IN"
}

# kernel LINE...: the kernel dump with LINEs added; without a stack.1
# line, CPU 1 is wedged in $KSTACK
kernel() {
	{
		cat "$B/kernel.spec"
		printf 'kernel.layout = %s\n' "$IN.layout"
		case "$*" in *stack.1\ =*) ;; *) printf 'stack.1 = %s\n' "$KSTACK" ;; esac
		for l in "$@"; do printf '%s\n' "$l"; done
	} > "$IN.spec"
	"$MKVMCORE" "$IN.spec" "$IN"
}

# logdump LINE...: the kernel-log dump with LINEs added
logdump() {
	{ cat "$B/log.spec"; for l in "$@"; do printf '%s\n' "$l"; done; } > "$IN.spec"
	"$MKVMCORE" "$IN.spec" "$IN"
}

# tree: $T, a copy of the fake machine for the loader, to damage
tree() {
	T=$IN.tree
	rm -rf "$T"
	cp -a "$B/tree" "$T"
	: > "$IN"
}

# image KEY=VALUE...: an arm64 Image (tests/fixtures/mkimage.c)
image() { "$MKIMAGE" image "$IN" "$@"; }

# bomb COMPRESSOR: a 64 MiB Image (a 1 MiB header's worth) compressed
bomb() {
	{ head -c 64 "$B/Image"; head -c 67108800 /dev/zero; } | "$@" > "$IN"
}

# ---- running a case ----

# The limits every case runs under: 60 s, and outside the sanitizer build
# (which reserves terabytes of address space) 1 GiB of address space.
LIMIT_AS=1048576
LIMIT_TIME=60

# sdei/kexec ARGS...: the CLIs as the run field names them, under the
# limits, or under valgrind when VALGRIND is set
sdei() { limited "$VMCORE_SDEI" "$@"; }
kexec() { limited "$KEXEC" "$@"; }
limited() {
	if [ -n "${VALGRIND:-}" ]; then
		timeout $((LIMIT_TIME * 10)) $VALGRIND "$@"
	elif [ "${KSD_SANITIZERS:-no}" = yes ]; then
		timeout $LIMIT_TIME "$@"
	else
		(ulimit -v $LIMIT_AS && exec timeout $LIMIT_TIME "$@")
	fi
}

# run_case NAME NEEDS MAKE RUN EXIT REGEX: one case, its checks as TAP
run_case() {
	local name=$1 needs=$2 make=$3 run=$4 want=$5 re=$6 c got
	IN=$WORK/cases/$name
	T=
	for c in $(echo "$needs" | tr ',' ' '); do
		[ "$c" = - ] && continue
		if ! have_codec "$c"; then
			skip "$name" "this build does not read $c"
			return
		fi
	done
	if ! (eval "$make") > "$IN.gen" 2>&1; then
		not_ok "$name: generate the input" "make: $make" "$(tail -c 1000 "$IN.gen")"
		return
	fi
	# tree sets T for the run field; the subshell above cannot.
	case $make in tree*) T=$IN.tree ;; esac
	eval "$run" > "$IN.out" 2> "$IN.err"
	got=$?
	# 124 is timeout's; 125-127 its own failures; 128+N a signal.
	if [ $got -ge 124 ] && [ $got -le 192 ]; then
		not_ok "$name: ends by itself, no signal, timeout or exhausted memory (exit $got)" \
			"run: $run" "stderr: $(head -c 1500 "$IN.err")"
		return
	fi
	if [ "$got" = "$want" ]; then
		ok "$name: exit $want"
	else
		not_ok "$name: exit $got, expected $want" "run: $run" \
			"stderr: $(head -c 1500 "$IN.err")" "stdout: $(head -c 500 "$IN.out")"
	fi
	case $want in
	0|3) cat "$IN.out" "$IN.err" > "$IN.msg" ;;
	*) cp "$IN.err" "$IN.msg" ;;
	esac
	if grep -Eq -- "$re" "$IN.msg"; then
		ok "$name: says /$re/"
	else
		not_ok "$name: message lacks /$re/" "$(head -c 1500 "$IN.msg")"
	fi
	# A refusal names the file at fault (every input lives in $WORK).
	case $want in
	0|3) ;;
	*)
		if grep -Fq -e "$WORK/" -e "(standard input)" "$IN.err" &&
		   [ "$(wc -l < "$IN.err")" -le 3 ]; then
			ok "$name: one short message naming the file"
		else
			not_ok "$name: the message does not name the file, or is long" "$(head -c 1500 "$IN.err")"
		fi
		;;
	esac
}

# each_case [EVERY]: run the catalogue's cases (with EVERY, only every
# EVERY-th one, starting with the first)
each_case() {
	local every=${1:-1} i=0 name needs make run want re tab
	tab=$(printf '\t')
	while IFS=$tab read -r name needs make run want re; do
		case $name in ''|'#'*) continue ;; esac
		# HOSTILE_ONLY=REGEX runs the matching cases alone (debugging).
		if [ -n "${HOSTILE_ONLY:-}" ] && ! expr "$name" : "$HOSTILE_ONLY" > /dev/null; then
			continue
		fi
		i=$((i + 1))
		[ $(((i - 1) % every)) -eq 0 ] || continue
		run_case "$name" "$needs" "$make" "$run" "$want" "$re" < /dev/null
	done < "$CATALOGUE"
}
