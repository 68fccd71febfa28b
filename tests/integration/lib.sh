# SPDX-License-Identifier: GPL-2.0-or-later
# Shared body of the integration tests.  Each t*.sh sets up its cases and
# sources this file; results are TAP (one "ok"/"not ok" line per check),
# read by automake's tap-driver.sh.
#
# Environment (set by tests/local.mk): top_srcdir, top_builddir.
set -u

: "${top_srcdir:?}" "${top_builddir:?}"
VMCORE_SDEI=${VMCORE_SDEI:-$top_builddir/vmcore-sdei/vmcore-sdei}
MKVMCORE=$top_builddir/tests/fixtures/mkvmcore
MKKDUMP=$top_builddir/tests/fixtures/mkkdump
DUMPPAGES=$top_builddir/tests/tools/dumppages
SPECS=$top_srcdir/tests/fixtures/specs
TEST_NAME=$(basename "$0" .sh)
WORK=$top_builddir/tests/work/$TEST_NAME
rm -rf "$WORK"
mkdir -p "$WORK"

tap_n=0
tap_failed=0

ok() {		# ok DESCRIPTION: record a pass
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1"
}

not_ok() {	# not_ok DESCRIPTION [DETAIL...]
	tap_n=$((tap_n + 1))
	tap_failed=$((tap_failed + 1))
	echo "not ok $tap_n - $1"
	shift
	for l in "$@"; do
		printf '%s\n' "$l" | sed 's/^/# /'
	done
}

skip() {	# skip DESCRIPTION REASON: a check that cannot run here
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}

skip_all() {	# skip_all REASON
	echo "1..0 # SKIP $1"
	exit 0
}

check() {	# check DESCRIPTION COMMAND...: pass if COMMAND succeeds
	local d=$1
	shift
	if "$@" > "$WORK/check.out" 2>&1; then
		ok "$d"
	else
		not_ok "$d" "command: $*" "$(head -c 2000 "$WORK/check.out")"
	fi
}

mkdump() {	# mkdump SPEC OUT: build a synthetic dump from a spec file or text
	local spec=$1 out=$2
	if [ ! -f "$spec" ]; then
		printf '%s\n' "$spec" > "$out.spec"
		spec=$out.spec
	fi
	"$MKVMCORE" "$spec" "$out" || {
		echo "Bail out! mkvmcore failed on $spec"
		exit 1
	}
}

# mkwedged NAME STACK.1 [LINE...]: $WORK/NAME.vmcore, a 4K/48-bit kernel
# model with 2 CPUs: CPU 0 panicked through sysrq, CPU 1 was wedged with
# DAIF masked in the call chain STACK.1 (outermost last) and stopped by the
# SDEI rung; each LINE is added to the spec ($WORK/NAME.spec).
mkwedged() {
	local name=$1 stack=$2
	shift 2
	{
		echo "osrelease = 6.12.0-wedged"
		echo "ram = 0x40000000 0x10000000"
		echo "cpus = 2"
		echo "kernel = yes"
		echo "kernel.layout = $WORK/$name.layout"
		echo "kernel.panic_cpu = 0"
		echo "kernel.online = 0"
		echo "kernel.sdei_active = 1"
		echo "cpu.0 = pid=1 pstate=0x400000c5"
		echo "cpu.1 = pid=2 pstate=0x600003c5"
		echo "stack.0 = __crash_kexec,panic,sysrq_handle_crash,el0t_64_sync_handler,el0t_64_sync"
		echo "stack.1 = $stack"
		for l in "$@"; do
			echo "$l"
		done
	} > "$WORK/$name.spec"
	mkdump "$WORK/$name.spec" "$WORK/$name.vmcore"
}

# run_sdei NAME ARGS...: run vmcore-sdei, keep stdout, stderr and status
run_sdei() {
	local name=$1
	shift
	"$VMCORE_SDEI" "$@" > "$WORK/$name.out" 2> "$WORK/$name.err"
	echo $? > "$WORK/$name.status"
}

# expect_status NAME STATUS DESCRIPTION
expect_status() {
	local got
	got=$(cat "$WORK/$1.status")
	if [ "$got" = "$2" ]; then
		ok "$3 (exit $2)"
	else
		not_ok "$3: exit $got, expected $2" "stderr: $(head -c 1500 "$WORK/$1.err")" \
			"stdout: $(head -c 1500 "$WORK/$1.out")"
	fi
}

