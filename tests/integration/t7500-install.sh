#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# make install into a DESTDIR: the programs, the man pages and the kdump
# integration files land where configure said, with the right modes and
# with the installed paths written into the scripts; make uninstall takes
# every file away again.  kexec is checked when this tree builds it.
. "${top_srcdir:?}/tests/integration/lib.sh"

: "${inst_bindir:?}" "${inst_sbindir:?}" "${inst_mandir:?}" "${inst_pkglibexecdir:?}"
: "${inst_dracutmodulesdir:?}" "${inst_systemdsystemunitdir:?}"
dest=$WORK/dest

# A make of our own: not part of the make that runs the tests.
if ! env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL ${MAKE:-make} -s -C "$top_builddir" \
	install DESTDIR="$dest" > "$WORK/install.log" 2>&1; then
	echo "Bail out! make install DESTDIR=$dest failed: $(tail -n 20 "$WORK/install.log")"
	exit 1
fi

# installed MODE PATH DESCRIPTION: a regular file with that mode
installed() {
	if [ -f "$dest$2" ] && [ "$(stat -c %a "$dest$2")" = "$1" ]; then
		ok "$3"
	elif [ -f "$dest$2" ]; then
		not_ok "$3" "$2 has mode $(stat -c %a "$dest$2"), expected $1"
	else
		not_ok "$3" "$2 is not installed" "$(cd "$dest" && find . -type f | sort)"
	fi
}

installed 755 "$inst_bindir/vmcore-sdei" "vmcore-sdei in bindir"
installed 644 "$inst_mandir/man8/vmcore-sdei.8" "vmcore-sdei.8"
installed 644 "$inst_mandir/man5/kexec-sdei-record.5" "kexec-sdei-record.5"
if [ -x "$top_builddir/kexec/kexec" ]; then
	installed 755 "$inst_sbindir/kexec" "kexec in sbindir"
	installed 644 "$inst_mandir/man8/kexec.8" "kexec.8"
else
	skip "kexec in sbindir" "this tree does not build kexec yet"
	skip "kexec.8" "this tree does not build kexec yet"
fi

installed 755 "$inst_pkglibexecdir/kdump-report" "kdump-report, the capture-side hook"
if grep -q "^elif \[ -x \"$inst_bindir/vmcore-sdei\" \]" "$dest$inst_pkglibexecdir/kdump-report"; then
	ok "kdump-report runs the installed vmcore-sdei"
else
	not_ok "kdump-report runs the installed vmcore-sdei" \
		"$(grep -n 'vmcore-sdei' "$dest$inst_pkglibexecdir/kdump-report" | head -n 5)"
fi
if grep -q '@[a-z]*dir@' "$dest$inst_pkglibexecdir/kdump-report"; then
	not_ok "no unsubstituted @...dir@ left in kdump-report"
else
	ok "no unsubstituted @...dir@ left in kdump-report"
fi

if [ "$inst_dracutmodulesdir" = no ]; then
	skip "dracut module" "configured --with-dracutmodulesdir=no"
else
	m=$inst_dracutmodulesdir/99kexec-sdei
	installed 755 "$m/module-setup.sh" "dracut module: module-setup.sh"
	installed 755 "$m/vmcore-dmesg" "dracut module: the vmcore-dmesg wrapper"
	if grep -q "inst_simple \"$inst_pkglibexecdir/kdump-report\"" "$dest$m/module-setup.sh"; then
		ok "dracut module: installs the hook from its installed path"
	else
		not_ok "dracut module: installs the hook from its installed path"
	fi
fi

if [ "$inst_systemdsystemunitdir" = no ]; then
	skip "kdump-tools drop-ins" "configured --with-systemdsystemunitdir=no"
else
	installed 755 "$inst_pkglibexecdir/kdump-tools-report" "kdump-tools: kdump-tools-report"
	for u in kdump-tools-dump kdump-tools; do
		f=$inst_systemdsystemunitdir/$u.service.d/kexec-sdei.conf
		installed 644 "$f" "kdump-tools: drop-in for $u.service"
		if grep -qx "ExecStartPre=-$inst_pkglibexecdir/kdump-tools-report" "$dest$f" 2> /dev/null; then
			ok "kdump-tools: $u.service runs the installed kdump-tools-report"
		else
			not_ok "kdump-tools: $u.service runs the installed kdump-tools-report"
		fi
	done
fi

# The installed program runs.
if "$dest$inst_bindir/vmcore-sdei" --version > "$WORK/version.out" 2>&1 &&
	grep -q "^vmcore-sdei (kexec-sdei) $PACKAGE_VERSION\$" "$WORK/version.out"; then
	ok "installed vmcore-sdei --version: $PACKAGE_VERSION"
else
	not_ok "installed vmcore-sdei --version" "$(cat "$WORK/version.out")"
fi

if env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL ${MAKE:-make} -s -C "$top_builddir" \
	uninstall DESTDIR="$dest" > "$WORK/uninstall.log" 2>&1; then
	left=$(cd "$dest" && find . ! -type d | sort)
	if [ -z "$left" ]; then
		ok "make uninstall removes every file"
	else
		not_ok "make uninstall removes every file" "left: $left"
	fi
else
	not_ok "make uninstall" "$(tail -n 20 "$WORK/uninstall.log")"
fi

done_testing
