// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The makedumpfile flattened stream (-F): the signature, the record index
 * (overlapping, out-of-order and gapped records) and the file the stream
 * stands for, which is then read as a dump of whatever format it holds.
 */
#include "config.h"

#include "dump-common.h"
#include "fuzz.h"

FUZZ_TARGET(dump_flat)
{
	if (fuzz_has_magic(data, size, "makedumpfile", 12))
		fuzz_dump_run(data, size);
	return 0;
}
