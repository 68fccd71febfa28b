/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * How lib/kernel reads the dumped kernel's memory: through a callback
 * that takes a kernel virtual address, so each reader (kallsyms, the
 * printk log, per-CPU data) is independent of dump formats and of address
 * translation, and unit tests can feed it memory images directly.
 */
#ifndef KSD_KERNEL_KMEM_H
#define KSD_KERNEL_KMEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

/*
 * Read @len bytes at kernel virtual address @va into @buf.  Errors:
 * KSD_ERR_FAULT (not mapped), KSD_ERR_NOT_PRESENT (not in the dump).
 */
typedef struct ksd_error *ksd_read_virt_fn(void *arg, uint64_t va, void *buf,
					   size_t len);

struct ksd_kmem {
	ksd_read_virt_fn *read;
	void *arg;
	bool big_endian;	/* byte order of the dumped kernel */
	unsigned int ptr_size;	/* 8 on arm64 */
};

static inline struct ksd_error *ksd_kmem_read(const struct ksd_kmem *m,
					      uint64_t va, void *buf,
					      size_t len)
{
	return m->read(m->arg, va, buf, len);
}

#endif /* KSD_KERNEL_KMEM_H */
