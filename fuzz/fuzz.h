/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The fuzz harnesses (docs/robustness.md).  Each fuzz-*.c defines one
 * entry point with FUZZ_TARGET(name): a function that takes an input held
 * in memory, feeds it to one parser of kexec-sdei and returns 0.  A
 * harness never touches the file system and never fails on bad input:
 * rejecting it with an error is the parser's job, and a crash, a hang, a
 * leak or an unbounded allocation is the bug the fuzzer looks for.
 *
 * Built with --enable-fuzzing (clang, libFuzzer), FUZZ_LIBFUZZER is
 * defined and the entry point becomes LLVMFuzzerTestOneInput, one program
 * per harness.  In every other build the harnesses link into
 * fuzz/replay, which feeds them the saved inputs of fuzz/regressions
 * under make check, so a plain gcc build keeps every input the fuzzer
 * ever found from coming back.
 */
#ifndef KSD_FUZZ_FUZZ_H
#define KSD_FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

#ifdef FUZZ_LIBFUZZER
#define FUZZ_ENTRY(name)						\
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);	\
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)	\
	{								\
		return fuzz_##name(data, size);				\
	}
#else
#define FUZZ_ENTRY(name)
#endif

#define FUZZ_TARGET(name)						\
	int fuzz_##name(const uint8_t *data, size_t size);		\
	FUZZ_ENTRY(name)						\
	int fuzz_##name(const uint8_t *data, size_t size)

/*
 * Every harness, for fuzz/replay and the smoke run.  Keep in step with
 * FUZZ_HARNESSES in fuzz/local.mk.
 */
#define FUZZ_TARGETS(X) \
	X(dump_elf) X(dump_kdump) X(dump_flat) X(dump_split) \
	X(kdump_page) X(notes) X(vmcoreinfo) X(record) \
	X(printk) X(kallsyms) X(xlat) X(unwind) X(whole) \
	X(image) X(iomem) X(cpus) X(kmsg) X(acpi) X(dt) X(fdt_edit) \
	X(cmdline) X(sdei_detect)

/*
 * An error is the expected outcome of most inputs: look at it the way a
 * caller would (its message is built and read), then free it.
 */
static inline void fuzz_drop(struct ksd_error *err)
{
	/*
	 * Every error must say something, and none may be our own bug.  Nor
	 * may an input make an allocation fail: under libFuzzer an allocation
	 * past -rss_limit_mb is a finding before malloc() returns, and
	 * fuzz/replay bounds its address space the same way, so an unbounded
	 * allocation the library then reports as out of memory is one too.
	 */
	if (err && (!err->message || !err->message[0] ||
		    err->code == KSD_ERR_INTERNAL ||
		    err->code == KSD_ERR_NOMEM))
		__builtin_trap();
	ksd_error_destroy(err);
}

#endif /* KSD_FUZZ_FUZZ_H */
