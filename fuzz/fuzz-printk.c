// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kernel log in a dump's memory (lib/kernel/printk*.c): the lockless
 * ring (descriptors, info array, data ring) or the structured log, as
 * VMCOREINFO locates them, then every record formatted in each style and
 * scanned for the crash-stop lines (stoplog.c), as vmcore-sdei --log and
 * the analysis do.  Input: fuzz/kimage.h ('V' and 'K' records).
 */
#include "config.h"

#include <stdlib.h>

#include "fuzz.h"
#include "kernel/printk.h"
#include "kernel/stoplog.h"
#include "kimage.h"

FUZZ_TARGET(printk)
{
	static struct kimage k;
	struct ksd_printk_log *log;
	struct ksd_vmcoreinfo *vi;
	struct ksd_stoplog stop;
	struct ksd_kmem m;
	struct ksd_error *err;
	char *text;
	size_t len;

	kimage_parse(data, size, &k);
	vi = kimage_vmcoreinfo(&k);
	if (!vi)
		return 0;
	m = kimage_kmem(&k);
	err = ksd_printk_read(&m, vi, &log);
	ksd_vmcoreinfo_destroy(vi);
	if (err) {
		fuzz_drop(err);
		return 0;
	}
	for (unsigned int flags = 0; flags < 8; flags += 7) {
		err = ksd_printk_format_all(log, flags, &text, &len);
		if (!err)
			free(text);
		fuzz_drop(err);
	}
	err = ksd_stoplog_scan(log, &stop);
	if (!err)
		ksd_stoplog_deinit(&stop);
	fuzz_drop(err);
	ksd_printk_log_destroy(log);
	return 0;
}
