# SPDX-License-Identifier: GPL-2.0-or-later
# The loader.  Everything but main.c is a library so unit tests can drive
# the parsers and the plan in-process.
noinst_LIBRARIES += kexec/libloader.a
kexec_libloader_a_CFLAGS = $(AM_CFLAGS) $(LIBFDT_CFLAGS)
kexec_libloader_a_SOURCES = \
	kexec/options.c kexec/options.h \
	kexec/sysroot.c kexec/sysroot.h \
	kexec/image-header.c kexec/image-header.h \
	kexec/image.c kexec/image.h \
	kexec/vmlinux.c kexec/vmlinux.h \
	kexec/iomem.c kexec/iomem.h \
	kexec/kcore.c kexec/kcore.h \
	kexec/memmap.c kexec/memmap.h \
	kexec/elfcorehdr.c kexec/elfcorehdr.h \
	kexec/layout.c kexec/layout.h \
	kexec/cmdline.c kexec/cmdline.h \
	kexec/kmsg.c kexec/kmsg.h \
	kexec/dt.c kexec/dt.h \
	kexec/fdt-check.c kexec/fdt-check.h \
	kexec/fdt-edit.c kexec/fdt-edit.h \
	kexec/purgatory-link.c kexec/purgatory-link.h \
	kexec/acpi.c kexec/acpi.h \
	kexec/cpus.c kexec/cpus.h \
	kexec/sdei-detect.c kexec/sdei-detect.h \
	kexec/sdei-report.c kexec/sdei-report.h \
	kexec/plan.c kexec/plan.h kexec/plan-text.c kexec/plan-json.c \
	kexec/plan-load.c kexec/plan-load-print.c kexec/plan-load-print.h \
	kexec/syscalls.c kexec/syscalls.h

LOADER_LIBS = kexec/libloader.a purgatory/libpurgatory-blob.a $(LIBKEXECSDEI_LIBS) $(LIBFDT_LIBS)

sbin_PROGRAMS += kexec/kexec
kexec_kexec_SOURCES = kexec/main.c
kexec_kexec_LDADD = $(LOADER_LIBS)