# expect_stderr NAME REGEX DESCRIPTION
expect_stderr() {
	if grep -Eq -- "$2" "$WORK/$1.err"; then
		ok "$3"
	else
		not_ok "$3: stderr lacks /$2/" "stderr: $(head -c 1500 "$WORK/$1.err")"
	fi
}

# expect_stdout NAME REGEX DESCRIPTION
expect_stdout() {
	if grep -Eq -- "$2" "$WORK/$1.out"; then
		ok "$3"
	else
		not_ok "$3: stdout lacks /$2/" "stdout: $(head -c 3000 "$WORK/$1.out")"
	fi
}

# json_check NAME PYTHON-EXPR DESCRIPTION: evaluate EXPR with r = the report
json_check() {
	if python3 - "$WORK/$1.out" "$2" > "$WORK/json.err" 2>&1 <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
expr = sys.argv[2]
if not eval(expr, {"r": r}):
    print("false: " + expr)
    sys.exit(1)
PY
	then
		ok "$3"
	else
		not_ok "$3" "$(cat "$WORK/json.err")"
	fi
}

# have_codec NAME: this build reads NAME-compressed pages (config.h)
have_codec() {
	grep -q "^#define HAVE_$(echo "$1" | tr a-z A-Z) 1" "$top_builddir/config.h"
}

# pages NAME RANGE FILE...: what lib/dump reads at each page of RANGE
# (START:LEN), one line per page, into $WORK/NAME.pages
pages() {
	local name=$1 range=$2
	shift 2
	"$DUMPPAGES" -r "$range" "$@" > "$WORK/$name.pages" 2> "$WORK/$name.pages.err"
}

# expect_same_pages REF NAME DESCRIPTION [EXCLUDED]: every page NAME holds
# is byte-identical to REF's; every page REF holds NAME holds or (only if
# EXCLUDED is "some") excluded; pages absent from REF are absent from NAME.
# EXCLUDED "none" (the default) demands no excluded page at all.
expect_same_pages() {
	local ref=$1 name=$2 d=$3 excl=${4:-none} out
	if [ ! -s "$WORK/$name.pages" ]; then
		not_ok "$d" "no pages read: $(head -c 1000 "$WORK/$name.pages.err")"
		return
	fi
	out=$(awk -v excl="$excl" '
		NR == FNR { st[$1] = $2; h[$1] = $3; next }
		{ n++ }
		$2 == "data" && (st[$1] != "data" || h[$1] != $3) { bad++; if (bad < 5) print "differs: frame " $1 }
		$2 == "excluded" { ex++; if (excl != "some" || st[$1] != "data") { bad++; if (bad < 5) print "excluded: frame " $1 " (" st[$1] " in the reference)" } }
		$2 == "absent" && st[$1] != "absent" { bad++; if (bad < 5) print "lost: frame " $1 }
		$2 != "absent" && st[$1] == "absent" { bad++; if (bad < 5) print "invented: frame " $1 }
		END {
			if (n == 0) { print "no pages"; exit 1 }
			if (excl == "some" && ex == 0) { print "nothing excluded"; exit 1 }
			exit bad > 0
		}' "$WORK/$ref.pages" "$WORK/$name.pages")
	if [ $? -eq 0 ]; then
		ok "$d"
	else
		not_ok "$d" "$out" "$(head -c 500 "$WORK/$name.pages.err")"
	fi
}

# expect_same_report REF NAME DESCRIPTION: the JSON reports REF and NAME
# (from run_sdei --json) agree on everything but the "dump" object
expect_same_report() {
	if python3 - "$WORK/$1.out" "$WORK/$2.out" > "$WORK/json.err" 2>&1 <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for r in (a, b):
    del r["dump"]
if a != b:
    for k in a:
        if a.get(k) != b.get(k):
            print("differs in %s:\n  %s\n  %s" % (k, a.get(k), b.get(k)))
    sys.exit(1)
PY
	then
		ok "$3"
	else
		not_ok "$3" "$(head -c 2000 "$WORK/json.err")" "stderr: $(head -c 500 "$WORK/$2.err")"
	fi
}

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}
