// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

enum {
	OPT_MEM_MIN = 256,
	OPT_MEM_MAX,
	OPT_REUSEINITRD,
	OPT_LOAD_PRESERVE_CONTEXT,
	OPT_LOAD_JUMP_BACK_HELPER,
	OPT_ENTRY,
	OPT_PRINT_CKR_SIZE,
	OPT_HOTPLUG,
	OPT_NO_CMA,
	OPT_FORCE_DTB,
	/* arm64 (kexec-tools include/arch/options.h) */
	OPT_APPEND,
	OPT_INITRD,
	OPT_DTB,
	OPT_SERIAL,
	OPT_REUSE_CMDLINE,
	/* kexec-sdei */
	OPT_DRY_RUN,
	OPT_JSON,
	OPT_ROOT,
	OPT_SDEI_STATUS,
	OPT_NO_SDEI_RECORD,
	OPT_UNPACK,
	OPT_DUMP_SEGMENTS,
};

/* kexec-tools' short options, "h?vdfixyluet:pscaS". */
static const char short_options[] = "h?vdfixyluet:pscaS";

static const struct option long_options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'v' },
	{ "debug", no_argument, NULL, 'd' },
	{ "force", no_argument, NULL, 'f' },
	{ "no-checks", no_argument, NULL, 'i' },
	{ "no-ifdown", no_argument, NULL, 'x' },
	{ "no-sync", no_argument, NULL, 'y' },
	{ "load", no_argument, NULL, 'l' },
	{ "unload", no_argument, NULL, 'u' },
	{ "exec", no_argument, NULL, 'e' },
	{ "type", required_argument, NULL, 't' },
	{ "load-panic", no_argument, NULL, 'p' },
	{ "kexec-file-syscall", no_argument, NULL, 's' },
	{ "kexec-syscall", no_argument, NULL, 'c' },
	{ "kexec-syscall-auto", no_argument, NULL, 'a' },
	{ "status", no_argument, NULL, 'S' },
	{ "mem-min", required_argument, NULL, OPT_MEM_MIN },
	{ "mem-max", required_argument, NULL, OPT_MEM_MAX },
	{ "reuseinitrd", no_argument, NULL, OPT_REUSEINITRD },
	{ "load-preserve-context", no_argument, NULL, OPT_LOAD_PRESERVE_CONTEXT },
	{ "load-jump-back-helper", no_argument, NULL, OPT_LOAD_JUMP_BACK_HELPER },
	{ "entry", required_argument, NULL, OPT_ENTRY },
	{ "print-ckr-size", no_argument, NULL, OPT_PRINT_CKR_SIZE },
	{ "hotplug", no_argument, NULL, OPT_HOTPLUG },
	{ "no-cma", no_argument, NULL, OPT_NO_CMA },
	{ "force-dtb", no_argument, NULL, OPT_FORCE_DTB },
	{ "append", required_argument, NULL, OPT_APPEND },
	{ "command-line", required_argument, NULL, OPT_APPEND },
	{ "initrd", required_argument, NULL, OPT_INITRD },
	{ "ramdisk", required_argument, NULL, OPT_INITRD },
	{ "dtb", required_argument, NULL, OPT_DTB },
	{ "serial", required_argument, NULL, OPT_SERIAL },
	{ "reuse-cmdline", no_argument, NULL, OPT_REUSE_CMDLINE },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "root", required_argument, NULL, OPT_ROOT },
	{ "sdei-status", no_argument, NULL, OPT_SDEI_STATUS },
	{ "no-sdei-record", no_argument, NULL, OPT_NO_SDEI_RECORD },
	{ "unpack", required_argument, NULL, OPT_UNPACK },
	{ "dump-segments", required_argument, NULL, OPT_DUMP_SEGMENTS },
	{ NULL, 0, NULL, 0 },
};

