// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kallsyms decoded from a dump's memory (lib/kernel/kallsyms.c): the
 * tables VMCOREINFO points at, every name and address encoding, then the
 * symbol table built from them looked up by name and by address.
 * Input: fuzz/kimage.h ('V', 'K', and 'A' addresses to symbolize).
 */
#include "config.h"

#include "fuzz.h"
#include "kernel/kallsyms.h"
#include "kimage.h"

FUZZ_TARGET(kallsyms)
{
	static struct kimage k;
	struct ksd_vmcoreinfo *vi;
	struct ksd_symtab *syms;
	struct ksd_kmem m;
	struct ksd_error *err;
	char buf[256];

	kimage_parse(data, size, &k);
	vi = kimage_vmcoreinfo(&k);
	if (!vi)
		return 0;
	m = kimage_kmem(&k);
	err = ksd_kallsyms_load(&m, vi, &syms);
	ksd_vmcoreinfo_destroy(vi);
	if (err) {
		fuzz_drop(err);
		return 0;
	}
	(void)ksd_symtab_by_name(syms, "_stext");
	(void)ksd_symtab_by_name(syms, "crash_notes");
	for (size_t i = 0; i < k.naddrs; i++)
		ksd_symtab_describe(syms, k.addrs[i], buf, sizeof(buf));
	if (ksd_symtab_count(syms)) {
		const struct ksd_sym *s = ksd_symtab_at(syms, 0);

		ksd_symtab_describe(syms, s->addr, buf, sizeof(buf));
		ksd_symtab_describe(syms, s->addr - 1, buf, sizeof(buf));
	}
	ksd_symtab_destroy(syms);
	return 0;
}
