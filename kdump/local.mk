# SPDX-License-Identifier: GPL-2.0-or-later
# kdump integration (docs/kdump.md): the capture-side report hook that
# every integration runs, the dracut module for kdump-utils and the
# systemd drop-ins for Debian's kdump-tools.  The files name installed
# paths, so make writes them from their *.in with $(bindir) and
# $(pkglibexecdir) fully expanded (configure would leave ${prefix}).

KDUMP_GENERATED = \
	kdump/kdump-report \
	kdump/dracut/99kexec-sdei/module-setup.sh \
	kdump/dracut/99kexec-sdei/vmcore-dmesg \
	kdump/kdump-tools/kdump-tools-report \
	kdump/kdump-tools/kexec-sdei.conf

pkglibexec_SCRIPTS += kdump/kdump-report

if WITH_DRACUT
kdumpdracutdir = $(dracutmodulesdir)/99kexec-sdei
kdumpdracut_SCRIPTS = \
	kdump/dracut/99kexec-sdei/module-setup.sh \
	kdump/dracut/99kexec-sdei/vmcore-dmesg
endif

if WITH_KDUMP_TOOLS
pkglibexec_SCRIPTS += kdump/kdump-tools/kdump-tools-report
kdumptoolsdumpdir = $(systemdsystemunitdir)/kdump-tools-dump.service.d
kdumptoolsdump_DATA = kdump/kdump-tools/kexec-sdei.conf
kdumptoolsdir = $(systemdsystemunitdir)/kdump-tools.service.d
kdumptools_DATA = kdump/kdump-tools/kexec-sdei.conf
endif

# The tests run every integration script, installed or not.
check_SCRIPTS += $(KDUMP_GENERATED)
CLEANFILES += $(KDUMP_GENERATED)
EXTRA_DIST += $(KDUMP_GENERATED:=.in)

kdump_subst = $(MKDIR_P) $(@D) && rm -f $@ $@.tmp && \
	$(SED) -e 's|@bindir[@]|$(bindir)|g' \
		-e 's|@pkglibexecdir[@]|$(pkglibexecdir)|g' \
		$(srcdir)/$@.in > $@.tmp
kdump_edit = $(AM_V_GEN)$(kdump_subst) && chmod 755 $@.tmp && mv -f $@.tmp $@
kdump_edit_data = $(AM_V_GEN)$(kdump_subst) && chmod 644 $@.tmp && mv -f $@.tmp $@

kdump/kdump-report: $(srcdir)/kdump/kdump-report.in Makefile
	$(kdump_edit)
kdump/dracut/99kexec-sdei/module-setup.sh: \
		$(srcdir)/kdump/dracut/99kexec-sdei/module-setup.sh.in Makefile
	$(kdump_edit)
kdump/dracut/99kexec-sdei/vmcore-dmesg: \
		$(srcdir)/kdump/dracut/99kexec-sdei/vmcore-dmesg.in Makefile
	$(kdump_edit)
kdump/kdump-tools/kdump-tools-report: \
		$(srcdir)/kdump/kdump-tools/kdump-tools-report.in Makefile
	$(kdump_edit)
kdump/kdump-tools/kexec-sdei.conf: \
		$(srcdir)/kdump/kdump-tools/kexec-sdei.conf.in Makefile
	$(kdump_edit_data)
