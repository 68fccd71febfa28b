#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Real makedumpfile output, every format it writes: Debian's arm64
# makedumpfile (Debian builds it for the host's architecture only, so an
# x86_64 one cannot filter an arm64 dump) runs under qemu-aarch64-static
# on the fixture dump, at dump levels 0 and 31, with each codec it was
# built with, -E, -F and --split.  Every page each output holds must be
# byte-identical to the ELF source's, and the report the same.
#
# The packages are fetched once with apt-get download into tests/cache/
# of the build tree (KSD_TEST_CACHE moves it, so several build trees can
# share one): bookworm's makedumpfile 1.7.2 (zlib, LZO) from this host's
# sources, and trixie's 1.7.6 (which adds zstd) through a private apt
# configuration that leaves the host's untouched.  Debian builds neither
# with snappy; t1100 covers snappy with mkkdump.  KSD_MAKEDUMPFILE_ROOTS
# may name more extracted arm64 roots to test as well.
. "${top_srcdir:?}/tests/integration/lib.sh"

CACHE=${KSD_TEST_CACHE:-$top_builddir/tests/cache}/makedumpfile-arm64
RAM=0x40000000:0x2000000

# The arm64 runtime makedumpfile needs, bookworm names then trixie's.
PKGS="makedumpfile libc6 libelf1 libdw1 liblzo2-2 zlib1g libbz2-1.0 liblzma5 libzstd1
	libelf1t64 libdw1t64"

command -v qemu-aarch64-static > /dev/null ||
	skip_all "qemu-aarch64-static not installed (scripts/install-deps installs qemu-user-static)"

