/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the running kernel's log says about the crash-stop ladder, read
 * from /dev/kmsg through the root prefix.  Each /dev/kmsg record is
 *   "<prio>,<seq>,<usec>,<flags>;<text>\n"
 * followed by " KEY=value" continuation lines (Documentation/ABI/testing/
 * dev-kmsg); a fake tree holds the same text in a regular file.
 *
 * The log is a ring: the boot lines may have been overwritten.  The scan
 * records whether the log still reaches back to boot (the first record has
 * sequence number 0, or the "Linux version" banner is there), so a caller
 * can tell "the line is not there" from "the line is gone".
 *
 * Lines looked for (kernel-sdei.md section 3.2, arch/arm64/kernel/setup.c,
 * smp.c, drivers/irqchip/irq-gic-v3.c, drivers/firmware/arm_sdei*.c):
 *   Booting Linux on physical CPU 0x%010lx [0x%08x]     boot CPU MPIDR
 *   CPU%u: Booted secondary processor 0x%010lx [...]    CPU n's MPIDR
 *   sdei: SDEIv%d.%d (0x%x) detected in firmware.       firmware probed
 *   sdei: <failure>                                     interface unusable
 *   sdei_nmi: using SDEI cross-CPU NMI ...              the service is up
 *   sdei_nmi: sdei_event_{register,enable}(0) failed    the service failed
 *   GICv3: Pseudo-NMIs enabled using ...                pseudo-NMI on
 */
#ifndef KSD_KEXEC_KMSG_H
#define KSD_KEXEC_KMSG_H

#include <stdbool.h>
#include <stdint.h>

#include "sysroot.h"

/* The printk ring is at most 32 MiB (LOG_BUF_SHIFT 25); read no more. */
#define KSD_MAX_KMSG_BYTES (64u << 20)

/* The longest failure text kept for reports. */
#define KMSG_TEXT_MAX 160

struct kmsg_cpu {
	unsigned int cpu;
	uint64_t mpidr;
};

struct kmsg_facts {
	bool readable;		/* the log could be read */
	bool from_boot;		/* it still holds the boot messages */
	bool truncated;		/* reading stopped at KSD_MAX_KMSG_BYTES */
	unsigned long records;
	bool have_first_seq;
	uint64_t first_seq;

	bool sdei_probed;	/* "SDEIv1.0 (0x0) detected in firmware." */
	char sdei_version[32];	/* "1.0" */
	bool sdei_failed;	/* a line saying the interface is unusable */
	char sdei_failure[KMSG_TEXT_MAX];

	bool nmi_up;		/* "sdei_nmi: using SDEI cross-CPU NMI" */
	bool nmi_failed;
	char nmi_failure[KMSG_TEXT_MAX];

	bool pnmi_enabled;	/* "GICv3: Pseudo-NMIs enabled" */
	bool pnmi_refused;	/* "CPU features: Pseudo-NMI disabled ..." */

	bool have_boot_mpidr;
	uint64_t boot_mpidr;
	struct kmsg_cpu *secondaries;	/* "CPUn: Booted secondary processor" */
	unsigned int nsecondaries, cap;
	/*
	 * 1 + the index in secondaries[] of each CPU's entry, 0 for none:
	 * KSD_MAX_CPUS entries, made at the first secondary line, so that
	 * 65536 CPU lines cost no more per line than four.
	 */
	unsigned int *slot;
};

void kmsg_facts_init(struct kmsg_facts *f);
void kmsg_facts_deinit(struct kmsg_facts *f);

/* Take note of one record's text (without the "prio,seq,...;" prefix). */
struct ksd_error *kmsg_scan_text(struct kmsg_facts *f, const char *text);

/* The MPIDR CPU @cpu's last "Booted secondary processor" line gave. */
bool kmsg_secondary_mpidr(const struct kmsg_facts *f, unsigned int cpu,
			  uint64_t *mpidr);

/* Take note of one raw /dev/kmsg line (record or continuation). */
struct ksd_error *kmsg_scan_line(struct kmsg_facts *f, const char *line);

/*
 * Read /dev/kmsg through @sr.  A log that cannot be opened leaves
 * f->readable false and is not an error: the caller decides from the
 * other evidence.  Only memory exhaustion fails.
 */
struct ksd_error *kmsg_read(const struct sysroot *sr, struct kmsg_facts *f,
			    struct ksd_error **why_unreadable);

#endif /* KSD_KEXEC_KMSG_H */
