// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * VMCOREINFO text, and every typed lookup the analysis makes of it
 * (translation numbers, printk and kallsyms symbols, sizes, offsets).
 */
#include "config.h"

#include "fuzz.h"
#include "kernel/vmcoreinfo.h"

FUZZ_TARGET(vmcoreinfo)
{
	static const char *const symbols[] = {
		"_stext", "swapper_pg_dir", "prb", "log_first_idx", "log_buf",
		"kallsyms_names", "kallsyms_offsets", "kallsyms_token_table",
		"kallsyms_num_syms", "kallsyms_relative_base", "init_uts_ns",
	};
	static const char *const numbers[] = {
		"VA_BITS", "kimage_voffset", "PHYS_OFFSET", "TCR_EL1_T1SZ",
		"MAX_PHYSMEM_BITS", "KERNELPACMASK", "MODULES_VADDR",
		"MODULES_END", "PAGE_OFFSET",
	};
	static const char *const sizes[] = { "printk_info", "printk_log", "prb_desc" };
	static const char *const offsets[] = {
		"prb_desc_ring.count_bits", "printk_info.text_len",
		"printk_log.len", "latched_seq.val",
	};
	struct ksd_vmcoreinfo *vi;
	struct ksd_error *err;
	uint64_t v;

	err = ksd_vmcoreinfo_parse((const char *)data, size, &vi);
	if (err) {
		fuzz_drop(err);
		return 0;
	}
	for (size_t i = 0; i < sizeof(symbols) / sizeof(symbols[0]); i++)
		fuzz_drop(ksd_vmcoreinfo_symbol(vi, symbols[i], &v));
	for (size_t i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++)
		fuzz_drop(ksd_vmcoreinfo_number(vi, numbers[i], &v));
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		fuzz_drop(ksd_vmcoreinfo_size(vi, sizes[i], &v));
	for (size_t i = 0; i < sizeof(offsets) / sizeof(offsets[0]); i++)
		fuzz_drop(ksd_vmcoreinfo_offset(vi, offsets[i], &v));
	fuzz_drop(ksd_vmcoreinfo_decimal(vi, "PAGESIZE", &v));
	fuzz_drop(ksd_vmcoreinfo_decimal(vi, "CRASHTIME", &v));
	fuzz_drop(ksd_vmcoreinfo_hex(vi, "KERNELOFFSET", &v));
	(void)ksd_vmcoreinfo_get(vi, "OSRELEASE");
	for (size_t i = 0; i < ksd_vmcoreinfo_count(vi); i++) {
		const char *key, *val;

		ksd_vmcoreinfo_entry(vi, i, &key, &val);
	}
	ksd_vmcoreinfo_destroy(vi);
	return 0;
}
