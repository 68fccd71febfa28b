/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The purgatory's decisions: is the parameter block sane, and does every
 * region still hash to what the loader computed.  Plain C with no target
 * code, so the host unit tests run exactly this against host memory (a
 * region's start is then a host address).
 */
#ifndef KSD_PURGATORY_VERIFY_H
#define KSD_PURGATORY_VERIFY_H

#include <stdbool.h>

#include "purgatory/abi.h"
#include "purgatory/console.h"
#include "util/sha256.h"

/*
 * Check @p before trusting any of it: magic, version, size, known flags,
 * a console this code can drive, a kernel entry and a DTB that the arm64
 * boot protocol accepts, at least one region (unless checks are skipped)
 * and at most KSD_PURGATORY_MAX_REGIONS, and regions that do not wrap
 * around.  Says what is wrong on @con.
 */
bool purgatory_params_ok(const struct ksd_purgatory_params *p,
			 struct console *con);

/*
 * Hash every region with @blocks (@how names it on the console) and
 * compare with its expected digest.  Every region is checked, even after
 * a mismatch, so the console and @p->bad_regions name all that differ.
 * Return: true when all match.
 */
bool purgatory_verify_regions(struct ksd_purgatory_params *p,
			      struct console *con,
			      ksd_sha256_blocks_fn *blocks, const char *how);

#endif /* KSD_PURGATORY_VERIFY_H */
