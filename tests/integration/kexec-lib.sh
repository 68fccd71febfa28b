# SPDX-License-Identifier: GPL-2.0-or-later
# Shared body of the loader's integration tests (t6xxx, t72xx): sourced
# after lib.sh.  Builds fake machine trees from tests/fixtures/machines,
# runs kexec against them, compares with expected files.

KEXEC=${KEXEC:-$top_builddir/kexec/kexec}
MKIMAGE=$top_builddir/tests/fixtures/mkimage
MACHINES=$top_srcdir/tests/fixtures/machines
# LOADED= in the SDEI record; fixed so expected files can be exact.
SOURCE_DATE_EPOCH=1764083000
export SOURCE_DATE_EPOCH
KEXEC_VERSION=$("$KEXEC" --version | sed -n 's/^kexec (kexec-sdei) //p')

need_tree_tools() {	# the tree builder needs dtc and python3
	command -v dtc > /dev/null || skip_all "dtc (device-tree-compiler) is not installed"
	command -v python3 > /dev/null || skip_all "python3 is not installed"
}

# mktree NAME [DEST]: build machine NAME's tree (default $WORK/trees/NAME)
mktree() {
	local dest=${2:-$WORK/trees/$1}
	sh "$MACHINES/mktree.sh" "$MACHINES/$1" "$dest" || {
		echo "Bail out! cannot build the machine tree $1"
		exit 1
	}
}

# add_kernel TREE NAME [mkimage KEY=VALUE...]: a kernel Image at TREE/boot/NAME
add_kernel() {
	local tree=$1 name=$2
	shift 2
	mkdir -p "$tree/boot"
	"$MKIMAGE" image "$tree/boot/$name" "$@" || {
		echo "Bail out! mkimage failed"
		exit 1
	}
}

# add_file TREE PATH SIZE: a file of SIZE deterministic bytes
add_file() {
	mkdir -p "$(dirname "$1/$2")"
	head -c "$3" /dev/zero | tr '\0' 'i' > "$1/$2"
}

# run_kexec NAME ARGS...: run kexec, keep stdout, stderr and status
run_kexec() {
	local name=$1
	shift
	"$KEXEC" "$@" > "$WORK/$name.out" 2> "$WORK/$name.err"
	echo $? > "$WORK/$name.status"
}

# expect_output NAME EXPECTED DESCRIPTION [out|err]: exact comparison after
# putting the version in for @VERSION@
expect_output() {
	local got=$WORK/$1.${4:-out}
	sed "s/@VERSION@/$KEXEC_VERSION/g" "$2" > "$WORK/$1.expected"
	if cmp -s "$WORK/$1.expected" "$got"; then
		ok "$3"
	else
		not_ok "$3" "$(diff -u "$WORK/$1.expected" "$got" | head -n 60)"
	fi
}

# expect_json NAME DESCRIPTION: stdout is one valid JSON document
expect_json() {
	if python3 -m json.tool "$WORK/$1.out" > /dev/null 2> "$WORK/json.err"; then
		ok "$2"
	else
		not_ok "$2" "$(cat "$WORK/json.err")"
	fi
}
