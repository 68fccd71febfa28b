// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * arm64 address translation (lib/arch/translate.c) over a fuzzed memory
 * image: the parameters come from VMCOREINFO as ksd_kernel_open() takes
 * them, the page tables from 'P' records, and every 'A' address is
 * translated by the cheapest method and by a full walk of
 * swapper_pg_dir.  Input: fuzz/kimage.h.
 */
#include "config.h"

#include "arch/translate.h"
#include "fuzz.h"
#include "kernel/kernel.h"
#include "kimage.h"

FUZZ_TARGET(xlat)
{
	static struct kimage k;
	struct aarch64_xlat_params p;
	struct aarch64_xlat x;
	struct ksd_vmcoreinfo *vi;
	struct ksd_error *err;
	uint64_t pa;

	kimage_parse(data, size, &k);
	vi = kimage_vmcoreinfo(&k);
	if (!vi)
		return 0;
	err = ksd_kernel_xlat_params(vi, k.big_endian, &p);
	ksd_vmcoreinfo_destroy(vi);
	if (!err)
		err = aarch64_xlat_init(&x, &p, kimage_read_phys, &k);
	if (err) {
		fuzz_drop(err);
		return 0;
	}
	if (k.naddrs >= 2)
		aarch64_xlat_set_image(&x, k.addrs[0], k.addrs[1]);
	for (size_t i = 0; i < k.naddrs; i++) {
		fuzz_drop(aarch64_vtop(&x, k.addrs[i], &pa));
		fuzz_drop(aarch64_walk(&x, k.addrs[i], &pa));
		fuzz_drop(aarch64_vtop(&x, aarch64_untag(k.addrs[i]), &pa));
	}
	return 0;
}