const char options_usage[] =
	"Usage: kexec [OPTION]... [KERNEL]\n"
	"Load a kernel to boot later with kexec, or a capture kernel to boot on a\n"
	"crash (kdump), on arm64.  Compatible with kexec-tools' kexec.\n"
	"\n"
	"Modes (the last one given wins):\n"
	"  -l, --load              load KERNEL for a later kexec -e\n"
	"  -p, --load-panic        load KERNEL as the capture kernel for a crash\n"
	"  -u, --unload            unload the kexec kernel; with -p, the capture kernel\n"
	"  -e, --exec              boot the loaded kernel now\n"
	"  -f, --force             load KERNEL and boot it at once, without shutdown\n"
	"      (no mode)           load KERNEL, then reboot into it via shutdown -r now\n"
	"  -S, --status            exit 1 if the (capture, or with -l the kexec) kernel\n"
	"                          is loaded, 0 if not; wherever it is given, it\n"
	"                          overrides every mode above\n"
	"\n"
	"System call:\n"
	"  -s, --kexec-file-syscall   use kexec_file_load only\n"
	"  -c, --kexec-syscall        use kexec_load only: the loader places the\n"
	"                             segments and builds the elfcorehdr (with the\n"
	"                             SDEI record), the DTB and the purgatory; it\n"
	"                             also takes an ELF vmlinux\n"
	"  -a, --kexec-syscall-auto   kexec_file_load, falling back to kexec_load when\n"
	"                             the kernel cannot take the file (default; an\n"
	"                             unload only when it lacks kexec_file_load)\n"
	"\n"
	"Loading (arm64):\n"
	"      --command-line=TEXT, --append=TEXT\n"
	"                          set the new kernel's command line (last one wins)\n"
	"      --reuse-cmdline     start from /proc/cmdline, without BOOT_IMAGE and,\n"
	"                          with -p, without crashkernel=\n"
	"      --initrd=FILE, --ramdisk=FILE\n"
	"                          initial ramdisk\n"
	"      --dtb=FILE          device tree to edit instead of /sys/firmware/fdt\n"
	"                          (kexec_load only)\n"
	"      --serial=TTY        purgatory console, a ttyAMA* (PL011) or ttyS*\n"
	"                          (8250) UART (kexec_load only)\n"
	"  -d, --debug             debug output; asks the kernel for it too\n"
	"  -i, --no-checks         skip the purgatory's digest check (kexec_load only)\n"
	"  -x, --no-ifdown         do not take network interfaces down before -e/-f\n"
	"  -y, --no-sync           do not sync file systems before -e/-f\n"
	"      --no-cma            tell the kernel not to use CMA for the image\n"
	"      --print-ckr-size    print the size of the crash kernel reservation\n"
	"  -t, --type=TYPE, --mem-min=ADDR, --mem-max=ADDR, --reuseinitrd, --hotplug\n"
	"                          accepted for kexec-tools compatibility, ignored\n"
	"      --force-dtb         accepted for kexec-tools compatibility: a\n"
	"                          kexec_file_load flag only x86 reads; arm64 always\n"
	"                          passes a device tree\n"
	"      --load-preserve-context, --load-jump-back-helper, --entry=ADDR\n"
	"                          refused: arm64 has no CONFIG_KEXEC_JUMP\n"
	"\n"
	"SDEI (the crash-stop ladder of arm64 kdump):\n"
	"      --sdei-status       say whether the SDEI stop is armed; exit 0 only when\n"
	"                          it is (a kdump readiness check)\n"
	"      --no-sdei-record    do not add the kexec_sdei.record= token to the\n"
	"                          capture kernel's command line\n"
	"\n"
	"Inspection and tests:\n"
	"      --dry-run           print the load plan; do not call the kernel\n"
	"      --json              with --dry-run or --sdei-status: print JSON\n"
	"      --unpack=FILE       write the Image the kernel would get to FILE, exit\n"
	"      --dump-segments=DIR write each kexec_load segment's bytes to\n"
	"                          DIR/<what>.bin (kernel, initrd, dtb, elfcorehdr,\n"
	"                          purgatory), with --dry-run or a real load\n"
	"      --root=DIR          read /proc, /sys, /dev, /boot and absolute file\n"
	"                          names under DIR (a fake machine tree, for tests)\n"
	"  -h, --help              show this help and exit\n"
	"  -v, --version           show the version and exit\n"
	"\n"
	"Exit status: 0 success; 1 usage error or a failed precondition; 255 no\n"
	"kernel named, the kernel refused, or a file could not be used; 253 with -s,\n"
	"a refusal -a would retry with kexec_load.  -S: 1 loaded, 0 not loaded.\n"
	"--sdei-status: 0 armed, 2 not armed, 3 cannot tell.\n"
	"See kexec(8).\n";

static struct ksd_error *usage_error(const char *fmt, const char *arg)
{
	return ksd_error_create(KSD_ERR_INVALID_ARG, fmt, arg);
}

/*
 * The long name of option @opt.  argv[optind - 1] is no help here: for
 * "--entry 0x1000" it is the value, for "--entry=0x1000" both together.
 */
static const char *long_name(int opt)
{
	for (const struct option *o = long_options; o->name; o++)
		if (o->val == opt)
			return o->name;
	return "?";
}

