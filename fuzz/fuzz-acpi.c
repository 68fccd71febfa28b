// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ACPI tables from /sys/firmware/acpi/tables (kexec/acpi.c): the first
 * byte picks FACP, APIC (MADT) or SDEI, the rest is the table.
 */
#include "config.h"

#include "acpi.h"
#include "fuzz.h"

FUZZ_TARGET(acpi)
{
	struct acpi_facts a = { 0 };
	const uint8_t *t = data + 1;
	size_t len = size - 1;

	if (size < 1)
		return 0;
	switch (data[0] % 3) {
	case 0:
		fuzz_drop(acpi_parse_fadt(t, len, "FACP", &a));
		break;
	case 1:
		fuzz_drop(acpi_parse_madt(t, len, "APIC", &a));
		break;
	default:
		fuzz_drop(acpi_parse_sdei(t, len, "SDEI", &a));
		break;
	}
	(void)acpi_conduit(&a);
	acpi_facts_deinit(&a);
	return 0;
}
