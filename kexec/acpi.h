/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the ACPI tables in /sys/firmware/acpi/tables say about SDEI and
 * the CPUs.  Their presence means the kernel booted with ACPI, and then
 * the device tree is not used for either.
 *
 *   SDEI  the SDEI table (ACPI 6.2): only the standard 36-byte header;
 *         its presence is what Linux's sdei_present_acpi() checks
 *   FACP  the FADT: ARM_BOOT_ARCH (u16 at offset 129) bit 0
 *         PSCI_COMPLIANT, bit 1 PSCI_USE_HVC; SDEI uses PSCI's conduit
 *         (drivers/firmware/arm_sdei.c sdei_get_conduit())
 *   APIC  the MADT: a 44-byte header, then entries of (type, length);
 *         type 0x0b is a GICC with flags (u32 at 12; bit 0 enabled,
 *         bit 3 online capable) and MPIDR (u64 at 68).  Linux numbers the
 *         usable ones in table order after the boot CPU
 *         (arch/arm64/kernel/smp.c acpi_map_gic_cpu_interface()).
 *
 * Every length is checked against the file before use.
 */
#ifndef KSD_KEXEC_ACPI_H
#define KSD_KEXEC_ACPI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "record/record.h"
#include "sysroot.h"

/* A MADT for 4096 CPUs is about 330 KiB. */
#define KSD_MAX_ACPI_TABLE (4u << 20)

struct acpi_facts {
	bool present;		/* /sys/firmware/acpi/tables exists */
	bool sdei_table;
	bool fadt;		/* FACP read and long enough */
	bool psci_compliant, psci_hvc;
	bool madt;		/* APIC read */
	uint64_t *cpus;		/* MPIDRs of the usable GICC entries */
	unsigned int ncpus;
	bool checksum_bad;	/* some table fails its checksum */
	bool unreadable;	/* a table could not be read (not root) */
};

void acpi_facts_deinit(struct acpi_facts *a);

/* The table parsers, for unit tests; @what names the table in messages. */
struct ksd_error *acpi_parse_fadt(const uint8_t *t, size_t len,
				  const char *what, struct acpi_facts *a);
struct ksd_error *acpi_parse_madt(const uint8_t *t, size_t len,
				  const char *what, struct acpi_facts *a);
struct ksd_error *acpi_parse_sdei(const uint8_t *t, size_t len,
				  const char *what, struct acpi_facts *a);

/* Read the tables through @sr; no ACPI at all is not an error. */
struct ksd_error *acpi_read(const struct sysroot *sr, struct acpi_facts *ret);

/* The SDEI conduit the kernel would use on this ACPI machine. */
enum ksd_sdei_conduit acpi_conduit(const struct acpi_facts *a);

#endif /* KSD_KEXEC_ACPI_H */
