/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the device tree says about SDEI and the CPUs.
 *
 * Source, in order: /sys/firmware/fdt (the DTB the boot loader handed
 * over, read with libfdt after fdt_check_full()), else the unflattened
 * tree in /proc/device-tree.
 *
 *   /firmware/sdei   compatible "arm,sdei-1.0", method "smc" | "hvc"
 *                    (Documentation/devicetree/bindings/arm/firmware/
 *                    sdei.txt; drivers/firmware/arm_sdei.c)
 *   /cpus/cpu@*      device_type "cpu", reg = MPIDR affinity bits in
 *                    /cpus #address-cells cells (1 or 2)
 *
 * CPUs are kept in tree order, which is the order arm64 Linux numbers
 * them in (after the boot CPU; arch/arm64/kernel/smp.c
 * of_parse_and_init_cpus()).  /proc/device-tree lists directories in no
 * defined order, so from there CPUs are sorted by MPIDR, the usual tree
 * order.
 */
#ifndef KSD_KEXEC_DT_H
#define KSD_KEXEC_DT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "record/record.h"
#include "sysroot.h"

/* The bits of MPIDR_EL1 that identify a CPU (arm64 MPIDR_HWID_BITMASK). */
#define MPIDR_HWID_BITMASK 0xff00ffffffull

enum dt_source {
	DT_NONE,
	DT_FDT,		/* /sys/firmware/fdt */
	DT_PROCFS,	/* /proc/device-tree */
};

struct dt_facts {
	enum dt_source source;
	bool sdei_node;		/* /firmware/sdei exists */
	bool sdei_compatible;	/* ... with compatible "arm,sdei-1.0" */
	enum ksd_sdei_conduit conduit;
	char method[16];	/* as written, for reports */
	uint64_t *cpus;		/* MPIDRs of the cpu nodes, in order */
	unsigned int ncpus;
};

void dt_facts_deinit(struct dt_facts *dt);

/* Parse a flattened tree held in @buf. */
struct ksd_error *dt_parse_fdt(const void *buf, size_t len, const char *what,
			       struct dt_facts *ret);

/*
 * Read the tree through @sr.  No tree at all is not an error
 * (ret->source == DT_NONE); a tree that is there but broken is.
 */
struct ksd_error *dt_read(const struct sysroot *sr, struct dt_facts *ret);

#endif /* KSD_KEXEC_DT_H */
