/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The command line of kexec, compatible with kexec-tools on arm64
 * (kexec-arm64.md sections 1.2 and 1.9): the same options, the same mode
 * logic (the last of -l/-p/-u/-e/-f decides, "-p -u" unloads the crash
 * kernel, -S overrides everything), plus kexec-sdei's own options.
 * Parsing only records what was asked; deciding what it means for the
 * chosen system call (and warning when an option has no effect) is
 * plan.c's job.
 */
#ifndef KSD_KEXEC_OPTIONS_H
#define KSD_KEXEC_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "util/error.h"

enum syscall_choice {
	SYSCALL_AUTO,		/* -a, the default: file first, then kexec_load */
	SYSCALL_FILE,		/* -s */
	SYSCALL_LOAD,		/* -c */
};

/* Options kexec-tools accepts that matter only to kexec_load. */
enum legacy_opt {
	LEGACY_TYPE = 1u << 0,		/* -t */
	LEGACY_MEM_MIN = 1u << 1,
	LEGACY_MEM_MAX = 1u << 2,
	LEGACY_NO_CHECKS = 1u << 3,	/* -i */
	LEGACY_REUSEINITRD = 1u << 4,
	LEGACY_HOTPLUG = 1u << 5,
	LEGACY_FORCE_DTB = 1u << 6,
	LEGACY_DTB = 1u << 7,
	LEGACY_SERIAL = 1u << 8,
};

struct kexec_opts {
	/* kexec-tools' mode state, updated option by option as it does */
	bool do_load, do_unload, do_exec, do_shutdown, do_status;
	bool crash;			/* -p */
	bool status_kexec;		/* -S asks about -l's kernel, not -p's */
	bool skip_sync, skip_ifdown;	/* -y, -x */
	bool debug;			/* -d */
	bool no_cma;			/* --no-cma */
	bool print_ckr_size;
	enum syscall_choice syscall;
	unsigned int legacy;		/* enum legacy_opt bits seen */

	const char *command_line;	/* --command-line / --append, last wins */
	bool reuse_cmdline;
	const char *initrd;		/* --initrd / --ramdisk */
	const char *dtb, *serial, *type;
	const char *kernel;		/* first non-option argument */
	int extra_args;			/* further non-option arguments */

	/* kexec-sdei */
	bool dry_run, json, sdei_status, no_sdei_record;
	const char *root;
	const char *unpack;		/* --unpack FILE */
	const char *dump_segments;	/* --dump-segments DIR */

	bool help, version;
};

/* Parse @argv into @opts.  Usage errors are KSD_ERR_INVALID_ARG. */
struct ksd_error *options_parse(int argc, char **argv, struct kexec_opts *opts);

/* The --help text. */
extern const char options_usage[];

#endif /* KSD_KEXEC_OPTIONS_H */
