// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The SDEI readiness rules (kexec/sdei-detect.c sdei_decide(),
 * docs/sdei-detection.md), one case per rule, and the CPU map's
 * numbering of firmware CPUs (boot CPU first) read from a tree made here.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "sdei-detect.h"

/* An armed DT machine whose log reaches back to boot. */
static void armed(struct sdei_status *st)
{
	memset(st, 0, sizeof(*st));
	ksd_record_init(&st->rec);
	st->in.dt.source = DT_FDT;
	st->in.dt.sdei_node = st->in.dt.sdei_compatible = true;
	st->in.dt.conduit = KSD_CONDUIT_SMC;
	strcpy(st->in.dt.method, "smc");
	st->in.log.readable = st->in.log.from_boot = true;
	st->in.log.sdei_probed = true;
	strcpy(st->in.log.sdei_version, "1.0");
	st->in.log.nmi_up = true;
	st->in.ksyms.readable = st->in.ksyms.nmi_service = true;
	st->in.ksyms.stop_rung = true;
	st->in.driver.known = st->in.driver.registered = true;
	st->in.driver.bound = true;
	strcpy(st->in.driver.device, "firmware:sdei");
	st->in.have_cmdline = true;
	st->in.pnmi_param = -1;
}

static void decide(struct sdei_status *st, enum ksd_sdei_nmi nmi,
		   const char *reason)
{
	assert_null(sdei_decide(st));
	if (st->rec.nmi != nmi || !strstr(st->reason, reason))
		fail_msg("SDEI_NMI=%s because '%s'; expected %s and '%s'",
			 ksd_sdei_nmi_name(st->rec.nmi), st->reason,
			 ksd_sdei_nmi_name(nmi), reason);
	assert_int_equal(st->armed, nmi == KSD_NMI_ARMED);
}

static void done(struct sdei_status *st)
{
	ksd_record_deinit(&st->rec);
	free(st->reason);
	free(st->pnmi_reason);
	free(st->firmware_text);
}

static void test_armed(void **state)
{
	struct sdei_status st;

	(void)state;
	armed(&st);
	decide(&st, KSD_NMI_ARMED, "sdei_nmi: using SDEI cross-CPU NMI");
	assert_int_equal(st.rec.firmware, KSD_FW_DT);
	assert_int_equal(st.rec.conduit, KSD_CONDUIT_SMC);
	assert_string_equal(st.rec.evidence,
			    "dt-node,driver-bound,stop-symbols,sdei-probed,nmi-boot-line,log-from-boot");
	char *tok = sdei_status_token(&st);

	assert_string_equal(tok, "kexec_sdei.record=v1,dt-smc,armed,pnmi-off");
	free(tok);
	done(&st);
}

static void test_not_armed(void **state)
{
	struct sdei_status st;

	(void)state;
	armed(&st);
	st.in.dt.sdei_node = st.in.dt.sdei_compatible = false;
	decide(&st, KSD_NMI_UNAVAILABLE, "no SDEI firmware");
	assert_int_equal(st.rec.firmware, KSD_FW_NONE);
	assert_int_equal(st.rec.conduit, KSD_CONDUIT_UNKNOWN);
	done(&st);

	armed(&st);
	st.in.log.sdei_failed = true;
	strcpy(st.in.log.sdei_failure, "sdei: Not supported on this hardware/boot configuration");
	decide(&st, KSD_NMI_UNAVAILABLE, "\"sdei: Not supported");
	done(&st);

	armed(&st);
	st.in.log.nmi_failed = true;
	strcpy(st.in.log.nmi_failure, "sdei_nmi: sdei_event_register(0) failed: -5");
	decide(&st, KSD_NMI_UNAVAILABLE, "failed to start");
	done(&st);

	armed(&st);
	st.in.ksyms.stop_rung = false;
	decide(&st, KSD_NMI_UNAVAILABLE, "but no SDEI stop rung");
	done(&st);

	armed(&st);
	st.in.ksyms.stop_rung = st.in.ksyms.nmi_service = false;
	decide(&st, KSD_NMI_UNAVAILABLE, "no SDEI NMI service");
	done(&st);

	armed(&st);
	st.in.driver.registered = st.in.driver.bound = false;
	decide(&st, KSD_NMI_UNAVAILABLE, "no SDEI driver");
	done(&st);

	armed(&st);
	st.in.driver.bound = false;
	decide(&st, KSD_NMI_UNAVAILABLE, "bound to no device");
	done(&st);
}

