// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "sdei-detect.h"

/* /proc/kallsyms: ~10 MiB on a distribution kernel with modules loaded. */
#define MAX_KALLSYMS_BYTES (256ull << 20)

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));

static char *fmt(const char *f, ...)
{
	va_list ap;
	char *s;

	va_start(ap, f);
	if (vasprintf(&s, f, ap) < 0)
		s = NULL;
	va_end(ap);
	return s;
}

struct ksd_error *sdei_ksyms_line(void *arg, const char *line)
{
	struct ksyms_facts *k = arg;
	const char *name;

	/* "<address> <type> <name>[\t[module]]" */
	name = strchr(line, ' ');
	if (!name || !name[1] || name[2] != ' ')
		return NULL;
	name += 3;
	if (strncmp(name, "sdei_nmi_", 9) == 0) {
		k->nmi_service = true;
		if (strncmp(name, "sdei_nmi_stop_cpus", 18) == 0 &&
		    (name[18] == '\0' || name[18] == '\t'))
			k->stop_rung = true;
	} else if (strncmp(name, "sdei_event_signal", 17) == 0 &&
		   (name[17] == '\0' || name[17] == '\t')) {
		k->event_signal = true;
	} else if (strncmp(name, "sdei_probe", 10) == 0 &&
		   (name[10] == '\0' || name[10] == '\t')) {
		k->sdei_driver = true;
	}
	return NULL;
}

static struct ksd_error *read_ksyms(const struct sysroot *sr,
				    struct ksyms_facts *k)
{
	struct ksd_error *err;

	err = sysroot_for_each_line(sr, "/proc/kallsyms", MAX_KALLSYMS_BYTES,
				    sdei_ksyms_line, k);
	if (err && (err->code == KSD_ERR_NOT_FOUND || err->code == KSD_ERR_OS)) {
		ksd_error_destroy(err);
		memset(k, 0, sizeof(*k));
		return NULL;
	}
	if (!err)
		k->readable = true;
	return err;
}

/* Entries of a driver directory that are not bound devices. */
static bool driver_attr(const char *name)
{
	static const char *const attrs[] = {
		".", "..", "bind", "unbind", "uevent", "module", "new_id",
		"remove_id",
	};

	for (size_t i = 0; i < sizeof(attrs) / sizeof(*attrs); i++)
		if (strcmp(name, attrs[i]) == 0)
			return true;
	return false;
}

static struct ksd_error *read_driver(const struct sysroot *sr,
				     struct driver_facts *d)
{
	struct ksd_error *err;
	struct dirent *de;
	DIR *dir;

	memset(d, 0, sizeof(*d));
	if (!sysroot_exists(sr, "/sys/bus/platform/drivers"))
		return NULL;
	d->known = true;
	err = sysroot_opendir(sr, "/sys/bus/platform/drivers/sdei", &dir);
	if (err && err->code == KSD_ERR_NOT_FOUND) {
		ksd_error_destroy(err);
		return NULL;
	}
	if (err)
		return err;
	d->registered = true;
	while ((de = readdir(dir))) {
		if (driver_attr(de->d_name))
			continue;
		d->bound = true;
		/* Device names are short ("firmware:sdei", "sdei.0"). */
		size_t n = strnlen(de->d_name, sizeof(d->device) - 1);

		memcpy(d->device, de->d_name, n);
		d->device[n] = '\0';
		break;
	}
	closedir(dir);
	return NULL;
}

static struct ksd_error *read_cmdline(const struct sysroot *sr,
				      struct sdei_inputs *in)
{
	struct ksd_error *err;
	const char *val;
	size_t vlen;
	char *line;

	in->pnmi_param = -1;
	err = cmdline_read_proc(sr, &line);
	if (err && err->code == KSD_ERR_NOT_FOUND) {
		ksd_error_destroy(err);
		return NULL;
	}
	if (err)
		return err;
	in->have_cmdline = true;
	if (ksd_cmdline_get(line, "irqchip.gicv3_pseudo_nmi", &val, &vlen))
		in->pnmi_param = cmdline_bool(val, vlen);
	free(line);
	return NULL;
}

