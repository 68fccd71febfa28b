# SPDX-License-Identifier: GPL-2.0-or-later
# The purgatory (docs/purgatory.md): freestanding aarch64 code built with
# PURGATORY_CC (configure) into one relocatable object,
# purgatory/purgatory.ro, which kexec embeds as purgatory_blob[]
# (purgatory/blob.h, purgatory/libpurgatory-blob.a).  Cross objects are
# named *.pgo so they never mix with the host's *.o of the same sources
# (the unit tests compile purgatory C files for the host too).

PURGATORY_SRC_C = \
	purgatory/purgatory.c purgatory/verify.c purgatory/console.c \
	purgatory/mmio.c purgatory/cpufeature.c purgatory/sha256-arm64.c \
	purgatory/string.c lib/util/sha256.c
PURGATORY_SRC_ASM = purgatory/entry.S purgatory/sha256-ce.S
PURGATORY_HDRS = \
	purgatory/abi.h purgatory/console.h purgatory/cpufeature.h \
	purgatory/mmio.h purgatory/params-check.h purgatory/sha256-arm64.h \
	purgatory/verify.h \
	lib/util/sha256.h
# entry.S first: purgatory_start is then at the start of .text (the
# loader does not rely on it; the test link map is easier to read).
PURGATORY_OBJECTS = \
	purgatory/entry.pgo purgatory/purgatory.pgo purgatory/verify.pgo \
	purgatory/console.pgo purgatory/mmio.pgo purgatory/cpufeature.pgo \
	purgatory/sha256-arm64.pgo purgatory/sha256-ce.pgo \
	purgatory/string.pgo lib/util/sha256.pgo

EXTRA_DIST += $(PURGATORY_SRC_C) $(PURGATORY_SRC_ASM) \
	$(PURGATORY_HDRS) purgatory/bin2c.sh

PURGATORY_CPPFLAGS = -I$(top_srcdir) -I$(top_srcdir)/lib \
	-DPURGATORY_VERSION='"$(PACKAGE_VERSION)"'
# -Wstack-usage: the stack is 4 KiB (entry.S); no function may take more
# than 512 bytes of it, and the call graph is at most six deep.
PURGATORY_ALL_CFLAGS = $(PURGATORY_BASE_CFLAGS) $(WARN_CFLAGS) \
	-Wstack-usage=512 $(PURGATORY_CFLAGS)

SUFFIXES += .pgo
.c.pgo:
	@$(MKDIR_P) $(@D)
	$(AM_V_CC)$(PURGATORY_CC) $(PURGATORY_CPPFLAGS) $(PURGATORY_ALL_CFLAGS) -c -o $@ $<
.S.pgo:
	@$(MKDIR_P) $(@D)
	$(AM_V_CC)$(PURGATORY_CC) $(PURGATORY_CPPFLAGS) $(PURGATORY_BASE_CFLAGS) -c -o $@ $<
$(PURGATORY_OBJECTS): $(PURGATORY_HDRS)

# One relocatable object (-r).  An undefined symbol would only show up
# when the loader relocates it, on the crash path; stop the build here
# instead (tests/integration/t6500 checks the rest).
purgatory/purgatory.ro: $(PURGATORY_OBJECTS)
	$(AM_V_GEN)$(PURGATORY_CC) -nostdlib -no-pie -Wl,-r -o $@.tmp $(PURGATORY_OBJECTS) && \
	undef=`$(PURGATORY_NM) -u $@.tmp` && \
	if test -n "$$undef"; then \
		echo "$@: undefined symbols:" $$undef >&2; rm -f $@.tmp; exit 1; \
	fi && mv -f $@.tmp $@

noinst_LIBRARIES += purgatory/libpurgatory-blob.a
purgatory_libpurgatory_blob_a_SOURCES = purgatory/blob.h
nodist_purgatory_libpurgatory_blob_a_SOURCES = purgatory/purgatory-blob.c
if HAVE_PURGATORY
PURGATORY_RO = purgatory/purgatory.ro
PURGATORY_RO_DEP = purgatory/purgatory.ro
else
# No aarch64 compiler: an empty blob (purgatory_blob_size == 0).
PURGATORY_RO = /dev/null
PURGATORY_RO_DEP =
endif
purgatory/purgatory-blob.c: $(PURGATORY_RO_DEP) $(srcdir)/purgatory/bin2c.sh
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(SHELL) $(srcdir)/purgatory/bin2c.sh $(PURGATORY_RO) > $@.tmp && \
	mv -f $@.tmp $@

CLEANFILES += $(PURGATORY_OBJECTS) purgatory/purgatory.ro \
	purgatory/purgatory-blob.c purgatory/*.tmp
