// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vmcore-sdei: which CPU was wedged when the kernel crashed, and how each
 * CPU was stopped, from an arm64 crash dump.
 *
 * The only file that prints diagnostics or exits.  Exit status (design.md):
 *   0  analysed, nothing wedged
 *   3  analysed, at least one CPU wedged
 *   2  the input cannot be read or is not a dump
 *   1  usage error
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "kernel/printk.h"
#include "report.h"

enum {
	EXIT_CLEAN = 0,
	EXIT_USAGE = 1,
	EXIT_UNREADABLE = 2,
	EXIT_WEDGED = 3,
};

/* The longest kernel command line read (arm64 COMMAND_LINE_SIZE is 2048). */
#define MAX_CMDLINE (64u << 10)

enum { OPT_CMDLINE = 256, OPT_READ_PHYS, OPT_SYSTEM_MAP, OPT_VMLINUX, OPT_LOG };

static const struct option long_options[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "cpu", required_argument, NULL, 'c' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "cmdline", required_argument, NULL, OPT_CMDLINE },
	{ "read-phys", required_argument, NULL, OPT_READ_PHYS },
	{ "backtrace", no_argument, NULL, 'b' },
	{ "system-map", required_argument, NULL, OPT_SYSTEM_MAP },
	{ "vmlinux", required_argument, NULL, OPT_VMLINUX },
	{ "log", optional_argument, NULL, OPT_LOG },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static void usage(FILE *out)
{
	fputs("Usage: vmcore-sdei [OPTION]... DUMP [PART]...\n"
	      "Report how each CPU of an arm64 kernel was stopped when it crashed,\n"
	      "and flag the CPUs that were wedged with interrupts masked.\n"
	      "\n"
	      "DUMP is a crash dump in any format, recognised by its content: an ELF dump\n"
	      "(a copy of /proc/vmcore, makedumpfile -E), a kdump-compressed one (makedumpfile\n"
	      "-c/-l/-p/-z or none), either of them flattened (makedumpfile -F), or '-' to\n"
	      "read it from standard input.  Give every file of a makedumpfile --split set\n"
	      "to read them as one dump.\n"
	      "\n"
	      "  -j, --json          print the report as JSON (schema version 1)\n"
	      "  -c, --cpu N         report on CPU N only; the exit status then concerns N\n"
	      "  -v, --verbose       show the evidence and registers of every CPU\n"
	      "  -q, --quiet         print nothing; only the exit status tells\n"
	      "  -b, --backtrace     unwind every CPU's stack, not only the wedged ones'\n"
	      "      --system-map FILE  symbols from FILE (a System.map) instead of the\n"
	      "                      kallsyms in the dump (kernels before 6.0, or no\n"
	      "                      CONFIG_KALLSYMS_ALL); KASLR is applied\n"
	      "      --vmlinux FILE  symbols from FILE's .symtab, likewise\n"
	      "      --log[=level,caller]  print the dumped kernel's log as vmcore-dmesg\n"
	      "                      does (optionally with <level> and [T<pid>]/[C<cpu>])\n"
	      "                      instead of the report\n"
	      "      --cmdline FILE  look for a kexec_sdei.record= token in FILE, a kernel\n"
	      "                      command line (default: /proc/cmdline when DUMP is\n"
	      "                      /proc/vmcore, i.e. inside the capture kernel)\n"
	      "      --read-phys ADDR:LEN\n"
	      "                      print LEN bytes of the dump's physical memory at ADDR\n"
	      "                      in hex instead of a report\n"
	      "  -h, --help          show this help and exit\n"
	      "  -V, --version       show the version and exit\n"
	      "\n"
	      "A pipe on standard input is spooled to a temporary file in $TMPDIR\n"
	      "(default /var/tmp).\n"
	      "\n"
	      "Exit status: 0 nothing wedged, 3 wedged CPUs flagged, 2 the input cannot\n"
	      "be read or is not a dump, 1 usage error.\n"
	      "See vmcore-sdei(8) and kexec-sdei-record(5).\n", out);
}