static struct ksd_error *gather(const struct sysroot *sr, struct sdei_inputs *in)
{
	struct ksd_error *err, *why = NULL;
	const uint64_t *fw = NULL;
	unsigned int nfw = 0;
	enum mpidr_source src = MPIDR_UNKNOWN;

	err = acpi_read(sr, &in->acpi);
	if (!err && !in->acpi.present)
		err = dt_read(sr, &in->dt);
	if (!err)
		err = kmsg_read(sr, &in->log, &why);
	if (!err && why) {
		in->log_unreadable = ksd_error_take_message(why);
		if (!in->log_unreadable)
			err = &ksd_enomem;
	}
	if (!err)
		err = read_ksyms(sr, &in->ksyms);
	if (!err)
		err = read_driver(sr, &in->driver);
	if (!err)
		err = read_cmdline(sr, in);
	if (!err) {
		err = sysroot_read_line(sr, "/proc/sys/kernel/osrelease",
					&in->osrelease);
		if (err && err->code == KSD_ERR_NOT_FOUND) {
			ksd_error_destroy(err);
			err = NULL;
		}
	}
	if (err)
		return err;
	if (in->acpi.present) {
		fw = in->acpi.cpus;
		nfw = in->acpi.ncpus;
		src = MPIDR_FROM_ACPI;
	} else if (in->dt.source != DT_NONE) {
		fw = in->dt.cpus;
		nfw = in->dt.ncpus;
		src = MPIDR_FROM_DT;
	}
	return cpu_map_read(sr, &in->log, fw, nfw, src, &in->cpus);
}

static void decide_firmware(struct sdei_status *st)
{
	const struct sdei_inputs *in = &st->in;
	struct ksd_record *r = &st->rec;

	if (in->acpi.present) {
		r->firmware = in->acpi.sdei_table ? KSD_FW_ACPI : KSD_FW_NONE;
		r->conduit = in->acpi.sdei_table ? acpi_conduit(&in->acpi)
						 : KSD_CONDUIT_UNKNOWN;
		st->firmware_text = in->acpi.sdei_table ?
			fmt("ACPI SDEI table; conduit %s (%s)",
			    ksd_sdei_conduit_name(r->conduit),
			    in->acpi.fadt ? "the PSCI conduit of the FADT" :
			    "the FADT cannot be read") :
			fmt("ACPI, no SDEI table");
	} else if (in->dt.source != DT_NONE) {
		const char *src = in->dt.source == DT_FDT ? "/sys/firmware/fdt"
							   : "/proc/device-tree";

		r->firmware = in->dt.sdei_compatible ? KSD_FW_DT : KSD_FW_NONE;
		r->conduit = in->dt.sdei_compatible ? in->dt.conduit
						    : KSD_CONDUIT_UNKNOWN;
		if (in->dt.sdei_compatible)
			st->firmware_text = fmt("device tree /firmware/sdei (arm,sdei-1.0, method \"%s\") in %s",
						in->dt.method[0] ? in->dt.method : "", src);
		else if (in->dt.sdei_node)
			st->firmware_text = fmt("device tree /firmware/sdei without compatible \"arm,sdei-1.0\" in %s",
						src);
		else
			st->firmware_text = fmt("device tree in %s has no /firmware/sdei", src);
	} else {
		r->firmware = KSD_FW_UNKNOWN;
		r->conduit = KSD_CONDUIT_UNKNOWN;
		st->firmware_text = fmt("no device tree and no ACPI tables found");
	}
}

static bool log_reaches_boot(const struct sdei_inputs *in)
{
	return in->log.readable && in->log.from_boot && !in->log.truncated;
}

