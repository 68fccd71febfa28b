/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Is the SDEI stop rung armed?  The facts that say so, gathered from the
 * machine through the root prefix, and the record (lib/record) the loader
 * writes from them.
 *
 *   firmware   device tree /firmware/sdei or the ACPI SDEI table (dt.c,
 *              acpi.c), and the conduit
 *   driver     /sys/bus/platform/drivers/sdei: registered, and bound to
 *              "firmware:sdei" (DT) or "sdei.0" (ACPI)
 *   kernel     /proc/kallsyms: the SDEI NMI service (sdei_nmi_*) and its
 *              stop rung, sdei_nmi_stop_cpus
 *   log        /dev/kmsg (kmsg.c): the firmware probe, the service's boot
 *              line or failure, and whether the log still reaches back to
 *              boot
 *   pseudo-NMI the GICv3 boot line, or irqchip.gicv3_pseudo_nmi= in
 *              /proc/cmdline
 *   CPUs       cpus.c
 *
 * The decision rules are in sdei_decide() and docs/sdei-detection.md.
 */
#ifndef KSD_KEXEC_SDEI_DETECT_H
#define KSD_KEXEC_SDEI_DETECT_H

#include <stdbool.h>
#include <stdint.h>

#include "acpi.h"
#include "cpus.h"
#include "dt.h"
#include "kmsg.h"
#include "record/record.h"
#include "sysroot.h"

struct ksyms_facts {
	bool readable;
	bool nmi_service;	/* any sdei_nmi_* symbol */
	bool stop_rung;		/* sdei_nmi_stop_cpus */
	bool event_signal;	/* sdei_event_signal (SDEI_EVENT_SIGNAL support) */
	bool sdei_driver;	/* sdei_probe (CONFIG_ARM_SDE_INTERFACE) */
};

struct driver_facts {
	bool known;		/* /sys/bus/platform/drivers could be read */
	bool registered;	/* .../drivers/sdei exists */
	bool bound;		/* a device is bound to it */
	char device[64];	/* its name */
};

struct sdei_inputs {
	struct dt_facts dt;
	struct acpi_facts acpi;
	struct kmsg_facts log;
	char *log_unreadable;	/* why /dev/kmsg could not be read */
	struct ksyms_facts ksyms;
	struct driver_facts driver;
	bool have_cmdline;
	int pnmi_param;		/* irqchip.gicv3_pseudo_nmi: 1, 0, -1 absent */
	char *osrelease;
	struct cpu_map cpus;
};

struct sdei_status {
	struct sdei_inputs in;
	struct ksd_record rec;
	bool armed;
	char *reason;		/* why SDEI_NMI is what it is, in words */
	char *pnmi_reason;
	char *firmware_text;	/* the firmware evidence, in words */
};

/*
 * Gather everything through @sr and decide.  @loader and @now go into the
 * record (LOADER=, LOADED=).  Unreadable evidence is not an error (the
 * status says "unknown" and why); malformed files are.
 */
struct ksd_error *sdei_detect(const struct sysroot *sr, const char *loader,
			      int64_t now, struct sdei_status *ret);
void sdei_status_deinit(struct sdei_status *st);

/* The decision from gathered inputs (exposed for unit tests). */
struct ksd_error *sdei_decide(struct sdei_status *st);

/*
 * Take note of one /proc/kallsyms line (@arg is a struct ksyms_facts);
 * exposed for the fuzz harness, which feeds it lines from memory.
 */
struct ksd_error *sdei_ksyms_line(void *arg, const char *line);

/* The compact kexec_file_load token of st->rec, malloc'd. */
char *sdei_status_token(const struct sdei_status *st);

#endif /* KSD_KEXEC_SDEI_DETECT_H */
