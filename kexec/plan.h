/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The load plan: everything the loader will hand the kernel, decided
 * before any system call, so --dry-run can print it and a real run does
 * exactly what was printed.
 *
 * kexec_file_load takes a kernel fd, an initrd fd (or the no-initramfs
 * flag), a command line and flags; the kernel itself places the segments
 * and builds the DTB and elfcorehdr.  kexec_load (a later addition) will
 * fill @segments instead; the plan already has room for them.
 */
#ifndef KSD_KEXEC_PLAN_H
#define KSD_KEXEC_PLAN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "image.h"
#include "options.h"
#include "sdei-detect.h"
#include "sysroot.h"

/* kexec_file_load() flags (include/uapi/linux/kexec.h). */
enum {
	KEXEC_FILE_UNLOAD = 0x1,
	KEXEC_FILE_ON_CRASH = 0x2,
	KEXEC_FILE_NO_INITRAMFS = 0x4,
	KEXEC_FILE_DEBUG = 0x8,
	KEXEC_FILE_NO_CMA = 0x10,
};

/* kexec_load() flags. */
enum {
	KEXEC_ON_CRASH = 0x1,
	KEXEC_ARCH_ARM64 = 183 << 16,
};

enum plan_action {
	PLAN_LOAD,
	PLAN_UNLOAD,
};

enum plan_syscall {
	PLAN_FILE_LOAD,		/* kexec_file_load */
	PLAN_KEXEC_LOAD,	/* kexec_load */
};

struct plan_segment {
	char *what;
	uint64_t mem, memsz, bufsz;
};

struct crash_range {
	uint64_t start, end;	/* inclusive, as /proc/iomem */
};

enum plan_after {
	AFTER_NOTHING,
	AFTER_EXEC,		/* -f: boot it at once */
	AFTER_SHUTDOWN,		/* no mode option: shutdown -r now */
};

struct plan {
	enum plan_action action;
	enum plan_after after;
	bool crash;
	enum plan_syscall syscall;
	bool fallback;		/* -a: kexec_load if the kernel refuses the file */
	unsigned long flags;	/* for @syscall */
	unsigned long fallback_flags;	/* kexec_load's, for unload */

	bool have_kernel;
	struct kernel_image kernel;
	char *initrd_path;
	int initrd_fd;
	uint64_t initrd_size;

	char *cmdline;		/* NULL: no command line at all */
	size_t cmdline_len;	/* with its NUL, as the syscall gets it */

	struct crash_range *crash_ranges;
	unsigned int ncrash;
	uint64_t crash_size;
	bool crash_hidden;	/* /proc/iomem addresses read as zero */

	bool have_sdei;
	struct sdei_status sdei;
	char *token;		/* the record token, when added */

	struct plan_segment *segments;
	unsigned int nsegments;

	char **warnings;
	unsigned int nwarnings;
};

/* The exact kexec-tools message when -p finds no reservation. */
#define NO_CRASHKERNEL_MESSAGE \
	"Memory for crashkernel is not reserved\n" \
	"Please reserve memory by passing\"crashkernel=Y@X\" parameter to kernel\n" \
	"Then try to loading kdump kernel"

/*
 * Build the plan for @opts (a load or an unload).  Errors say why the
 * load cannot be done; warnings in the plan say what will be done
 * differently from what was asked or may not work.
 */
struct ksd_error *plan_build(const struct sysroot *sr,
			     const struct kexec_opts *opts, const char *loader,
			     int64_t now, struct plan *ret);
void plan_deinit(struct plan *p);

/* The crash kernel ranges of /proc/iomem (for -p and --print-ckr-size). */
struct ksd_error *plan_crash_ranges(const struct sysroot *sr,
				    struct crash_range **ret, unsigned int *n,
				    bool *hidden);

/* Names of the set flags, e.g. "KEXEC_FILE_ON_CRASH|KEXEC_FILE_NO_INITRAMFS". */
void plan_flag_names(const struct plan *p, char *buf, size_t len);
const char *plan_syscall_name(enum plan_syscall s);

/* Print the plan, for people or as JSON (docs/kexec-json.md). */
int plan_print_text(FILE *out, const struct plan *p);
int plan_print_json(FILE *out, const struct plan *p, const char *tool);

#endif /* KSD_KEXEC_PLAN_H */
