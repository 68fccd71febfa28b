// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /dev/kmsg records as the loader scans them (kexec/kmsg.c): the record
 * prefix, continuation lines, and the boot, SDEI and pseudo-NMI lines,
 * including the per-CPU MPIDR lines.
 */
#include "config.h"

#include "fuzz.h"
#include "kmsg.h"
#include "text.h"

static struct ksd_error *scan(void *arg, const char *line)
{
	return kmsg_scan_line(arg, line);
}

FUZZ_TARGET(kmsg)
{
	struct kmsg_facts f;
	uint64_t mpidr;
	char *text = fuzz_strndup(data, size);

	if (!text)
		return 0;
	kmsg_facts_init(&f);
	fuzz_drop(fuzz_lines(text, scan, &f));
	for (unsigned int cpu = 0; cpu < 8; cpu++)
		(void)kmsg_secondary_mpidr(&f, cpu, &mpidr);
	kmsg_facts_deinit(&f);
	free(text);
	return 0;
}
