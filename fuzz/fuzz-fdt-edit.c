// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The DTB edits of the kexec_load path (kexec/fdt-edit.c) on any blob:
 * every edit at once (bootargs, initrd, elfcorehdr, two usable ranges,
 * both seeds, /memreserve/), then the removals, then the same into a
 * result barely larger than the input.  What dtb_edit() returns must be
 * a blob libfdt accepts whole.
 */
#include "config.h"

#include <libfdt.h>

#include "fdt-edit.h"
#include "fuzz.h"

static void edit(const uint8_t *data, size_t size,
		 const struct dtb_edits *e)
{
	struct dtb_edit_result res;
	struct ksd_error *err;

	err = dtb_edit(data, size, "fuzz.dtb", e, &res);
	if (err) {
		fuzz_drop(err);
		return;
	}
	if (fdt_check_full(res.blob, res.size) != 0 || res.size > (2u << 20))
		__builtin_trap();	/* we wrote a broken or oversized tree */
	dtb_edit_result_deinit(&res);
}

FUZZ_TARGET(fdt_edit)
{
	static const uint8_t seed[32] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	struct dtb_edits all = {
		.bootargs_action = DTB_BOOTARGS_SET,
		.bootargs = "console=ttyAMA0 nr_cpus=1 reset_devices",
		.initrd = true,
		.initrd_start = 0x48000000, .initrd_end = 0x48800000,
		.elfcorehdr = true,
		.elfcorehdr_range = { 0x4ff00000, 0x10000 },
		.nr_usable = 2,
		.usable = { { 0x1000000000ull, 0x8000000 }, { 0x40000000, 0x10000000 } },
		.kaslr_seed = true,
		.kaslr_seed_bytes = { 9, 8, 7, 6, 5, 4, 3, 2 },
		.rng_seed_len = sizeof(seed), .rng_seed = seed,
		.memreserve = true,
	};
	struct dtb_edits removals = {
		.bootargs_action = DTB_BOOTARGS_REMOVE,
		.memreserve = true,
	};
	struct dtb_edits tight = all;

	edit(data, size, &all);
	edit(data, size, &removals);
	tight.max_size = size + 64;
	edit(data, size, &tight);
	return 0;
}
