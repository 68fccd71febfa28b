# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by e2e.sh: download (never install) what the guests need.
#   $CACHE/deb12/   Debian 12 arm64 kernel 6.1 + its headers (for the test module)
#   $CACHE/root13/  Debian 13 arm64 userland: busybox, kexec-tools, makedumpfile, libs
#   $CACHE/src/     linux 6.12 and arm-trusted-firmware sources (Debian 13)
# The host's apt sources are not changed; Debian 13 comes through a
# private apt configuration pointing at the mirror the host already uses.

FETCH_ERROR=

apt13() {	# apt13 apt-get|apt-cache ARGS...: a tool with the private trixie setup
	local tool=$1
	shift
	"$tool" -o Dir::Etc::SourceList="$CACHE/apt13/sources.list" \
		-o Dir::Etc::SourceParts=/nonexistent \
		-o Dir::State::Lists="$CACHE/apt13/lists" \
		-o Dir::Cache="$CACHE/apt13/cache" \
		-o APT::Architectures::=amd64 -o APT::Architectures::=arm64 "$@"
}

fetch_deb12_kernel() {
	local k base
	dpkg --print-foreign-architectures | grep -qx arm64 || dpkg --add-architecture arm64
	apt-get update -q > "$CACHE/apt-update.log" 2>&1 || { FETCH_ERROR="apt-get update failed"; return 1; }
	k=$(apt-cache depends linux-image-arm64:arm64 2>/dev/null |
		sed -n 's/.*Depends: \(linux-image-6\.1\.[^:]*-arm64\).*/\1/p' | head -n 1)
	[ -n "$k" ] || { FETCH_ERROR="no Debian 12 arm64 kernel package"; return 1; }
	base=${k#linux-image-}
	mkdir -p "$CACHE/deb12/debs" && (cd "$CACHE/deb12/debs" &&
		apt-get download "$k:arm64" "linux-headers-$base:arm64" \
			"linux-headers-${base%-arm64}-common" linux-kbuild-6.1) \
		> "$CACHE/deb12/download.log" 2>&1 ||
		{ FETCH_ERROR="downloading $k and its headers failed"; return 1; }
	for d in "$CACHE"/deb12/debs/*.deb; do
		dpkg-deb -x "$d" "$CACHE/deb12/root" || return 1
	done
	echo "${k#linux-image-}" > "$CACHE/deb12/release"
}

fetch_trixie() {
	local mirror pkgs
	mirror=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null)
	[ -n "$mirror" ] || mirror=$(awk '/^deb / { print $2; exit }' /etc/apt/sources.list 2>/dev/null)
	[ -n "$mirror" ] || { FETCH_ERROR="no Debian mirror configured on this host"; return 1; }
	mkdir -p "$CACHE/apt13/lists/partial" "$CACHE/apt13/cache/archives/partial" \
		"$CACHE/root13/debs" "$CACHE/src"
	cat > "$CACHE/apt13/sources.list" <<SRC
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main
SRC
	apt13 apt-get update -q > "$CACHE/apt13/update.log" 2>&1 || { FETCH_ERROR="trixie index update failed"; return 1; }
	# The guest tools and every arm64 library they need, recursively.
	pkgs=$(apt13 apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
		--no-breaks --no-replaces --no-enhances \
		busybox-static:arm64 kexec-tools:arm64 makedumpfile:arm64 2>/dev/null |
		awk '/^[a-z0-9]/ && /:arm64$/ { print }' | sort -u)
	[ -n "$pkgs" ] || { FETCH_ERROR="cannot resolve the trixie guest tools' dependencies"; return 1; }
	(cd "$CACHE/root13/debs" && apt13 apt-get download $pkgs) > "$CACHE/root13/download.log" 2>&1 ||
		{ FETCH_ERROR="downloading the trixie guest tools failed"; return 1; }
	for d in "$CACHE"/root13/debs/*.deb; do
		dpkg-deb -x "$d" "$CACHE/root13/root" || return 1
	done
	for d in bin sbin lib; do
		[ -e "$CACHE/root13/root/$d" ] || ln -s "usr/$d" "$CACHE/root13/root/$d"
	done
	(cd "$CACHE/src" && apt13 apt-get source --download-only "linux=$LINUX_VERSION" \
		"arm-trusted-firmware=$TFA_VERSION") > "$CACHE/src/download.log" 2>&1 ||
		{ FETCH_ERROR="downloading the linux $LINUX_VERSION / TF-A sources failed"; return 1; }
	(cd "$CACHE/src" && for t in linux_*.orig.tar.xz arm-trusted-firmware_*.orig.tar.xz; do
		tar xf "$t"; done) || return 1
}

fetch() {
	if [ ! -f "$CACHE/.fetched-v1" ]; then
		note "fetching the arm64 packages and sources into $CACHE"
		fetch_deb12_kernel && fetch_trixie || return 1
		touch "$CACHE/.fetched-v1"
	fi
	return 0
}
