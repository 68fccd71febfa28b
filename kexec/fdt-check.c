// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <libfdt.h>

#include "fdt-check.h"

struct ksd_error *fdt_blob_check(const void *dtb, size_t len, const char *name)
{
	uint32_t total;
	int rc;

	if (len > KSD_MAX_DTB_BYTES)
		return ksd_error_create(KSD_ERR_LIMIT,
					"%s: %zu bytes, more than the %u a device tree may have",
					name, len, KSD_MAX_DTB_BYTES);
	if (len < FDT_V17_SIZE)
		return ksd_error_create(KSD_ERR_EOF,
					"%s: %zu bytes, too short for a device tree header",
					name, len);
	if (fdt_magic(dtb) != FDT_MAGIC)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"%s: not a flattened device tree (magic 0x%08x, not 0x%08x)",
					name, fdt_magic(dtb), FDT_MAGIC);
	total = fdt_totalsize(dtb);
	if (total > len)
		return ksd_error_create(KSD_ERR_EOF,
					"%s: truncated: the header says %u bytes, there are %zu",
					name, total, len);
	/*
	 * libfdt 1.6.1's fdt_check_full() dereferences NULL on some
	 * malformed blobs of old versions (found by fuzzing), and reads
	 * misaligned blocks as they come.  Kernels and dtc write version 17
	 * with aligned blocks; refuse anything else before libfdt looks.
	 */
	if (fdt_version(dtb) != 17 || fdt_last_comp_version(dtb) > 17)
		return ksd_error_create(KSD_ERR_UNSUPPORTED,
					"%s: device tree version %u (compatible with %u): only version 17, what kernels and dtc write, is edited",
					name, fdt_version(dtb),
					fdt_last_comp_version(dtb));
	if (fdt_off_dt_struct(dtb) % 4 || fdt_off_mem_rsvmap(dtb) % 8)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"%s: misaligned blocks (structure at 0x%x, reservations at 0x%x)",
					name, fdt_off_dt_struct(dtb),
					fdt_off_mem_rsvmap(dtb));
	rc = fdt_check_full(dtb, len);
	if (rc < 0)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"%s: not a valid flattened device tree: %s",
					name, fdt_strerror(rc));
	return NULL;
}
