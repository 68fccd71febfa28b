// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * CPU lists: /sys/devices/system/cpu/possible (kexec/cpus.c) and the
 * %*pbl lists of the kernel log's stop lines (lib/kernel/stoplog.c).
 */
#include "config.h"

#include <stdlib.h>

#include "cpus.h"
#include "fuzz.h"
#include "kernel/stoplog.h"
#include "text.h"

static bool count_range(void *arg, unsigned int lo, unsigned int hi)
{
	unsigned long *n = arg;

	if (lo > hi)
		__builtin_trap();	/* the parser promised lo <= hi */
	*n += hi - lo + 1;
	return true;
}

FUZZ_TARGET(cpus)
{
	unsigned int *cpus, n;
	unsigned long total = 0;
	struct ksd_error *err;
	char *text = fuzz_strndup(data, size);

	if (!text)
		return 0;
	err = cpulist_parse(text, "possible", &cpus, &n);
	if (!err) {
		for (unsigned int i = 1; i < n; i++)
			if (cpus[i - 1] >= cpus[i])
				__builtin_trap();	/* sorted, no repeats */
		free(cpus);
	}
	fuzz_drop(err);
	(void)ksd_cpulist_parse(text, size, count_range, &total);
	free(text);
	return 0;
}
