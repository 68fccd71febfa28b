// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The flattened device tree the loader reads from /sys/firmware/fdt
 * (kexec/dt.c): libfdt's checks, /firmware/sdei and the cpu nodes.
 */
#include "config.h"

#include "dt.h"
#include "fuzz.h"

FUZZ_TARGET(dt)
{
	struct dt_facts dt = { 0 };

	fuzz_drop(dt_parse_fdt(data, size, "/sys/firmware/fdt", &dt));
	dt_facts_deinit(&dt);
	return 0;
}