/* kexec-tools' mode bookkeeping, option by option (kexec/kexec.c main()). */
static void set_mode(struct kexec_opts *o, int opt)
{
	switch (opt) {
	case 'f':
		o->do_load = true;
		o->do_shutdown = false;
		o->do_exec = true;
		break;
	case 'l':
		o->status_kexec = true;
		o->do_load = true;
		o->do_exec = false;
		o->do_shutdown = false;
		break;
	case 'p':
		o->status_kexec = false;
		o->do_load = true;
		o->do_exec = false;
		o->do_shutdown = false;
		o->crash = true;
		break;
	case 'u':
		o->do_load = false;
		o->do_shutdown = false;
		o->do_unload = true;
		break;
	case 'e':
		o->do_load = false;
		o->do_shutdown = false;
		o->do_exec = true;
		break;
	}
}

static struct ksd_error *parse_one(struct kexec_opts *o, int opt,
				   const char *arg, const char *badopt)
{
	switch (opt) {
	case 'h': o->help = true; break;
	case 'v': o->version = true; break;
	case 'd': o->debug = true; break;
	case 'f': case 'l': case 'p': case 'u': case 'e':
		set_mode(o, opt);
		break;
	case 'S': o->do_status = true; break;
	case 'x': o->skip_ifdown = true; break;
	case 'y': o->skip_sync = true; break;
	case 'i': o->legacy |= LEGACY_NO_CHECKS; break;
	case 't': o->legacy |= LEGACY_TYPE; o->type = arg; break;
	case 's': o->syscall = SYSCALL_FILE; break;
	case 'c': o->syscall = SYSCALL_LOAD; break;
	case 'a': o->syscall = SYSCALL_AUTO; break;
	case OPT_MEM_MIN: o->legacy |= LEGACY_MEM_MIN; break;
	case OPT_MEM_MAX: o->legacy |= LEGACY_MEM_MAX; break;
	case OPT_REUSEINITRD: o->legacy |= LEGACY_REUSEINITRD; break;
	case OPT_HOTPLUG: o->legacy |= LEGACY_HOTPLUG; break;
	case OPT_FORCE_DTB: o->legacy |= LEGACY_FORCE_DTB; break;
	case OPT_LOAD_PRESERVE_CONTEXT:
	case OPT_LOAD_JUMP_BACK_HELPER:
	case OPT_ENTRY:
		/* KEXEC_PRESERVE_CONTEXT needs CONFIG_KEXEC_JUMP: x86 only. */
		return usage_error("--%s is not supported on arm64", long_name(opt));
	case OPT_PRINT_CKR_SIZE: o->print_ckr_size = true; break;
	case OPT_NO_CMA: o->no_cma = true; break;
	case OPT_APPEND: o->command_line = arg; break;
	case OPT_INITRD: o->initrd = arg; break;
	case OPT_DTB: o->legacy |= LEGACY_DTB; o->dtb = arg; break;
	case OPT_SERIAL: o->legacy |= LEGACY_SERIAL; o->serial = arg; break;
	case OPT_REUSE_CMDLINE: o->reuse_cmdline = true; break;
	case OPT_DRY_RUN: o->dry_run = true; break;
	case OPT_JSON: o->json = true; break;
	case OPT_ROOT: o->root = arg; break;
	case OPT_SDEI_STATUS: o->sdei_status = true; break;
	case OPT_NO_SDEI_RECORD: o->no_sdei_record = true; break;
	case OPT_UNPACK: o->unpack = arg; break;
	case OPT_DUMP_SEGMENTS: o->dump_segments = arg; break;
	default:
		return usage_error("unrecognized option '%s'", badopt);
	}
	return NULL;
}

struct ksd_error *options_parse(int argc, char **argv, struct kexec_opts *o)
{
	struct ksd_error *err;
	int opt;

	*o = (struct kexec_opts){
		.do_load = true, .do_shutdown = true, .syscall = SYSCALL_AUTO,
	};
	opterr = 0;
	optind = 1;
	while ((opt = getopt_long(argc, argv, short_options, long_options,
				  NULL)) != -1) {
		const char *bad = argv[optind - 1];

		if (opt == '?') {
			/* kexec-tools takes "-?" as --help. */
			if (strcmp(bad, "-?") == 0) {
				o->help = true;
				continue;
			}
			if (optopt >= 256 || optopt == 't')
				return usage_error("option '%s' requires an argument", bad);
			if (optopt)
				return ksd_error_create(KSD_ERR_INVALID_ARG,
							"invalid option -- '%c'", optopt);
			return usage_error("unrecognized option '%s'", bad);
		}
		err = parse_one(o, opt, optarg, bad);
		if (err)
			return err;
	}
	if (optind < argc) {
		o->kernel = argv[optind];
		o->extra_args = argc - optind - 1;
	}
	if (o->do_status) {
		/* kexec-tools: -S turns every other action off. */
		o->do_load = o->do_unload = o->do_exec = o->do_shutdown = false;
	}
	return NULL;
}
