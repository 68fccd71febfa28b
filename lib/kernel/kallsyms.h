/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kallsyms decoded from the dumped kernel's memory, located through
 * VMCOREINFO (Linux 6.0+, 5fd8fea935a1 "vmcoreinfo: include kallsyms
 * symbols"): no vmlinux needed.  Handles 1- and 2-byte name lengths
 * (6.1+ "big" symbols) and every address encoding (absolute, base-
 * relative, absolute-percpu, place-relative 7.0+), choosing the one that
 * puts _stext where VMCOREINFO says it is.
 */
#ifndef KSD_KERNEL_KALLSYMS_H
#define KSD_KERNEL_KALLSYMS_H

#include "kernel/kmem.h"
#include "kernel/symtab.h"
#include "kernel/vmcoreinfo.h"

/* More symbols than this is taken as a corrupt count. */
#define KSD_MAX_KALLSYMS (4u << 20)

/*
 * The decoded names together: a 6.x arm64 kernel with KALLSYMS_ALL has
 * some 31,000 symbols in under 1 MiB of names; 200,000 Rust-length names
 * stay under 32 MiB.  Without this bound a few hundred KiB of table,
 * each name a handful of long tokens, would claim gigabytes.
 */
#define KSD_MAX_KALLSYMS_NAME_BYTES (64u << 20)

/*
 * Decode kallsyms.  KSD_ERR_NOT_FOUND when VMCOREINFO lacks the kallsyms
 * symbols (kernels before 6.0); KSD_ERR_CORRUPT or KSD_ERR_LIMIT for
 * tables that do not make sense.
 */
struct ksd_error *ksd_kallsyms_load(const struct ksd_kmem *m,
				    const struct ksd_vmcoreinfo *vi,
				    struct ksd_symtab **ret);

#endif /* KSD_KERNEL_KALLSYMS_H */