# unpack DIR: extract DIR/debs into DIR/root, giving a merged-/usr root
# the /lib and /bin links base-files would make
unpack() {
	for d in "$1"/debs/*.deb; do
		dpkg-deb -x "$d" "$1/root" || return 1
	done
	for l in bin sbin lib; do
		[ -e "$1/root/$l" ] || ln -s usr/$l "$1/root/$l"
	done
}

# fetch NAME [APT-OPTIONS...]: download makedumpfile:arm64 and its libraries
# into $CACHE/NAME once; print why not on failure
fetch() {
	local dir=$CACHE/$1 p
	shift
	[ -x "$dir/root/usr/bin/makedumpfile" ] && return 0
	rm -rf "$dir.tmp"
	mkdir -p "$dir.tmp/debs"
	for p in $PKGS; do
		(cd "$dir.tmp/debs" && apt-get "$@" download -q "$p:arm64") > "$dir.tmp/$p.log" 2>&1 || :
	done
	if ! ls "$dir.tmp"/debs/makedumpfile_*.deb > /dev/null 2>&1; then
		tail -n 1 "$dir.tmp/makedumpfile.log"
		return 1
	fi
	unpack "$dir.tmp" || { echo "cannot unpack the packages"; return 1; }
	rm -rf "$dir"
	mv "$dir.tmp" "$dir"
}

# A private apt configuration for trixie, on the host's Debian mirror.
trixie_apt() {
	local a=$CACHE/trixie-apt mirror
	mirror=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2> /dev/null)
	[ -n "$mirror" ] || mirror=$(awk '$1 == "deb" { print $2; exit }' /etc/apt/sources.list 2> /dev/null)
	[ -n "$mirror" ] || { echo "no Debian mirror in the host's apt sources"; return 1; }
	mkdir -p "$a/lists/partial" "$a/cache/archives/partial"
	echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" \
		> "$a/sources.list"
	set -- -o Dir::Etc::SourceList="$a/sources.list" -o Dir::Etc::SourceParts=/nonexistent \
		-o Dir::State::Lists="$a/lists" -o Dir::Cache="$a/cache" \
		-o APT::Architectures::=amd64 -o APT::Architectures::=arm64
	if ! ls "$a"/lists/*Packages* > /dev/null 2>&1; then
		apt-get "$@" update -q > "$a/update.log" 2>&1 ||
			{ tail -n 1 "$a/update.log"; return 1; }
	fi
	fetch trixie "$@"
}

dpkg --print-foreign-architectures 2> /dev/null | grep -qx arm64 ||
	[ -x "$CACHE/bookworm/root/usr/bin/makedumpfile" ] ||
	skip_all "dpkg has no arm64 architecture, so apt-get cannot fetch makedumpfile:arm64 (scripts/install-deps adds it)"
command -v apt-get > /dev/null || [ -d "$CACHE" ] ||
	skip_all "no apt-get to fetch makedumpfile:arm64"
why=$(fetch bookworm) || skip_all "apt-get download makedumpfile:arm64 failed: $why"
ROOTS="$CACHE/bookworm/root"
if why=$(trixie_apt); then
	ROOTS="$ROOTS $CACHE/trixie/root"
else
	skip "makedumpfile 1.7.6 from trixie (zstd)" "cannot fetch it: $why"
fi
ROOTS="$ROOTS ${KSD_MAKEDUMPFILE_ROOTS:-}"

mkdump "$SPECS/model-4cpus.vmspec" "$WORK/src.elf"
pages src "$RAM" "$WORK/src.elf"
run_sdei src --json "$WORK/src.elf"
expect_status src 3 "the ELF source"

# check_output NAME DESCRIPTION EXCLUDED FILE...: pages and report; or,
# for a codec this build lacks, the error saying so
check_output() {
	local name=$1 d=$2 excl=$3 c
	shift 3
	c=$(python3 -c '
import struct, sys
d = open(sys.argv[1], "rb").read(4096 + 440)
if d[:12] == b"makedumpfile":
    d = d[4096 + 16:]
if d[:8] == b"KDUMP   ":
    s = struct.unpack_from("<I", d, 424)[0]
    print({1: "zlib", 2: "lzo", 4: "snappy", 32: "zstd"}.get(s & 0x27, ""))
' "$1")
	if [ -n "$c" ] && ! have_codec "$c"; then
		run_sdei "$name" "$@"
		expect_status "$name" 2 "$d: this build lacks $c"
		expect_stderr "$name" "is $c-compressed and this build of kexec-sdei lacks $c" \
			"$d: says the build lacks $c"
		return
	fi
	pages "$name" "$RAM" "$@"
	expect_same_pages src "$name" "$d: the same pages" "$excl"
	run_sdei "$name" --json "$@"
	expect_same_report src "$name" "$d: the same report"
}

n=0
for root in $ROOTS; do
	mdf() {
		qemu-aarch64-static -L "$root" "$root/usr/bin/makedumpfile" "$@"
	}
	version=$(mdf -v 2>&1 | sed -n 's/^makedumpfile: version \([^ ]*\).*/\1/p')
	if [ -z "$version" ]; then
		not_ok "makedumpfile in $root runs" "$(mdf -v 2>&1 | head -n 5)"
		continue
	fi
	n=$((n + 1))
	m=mdf$n
	codecs="c"
	mdf -v 2>&1 | grep -q '^lzo[[:space:]]*enabled' && codecs="$codecs l"
	mdf -v 2>&1 | grep -q '^snappy[[:space:]]*enabled' && codecs="$codecs p"
	mdf -v 2>&1 | grep -q '^zstd[[:space:]]*enabled' && codecs="$codecs z"
	echo "# makedumpfile $version from $root: codecs -${codecs}"

	for level in 0 31; do
		excl=none
		[ $level = 31 ] && excl=some
		for c in none $codecs; do
			o=$WORK/$m-$c-d$level
			opt=
			[ $c = none ] || opt=-$c
			if ! mdf $opt -d $level "$WORK/src.elf" "$o" > "$o.log" 2>&1; then
				not_ok "makedumpfile $version $opt -d $level" "$(tail -n 5 "$o.log")"
				continue
			fi
			check_output $m-$c-d$level "makedumpfile $version ${opt:-(no codec)} -d $level" $excl "$o"
		done
		o=$WORK/$m-E-d$level
		if mdf -E -d $level "$WORK/src.elf" "$o" > "$o.log" 2>&1; then
			check_output $m-E-d$level "makedumpfile $version -E -d $level" $excl "$o"
		else
			not_ok "makedumpfile $version -E -d $level" "$(tail -n 5 "$o.log")"
		fi
	done
	json_check $m-none-d31 "r['dump']['compression'] == 'none' and r['dump']['dump_level'] == 31 and r['dump']['header_version'] == 6" \
		"makedumpfile $version -d 31: codec, level and version reported"

	# The rest with a codec this build reads, or none.
	zc=-c
	have_codec zlib || zc=
	lc=-l
	have_codec lzo || lc=
	o=$WORK/$m-F
	mdf -F $zc -d 31 "$WORK/src.elf" > "$o" 2> "$o.log" &&
		check_output $m-F "makedumpfile $version -F $zc -d 31" some "$o"
	json_check $m-F "r['dump']['container'] == 'flattened' and r['dump']['format'] == 'kdump'" \
		"makedumpfile $version -F: flattened kdump-compressed reported"
	o=$WORK/$m-FE
	mdf -F -E -d 31 "$WORK/src.elf" > "$o" 2> "$o.log" &&
		check_output $m-FE "makedumpfile $version -F -E -d 31" some "$o"
	json_check $m-FE "r['dump']['container'] == 'flattened' and r['dump']['format'] == 'elf'" \
		"makedumpfile $version -F -E: flattened ELF reported"

	# The ssh pipeline, straight into vmcore-sdei.
	mdf -F $lc -d 31 "$WORK/src.elf" 2> "$WORK/$m-pipe.log" |
		"$VMCORE_SDEI" --json - > "$WORK/$m-pipe.out" 2> "$WORK/$m-pipe.err"
	echo $? > "$WORK/$m-pipe.status"
	expect_status $m-pipe 3 "makedumpfile $version -F | vmcore-sdei -"
	expect_same_report src $m-pipe "makedumpfile $version -F | vmcore-sdei -: the same report"

	# --splitblock-size (KiB) small enough that all three parts hold pages.
	o=$WORK/$m-split
	if mdf $zc -d 31 --split --splitblock-size 1024 "$WORK/src.elf" $o.1 $o.2 $o.3 > $o.log 2>&1; then
		check_output $m-split "makedumpfile $version --split into 3" some $o.3 $o.1 $o.2
		json_check $m-split "len(r['dump']['parts']) == 3" "makedumpfile $version --split: 3 parts reported"
		run_sdei $m-split2 $o.1 $o.3
		expect_status $m-split2 2 "makedumpfile $version --split with a part missing"
	else
		not_ok "makedumpfile $version --split" "$(tail -n 5 $o.log)"
	fi
	# The default 1 GiB split blocks put all 32 MiB in the first part and
	# leave the others empty: the set reads, and so does the first part.
	o=$WORK/$m-split1g
	if mdf $zc -d 31 --split "$WORK/src.elf" $o.1 $o.2 $o.3 > $o.log 2>&1; then
		check_output $m-split1g "makedumpfile $version --split, two parts empty" some $o.1 $o.2 $o.3
		check_output $m-split1g-alone "makedumpfile $version --split, the part holding everything alone" some $o.1
	else
		not_ok "makedumpfile $version --split (1 GiB blocks)" "$(tail -n 5 $o.log)"
	fi
done
[ $n -gt 0 ] || skip_all "no makedumpfile could be run"

done_testing