static void test_inferred(void **state)
{
	struct sdei_status st;

	(void)state;
	armed(&st);
	st.in.log.from_boot = false;
	st.in.log.nmi_up = st.in.log.sdei_probed = false;
	decide(&st, KSD_NMI_ARMED, "no longer reaches back to boot");
	assert_non_null(strstr(st.rec.evidence, "log-rotated"));
	done(&st);

	armed(&st);
	st.in.log.readable = st.in.log.from_boot = false;
	st.in.log.nmi_up = st.in.log.sdei_probed = false;
	decide(&st, KSD_NMI_ARMED, "the log cannot be read");
	assert_non_null(strstr(st.rec.evidence, "log-unreadable"));
	done(&st);

	/* the whole log is there, and says nothing either way */
	armed(&st);
	st.in.log.nmi_up = false;
	decide(&st, KSD_NMI_UNKNOWN, "neither the SDEI NMI service's boot line");
	done(&st);

	armed(&st);
	st.in.log.from_boot = st.in.log.nmi_up = false;
	st.in.ksyms.readable = st.in.ksyms.stop_rung = false;
	st.in.driver.known = false;
	decide(&st, KSD_NMI_UNKNOWN, "not enough evidence: /proc/kallsyms cannot be read");
	done(&st);

	/* the boot line alone is enough */
	armed(&st);
	st.in.ksyms.readable = st.in.ksyms.stop_rung = false;
	st.in.driver.known = false;
	decide(&st, KSD_NMI_ARMED, "sdei_nmi: using");
	done(&st);
}

static void test_acpi(void **state)
{
	struct sdei_status st;

	(void)state;
	armed(&st);
	st.in.dt = (struct dt_facts){ 0 };
	st.in.acpi.present = st.in.acpi.sdei_table = true;
	st.in.acpi.fadt = st.in.acpi.psci_compliant = st.in.acpi.psci_hvc = true;
	decide(&st, KSD_NMI_ARMED, "");
	assert_int_equal(st.rec.firmware, KSD_FW_ACPI);
	assert_int_equal(st.rec.conduit, KSD_CONDUIT_HVC);
	done(&st);

	armed(&st);
	st.in.acpi.present = true;	/* ACPI wins over the stub DT */
	decide(&st, KSD_NMI_UNAVAILABLE, "no SDEI firmware");
	assert_string_equal(st.firmware_text, "ACPI, no SDEI table");
	done(&st);
}

static void test_pseudo_nmi(void **state)
{
	struct sdei_status st;

	(void)state;
	armed(&st);
	st.in.log.pnmi_enabled = true;
	assert_null(sdei_decide(&st));
	assert_int_equal(st.rec.pseudo_nmi, KSD_PNMI_ON);
	done(&st);

	armed(&st);
	assert_null(sdei_decide(&st));
	assert_int_equal(st.rec.pseudo_nmi, KSD_PNMI_OFF);
	assert_non_null(strstr(st.pnmi_reason, "not on the kernel command line"));
	done(&st);

	armed(&st);
	st.in.pnmi_param = 1;
	assert_null(sdei_decide(&st));
	assert_int_equal(st.rec.pseudo_nmi, KSD_PNMI_OFF);
	assert_non_null(strstr(st.pnmi_reason, "no CONFIG_ARM64_PSEUDO_NMI"));
	done(&st);

	armed(&st);
	st.in.pnmi_param = 1;
	st.in.log.from_boot = false;
	assert_null(sdei_decide(&st));
	assert_int_equal(st.rec.pseudo_nmi, KSD_PNMI_UNKNOWN);
	done(&st);

	armed(&st);
	st.in.pnmi_param = 1;
	st.in.log.pnmi_refused = true;
	assert_null(sdei_decide(&st));
	assert_int_equal(st.rec.pseudo_nmi, KSD_PNMI_OFF);
	done(&st);

	armed(&st);
	st.in.have_cmdline = false;
	st.in.log.from_boot = false;
	assert_null(sdei_decide(&st));
	assert_int_equal(st.rec.pseudo_nmi, KSD_PNMI_UNKNOWN);
	done(&st);
}

/* --- the CPU map, read through a tree made here --- */

static char root[64];

