#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Hostile kernels: page tables that point back at themselves or up a
# level, kallsyms with absurd counts, token indices past the table, names
# that never end, an absurd nr_cpu_ids, nonsense translation numbers in
# VMCOREINFO.  Whatever the dump says, vmcore-sdei must finish in
# bounded time and memory, say what is wrong, keep what it can still
# tell, and never crash.
. "${top_srcdir:?}/tests/integration/lib.sh"

KVIEW=$top_builddir/tests/tools/kview

# hostile NAME [LINE...]: the wedged 4K/48-bit kernel with the given pokes
hostile() {
	local name=$1
	shift
	mkwedged "$name" lkdtm_HARDLOCKUP,lkdtm_do_action,vfs_write,ksys_write,el0t_64_sync_handler,el0t_64_sync "$@"
}

# bounded NAME ARGS...: run vmcore-sdei under a time limit and, outside
# the sanitizer build, a 512 MiB address-space limit; then it must have
# ended by itself (no timeout, no signal) with a real exit status.
bounded() {
	local name=$1 limit=
	shift
	[ "${KSD_SANITIZERS:-no}" = yes ] || limit="ulimit -v 524288 || exit 125;"
	sh -c "$limit exec timeout 60 \"\$@\"" sh "$VMCORE_SDEI" "$@" \
		> "$WORK/$name.out" 2> "$WORK/$name.err"
	echo $? > "$WORK/$name.status"
	case $(cat "$WORK/$name.status") in
	0|3) ok "$name: analysed within bounds (exit $(cat "$WORK/$name.status"))" ;;
	*) not_ok "$name: exit $(cat "$WORK/$name.status")" "$(head -c 1500 "$WORK/$name.err")" ;;
	esac
}

hostile base
bounded base --json --backtrace "$WORK/base.vmcore"

# ---- page tables that loop ----

# The stack's level-1 entry points back at the root: the root is read as
# a level-2 table, and whatever that gives as level 3.
hostile up "kernel.pgt = stack.0 1 root"
bounded up --json --backtrace "$WORK/up.vmcore"
json_check up 'r["cpus"][0]["backtrace"]["complete"] is False and "frame record unreadable" in r["cpus"][0]["backtrace"]["stop"]' \
	"a table pointing up to the root: the stack reads fail, the trace says so"
json_check up '[c["verdict"] for c in r["cpus"]] == ["panic", "stopped-sdei"]' \
	"and the verdicts, which need no stack, stand"

# A level-2 entry pointing at its own table, and a level-3 one at its parent.
hostile self "kernel.pgt = stack.0 2 self" "kernel.pgt = stack.1 3 parent"
bounded self --json --backtrace "$WORK/self.vmcore"
json_check self '[c["verdict"] for c in r["cpus"]] == ["panic", "stopped-sdei"]' \
	"tables pointing at themselves and their parents: verdicts stand"
task0=$(awk '$1 == "stack" && $2 == 0 && $3 == "task" {print $4}' "$WORK/self.layout")
timeout 20 "$KVIEW" "$WORK/self.vmcore" walk "$task0" > "$WORK/self.walk" 2>&1
check "a walk through a self-pointing table ends after its levels" \
	grep -Eq "^$task0 (pa 0x[0-9a-f]+|error (fault|not-present): .*)\$" "$WORK/self.walk"

# The image's own tables loop.  The image translates by kimage_voffset
# (bounded by the symbols VMCOREINFO names), so kallsyms still decodes and
# the walk that would loop is never needed.
hostile image "kernel.pgt = kallsyms_names 2 self"
bounded image --json "$WORK/image.vmcore"
json_check image 'r["symbols"] is not None and r["symbols"]["source"] == "kallsyms"' \
	"a loop in the tables under the image: kallsyms still decoded without them"
json_check image '[c["verdict"] for c in r["cpus"]] == ["panic", "stopped-sdei"]' \
	"and the verdicts stand"

# ---- kallsyms ----

hostile numsyms "kernel.poke = kallsyms_num_syms u32:0xffffffff"
bounded numsyms --json "$WORK/numsyms.vmcore"
json_check numsyms 'any("kallsyms_num_syms is 4294967295 (limit 4194304, KSD_MAX_KALLSYMS)" in w for w in r["warnings"])' \
	"an absurd kallsyms_num_syms is refused, naming the limit"

hostile nearlimit "kernel.poke = kallsyms_num_syms u32:4000000"
bounded nearlimit --json "$WORK/nearlimit.vmcore"
json_check nearlimit 'r["symbols"] is None and any(w.startswith("no kernel symbols: ") for w in r["warnings"])' \
	"4 million symbols claimed by a small table: refused once the names run out"

hostile tokens "kernel.poke = kallsyms_token_index u16:$(python3 -c 'print(",".join(["0xffff"] * 256))')"
bounded tokens --json "$WORK/tokens.vmcore"
json_check tokens 'r["symbols"] is None and any("kallsyms" in w for w in r["warnings"])' \
	"every token index past the table: no symbols, a kallsyms warning"

# The first name's length made 16383 tokens: it runs on through all the
# others and beyond.
hostile names "kernel.poke = kallsyms_names hex:ff7f"
bounded names --json "$WORK/names.vmcore"
json_check names 'any("kallsyms symbol 0 decodes to more than 1024 bytes" in w for w in r["warnings"])' \
	"a name that never ends is cut at the name limit"

# ---- per-CPU data ----

hostile nrcpus "kernel.nr_cpu_ids = 4294967295"
bounded nrcpus --json "$WORK/nrcpus.vmcore"
json_check nrcpus 'any("nr_cpu_ids is 4294967295 (limit 65536, KSD_MAX_CPUS)" in w for w in r["warnings"])' \
	"an absurd nr_cpu_ids is refused, naming the limit"

hostile nrcpus2 "kernel.nr_cpu_ids = 65536"
bounded nrcpus2 --json "$WORK/nrcpus2.vmcore"
json_check nrcpus2 'r["panic_cpu"] == 0 and len(r["cpus"]) == 2 and any(w.startswith("memory: __per_cpu_offset: ") for w in r["warnings"])' \
	"nr_cpu_ids at the limit, far past the arrays: bounded, the notes' 2 CPUs reported, panic CPU still found"

# ---- VMCOREINFO translation numbers ----

hostile vabits "vmcoreinfo = NUMBER(VA_BITS)=99"
bounded vabits --json "$WORK/vabits.vmcore"
json_check vabits 'any("no address translation to read kallsyms with: VA_BITS 99 (actual 48) is outside arm64" in w for w in r["warnings"])' \
	"VA_BITS 99: no translation, said so"

hostile pagesize "vmcoreinfo = PAGESIZE=12345"
bounded pagesize --json "$WORK/pagesize.vmcore"
json_check pagesize 'any("no address translation to read kallsyms with: VMCOREINFO PAGESIZE=12345 is not a power of two" in w for w in r["warnings"])' \
	"PAGESIZE not a power of two: no translation, said so"

hostile kvoff "vmcoreinfo = NUMBER(kimage_voffset)=0x1234"
bounded kvoff --json --backtrace "$WORK/kvoff.vmcore"
json_check kvoff 'r["symbols"] is None and len(r["cpus"]) == 2' \
	"a kimage_voffset that sends the root table nowhere: no symbols, notes still read"

done_testing
