/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The one check every device tree blob the loader reads goes through
 * (/sys/firmware/fdt for SDEI detection, the DTB kexec_load edits),
 * before libfdt reads anything else from it.
 */
#ifndef KSD_KEXEC_FDT_CHECK_H
#define KSD_KEXEC_FDT_CHECK_H

#include <stddef.h>

#include "util/error.h"

/*
 * A blob larger than this is refused before it is looked at.  DTBs are
 * a few KiB to a few hundred; kexec-tools refuses over 2 MiB.
 */
#define KSD_MAX_DTB_BYTES (16u << 20)

/*
 * Size, magic, total size, version 17, aligned blocks, then libfdt's
 * fdt_check_full(); errors name @name.
 */
struct ksd_error *fdt_blob_check(const void *dtb, size_t len, const char *name);

#endif /* KSD_KEXEC_FDT_CHECK_H */
