/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * VMCOREINFO: the KEY=VALUE text the kernel leaves for dump readers.
 *
 * Each macro prints its value in its own radix (include/linux/
 * vmcore_info.h): SYMBOL() and KERNELOFFSET are hex without "0x",
 * NUMBER() is signed decimal except arm64's own lines, which print
 * "0x%llx", SIZE()/OFFSET()/LENGTH() are decimal.  The accessors below
 * parse each kind its own way.  The parser tolerates a last line without
 * a newline (old kernels appended CRASHTIME so), NUL padding, CRLF and
 * unknown keys.  When a key appears twice the last one wins.
 */
#ifndef KSD_KERNEL_VMCOREINFO_H
#define KSD_KERNEL_VMCOREINFO_H

#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

struct ksd_vmcoreinfo;

struct ksd_error *ksd_vmcoreinfo_parse(const char *text, size_t len,
				       struct ksd_vmcoreinfo **ret);
void ksd_vmcoreinfo_destroy(struct ksd_vmcoreinfo *vi);

/* The raw value of @key, or NULL.  Valid until destroy. */
const char *ksd_vmcoreinfo_get(const struct ksd_vmcoreinfo *vi,
			       const char *key);

/*
 * Typed lookups of @name inside its macro, e.g. ksd_vmcoreinfo_symbol(vi,
 * "_stext", &v) reads SYMBOL(_stext).  A missing key is KSD_ERR_NOT_FOUND;
 * a value that does not parse is KSD_ERR_CORRUPT.  NUMBER() values are
 * returned as two's complement, so a "negative" PHYS_OFFSET survives.
 */
struct ksd_error *ksd_vmcoreinfo_symbol(const struct ksd_vmcoreinfo *vi,
					const char *name, uint64_t *ret);
struct ksd_error *ksd_vmcoreinfo_number(const struct ksd_vmcoreinfo *vi,
					const char *name, uint64_t *ret);
struct ksd_error *ksd_vmcoreinfo_size(const struct ksd_vmcoreinfo *vi,
				      const char *name, uint64_t *ret);
struct ksd_error *ksd_vmcoreinfo_offset(const struct ksd_vmcoreinfo *vi,
					const char *name, uint64_t *ret);
/* A bare key whose value is decimal (PAGESIZE, CRASHTIME). */
struct ksd_error *ksd_vmcoreinfo_decimal(const struct ksd_vmcoreinfo *vi,
					 const char *key, uint64_t *ret);
/* A bare key whose value is hex without 0x (KERNELOFFSET). */
struct ksd_error *ksd_vmcoreinfo_hex(const struct ksd_vmcoreinfo *vi,
				     const char *key, uint64_t *ret);

/* Number of entries, and entry @i, for listing. */
size_t ksd_vmcoreinfo_count(const struct ksd_vmcoreinfo *vi);
void ksd_vmcoreinfo_entry(const struct ksd_vmcoreinfo *vi, size_t i,
			  const char **key, const char **value);

#endif /* KSD_KERNEL_VMCOREINFO_H */
