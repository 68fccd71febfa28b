// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sdei-report.h"
#include "util/json.h"

const char *sdei_state_word(const struct sdei_status *st)
{
	switch (st->rec.nmi) {
	case KSD_NMI_ARMED:	  return "armed";
	case KSD_NMI_UNAVAILABLE: return "not armed";
	case KSD_NMI_UNKNOWN:	  break;
	}
	return "cannot tell";
}

static const char *kernel_text(const struct ksyms_facts *k)
{
	if (!k->readable)
		return "/proc/kallsyms cannot be read";
	if (k->stop_rung)
		return "SDEI NMI service with the stop rung (sdei_nmi_stop_cpus)";
	if (k->nmi_service)
		return "SDEI NMI service without the stop rung (no sdei_nmi_stop_cpus)";
	return "no SDEI NMI service (no sdei_nmi_* symbols)";
}

static void print_driver(FILE *out, const struct driver_facts *d)
{
	if (!d->known)
		fputs("/sys/bus/platform/drivers cannot be read\n", out);
	else if (!d->registered)
		fputs("no sdei platform driver\n", out);
	else if (!d->bound)
		fputs("sdei platform driver bound to no device\n", out);
	else
		fprintf(out, "sdei platform driver bound to %s\n", d->device);
}

static void print_log(FILE *out, const struct sdei_inputs *in)
{
	const struct kmsg_facts *l = &in->log;

	if (!l->readable) {
		fprintf(out, "cannot be read: %s\n",
			in->log_unreadable ? in->log_unreadable : "unknown error");
		return;
	}
	if (l->truncated)
		fprintf(out, "%lu records, cut off after the first %u MiB (the most read)",
			l->records, KSD_MAX_KMSG_BYTES >> 20);
	else if (l->from_boot)
		fprintf(out, "%lu records from boot", l->records);
	else if (l->have_first_seq)
		fprintf(out, "%lu records from sequence %llu (boot messages gone)",
			l->records, (unsigned long long)l->first_seq);
	else
		fprintf(out, "%lu records, boot messages gone", l->records);
	if (l->sdei_probed)
		fprintf(out, "; SDEIv%s probed", l->sdei_version);
	if (l->sdei_failed)
		fprintf(out, "; \"%s\"", l->sdei_failure);
	if (l->nmi_up)
		fputs("; SDEI NMI service started", out);
	if (l->nmi_failed)
		fprintf(out, "; \"%s\"", l->nmi_failure);
	fputc('\n', out);
}

static void print_cpus(FILE *out, const struct cpu_map *m, const char *indent)
{
	if (!m->have_possible) {
		fputs("/sys/devices/system/cpu/possible cannot be read\n", out);
		return;
	}
	fprintf(out, "%u possible\n", m->n);
	for (unsigned int i = 0; i < m->n; i++) {
		const struct cpu_info *c = &m->cpus[i];

		fprintf(out, "%s  CPU %u: ", indent, c->cpu);
		if (c->have_mpidr)
			fprintf(out, "mpidr 0x%llx (%s)", (unsigned long long)c->mpidr,
				mpidr_source_name(c->mpidr_source));
		else
			fputs("mpidr unknown", out);
		if (c->have_notes)
			fprintf(out, ", crash_notes 0x%llx, %llu bytes\n",
				(unsigned long long)c->notes,
				(unsigned long long)c->notes_size);
		else
			fputs(", no crash_notes\n", out);
	}
}

int sdei_print_details(FILE *out, const struct sdei_status *st,
		       const char *indent)
{
	const struct sdei_inputs *in = &st->in;
	char *token = sdei_status_token(st);

	if (!token)
		return -1;
	fprintf(out, "%sreason:      %s\n", indent, st->reason);
	fprintf(out, "%sfirmware:    %s\n", indent, st->firmware_text);
	fprintf(out, "%skernel:      %s\n", indent, kernel_text(&in->ksyms));
	fprintf(out, "%sdriver:      ", indent);
	print_driver(out, &in->driver);
	fprintf(out, "%slog:         ", indent);
	print_log(out, in);
	fprintf(out, "%spseudo-NMI:  %s: %s\n", indent,
		ksd_pseudo_nmi_name(st->rec.pseudo_nmi), st->pnmi_reason);
	fprintf(out, "%sCPUs:        ", indent);
	print_cpus(out, &in->cpus, indent);
	fprintf(out, "%stoken:       %s\n", indent, token);
	free(token);
	return 0;
}

static int print_record_lines(FILE *out, const struct sdei_status *st,
			      const char *indent)
{
	size_t len;
	char *text;

	if (ksd_record_format(&st->rec, &text, &len))
		return -1;
	for (char *line = text, *nl; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			break;
		fprintf(out, "%s%.*s\n", indent, (int)(nl - line), line);
	}
	free(text);
	return 0;
}

int sdei_print_text(FILE *out, const struct sdei_status *st)
{
	fprintf(out, "SDEI stop: %s\n", sdei_state_word(st));
	if (sdei_print_details(out, st, "  ") < 0)
		return -1;
	fputs("record:\n", out);
	return print_record_lines(out, st, "  ");
}

static void json_bool(FILE *out, bool b)
{
	fputs(b ? "true" : "false", out);
}