struct cli {
	bool json, quiet, backtrace, log;
	unsigned int log_flags;
	const char *system_map, *vmlinux;
	struct report_opts report;
	const char *cmdline_path;
	const char *const *dump_paths;
	size_t ndumps;
	bool read_phys;
	uint64_t phys_addr, phys_len;
};

static int parse_cpu(const char *s, int *ret)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0 || v > INT_MAX)
		return -1;
	*ret = (int)v;
	return 0;
}

static int fail(struct ksd_error *err);

/* "level", "caller", "level,caller" (either order), or none. */
static int parse_log_flags(const char *arg, unsigned int *flags)
{
	const char *p = arg;

	*flags = 0;
	while (p && *p) {
		size_t n = strcspn(p, ",");

		if (n == 5 && strncmp(p, "level", 5) == 0)
			*flags |= KSD_PRINTK_FMT_LEVEL;
		else if (n == 6 && strncmp(p, "caller", 6) == 0)
			*flags |= KSD_PRINTK_FMT_CALLER;
		else
			return -1;
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}

static int print_log(const struct analysis *a, unsigned int flags)
{
	struct ksd_error *err;
	size_t len;
	char *text;

	if (!a->has_log) {
		fprintf(stderr, "vmcore-sdei: '%s': no kernel log: %s\n", a->path,
			a->log_problem ? a->log_problem :
			a->kernel_problem ? a->kernel_problem : "no address translation");
		return EXIT_UNREADABLE;
	}
	err = ksd_printk_format_all(a->log, flags, &text, &len);
	if (err)
		return fail(err);
	if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
		fprintf(stderr, "vmcore-sdei: writing the log failed: %s\n", strerror(errno));
		free(text);
		return EXIT_UNREADABLE;
	}
	free(text);
	return EXIT_CLEAN;
}

/* ADDR:LEN, each in C notation (0x... for hex). */
static int parse_range(const char *s, uint64_t *addr, uint64_t *len)
{
	char *end;

	errno = 0;
	*addr = strtoull(s, &end, 0);
	if (errno || end == s || *end != ':' || *s == '-')
		return -1;
	s = end + 1;
	*len = strtoull(s, &end, 0);
	if (errno || end == s || *end || *s == '-' || *len == 0 ||
	    *addr + *len - 1 < *addr)
		return -1;
	return 0;
}