/* SDEI_NMI and its reason; the rules of docs/sdei-detection.md. */
static void decide_nmi(struct sdei_status *st)
{
	const struct sdei_inputs *in = &st->in;
	enum ksd_sdei_nmi *nmi = &st->rec.nmi;

	*nmi = KSD_NMI_UNAVAILABLE;
	if (st->rec.firmware == KSD_FW_NONE) {
		st->reason = fmt("no SDEI firmware");
	} else if (in->log.sdei_failed) {
		st->reason = fmt("the kernel log says the SDEI interface is unusable: \"%s\"",
				 in->log.sdei_failure);
	} else if (in->log.nmi_failed) {
		st->reason = fmt("the SDEI NMI service failed to start: \"%s\"",
				 in->log.nmi_failure);
	} else if (in->ksyms.readable && !in->ksyms.stop_rung) {
		st->reason = in->ksyms.nmi_service ?
			fmt("the kernel has the SDEI NMI service but no SDEI stop rung (no sdei_nmi_stop_cpus in /proc/kallsyms)") :
			fmt("the kernel has no SDEI NMI service (no sdei_nmi_* symbols in /proc/kallsyms; CONFIG_ARM_SDEI_NMI)");
	} else if (in->driver.known && !in->driver.registered) {
		st->reason = fmt("the kernel has no SDEI driver (no /sys/bus/platform/drivers/sdei; CONFIG_ARM_SDE_INTERFACE)");
	} else if (in->driver.known && !in->driver.bound) {
		st->reason = fmt("the SDEI driver is bound to no device: the kernel did not take the firmware interface");
	} else if (in->log.nmi_up) {
		*nmi = KSD_NMI_ARMED;
		st->reason = fmt("the kernel log has \"sdei_nmi: using SDEI cross-CPU NMI\"");
	} else if (!log_reaches_boot(in) && in->driver.bound &&
		   in->ksyms.stop_rung) {
		*nmi = KSD_NMI_ARMED;
		st->reason = fmt("the SDEI driver is bound (%s) and the kernel has the stop rung; its boot line is not in the log (%s)",
				 in->driver.device,
				 in->log.readable ? "the log no longer reaches back to boot"
						  : "the log cannot be read");
	} else if (log_reaches_boot(in)) {
		*nmi = KSD_NMI_UNKNOWN;
		st->reason = fmt("the log reaches back to boot but has neither the SDEI NMI service's boot line nor a failure line");
	} else {
		*nmi = KSD_NMI_UNKNOWN;
		st->reason = fmt("not enough evidence: %s%s%s",
				 in->ksyms.readable ? "" : "/proc/kallsyms cannot be read, ",
				 in->driver.known ? "" : "/sys/bus/platform/drivers cannot be read, ",
				 in->log.readable ? "the log no longer reaches back to boot"
						  : "the log cannot be read");
	}
}

static void decide_pnmi(struct sdei_status *st)
{
	const struct sdei_inputs *in = &st->in;
	enum ksd_pseudo_nmi *p = &st->rec.pseudo_nmi;

	if (in->log.pnmi_enabled) {
		*p = KSD_PNMI_ON;
		st->pnmi_reason = fmt("the kernel log has \"GICv3: Pseudo-NMIs enabled\"");
	} else if (in->log.pnmi_refused) {
		*p = KSD_PNMI_OFF;
		st->pnmi_reason = fmt("the kernel log has \"CPU features: Pseudo-NMI disabled\"");
	} else if (in->have_cmdline && in->pnmi_param != 1) {
		*p = KSD_PNMI_OFF;
		st->pnmi_reason = fmt("irqchip.gicv3_pseudo_nmi=1 is not on the kernel command line");
	} else if (in->have_cmdline && log_reaches_boot(in)) {
		*p = KSD_PNMI_OFF;
		st->pnmi_reason = fmt("irqchip.gicv3_pseudo_nmi=1 is on the command line, but the log from boot has no \"GICv3: Pseudo-NMIs enabled\" (no CONFIG_ARM64_PSEUDO_NMI, or no GICv3?)");
	} else {
		*p = KSD_PNMI_UNKNOWN;
		st->pnmi_reason = fmt(in->have_cmdline ?
				      "irqchip.gicv3_pseudo_nmi=1 is on the command line; its boot line is not in the log" :
				      "/proc/cmdline cannot be read and the log has no GICv3 pseudo-NMI line");
	}
}

/* EVIDENCE=: the facts seen, as words, for the record. */
static struct ksd_error *set_evidence(struct sdei_status *st)
{
	const struct sdei_inputs *in = &st->in;
	const char *words[16];
	size_t n = 0, len = 0;
	struct ksd_error *err;
	char *s;

