#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The packaging agrees with the build (docs/packaging.md): the versions in
# debian/changelog and the RPM spec are the release's, every file the
# Debian *.install files and the spec's %files name is one make install
# puts there, and every installed file is in some package.  Distribution
# paths are mapped to this build's directories.  Building the packages
# themselves is a manual check (docs/packaging.md); this catches drift.
. "${top_srcdir:?}/tests/integration/lib.sh"

: "${PACKAGE_VERSION:?}" "${inst_bindir:?}" "${inst_sbindir:?}" "${inst_mandir:?}"
: "${inst_pkglibexecdir:?}" "${inst_dracutmodulesdir:?}" "${inst_systemdsystemunitdir:?}"
SPEC=$top_builddir/kexec-sdei.spec
dest=$WORK/dest
kexec_built=no
[ -x "$top_builddir/kexec/kexec" ] && kexec_built=yes

# --- versions ---
deb=$(sed -n '1s/^kexec-sdei (\([^)]*\)) .*/\1/p' "$top_srcdir/debian/changelog")
if [ "${deb%-*}" = "$PACKAGE_VERSION" ]; then
	ok "debian/changelog is for $PACKAGE_VERSION ($deb)"
else
	not_ok "debian/changelog is for $PACKAGE_VERSION" "its first entry: '$deb'"
fi
v=$(sed -n 's/^Version: *//p' "$SPEC")
if [ "$v" = "$PACKAGE_VERSION" ]; then
	ok "kexec-sdei.spec Version: $PACKAGE_VERSION"
else
	not_ok "kexec-sdei.spec Version: $PACKAGE_VERSION" "got '$v'"
fi
if grep -q "^\* .* - $PACKAGE_VERSION-[0-9]" "$SPEC"; then
	ok "kexec-sdei.spec %changelog has an entry for $PACKAGE_VERSION"
else
	not_ok "kexec-sdei.spec %changelog has an entry for $PACKAGE_VERSION"
fi
check "debian/source/format is 3.0 (quilt)" grep -qx '3.0 (quilt)' "$top_srcdir/debian/source/format"
check "debian/copyright is machine-readable (DEP-5), GPL-2.0-or-later" \
	grep -q '^License: GPL-2.0-or-later$' "$top_srcdir/debian/copyright"

if ! env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL ${MAKE:-make} -s -C "$top_builddir" \
	install DESTDIR="$dest" > "$WORK/install.log" 2>&1; then
	echo "Bail out! make install DESTDIR=$dest failed: $(tail -n 20 "$WORK/install.log")"
	exit 1
fi
(cd "$dest" && find . ! -type d | sed 's|^\.||' | sort) > "$WORK/installed"

# map_deb PATH: a path of debian/*.install (relative to /) in this build;
# prints nothing when this build leaves that part out
map_deb() {
	case $1 in
	usr/bin/*) echo "$inst_bindir/${1#usr/bin/}" ;;
	usr/sbin/*) echo "$inst_sbindir/${1#usr/sbin/}" ;;
	usr/share/man/*) echo "$inst_mandir/${1#usr/share/man/}" ;;
	usr/libexec/kexec-sdei/kdump-tools-report)
		[ "$inst_systemdsystemunitdir" = no ] ||
			echo "$inst_pkglibexecdir/kdump-tools-report"
		;;
	usr/libexec/kexec-sdei/*) echo "$inst_pkglibexecdir/${1#usr/libexec/kexec-sdei/}" ;;
	lib/systemd/system/*)
		[ "$inst_systemdsystemunitdir" = no ] ||
			echo "$inst_systemdsystemunitdir/${1#lib/systemd/system/}"
		;;
	*) echo "UNMAPPED:$1" ;;
	esac
}

# map_rpm PATH: a path of the spec's %files, macros and all
map_rpm() {
	p=${1%\*}
	p=${p%/}
	case $p in
	%{_bindir}/*) echo "$inst_bindir/${p#%\{_bindir\}/}" ;;
	%{_sbindir}/*) echo "$inst_sbindir/${p#%\{_sbindir\}/}" ;;
	%{_mandir}/*) echo "$inst_mandir/${p#%\{_mandir\}/}" ;;
	%{_libexecdir}/kexec-sdei) echo "$inst_pkglibexecdir" ;;
	%{_libexecdir}/kexec-sdei/*) echo "$inst_pkglibexecdir/${p#%\{_libexecdir\}/kexec-sdei/}" ;;
	%{_prefix}/lib/dracut/modules.d/*)
		[ "$inst_dracutmodulesdir" = no ] ||
			echo "$inst_dracutmodulesdir/${p#%\{_prefix\}/lib/dracut/modules.d/}"
		;;
	*) echo "UNMAPPED:$1" ;;
	esac
}

# is_kexec PATH: belongs to the loader, which this tree may not build yet
is_kexec() {
	case $1 in
	*/sbin/kexec | */man8/kexec.8*) return 0 ;;
	esac
	return 1
}

: > "$WORK/deb-claimed"
for f in "$top_srcdir"/debian/*.install; do
	pkg=$(basename "$f" .install)
	while read -r p; do
		[ -n "$p" ] || continue
		m=$(map_deb "$p")
		[ -n "$m" ] || continue
		echo "$m" >> "$WORK/deb-claimed"
		if is_kexec "$m" && [ $kexec_built = no ]; then
			skip "debian $pkg: $p" "this tree does not build kexec yet"
		elif [ -e "$dest$m" ]; then
			ok "debian $pkg: $p is installed"
		else
			not_ok "debian $pkg: $p is installed" "no $m in make install's output"
		fi
	done < "$f"
done

# What the Debian build installs (no dracut module there) is all packaged.
unclaimed=
while read -r f; do
	case $f in
	"$inst_dracutmodulesdir"/*) continue ;;
	esac
	grep -qxF "$f" "$WORK/deb-claimed" || unclaimed="$unclaimed $f"
done < "$WORK/installed"
if [ -z "$unclaimed" ]; then
	ok "debian: every installed file is in a package"
else
	not_ok "debian: every installed file is in a package" "not in any *.install:$unclaimed"
fi

: > "$WORK/rpm-claimed"
sed -n '/^%files/,/^%changelog/p' "$SPEC" |
	grep -E '^(%dir +)?%\{_' | sed 's/^%dir *//' > "$WORK/rpm-files"
while read -r p; do
	m=$(map_rpm "$p")
	[ -n "$m" ] || continue
	echo "$m" >> "$WORK/rpm-claimed"
	if is_kexec "$m" && [ $kexec_built = no ]; then
		skip "rpm: $p" "this tree does not build kexec yet"
	elif [ -e "$dest$m" ]; then
		ok "rpm: $p is installed"
	else
		not_ok "rpm: $p is installed" "no $m in make install's output"
	fi
done < "$WORK/rpm-files"

# What the RPM build installs (no kdump-tools drop-ins there) is all packaged.
unclaimed=
while read -r f; do
	case $f in
	"$inst_systemdsystemunitdir"/* | */kdump-tools-report) continue ;;
	esac
	claimed=no
	while read -r c; do
		case $f in
		"$c" | "$c"*) claimed=yes; break ;;
		esac
	done < "$WORK/rpm-claimed"
	[ $claimed = yes ] || unclaimed="$unclaimed $f"
done < "$WORK/installed"
if [ -z "$unclaimed" ]; then
	ok "rpm: every installed file is in a package"
else
	not_ok "rpm: every installed file is in a package" "not in any %files:$unclaimed"
fi

done_testing
