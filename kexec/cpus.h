/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The possible CPUs and, for each, what a dump reader needs to attribute
 * its saved registers: its MPIDR and the physical address and size of its
 * crash_notes buffer.
 *
 *   /sys/devices/system/cpu/possible            a cpulist, "0-3" or "0,2-5"
 *   /sys/devices/system/cpu/cpuN/crash_notes    "%llx\n" (physical address)
 *   /sys/devices/system/cpu/cpuN/crash_notes_size  "%zu\n" (drivers/base/cpu.c)
 *
 * MPIDRs: the kernel log's "CPUn: Booted secondary processor 0x..." and
 * "Booting Linux on physical CPU 0x..." lines name them exactly; without
 * them, the firmware's CPU list (device tree or MADT) is numbered as Linux
 * does: the boot CPU is 0, the others follow in firmware order.  Such a
 * guess is dropped (the CPU's MPIDR is unknown) when the log gives that
 * MPIDR to another CPU.
 */
#ifndef KSD_KEXEC_CPUS_H
#define KSD_KEXEC_CPUS_H

#include <stdbool.h>
#include <stdint.h>

#include "kmsg.h"
#include "sysroot.h"

enum mpidr_source {
	MPIDR_UNKNOWN,
	MPIDR_FROM_LOG,		/* a boot line of this CPU */
	MPIDR_FROM_DT,		/* device tree order */
	MPIDR_FROM_ACPI,	/* MADT order */
};

struct cpu_info {
	unsigned int cpu;
	bool have_mpidr;
	uint64_t mpidr;
	enum mpidr_source mpidr_source;
	bool have_notes;
	uint64_t notes, notes_size;
};

struct cpu_map {
	bool have_possible;
	struct cpu_info *cpus;	/* the possible CPUs, ascending */
	unsigned int n;
	unsigned int notes_missing;	/* possible CPUs without crash_notes */
};

void cpu_map_deinit(struct cpu_map *m);

/* Parse a cpulist ("0-3,5") into a sorted list of CPU numbers. */
struct ksd_error *cpulist_parse(const char *text, const char *what,
				unsigned int **ret, unsigned int *n);

/*
 * Build the map: possible CPUs and crash_notes from sysfs through @sr,
 * MPIDRs from @log and the firmware list @fw (@nfw entries, in firmware
 * order, from @fw_source).  Missing sysfs files are not errors (the map
 * says what is missing); malformed ones are.
 */
struct ksd_error *cpu_map_read(const struct sysroot *sr,
			       const struct kmsg_facts *log,
			       const uint64_t *fw, unsigned int nfw,
			       enum mpidr_source fw_source,
			       struct cpu_map *ret);

const char *mpidr_source_name(enum mpidr_source s);

#endif /* KSD_KEXEC_CPUS_H */
