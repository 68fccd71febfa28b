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

#include "fdt-edit.h"
#include "image.h"
#include "memmap.h"
#include "options.h"
#include "purgatory-link.h"
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

/* One kexec_load segment: @bufsz bytes of @buf at @mem, zeroes to @memsz. */
struct plan_segment {
	const char *what;	/* "kernel", "initrd", "dtb", "elfcorehdr", "purgatory" */
	uint64_t mem, memsz, bufsz;
	const uint8_t *buf;
	uint8_t sha256[32];	/* of buf and the zeroes up to memsz */
};

/* What kexec_load needs beyond kexec_file_load's plan (plan-load.c). */
struct plan_load {
	struct memmap mm;
	struct cpu_map *cpus;		/* the SDEI detection's, not owned */
	uint64_t kernel_base;		/* 2 MiB aligned; the Image at +text_offset */
	uint64_t text_offset, image_size;	/* as used, after any default */
	uint64_t entry;			/* the purgatory's entry */
	uint64_t kernel_entry;

	uint8_t *kernel_buf, *initrd_buf;	/* the files' bytes, read once */

	uint8_t *elfcorehdr;
	size_t elfcorehdr_len;
	size_t record_offset;		/* of the record note in the elfcorehdr */
	char *record_text;		/* the record, or NULL */

	const char *dtb_source;		/* the file the DTB came from */
	struct dtb_edit_result dtb;
	bool have_dtb;

	struct purgatory_image purgatory;
	bool have_purgatory;
	struct ksd_purgatory_console console;
	bool skip_checks;
};

/* What plan_build() takes from the caller besides the options. */
struct plan_inputs {
	const char *loader;		/* LOADER= of the record */
	int64_t now;			/* LOADED= */
	uint8_t kaslr_seed[8];		/* fresh /chosen/kaslr-seed */
	uint8_t rng_seed[64];		/* fresh /chosen/rng-seed */
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

	/*
	 * kexec_load: the segments, in address order.  With -a they are
	 * prepared by plan_prepare_load() when the kernel refuses the file
	 * (or for --dry-run, where a failure becomes @load_error).
	 */
	struct plan_load *load;
	struct plan_segment *segments;
	unsigned int nsegments;
	char *load_error;

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
			     const struct kexec_opts *opts,
			     const struct plan_inputs *in, struct plan *ret);
void plan_deinit(struct plan *p);

/*
 * Prepare @p's kexec_load segments (plan-load.c): memory discovery,
 * placement, elfcorehdr with the SDEI record, DTB, purgatory.  On error
 * nothing is left half-made in @p.
 */
struct ksd_error *plan_prepare_load(const struct sysroot *sr,
				    const struct kexec_opts *opts,
				    const struct plan_inputs *in, struct plan *p);
void plan_load_destroy(struct plan *p);

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