static int parse_args(int argc, char **argv, struct cli *cli)
{
	int opt;

	cli->report.only_cpu = -1;
	while ((opt = getopt_long(argc, argv, "jc:qvbhV", long_options, NULL)) != -1) {
		switch (opt) {
		case 'j':
			cli->json = true;
			break;
		case 'c':
			if (parse_cpu(optarg, &cli->report.only_cpu) < 0) {
				fprintf(stderr, "vmcore-sdei: --cpu takes a CPU number, not '%s'\n",
					optarg);
				return EXIT_USAGE;
			}
			break;
		case 'q':
			cli->quiet = true;
			break;
		case 'v':
			cli->report.verbose = true;
			break;
		case OPT_CMDLINE:
			cli->cmdline_path = optarg;
			break;
		case OPT_READ_PHYS:
			if (parse_range(optarg, &cli->phys_addr, &cli->phys_len) < 0) {
				fprintf(stderr, "vmcore-sdei: --read-phys takes ADDR:LEN (e.g. 0x40000000:256), not '%s'\n",
					optarg);
				return EXIT_USAGE;
			}
			cli->read_phys = true;
			break;
		case 'b':
			cli->backtrace = true;
			break;
		case OPT_SYSTEM_MAP:
			cli->system_map = optarg;
			break;
		case OPT_VMLINUX:
			cli->vmlinux = optarg;
			break;
		case OPT_LOG:
			cli->log = true;
			if (parse_log_flags(optarg, &cli->log_flags) < 0) {
				fprintf(stderr, "vmcore-sdei: --log takes 'level', 'caller' or both, not '%s'\n",
					optarg);
				return EXIT_USAGE;
			}
			break;
		case 'h':
			usage(stdout);
			exit(EXIT_CLEAN);
		case 'V':
			printf("vmcore-sdei (%s) %s\n", PACKAGE_NAME, PACKAGE_VERSION);
			exit(EXIT_CLEAN);
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (argc == optind) {
		fprintf(stderr, "vmcore-sdei: no dump given\n");
		usage(stderr);
		return EXIT_USAGE;
	}
	if (cli->system_map && cli->vmlinux) {
		fprintf(stderr, "vmcore-sdei: --system-map and --vmlinux exclude each other\n");
		return EXIT_USAGE;
	}
	cli->dump_paths = (const char *const *)argv + optind;
	cli->ndumps = (size_t)(argc - optind);
	for (size_t i = 0; cli->ndumps > 1 && i < cli->ndumps; i++)
		if (strcmp(cli->dump_paths[i], "-") == 0) {
			fprintf(stderr, "vmcore-sdei: '-' (standard input) must be the only dump\n");
			return EXIT_USAGE;
		}
	if (!cli->cmdline_path && cli->ndumps == 1 &&
	    strcmp(cli->dump_paths[0], "/proc/vmcore") == 0)
		cli->cmdline_path = "/proc/cmdline";
	return EXIT_CLEAN;
}

/* Read a command line file, bounded; NUL-terminated. */
static char *read_cmdline(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	size_t n;

	if (!f) {
		fprintf(stderr, "vmcore-sdei: cannot open '%s': %s\n", path,
			strerror(errno));
		return NULL;
	}
	buf = malloc(MAX_CMDLINE + 1);
	if (!buf) {
		fclose(f);
		fprintf(stderr, "vmcore-sdei: out of memory\n");
		return NULL;
	}
	n = fread(buf, 1, MAX_CMDLINE, f);
	if (ferror(f)) {
		fprintf(stderr, "vmcore-sdei: cannot read '%s': %s\n", path,
			strerror(errno));
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	return buf;
}

static bool cpu_exists(const struct analysis *a, int cpu)
{
	for (size_t i = 0; i < a->ncpus; i++)
		if (a->cpus[i].cpu == (unsigned int)cpu)
			return true;
	return false;
}

static int exit_status(const struct analysis *a, const struct report_opts *o)
{
	if (o->only_cpu < 0)
		return a->nwedged || a->wedged_at_least ? EXIT_WEDGED : EXIT_CLEAN;
	for (size_t i = 0; i < a->ncpus; i++)
		if (a->cpus[i].cpu == (unsigned int)o->only_cpu)
			return a->cpus[i].wedged ? EXIT_WEDGED : EXIT_CLEAN;
	return EXIT_CLEAN;
}

/*
 * --read-phys: a hex dump, 16 bytes a line, read a line at a time so a
 * range of any length takes no memory.  Lines holding bytes the dump
 * excluded (they read as zero) are folded into one line saying so, not
 * printed as rows of zeros that would pass for saved memory.
 */
static void print_row(uint64_t addr, const uint8_t *b, size_t m)
{
	printf("%016llx ", (unsigned long long)addr);
	for (size_t j = 0; j < 16; j++) {
		if (j == 8)
			putchar(' ');
		if (j < m)
			printf(" %02x", b[j]);
		else
			fputs("   ", stdout);
	}
	fputs("  |", stdout);
	for (size_t j = 0; j < m; j++)
		putchar(b[j] >= 0x20 && b[j] < 0x7f ? b[j] : '.');
	puts("|");
}

static void print_excluded(uint64_t addr, uint64_t n)
{
	if (n)
		printf("%016llx  (%llu bytes excluded from the dump; they read as zero)\n",
		       (unsigned long long)addr, (unsigned long long)n);
}

static int read_phys(struct ksd_dump *dump, uint64_t addr, uint64_t len)
{
	uint64_t excl_start = 0, excl_len = 0;
	uint8_t row[16];

	while (len) {
		size_t m = len < 16 ? (size_t)len : 16;
		unsigned int flags = 0;
		struct ksd_error *err;

		err = ksd_dump_read_phys(dump, addr, row, m, &flags);
		if (err) {
			print_excluded(excl_start, excl_len);
			fflush(stdout);
			fprintf(stderr, "vmcore-sdei: '%s': %s\n", ksd_dump_path(dump),
				err->message);
			ksd_error_destroy(err);
			return EXIT_UNREADABLE;
		}
		if (flags & KSD_READ_EXCLUDED) {
			if (!excl_len)
				excl_start = addr;
			excl_len += m;
		} else {
			print_excluded(excl_start, excl_len);
			excl_len = 0;
			print_row(addr, row, m);
		}
		addr += m;
		len -= m;
	}
	print_excluded(excl_start, excl_len);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "vmcore-sdei: writing the output failed: %s\n",
			strerror(errno));
		return EXIT_UNREADABLE;
	}
	return EXIT_CLEAN;
}

static int fail(struct ksd_error *err)
{
	fprintf(stderr, "vmcore-sdei: %s\n", err->message);
	ksd_error_destroy(err);
	return EXIT_UNREADABLE;
}

int main(int argc, char **argv)
{
	struct ksd_dump_open_opts dopts = { 0 };
	struct analysis_opts aopts = { 0 };
	struct analysis *a = NULL;
	struct ksd_dump *dump = NULL;
	struct cli cli = { 0 };
	struct ksd_error *err;
	char *cmdline = NULL;
	int status, rc;

	status = parse_args(argc, argv, &cli);
	if (status != EXIT_CLEAN)
		return status;
	aopts.system_map = cli.system_map;
	aopts.vmlinux = cli.vmlinux;
	aopts.backtrace_all = cli.backtrace;
	if (cli.cmdline_path && !cli.read_phys) {
		cmdline = read_cmdline(cli.cmdline_path);
		if (!cmdline)
			return EXIT_UNREADABLE;
		aopts.cmdline = cmdline;
		aopts.cmdline_name = cli.cmdline_path;
	}
	dopts.tmpdir = getenv("TMPDIR");
	if (dopts.tmpdir && !*dopts.tmpdir)
		dopts.tmpdir = NULL;
	err = ksd_dump_open_paths(cli.dump_paths, cli.ndumps, &dopts, &dump);
	if (!err && cli.read_phys) {
		status = read_phys(dump, cli.phys_addr, cli.phys_len);
		ksd_dump_destroy(dump);
		return status;
	}
	if (!err)
		err = analysis_run(dump, &aopts, &a);
	if (err) {
		ksd_dump_destroy(dump);
		free(cmdline);
		return fail(err);
	}
	if (cli.log) {
		status = print_log(a, cli.log_flags);
		goto out;
	}
	if (cli.report.only_cpu >= 0 && !cpu_exists(a, cli.report.only_cpu)) {
		fprintf(stderr, "vmcore-sdei: CPU %d is not in '%s' (it has %zu CPU%s)\n",
			cli.report.only_cpu, ksd_dump_path(dump), a->ncpus,
			a->ncpus == 1 ? "" : "s");
		status = EXIT_USAGE;
		goto out;
	}
	status = exit_status(a, &cli.report);
	if (!cli.quiet) {
		int flushed, saved;

		errno = 0;
		rc = cli.json ? report_json(stdout, a, &cli.report)
			      : report_text(stdout, a, &cli.report);
		flushed = fflush(stdout);
		saved = errno;
		if (rc < 0 || flushed != 0) {
			fprintf(stderr, "vmcore-sdei: writing the report failed: %s\n",
				strerror(saved ? saved : EIO));
			status = EXIT_UNREADABLE;
		}
	}
out:
	analysis_destroy(a);
	ksd_dump_destroy(dump);
	free(cmdline);
	return status;
}