static void put(const char *path, const char *text)
{
	char full[256], dir[256], *slash;
	FILE *f;

	snprintf(full, sizeof(full), "%s%s", root, path);
	snprintf(dir, sizeof(dir), "%s", full);
	for (slash = dir + strlen(root) + 1; (slash = strchr(slash, '/')); slash++) {
		*slash = '\0';
		mkdir(dir, 0755);
		*slash = '/';
	}
	f = fopen(full, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_cpu_map(void **state)
{
	static const uint64_t fw[4] = { 0x0, 0x100, 0x200, 0x300 };
	struct kmsg_facts log;
	struct sysroot sr;
	struct cpu_map m;
	char cmd[128];

	(void)state;
	strcpy(root, "/tmp/ksd-cpumap-XXXXXX");
	assert_non_null(mkdtemp(root));
	put("/sys/devices/system/cpu/possible", "0-3\n");
	put("/sys/devices/system/cpu/cpu0/crash_notes", "7ff9d000\n");
	put("/sys/devices/system/cpu/cpu0/crash_notes_size", "424\n");
	put("/sys/devices/system/cpu/cpu1/crash_notes", "7ffb0000\n");
	put("/sys/devices/system/cpu/cpu1/crash_notes_size", "424\n");
	put("/sys/devices/system/cpu/cpu3/crash_notes", "7ffd6000\n");
	assert_null(sysroot_init(&sr, root));

	/* boot CPU 0x200: logical 0; then 0x0, 0x100, 0x300 in table order */
	kmsg_facts_init(&log);
	log.have_boot_mpidr = true;
	log.boot_mpidr = 0x200;
	assert_null(cpu_map_read(&sr, &log, fw, 4, MPIDR_FROM_ACPI, &m));
	assert_int_equal(m.n, 4);
	assert_int_equal(m.cpus[0].mpidr, 0x200);
	assert_int_equal(m.cpus[0].mpidr_source, MPIDR_FROM_LOG);
	assert_int_equal(m.cpus[1].mpidr, 0x0);
	assert_int_equal(m.cpus[1].mpidr_source, MPIDR_FROM_ACPI);
	assert_int_equal(m.cpus[2].mpidr, 0x100);
	assert_int_equal(m.cpus[3].mpidr, 0x300);
	assert_true(m.cpus[0].have_notes);
	assert_int_equal(m.cpus[1].notes, 0x7ffb0000);
	assert_false(m.cpus[2].have_notes);
	/* no crash_notes_size (before 4.10): kexec-tools' 1024 */
	assert_int_equal(m.cpus[3].notes_size, 1024);
	assert_int_equal(m.notes_missing, 1);
	cpu_map_deinit(&m);

	/*
	 * The log's secondary lines win over the firmware order; a guess
	 * the log gives to another CPU is dropped, never given twice.
	 */
	assert_null(kmsg_scan_line(&log, "6,1,1,-;CPU2: Booted secondary processor 0x0000000300 [0x411fd070]"));
	assert_null(cpu_map_read(&sr, &log, fw, 4, MPIDR_FROM_DT, &m));
	assert_int_equal(m.cpus[0].mpidr, 0x200);
	assert_int_equal(m.cpus[0].mpidr_source, MPIDR_FROM_LOG);
	assert_int_equal(m.cpus[1].mpidr, 0x0);
	assert_int_equal(m.cpus[1].mpidr_source, MPIDR_FROM_DT);
	assert_int_equal(m.cpus[2].mpidr, 0x300);
	assert_int_equal(m.cpus[2].mpidr_source, MPIDR_FROM_LOG);
	assert_false(m.cpus[3].have_mpidr);	/* DT order said 0x300 too */
	assert_int_equal(m.cpus[3].mpidr_source, MPIDR_UNKNOWN);
	cpu_map_deinit(&m);

	/* the boot CPU's line counts the same way */
	kmsg_facts_deinit(&log);
	kmsg_facts_init(&log);
	log.have_boot_mpidr = true;
	log.boot_mpidr = 0x100;
	assert_null(kmsg_scan_line(&log, "6,1,1,-;CPU1: Booted secondary processor 0x0000000000 [0x411fd070]"));
	assert_null(kmsg_scan_line(&log, "6,1,1,-;CPU3: Booted secondary processor 0x0000000200 [0x411fd070]"));
	assert_null(cpu_map_read(&sr, &log, fw, 4, MPIDR_FROM_ACPI, &m));
	assert_int_equal(m.cpus[0].mpidr, 0x100);
	assert_int_equal(m.cpus[1].mpidr, 0x0);
	/* MADT order 0x0, 0x200, 0x300 after the boot CPU: 0x200 is CPU3's */
	assert_false(m.cpus[2].have_mpidr);
	assert_int_equal(m.cpus[3].mpidr, 0x200);
	assert_int_equal(m.cpus[3].mpidr_source, MPIDR_FROM_LOG);
	cpu_map_deinit(&m);
	kmsg_facts_deinit(&log);

	sysroot_deinit(&sr);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_armed),
		cmocka_unit_test(test_not_armed),
		cmocka_unit_test(test_inferred),
		cmocka_unit_test(test_acpi),
		cmocka_unit_test(test_pseudo_nmi),
		cmocka_unit_test(test_cpu_map),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
