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

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}
