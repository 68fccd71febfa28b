# SPDX-License-Identifier: GPL-2.0-or-later
# The library every program links: dump formats, arm64, kernel data, the
# SDEI record, utilities.  Static and not installed.
noinst_LIBRARIES += lib/libkexecsdei.a
lib_libkexecsdei_a_CFLAGS = $(AM_CFLAGS) $(LIBELF_CFLAGS) $(ZLIB_CFLAGS) \
	$(LIBZSTD_CFLAGS) $(LIBLZMA_CFLAGS) \
	$(LZO_CFLAGS) $(SNAPPY_CFLAGS) $(ZSTD_CFLAGS)
lib_libkexecsdei_a_SOURCES = \
	lib/util/error.c lib/util/error.h \
	lib/util/sha256.c lib/util/sha256.h \
	lib/util/endian.h lib/util/limits.h \
	lib/util/decompress.c lib/util/decompress.h \
	lib/util/json.c lib/util/json.h \
	lib/util/cmdline.c lib/util/cmdline.h \
	lib/util/number.c lib/util/number.h lib/util/grow.h \
	lib/util/strv.c lib/util/strv.h \
	lib/dump/dump.h lib/dump/format.h \
	lib/dump/reader.c lib/dump/reader.h \
	lib/dump/spool.c lib/dump/flat.c \
	lib/dump/open.c \
	lib/dump/segments.c lib/dump/segments.h \
	lib/dump/elf.c \
	lib/dump/kdump.c lib/dump/kdump.h lib/dump/kdump-header.c \
	lib/dump/kdump-bitmap.c lib/dump/decompress.c \
	lib/dump/notes.c lib/dump/notes.h \
	lib/arch/aarch64.h lib/arch/prstatus.c lib/arch/pstate.c \
	lib/arch/translate.c lib/arch/translate.h \
	lib/arch/unwind.c lib/arch/unwind.h \
	lib/kernel/vmcoreinfo.c lib/kernel/vmcoreinfo.h \
	lib/kernel/kmem.h lib/kernel/kernel.c lib/kernel/kernel.h \
	lib/kernel/symtab.c lib/kernel/symtab.h lib/kernel/vmlinux.c \
	lib/kernel/kallsyms.c lib/kernel/kallsyms.h \
	lib/kernel/btf.c lib/kernel/btf.h \
	lib/kernel/modules.c lib/kernel/modules.h \
	lib/kernel/percpu.c lib/kernel/percpu.h \
	lib/kernel/printk.c lib/kernel/printk.h lib/kernel/printk-priv.h \
	lib/kernel/printk-ring.c lib/kernel/printk-log.c \
	lib/kernel/stoplog.c lib/kernel/stoplog.h \
	lib/record/record.c lib/record/record.h

LIBKEXECSDEI_LIBS = lib/libkexecsdei.a $(LIBELF_LIBS) $(ZLIB_LIBS) \
	$(LIBZSTD_LIBS) $(LIBLZMA_LIBS) \
	$(LZO_LIBS) $(SNAPPY_LIBS) $(ZSTD_LIBS)
