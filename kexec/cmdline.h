/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Kernel command lines: the one the new kernel gets, and questions about
 * the running one.
 *
 * Parameters are split as the kernel's next_arg() does (lib/util/cmdline.h).
 * Edits keep everything else byte for byte, including the trailing spaces
 * kdumpctl leaves.
 */
#ifndef KSD_KEXEC_CMDLINE_H
#define KSD_KEXEC_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>

#include "sysroot.h"
#include "util/cmdline.h"	/* ksd_cmdline_get() and the splitting */

/*
 * arm64 COMMAND_LINE_SIZE (arch/arm64/include/uapi/asm/setup.h) is 2048
 * bytes including the NUL; kexec_file_load() refuses a longer line.
 */
#define ARM64_COMMAND_LINE_SIZE 2048

/* Remove every "name" and "name=..." parameter from @line, in place. */
void cmdline_remove(char *line, const char *name);

/*
 * kstrtobool() on a parameter value: 1/y/Y/on -> 1, 0/n/N/off -> 0,
 * anything else -> -1.
 */
int cmdline_bool(const char *val, size_t vlen);

/* Read /proc/cmdline through @sr, without its newline. */
struct ksd_error *cmdline_read_proc(const struct sysroot *sr, char **ret);

/*
 * Whether @line ends inside a double quote: the kernel's next_arg() would
 * read anything appended to it as part of the quoted value.
 */
bool cmdline_open_quote(const char *line);

/*
 * The line to give the new kernel, as kexec-tools builds it:
 * --reuse-cmdline starts from @proc (BOOT_IMAGE removed, and crashkernel=
 * when @crash), and --command-line/--append text follows it after a
 * space.  *@ret is NULL when neither was given (no command line at all).
 * Unlike kexec-tools, a @proc that ends inside a double quote is closed
 * with one, so that what follows stays separate parameters.
 */
struct ksd_error *cmdline_build(const char *proc, bool reuse, bool crash,
				const char *given, char **ret);

/*
 * Append @token, replacing any earlier "kexec_sdei.record=" parameter.
 * A line that ends in spaces keeps them before the token.
 */
struct ksd_error *cmdline_add_token(const char *line, const char *token,
				    char **ret);

/*
 * How many CPUs a kernel booted with @line may bring online: 1 with
 * nosmp, nr_cpus=1, maxcpus=0 or maxcpus=1; 0 when nothing limits it.
 */
unsigned int cmdline_cpu_limit(const char *line);

#endif /* KSD_KEXEC_CMDLINE_H */
