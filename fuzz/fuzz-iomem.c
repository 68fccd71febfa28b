// SPDX-License-Identifier: GPL-2.0-or-later
/* /proc/iomem (kexec/iomem.c): the resource tree and its lookups. */
#include "config.h"

#include "fuzz.h"
#include "iomem.h"

FUZZ_TARGET(iomem)
{
	struct iomem io;
	struct ksd_error *err;

	err = iomem_parse((const char *)data, size, "/proc/iomem", &io);
	if (err) {
		fuzz_drop(err);
		return 0;
	}
	for (size_t i = iomem_find(&io, IOMEM_CRASH_KERNEL, 0); i < io.n;
	     i = iomem_find(&io, IOMEM_CRASH_KERNEL, i + 1))
		;
	(void)iomem_find(&io, "System RAM", 0);
	iomem_deinit(&io);
	return 0;
}
