// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kdump-compressed dumps (makedumpfile -c/-l/-p/-z, and the older
 * diskdump): the headers, the notes, both bitmaps, the page descriptors
 * and every page codec behind them.
 */
#include "config.h"

#include "dump-common.h"
#include "fuzz.h"

FUZZ_TARGET(dump_kdump)
{
	if (fuzz_has_magic(data, size, "KDUMP   ", 8) ||
	    fuzz_has_magic(data, size, "DISKDUMP", 8))
		fuzz_dump_run(data, size);
	return 0;
}