	if (in->acpi.sdei_table)
		words[n++] = "acpi-table";
	if (in->dt.sdei_compatible)
		words[n++] = "dt-node";
	if (in->driver.bound)
		words[n++] = "driver-bound";
	if (in->ksyms.stop_rung)
		words[n++] = "stop-symbols";
	if (in->log.sdei_probed)
		words[n++] = "sdei-probed";
	if (in->log.nmi_up)
		words[n++] = "nmi-boot-line";
	if (in->log.sdei_failed || in->log.nmi_failed)
		words[n++] = "failure-line";
	words[n++] = !in->log.readable ? "log-unreadable" :
		     log_reaches_boot(in) ? "log-from-boot" : "log-rotated";
	if (in->log.pnmi_enabled)
		words[n++] = "pnmi-boot-line";
	if (in->pnmi_param == 1)
		words[n++] = "pnmi-cmdline";
	for (size_t i = 0; i < n; i++)
		len += strlen(words[i]) + 1;
	s = malloc(len);
	if (!s)
		return &ksd_enomem;
	s[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(s, ",");
		strcat(s, words[i]);
	}
	err = ksd_record_set_evidence(&st->rec, s);
	free(s);
	return err;
}

struct ksd_error *sdei_decide(struct sdei_status *st)
{
	const struct cpu_map *m = &st->in.cpus;
	struct ksd_error *err = NULL;

	free(st->reason);
	free(st->pnmi_reason);
	free(st->firmware_text);
	st->reason = st->pnmi_reason = st->firmware_text = NULL;
	decide_firmware(st);
	decide_nmi(st);
	decide_pnmi(st);
	if (!st->firmware_text || !st->reason || !st->pnmi_reason)
		return &ksd_enomem;
	st->armed = st->rec.nmi == KSD_NMI_ARMED;
	if (st->in.osrelease)
		err = ksd_record_set_osrelease(&st->rec, st->in.osrelease);
	if (!err)
		err = set_evidence(st);
	if (!err && m->have_possible) {
		st->rec.has_nr_cpus = true;
		st->rec.nr_cpus = m->n;
	}
	/* A CPU line needs all three numbers; a CPU without one has none. */
	for (unsigned int i = 0; !err && i < m->n; i++) {
		const struct cpu_info *c = &m->cpus[i];

		if (c->have_mpidr && c->have_notes)
			err = ksd_record_set_cpu(&st->rec, c->cpu, c->mpidr,
						 c->notes, c->notes_size);
	}
	return err;
}

struct ksd_error *sdei_detect(const struct sysroot *sr, const char *loader,
			      int64_t now, struct sdei_status *ret)
{
	struct ksd_error *err;

	memset(ret, 0, sizeof(*ret));
	ksd_record_init(&ret->rec);
	kmsg_facts_init(&ret->in.log);
	err = ksd_record_set_loader(&ret->rec, loader);
	ret->rec.has_loaded = true;
	ret->rec.loaded = now;
	if (!err)
		err = gather(sr, &ret->in);
	if (!err)
		err = sdei_decide(ret);
	if (err) {
		sdei_status_deinit(ret);
		return ksd_error_prefix(err, "checking SDEI");
	}
	return NULL;
}

void sdei_status_deinit(struct sdei_status *st)
{
	dt_facts_deinit(&st->in.dt);
	acpi_facts_deinit(&st->in.acpi);
	kmsg_facts_deinit(&st->in.log);
	cpu_map_deinit(&st->in.cpus);
	free(st->in.log_unreadable);
	free(st->in.osrelease);
	ksd_record_deinit(&st->rec);
	free(st->reason);
	free(st->pnmi_reason);
	free(st->firmware_text);
	memset(st, 0, sizeof(*st));
}

char *sdei_status_token(const struct sdei_status *st)
{
	int n = ksd_record_token_format(&st->rec, NULL, 0);
	char *s;

	if (n < 0)
		return NULL;
	s = malloc((size_t)n + 1);
	if (s)
		ksd_record_token_format(&st->rec, s, (size_t)n + 1);
	return s;
}