static void json_text_or_null(FILE *out, bool have, const char *s)
{
	if (have)
		ksd_json_string(out, s);
	else
		fputs("null", out);
}

static void json_cpus(FILE *out, const struct cpu_map *m, const char *indent)
{
	fputc('[', out);
	for (unsigned int i = 0; i < m->n; i++) {
		const struct cpu_info *c = &m->cpus[i];

		fprintf(out, "%s\n%s  {\"cpu\": %u, \"mpidr\": ", i ? "," : "",
			indent, c->cpu);
		if (c->have_mpidr)
			ksd_json_hex(out, c->mpidr);
		else
			fputs("null", out);
		fputs(", \"mpidr_source\": ", out);
		ksd_json_string(out, mpidr_source_name(c->mpidr_source));
		fputs(", \"crash_notes\": ", out);
		if (c->have_notes)
			ksd_json_hex(out, c->notes);
		else
			fputs("null", out);
		if (c->have_notes)
			fprintf(out, ", \"crash_notes_size\": %llu}",
				(unsigned long long)c->notes_size);
		else
			fputs(", \"crash_notes_size\": null}", out);
	}
	if (m->n)
		fprintf(out, "\n%s]", indent);
	else
		fputc(']', out);
}

int sdei_print_json_members(FILE *out, const struct sdei_status *st,
			    const char *ind)
{
	const struct sdei_inputs *in = &st->in;
	const struct kmsg_facts *l = &in->log;
	char *token = sdei_status_token(st), *text;
	size_t len;

	if (!token)
		return -1;
	if (ksd_record_format(&st->rec, &text, &len)) {
		free(token);
		return -1;
	}
	fprintf(out, "%s\"sdei_nmi\": ", ind);
	ksd_json_string(out, ksd_sdei_nmi_name(st->rec.nmi));
	fprintf(out, ",\n%s\"reason\": ", ind);
	ksd_json_string(out, st->reason);
	fprintf(out, ",\n%s\"firmware\": {\"kind\": ", ind);
	ksd_json_string(out, ksd_sdei_firmware_name(st->rec.firmware));
	fputs(", \"conduit\": ", out);
	ksd_json_string(out, ksd_sdei_conduit_name(st->rec.conduit));
	fputs(", \"text\": ", out);
	ksd_json_string(out, st->firmware_text);
	fprintf(out, "},\n%s\"kernel\": {\"kallsyms_readable\": ", ind);
	json_bool(out, in->ksyms.readable);
	fputs(", \"nmi_service\": ", out);
	json_bool(out, in->ksyms.nmi_service);
	fputs(", \"stop_rung\": ", out);
	json_bool(out, in->ksyms.stop_rung);
	fputs(", \"event_signal\": ", out);
	json_bool(out, in->ksyms.event_signal);
	fprintf(out, "},\n%s\"driver\": {\"readable\": ", ind);
	json_bool(out, in->driver.known);
	fputs(", \"registered\": ", out);
	json_bool(out, in->driver.registered);
	fputs(", \"bound\": ", out);
	json_bool(out, in->driver.bound);
	fputs(", \"device\": ", out);
	json_text_or_null(out, in->driver.bound, in->driver.device);
	fprintf(out, "},\n%s\"log\": {\"readable\": ", ind);
	json_bool(out, l->readable);
	fputs(", \"error\": ", out);
	ksd_json_string(out, in->log_unreadable);
	fputs(", \"from_boot\": ", out);
	json_bool(out, l->readable && l->from_boot && !l->truncated);
	fprintf(out, ", \"records\": %lu, \"sdei_version\": ", l->records);
	json_text_or_null(out, l->sdei_probed, l->sdei_version);
	fputs(", \"sdei_failure\": ", out);
	json_text_or_null(out, l->sdei_failed, l->sdei_failure);
	fputs(", \"nmi_boot_line\": ", out);
	json_bool(out, l->nmi_up);
	fputs(", \"nmi_failure\": ", out);
	json_text_or_null(out, l->nmi_failed, l->nmi_failure);
	fprintf(out, "},\n%s\"pseudo_nmi\": {\"state\": ", ind);
	ksd_json_string(out, ksd_pseudo_nmi_name(st->rec.pseudo_nmi));
	fputs(", \"reason\": ", out);
	ksd_json_string(out, st->pnmi_reason);
	fprintf(out, "},\n%s\"cpus\": ", ind);
	if (in->cpus.have_possible)
		json_cpus(out, &in->cpus, ind);
	else
		fputs("null", out);
	fprintf(out, ",\n%s\"record\": {\"token\": ", ind);
	ksd_json_string(out, token);
	fputs(", \"text\": ", out);
	ksd_json_string(out, text);
	fputc('}', out);
	free(token);
	free(text);
	return 0;
}

int sdei_print_json(FILE *out, const struct sdei_status *st, const char *tool)
{
	fputs("{\n  \"schema\": \"kexec-sdei.kexec.sdei-status\",\n"
	      "  \"schema_version\": 1,\n  \"tool\": ", out);
	ksd_json_string(out, tool);
	fputs(",\n  \"armed\": ", out);
	json_bool(out, st->armed);
	fputs(",\n", out);
	if (sdei_print_json_members(out, st, "  ") < 0)
		return -1;
	fputs("\n}\n", out);
	return 0;
}
