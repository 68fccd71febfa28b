/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A small reader of the kernel's BTF (Documentation/bpf/btf.rst), enough
 * to learn struct layouts from a dump: find a struct by name, and a
 * member's byte offset and size, looking through typedefs and type
 * modifiers.
 *
 * The blob is hostile input: the header, every type record and every
 * string reference is checked against the blob's bounds when it is
 * parsed, type references are followed at most KSD_BTF_MAX_CHAIN steps
 * (a loop of typedefs ends there with an error), a member lookup
 * searches each struct at most once per nesting depth however anonymous
 * members nest, and nothing is
 * allocated in proportion to a count the blob states, only to its size.
 *
 * Lifetime: ksd_btf_parse() copies nothing it does not keep; the object
 * owns a copy of the blob and is freed with ksd_btf_destroy().
 */
#ifndef KSD_KERNEL_BTF_H
#define KSD_KERNEL_BTF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

/* vmlinux BTF is 4-6 MiB on a distribution kernel; 64 MiB is far past any. */
#define KSD_MAX_BTF_BYTES	(64u << 20)
/* Typedef/modifier/array hops followed from one type; real chains are < 10. */
#define KSD_BTF_MAX_CHAIN	32u
/* Anonymous struct/union levels searched for a member. */
#define KSD_BTF_MAX_NEST	8u

struct ksd_btf;

struct ksd_btf_member {
	uint64_t offset;	/* bytes from the start of the struct */
	uint64_t size;		/* bytes (typedefs and modifiers resolved) */
	bool is_array;
	uint64_t nelems;	/* arrays: elements */
	uint64_t elem_size;	/* arrays: bytes per element */
	uint32_t type;		/* the member's type id, resolved (arrays: element's) */
};

/*
 * Parse the BTF blob @data of @len bytes, in either byte order.  @what
 * names the blob in errors (e.g. "the kernel's BTF").
 */
struct ksd_error *ksd_btf_parse(const void *data, size_t len, const char *what,
				struct ksd_btf **ret);
void ksd_btf_destroy(struct ksd_btf *b);

/* Number of types (the largest valid type id). */
uint32_t ksd_btf_count(const struct ksd_btf *b);

/*
 * The struct (or union) named @name: its type id and byte size.
 * KSD_ERR_NOT_FOUND when the BTF has none.
 */
struct ksd_error *ksd_btf_struct(const struct ksd_btf *b, const char *name,
				 uint32_t *id_ret, uint64_t *size_ret);

/*
 * Member @member of struct @sname, found also inside anonymous structs
 * and unions.  Bitfields are refused (KSD_ERR_UNSUPPORTED): a layout
 * reader needs whole bytes.
 */
struct ksd_error *ksd_btf_member(const struct ksd_btf *b, const char *sname,
				 const char *member,
				 struct ksd_btf_member *ret);

#endif /* KSD_KERNEL_BTF_H */
