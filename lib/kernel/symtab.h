/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A kernel symbol table, whatever it came from: kallsyms decoded from the
 * dump, a System.map, or a vmlinux symtab.  Addresses are runtime
 * (KASLR-relocated) addresses.
 *
 * Build it with ksd_symtab_add(), then ksd_symtab_finish() sorts it and
 * derives sizes; lookups are valid only after that.  Returned symbols
 * point into the table and live until ksd_symtab_destroy().
 */
#ifndef KSD_KERNEL_SYMTAB_H
#define KSD_KERNEL_SYMTAB_H

#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

/*
 * Without a size from the source, a symbol is assumed to end at the next
 * one, but no further than this (as drgn does for kallsyms): past a large
 * gap the address more likely lies in something kallsyms does not list.
 */
#define KSD_SYM_MAX_GUESSED_SIZE 0x10000u

struct ksd_sym {
	uint64_t addr;
	uint64_t size;		/* 0 = unknown */
	char type;		/* nm-style: t/T text, d/D data, b/B bss, r/R ... */
	char *name;
};

struct ksd_symtab;

struct ksd_error *ksd_symtab_create(const char *source,
				    struct ksd_symtab **ret);
void ksd_symtab_destroy(struct ksd_symtab *t);

/* Where the symbols came from, e.g. "kallsyms", "System.map". */
const char *ksd_symtab_source(const struct ksd_symtab *t);

struct ksd_error *ksd_symtab_add(struct ksd_symtab *t, const char *name,
				 uint64_t addr, uint64_t size, char type);
void ksd_symtab_finish(struct ksd_symtab *t);
size_t ksd_symtab_count(const struct ksd_symtab *t);

/* Symbol @i (< count) in address order, after ksd_symtab_finish(). */
const struct ksd_sym *ksd_symtab_at(const struct ksd_symtab *t, size_t i);

/* The symbol named @name (the first one if several), or NULL. */
const struct ksd_sym *ksd_symtab_by_name(const struct ksd_symtab *t,
					 const char *name);

/*
 * The symbol containing @addr, or NULL; *@off is set to @addr's offset
 * into it.  Data-only gaps past a symbol's (known or guessed) end are
 * not attributed to it.
 */
const struct ksd_sym *ksd_symtab_by_addr(const struct ksd_symtab *t,
					 uint64_t addr, uint64_t *off);

/*
 * "name+0xoff/0xsize" for @addr, or "0x..." when no symbol holds it.
 * Writes at most @len bytes; returns @buf.
 */
char *ksd_symtab_describe(const struct ksd_symtab *t, uint64_t addr,
			  char *buf, size_t len);

/*
 * Load a System.map ("ADDR TYPE NAME" lines) from @path, adding
 * @offset (KERNELOFFSET) to every address.
 */
struct ksd_error *ksd_symtab_load_system_map(const char *path, uint64_t offset,
					     struct ksd_symtab **ret);

/* Load the .symtab of the vmlinux at @path, adding @offset. */
struct ksd_error *ksd_symtab_load_vmlinux(const char *path, uint64_t offset,
					  struct ksd_symtab **ret);

#endif /* KSD_KERNEL_SYMTAB_H */
