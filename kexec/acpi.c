// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "acpi.h"
#include "util/endian.h"
#include "util/grow.h"
#include "util/limits.h"

enum {
	ACPI_HEADER = 36,
	FADT_ARM_BOOT_ARCH = 129,
	MADT_ENTRIES = 44,
	MADT_GICC = 0x0b,
	GICC_FLAGS = 12,
	GICC_MPIDR = 68,
	GICC_MIN_LEN = 76,	/* ACPI 5.1; 6.0+ write 80 or 82 */
	GICC_ENABLED = 1u << 0,
	GICC_ONLINE_CAPABLE = 1u << 3,
	ARM_PSCI_COMPLIANT = 1u << 0,
	ARM_PSCI_USE_HVC = 1u << 1,
};

void acpi_facts_deinit(struct acpi_facts *a)
{
	free(a->cpus);
	memset(a, 0, sizeof(*a));
}

/* Check the standard header; returns the table's own length. */
static struct ksd_error *check_header(const uint8_t *t, size_t len,
				      const char *sig, const char *what,
				      struct acpi_facts *a, size_t *tlen)
{
	uint32_t n;
	uint8_t sum = 0;

	if (len < ACPI_HEADER)
		return ksd_error_create(KSD_ERR_EOF,
					"%s: %zu bytes, shorter than an ACPI table header",
					what, len);
	if (memcmp(t, sig, 4) != 0)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"%s: signature is not '%s'", what, sig);
	n = ksd_load32(t + 4, false);
	if (n < ACPI_HEADER || n > len)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"%s: header length %u does not fit the %zu-byte table",
					what, n, len);
	for (uint32_t i = 0; i < n; i++)
		sum = (uint8_t)(sum + t[i]);
	/* Linux uses tables with a bad checksum and only warns; so do we. */
	if (sum)
		a->checksum_bad = true;
	*tlen = n;
	return NULL;
}

struct ksd_error *acpi_parse_sdei(const uint8_t *t, size_t len,
				  const char *what, struct acpi_facts *a)
{
	size_t n;
	struct ksd_error *err = check_header(t, len, "SDEI", what, a, &n);

	if (!err)
		a->sdei_table = true;
	return err;
}

struct ksd_error *acpi_parse_fadt(const uint8_t *t, size_t len,
				  const char *what, struct acpi_facts *a)
{
	uint16_t flags;
	size_t n;
	struct ksd_error *err = check_header(t, len, "FACP", what, a, &n);

	if (err)
		return err;
	/* Tables older than ACPI 5.1 end before the ARM boot flags. */
	if (n < FADT_ARM_BOOT_ARCH + 2)
		return NULL;
	flags = ksd_load16(t + FADT_ARM_BOOT_ARCH, false);
	a->fadt = true;
	a->psci_compliant = flags & ARM_PSCI_COMPLIANT;
	a->psci_hvc = flags & ARM_PSCI_USE_HVC;
	return NULL;
}

struct ksd_error *acpi_parse_madt(const uint8_t *t, size_t len,
				  const char *what, struct acpi_facts *a)
{
	size_t n, off;
	struct ksd_error *err = check_header(t, len, "APIC", what, a, &n);

	if (err)
		return err;
	if (n < MADT_ENTRIES)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"%s: %zu bytes, shorter than the MADT header", what, n);
	for (off = MADT_ENTRIES; off < n;) {
		uint8_t type, elen;

		if (n - off < 2)
			return ksd_error_create(KSD_ERR_CORRUPT,
						"%s: entry at offset %zu is cut off", what, off);
		type = t[off];
		elen = t[off + 1];
		if (elen < 2 || elen > n - off)
			return ksd_error_create(KSD_ERR_CORRUPT,
						"%s: entry at offset %zu has length %u, outside the table",
						what, off, elen);
		if (type == MADT_GICC) {
			uint32_t flags;
			uint64_t *v;

			if (elen < GICC_MIN_LEN)
				return ksd_error_create(KSD_ERR_CORRUPT,
							"%s: GICC entry at offset %zu is %u bytes, too short for an MPIDR",
							what, off, elen);
			flags = ksd_load32(t + off + GICC_FLAGS, false);
			if (flags & (GICC_ENABLED | GICC_ONLINE_CAPABLE)) {
				if (a->ncpus >= KSD_MAX_CPUS)
					return ksd_error_create(KSD_ERR_LIMIT,
								"%s: more than %u GICC entries",
								what, KSD_MAX_CPUS);
				v = ksd_grow(a->cpus, a->ncpus, sizeof(*v));
				if (!v)
					return &ksd_enomem;
				a->cpus = v;
				v[a->ncpus++] = ksd_load64(t + off + GICC_MPIDR, false) &
						0xff00ffffffull;
			}
		}
		off += elen;
	}
	a->madt = true;
	return NULL;
}

typedef struct ksd_error *(*table_parser)(const uint8_t *, size_t,
					  const char *, struct acpi_facts *);

static struct ksd_error *read_table(const struct sysroot *sr, const char *path,
				    table_parser parse, struct acpi_facts *a)
{
	struct ksd_error *err;
	char *buf, *full;
	size_t len;

	err = sysroot_read(sr, path, KSD_MAX_ACPI_TABLE, &buf, &len);
	if (err && err->code == KSD_ERR_NOT_FOUND) {
		ksd_error_destroy(err);
		return NULL;
	}
	/* The tables are readable by root only: say so, and go on. */
	if (err && err->code == KSD_ERR_OS &&
	    (err->errnum == EACCES || err->errnum == EPERM)) {
		ksd_error_destroy(err);
		a->unreadable = true;
		return NULL;
	}
	if (err)
		return err;
	full = sysroot_path(sr, path);
	err = parse((const uint8_t *)buf, len, full ? full : path, a);
	free(full);
	free(buf);
	return err;
}

struct ksd_error *acpi_read(const struct sysroot *sr, struct acpi_facts *ret)
{
	struct acpi_facts a = { 0 };
	struct ksd_error *err = NULL;

	if (sysroot_exists(sr, "/sys/firmware/acpi/tables")) {
		a.present = true;
		/* Linux checks only that the table exists. */
		a.sdei_table = sysroot_exists(sr, "/sys/firmware/acpi/tables/SDEI");
		err = read_table(sr, "/sys/firmware/acpi/tables/SDEI",
				 acpi_parse_sdei, &a);
		if (!err)
			err = read_table(sr, "/sys/firmware/acpi/tables/FACP",
					 acpi_parse_fadt, &a);
		if (!err)
			err = read_table(sr, "/sys/firmware/acpi/tables/APIC",
					 acpi_parse_madt, &a);
	}
	if (err) {
		acpi_facts_deinit(&a);
		return err;
	}
	*ret = a;
	return NULL;
}

enum ksd_sdei_conduit acpi_conduit(const struct acpi_facts *a)
{
	if (!a->fadt || !a->psci_compliant)
		return KSD_CONDUIT_UNKNOWN;
	return a->psci_hvc ? KSD_CONDUIT_HVC : KSD_CONDUIT_SMC;
}
