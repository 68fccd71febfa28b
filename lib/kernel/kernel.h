/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The dumped kernel as the analysis sees it: VMCOREINFO, virtual memory
 * (arm64 translation over the dump's physical reads) and symbols (kallsyms
 * from the dump, or a System.map or vmlinux given by the user).
 *
 * Each part may be missing (an old kernel, a damaged dump); the kernel
 * view then says why in *_problem and the analysis falls back on weaker
 * evidence.  Only a dump without VMCOREINFO has no kernel view at all.
 */
#ifndef KSD_KERNEL_KERNEL_H
#define KSD_KERNEL_KERNEL_H

#include "arch/translate.h"
#include "dump/dump.h"
#include "kernel/btf.h"
#include "kernel/kmem.h"
#include "kernel/modules.h"
#include "kernel/symtab.h"
#include "kernel/vmcoreinfo.h"

struct ksd_kernel_opts {
	const char *system_map;		/* --system-map FILE, or NULL */
	const char *vmlinux;		/* --vmlinux FILE, or NULL */
};

struct ksd_kernel {
	struct ksd_dump *dump;		/* borrowed */
	struct ksd_vmcoreinfo *vi;
	bool big_endian;
	uint64_t kaslr_offset;		/* KERNELOFFSET */

	bool has_xlat;
	struct aarch64_xlat xlat;
	char *xlat_problem;		/* why there is no translation */
	struct ksd_kmem kmem;		/* virtual reads, valid with has_xlat */
	unsigned long excluded_reads;	/* reads that hit excluded pages */

	struct ksd_symtab *syms;	/* NULL if none could be had */
	char *syms_problem;

	/* Loaded on first use by ksd_kernel_modules(). */
	bool mods_tried;
	struct ksd_btf *btf;		/* NULL if none (btf_problem says why) */
	char *btf_problem;
	struct ksd_modules *mods;	/* NULL if none (mods_problem says why) */
	char *mods_problem;
};

/**
 * ksd_kernel_open() - build the kernel view of @dump
 *
 * Fails only when @dump has no usable VMCOREINFO, or when a System.map or
 * vmlinux given in @opts cannot be read or does not match the dump; a
 * missing translation or kallsyms is recorded in the view instead.
 * @dump must outlive the view.
 */
struct ksd_error *ksd_kernel_open(struct ksd_dump *dump,
				  const struct ksd_kernel_opts *opts,
				  struct ksd_kernel **ret);
void ksd_kernel_destroy(struct ksd_kernel *k);

/*
 * The translation parameters VMCOREINFO gives (arm64 keys exist since
 * 4.12): what ksd_kernel_open() hands aarch64_xlat_init().  Exposed for
 * the page-table fuzz harness, which walks tables without a dump.
 */
struct ksd_error *ksd_kernel_xlat_params(const struct ksd_vmcoreinfo *vi,
					 bool big_endian,
					 struct aarch64_xlat_params *ret);

/* Read kernel virtual memory (needs has_xlat). */
struct ksd_error *ksd_kernel_read(struct ksd_kernel *k, uint64_t va,
				  void *buf, size_t len);
struct ksd_error *ksd_kernel_read_u64(struct ksd_kernel *k, uint64_t va,
				      uint64_t *ret);
struct ksd_error *ksd_kernel_read_u32(struct ksd_kernel *k, uint64_t va,
				      uint32_t *ret);

/*
 * The address of symbol @name: from the symbol table, else VMCOREINFO's
 * SYMBOL(@name).  KSD_ERR_NOT_FOUND names the symbol and where it looked.
 */
struct ksd_error *ksd_kernel_symbol(const struct ksd_kernel *k,
				    const char *name, uint64_t *ret);

/*
 * The loaded modules, read on first call: the `modules` list with struct
 * layouts from the kernel's BTF (between __start_BTF and __stop_BTF) if
 * it has one, else probed.  *@ret is NULL when they cannot be had, and
 * k->mods_problem says why (k->btf_problem why there is no BTF).  Fails
 * only for lack of memory.
 */
struct ksd_error *ksd_kernel_modules(struct ksd_kernel *k,
				     struct ksd_modules **ret);

/*
 * The kernel's BTF, or *@ret NULL (k->btf_problem says why).  It is
 * read with the module list, whose structs a kernel BTF always has.
 * Fails only for lack of memory.
 */
struct ksd_error *ksd_kernel_btf(struct ksd_kernel *k, const struct ksd_btf **ret);

#endif /* KSD_KERNEL_KERNEL_H */
