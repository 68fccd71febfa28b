// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ELF crash dumps (/proc/vmcore, makedumpfile -E): the ELF header, the
 * program headers, the merged PT_NOTE and reads through the PT_LOADs.
 * Inputs that are not ELF are left to the other dump harnesses.
 */
#include "config.h"

#include "dump-common.h"
#include "fuzz.h"

FUZZ_TARGET(dump_elf)
{
	if (fuzz_has_magic(data, size, "\x7f" "ELF", 4))
		fuzz_dump_run(data, size);
	return 0;
}
