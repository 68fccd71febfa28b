/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Loadable modules in a dump: the kernel's `modules` list, each module's
 * name, text regions and own symbol table (struct mod_kallsyms), so an
 * address in module space resolves to "sym+0xoff/0xsize [module]" as the
 * kernel's %pS prints it.
 *
 * Struct layouts come from the kernel's BTF when it has one; otherwise
 * they are probed (docs/architecture.md, "Modules"): the fields struct
 * module has begun with since 2.6 (state, list, name) are fixed, the
 * kallsyms pointer is the one word that points just past itself (at
 * core_kallsyms), and the core text region is the first {base, size}
 * pair that holds every function symbol.
 *
 * Every read is bounded: at most KSD_MAX_MODULES list entries (a list
 * that loops, or whose next->prev does not lead back, ends the walk with
 * a problem), KSD_MAX_MODULE_SYMS symbols per module, names of at most
 * KSYM_NAME_LEN bytes.  Reads go through struct ksd_kmem only.
 */
#ifndef KSD_KERNEL_MODULES_H
#define KSD_KERNEL_MODULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel/btf.h"
#include "kernel/kmem.h"
#include "util/error.h"

/* A few hundred on a distribution kernel; the kernel itself sets no limit. */
#define KSD_MAX_MODULES		8192u
/* num_symtab of one module; the largest in-tree modules have < 100k. */
#define KSD_MAX_MODULE_SYMS	(1u << 20)
/* Bytes of one module's string table read (names up to the last st_name). */
#define KSD_MAX_MODULE_STRTAB	(32u << 20)
/* MODULE_NAME_LEN on 64-bit kernels: 64 - sizeof(unsigned long). */
#define KSD_MODULE_NAME_LEN	56u

struct ksd_module_sym {
	uint64_t addr;
	uint64_t elf_size;	/* st_size */
	uint8_t elf_info;	/* st_info: binding << 4 | type */
	uint32_t index;		/* in the module's symtab */
	char *name;
};

struct ksd_module {
	char name[KSD_MODULE_NAME_LEN + 1];
	uint64_t addr;			/* its struct module */
	uint64_t text_lo, text_hi;	/* core text; 0, 0 if not known */
	uint64_t init_lo, init_hi;	/* init text while it exists */
	bool syms_loaded;
	struct ksd_module_sym *syms;	/* defined, named, by address */
	size_t nsyms;
	char *syms_problem;		/* why there are none, or NULL */
	uint64_t kallsyms;		/* its struct mod_kallsyms */
};

struct ksd_modules;

/*
 * Walk the list whose head is at @head (the `modules` symbol), with the
 * layouts of @btf (NULL: probe them).  Fails only when the head cannot
 * be read or no layout can be had; a damaged entry ends the walk with
 * ksd_modules_problem() set.  @m must outlive the result.
 */
struct ksd_error *ksd_modules_load(const struct ksd_kmem *m, uint64_t head,
				   const struct ksd_btf *btf,
				   struct ksd_modules **ret);
void ksd_modules_destroy(struct ksd_modules *mods);

size_t ksd_modules_count(const struct ksd_modules *mods);
struct ksd_module *ksd_modules_at(struct ksd_modules *mods, size_t i);
/* "BTF" or "probed": where the struct layouts came from. */
const char *ksd_modules_layout_source(const struct ksd_modules *mods);
/* Why the walk ended early, or NULL. */
const char *ksd_modules_problem(const struct ksd_modules *mods);

/* The module whose text (core or init) holds @addr, or NULL. */
struct ksd_module *ksd_modules_find(struct ksd_modules *mods, uint64_t addr);

/*
 * The symbol of @mod holding @addr as the kernel's find_kallsyms_symbol()
 * picks it: the closest preceding named symbol (not an ELF mapping symbol
 * like "$x"), its size running to the next symbol or the end of the
 * text.  Loads the module's symbols on first use.  *@name is NULL when
 * none holds it (or they cannot be read: see @mod->syms_problem); the
 * name lives until ksd_modules_destroy().  Fails only for lack of memory.
 */
struct ksd_error *ksd_module_symbol(struct ksd_modules *mods,
				    struct ksd_module *mod, uint64_t addr,
				    const char **name, uint64_t *off,
				    uint64_t *size);

#endif /* KSD_KERNEL_MODULES_H */
