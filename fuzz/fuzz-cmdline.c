// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Kernel command lines (kexec/cmdline.c, lib/util/cmdline.c): splitting
 * as next_arg() does, the edits the loader makes to the capture kernel's
 * line, and the questions it asks of the running one.  The input is
 * /proc/cmdline up to the first NUL and --append text after it.
 */
#include "config.h"

#include <string.h>

#include "cmdline.h"
#include "fuzz.h"
#include "text.h"

FUZZ_TARGET(cmdline)
{
	struct ksd_cmdline_param pa;
	const char *p, *val;
	char *proc, *line = NULL, *out = NULL, *given = NULL;
	size_t plen, vlen;
	struct ksd_error *err;

	proc = fuzz_strndup(data, size);
	if (!proc)
		return 0;
	plen = strlen(proc);
	if (plen < size)
		given = proc + plen + 1;
	for (p = proc; (p = ksd_cmdline_next(p, &pa));) {
		if (pa.end < pa.start || pa.end > proc + plen)
			__builtin_trap();
		if (pa.val && cmdline_bool(pa.val, pa.vlen) > 1)
			__builtin_trap();
	}
	(void)ksd_cmdline_get(proc, "crashkernel", &val, &vlen);
	(void)cmdline_open_quote(proc);
	(void)cmdline_cpu_limit(proc);
	err = cmdline_build(proc, true, size & 1, given, &line);
	if (!err && line) {
		err = cmdline_add_token(line,
					"kexec_sdei.record=v1,dt-smc,armed,pnmi-off",
					&out);
		free(out);
		cmdline_remove(line, "kexec_sdei.record");
		cmdline_remove(line, "nr_cpus");
	}
	fuzz_drop(err);
	free(line);
	free(proc);
	return 0;
}
