# SPDX-License-Identifier: GPL-2.0-or-later
# Purgatory tests (docs/purgatory.md, "Tests").  purg-tool is the host
# side; with an aarch64 GCC, make check also builds the bare-metal
# programs that tests/integration/t65xx-*.sh run under qemu-system-aarch64:
#   purgatory-test.elf   purgatory.ro linked at 0x48000000 (test only)
#   boot-stub.elf        0x41000000: sets up the CPU, jumps to the purgatory
#   fake-kernel.elf      0x42000000: reports x0-x3 and the CPU state
#   sha256-selftest.elf  0x40200000: both SHA-256 paths, TAP on the UART

check_PROGRAMS += tests/purgatory/purg-tool
tests_purgatory_purg_tool_SOURCES = tests/purgatory/purg-tool.c
tests_purgatory_purg_tool_CFLAGS = $(AM_CFLAGS) $(LIBELF_CFLAGS) -I$(top_srcdir)/kexec
tests_purgatory_purg_tool_LDADD = $(LOADER_LIBS)

BM_HDRS = tests/purgatory/bm.h
EXTRA_DIST += $(BM_HDRS) tests/purgatory/bm.c tests/purgatory/bm-vectors.S \
	tests/purgatory/bm-start.S tests/purgatory/boot-stub-entry.S \
	tests/purgatory/boot-stub.c tests/purgatory/fake-kernel-entry.S \
	tests/purgatory/fake-kernel.c tests/purgatory/sha256-selftest.c \
	tests/purgatory/purgatory-test.lds tests/purgatory/relocs.S

BM_OBJECTS = tests/purgatory/bm.pgo tests/purgatory/bm-vectors.pgo \
	purgatory/console.pgo purgatory/mmio.pgo purgatory/string.pgo
BM_SHA256_OBJECTS = purgatory/sha256-arm64.pgo purgatory/sha256-ce.pgo \
	purgatory/cpufeature.pgo lib/util/sha256.pgo
# One segment that starts at -Ttext, so the file's first byte is the
# program's first instruction and purg-tool flat gives its memory image.
BM_LINK = $(PURGATORY_CC) -nostdlib -static -no-pie -Wl,--build-id=none \
	-Wl,-N -Wl,--no-warn-rwx-segments

STUB_OBJECTS = tests/purgatory/boot-stub-entry.pgo tests/purgatory/boot-stub.pgo
FAKE_KERNEL_OBJECTS = tests/purgatory/fake-kernel-entry.pgo \
	tests/purgatory/fake-kernel.pgo
SELFTEST_OBJECTS = tests/purgatory/bm-start.pgo \
	tests/purgatory/sha256-selftest.pgo
$(STUB_OBJECTS) $(FAKE_KERNEL_OBJECTS) $(SELFTEST_OBJECTS) $(BM_OBJECTS): \
	$(BM_HDRS) $(PURGATORY_HDRS)

if HAVE_PURGATORY
check_DATA += tests/purgatory/purgatory-test.elf tests/purgatory/boot-stub.elf \
	tests/purgatory/fake-kernel.elf tests/purgatory/sha256-selftest.elf
endif

tests/purgatory/purgatory-test.elf: purgatory/purgatory.ro \
		$(srcdir)/tests/purgatory/purgatory-test.lds
	$(AM_V_GEN)$(BM_LINK) -Wl,-T,$(srcdir)/tests/purgatory/purgatory-test.lds \
		-o $@ purgatory/purgatory.ro
tests/purgatory/boot-stub.elf: $(STUB_OBJECTS) $(BM_OBJECTS)
	$(AM_V_GEN)$(BM_LINK) -Wl,-Ttext=0x41000000 -o $@ $(STUB_OBJECTS) $(BM_OBJECTS)
tests/purgatory/fake-kernel.elf: $(FAKE_KERNEL_OBJECTS) $(BM_OBJECTS)
	$(AM_V_GEN)$(BM_LINK) -Wl,-Ttext=0x42000000 -o $@ \
		$(FAKE_KERNEL_OBJECTS) $(BM_OBJECTS)
tests/purgatory/sha256-selftest.elf: $(SELFTEST_OBJECTS) $(BM_OBJECTS) \
		$(BM_SHA256_OBJECTS)
	$(AM_V_GEN)$(BM_LINK) -Wl,-Ttext=0x40200000 -o $@ \
		$(SELFTEST_OBJECTS) $(BM_OBJECTS) $(BM_SHA256_OBJECTS)

CLEANFILES += $(BM_OBJECTS) $(STUB_OBJECTS) $(FAKE_KERNEL_OBJECTS) \
	$(SELFTEST_OBJECTS) tests/purgatory/*.elf
