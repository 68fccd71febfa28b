/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * /proc/iomem: the kernel's resource tree, one range per line,
 *   "<start>-<end> : <name>"
 * in hex, inclusive, indented two spaces per level of nesting
 * (kernel/resource.c r_show()).  On arm64 the "Crash kernel" ranges that
 * crashkernel= reserves sit inside "System RAM".  Read as root the
 * addresses are real; otherwise the kernel prints them all as zero.
 *
 * The parser checks what the kernel guarantees (hex numbers, start <= end,
 * indentation one level at a time, children inside their parent) and
 * refuses the file with the line number otherwise.  Its size and number of
 * ranges are bounded.
 */
#ifndef KSD_KEXEC_IOMEM_H
#define KSD_KEXEC_IOMEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sysroot.h"

/* Real machines have a few hundred ranges; big servers a few thousand. */
#define KSD_MAX_IOMEM_BYTES (8u << 20)
#define KSD_MAX_IOMEM_RANGES (64u << 10)

struct iomem_range {
	uint64_t start, end;	/* inclusive */
	unsigned int depth;
	char *name;
};

struct iomem {
	struct iomem_range *ranges;
	size_t n;
	bool hidden;		/* every address reads as zero (not root) */
};

#define IOMEM_CRASH_KERNEL "Crash kernel"

struct ksd_error *iomem_parse(const char *text, size_t len, const char *what,
			      struct iomem *ret);
/* Read and parse /proc/iomem through @sr. */
struct ksd_error *iomem_read(const struct sysroot *sr, struct iomem *ret);
void iomem_deinit(struct iomem *io);

/* Index of the first range named @name at or after @from; io->n if none. */
size_t iomem_find(const struct iomem *io, const char *name, size_t from);

#endif /* KSD_KEXEC_IOMEM_H */
