// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The report for pipelines.  Schema: docs/json-schema.md.  64-bit values
 * (addresses, registers) are "0x..." strings; small counts are numbers.
 */
#include "config.h"


#include "util/json.h"
#include "kernel/kernel.h"
#include "kernel/printk.h"
#include "report.h"

static const char *buffer_name(enum buffer_state b)
{
	switch (b) {
	case BUFFER_NOT_READ:	return "not-read";
	case BUFFER_EMPTY:	return "empty";
	case BUFFER_NOTE:	return "note";
	case BUFFER_UNREADABLE:	return "unreadable";
	}
	return "not-read";
}

static void json_kv_str(FILE *out, const char *key, const char *v, bool comma)
{
	fprintf(out, "\"%s\": ", key);
	if (v)
		ksd_json_string(out, v);
	else
		fputs("null", out);
	if (comma)
		fputs(", ", out);
}

static void print_dump(FILE *out, const struct analysis *a)
{
	const struct ksd_dump_info *in = &a->info;
	bool kdump = in->compression != NULL;

	fputs("  \"dump\": {", out);
	json_kv_str(out, "path", a->path, true);
	fputs("\"parts\": [", out);
	for (unsigned int i = 0; i < in->parts; i++) {
		if (i)
			fputs(", ", out);
		ksd_json_string(out, a->parts[i]);
	}
	fputs("], ", out);
	json_kv_str(out, "format", in->format, true);
	json_kv_str(out, "container", in->container, true);
	fprintf(out, "\"elf_class\": %u, \"byte_order\": \"%s\", \"machine\": \"aarch64\", ",
		in->elf_class, in->big_endian ? "big" : "little");
	fprintf(out, "\"incomplete\": %s, \"truncated\": %s, \"file_size\": %llu, ",
		in->incomplete ? "true" : "false",
		in->truncated ? "true" : "false",
		(unsigned long long)in->file_size);
	if (kdump)
		fprintf(out, "\"load_segments\": null, \"header_version\": %u, \"block_size\": %u, ",
			in->header_version, in->block_size);
	else
		fprintf(out, "\"load_segments\": %llu, \"header_version\": null, \"block_size\": null, ",
			(unsigned long long)in->load_segments);
	json_kv_str(out, "compression", in->compression, true);
	if (in->dump_level >= 0)
		fprintf(out, "\"dump_level\": %d},\n", in->dump_level);
	else
		fputs("\"dump_level\": null},\n", out);
	fputs("  \"kernel\": {", out);
	json_kv_str(out, "osrelease", a->osrelease, true);
	if (a->has_crashtime)
		fprintf(out, "\"crashtime\": %llu, ", (unsigned long long)a->crashtime);
	else
		fputs("\"crashtime\": null, ", out);
	if (a->page_size)
		fprintf(out, "\"page_size\": %llu},\n", (unsigned long long)a->page_size);
	else
		fputs("\"page_size\": null},\n", out);
}

/* null unless an address lay in module space and the list was read. */
static void print_modules(FILE *out, const struct analysis *a)
{
	const struct ksd_kernel *k = a->kernel;

	fputs("  \"modules\": ", out);
	if (!k || !k->mods_tried) {
		fputs("null,\n", out);
		return;
	}
	if (k->mods)
		fprintf(out, "{\"loaded\": %zu, \"layouts\": \"%s\", ", ksd_modules_count(k->mods),
			k->btf ? "btf" : "probed");
	else
		fputs("{\"loaded\": null, \"layouts\": null, ", out);
	json_kv_str(out, "problem", k->mods ? ksd_modules_problem(k->mods) : k->mods_problem, true);
	json_kv_str(out, "btf_problem", k->btf ? NULL : k->btf_problem, false);
	fputs("},\n", out);
}

static void print_record(FILE *out, const struct analysis *a)
{
	const struct ksd_record *r = &a->record;

	if (!a->has_record) {
		fputs("  \"record\": null,\n", out);
		return;
	}
	fprintf(out, "  \"record\": {\"source\": \"%s\", \"version\": %u, ",
		a->record_source == SRC_CMDLINE ? "cmdline" : "note", r->version);
	json_kv_str(out, "loader", r->loader, true);
	json_kv_str(out, "osrelease", r->osrelease, true);
	if (r->has_loaded)
		fprintf(out, "\"loaded\": %lld, ", (long long)r->loaded);
	else
		fputs("\"loaded\": null, ", out);
	fprintf(out, "\"sdei_firmware\": \"%s\", \"sdei_conduit\": \"%s\", \"sdei_nmi\": \"%s\", \"pseudo_nmi\": \"%s\", ",
		ksd_sdei_firmware_name(r->firmware),
		ksd_sdei_conduit_name(r->conduit), ksd_sdei_nmi_name(r->nmi),
		ksd_pseudo_nmi_name(r->pseudo_nmi));
	if (r->has_nr_cpus)
		fprintf(out, "\"nr_cpus\": %u},\n", r->nr_cpus);
	else
		fputs("\"nr_cpus\": null},\n", out);
}

static void print_registers(FILE *out, const struct cpu_report *c)
{
	fputs("\"registers\": {", out);
	for (unsigned int r = 0; r < AARCH64_NGREG; r++) {
		fprintf(out, "%s\"%s\": ", r ? ", " : "", aarch64_reg_name(r));
		ksd_json_hex(out, aarch64_reg_value(&c->prs.regs, r));
	}
	fputs("}, ", out);
	fputs("\"pstate\": {\"value\": ", out);
	ksd_json_hex(out, c->pstate.raw);
	fputs(", \"mode\": ", out);
	ksd_json_string(out, c->pstate.mode);
	fprintf(out, ", \"aarch32\": %s, \"el\": %u, \"kernel_mode\": %s, \"d\": %s, \"a\": %s, \"i\": %s, \"f\": %s}, ",
		c->pstate.aarch32 ? "true" : "false", c->pstate.el,
		c->pstate.kernel_mode ? "true" : "false",
		c->pstate.d ? "true" : "false", c->pstate.a ? "true" : "false",
		c->pstate.i ? "true" : "false", c->pstate.f ? "true" : "false");
}

static const char *frame_kind(enum aarch64_frame_kind k)
{
	switch (k) {
	case FRAME_PC:		return "pc";
	case FRAME_LR:		return "lr";
	case FRAME_RECORD:	return "frame";
	case FRAME_EXCEPTION:	return "exception";
	}
	return "frame";
}

static void print_backtrace(FILE *out, const struct cpu_report *c)
{
	if (!c->bt) {
		fputs("null", out);
		return;
	}
	fputs("{\"frames\": [", out);
	for (size_t j = 0; j < c->bt->nframes; j++) {
		const struct aarch64_frame *f = &c->bt->frames[j];

		fprintf(out, "%s{\"pc\": ", j ? ", " : "");
		ksd_json_hex(out, f->pc);
		fputs(", \"symbol\": ", out);
		ksd_json_string(out, c->bt_syms[j]);
		fprintf(out, ", \"kind\": \"%s\", \"stack\": ", frame_kind(f->kind));
		if (f->stack)
			ksd_json_string(out, f->stack);
		else
			fputs("null", out);
		fputc('}', out);
	}
	fputs("], \"stop\": ", out);
	ksd_json_string(out, c->bt->stop);
	fprintf(out, ", \"complete\": %s}", c->bt->complete ? "true" : "false");
}

/* The kernel log's crash-stop lines, verbatim, in log order. */
static void print_log_summary(FILE *out, const struct analysis *a)
{
	if (!a->has_log) {
		fputs("  \"log\": null,\n", out);
		return;
	}
	fprintf(out, "  \"log\": {\"records\": %zu, \"format\": \"%s\", \"stop_lines\": [",
		a->log->nr_records,
		a->log->format == KSD_PRINTK_LOCKLESS ? "lockless" : "structured");
	for (size_t i = 0; i < a->nr_stop_lines; i++) {
		fputs(i ? ", " : "", out);
		ksd_json_string(out, a->log->records[a->stop_lines[i]].text);
	}
	fputs("]},\n", out);
}

static void print_cpu(FILE *out, const struct cpu_report *c, bool last)
{
	fprintf(out, "    {\"cpu\": %u, \"verdict\": \"%s\", \"possible\": [",
		c->cpu, verdict_name(c->verdict));
	if (c->ambiguous)
		fprintf(out, "\"%s\", \"%s\"", verdict_name(c->maybe[0]),
			verdict_name(c->maybe[1]));
	fprintf(out, "], \"wedged\": %s, ", c->wedged ? "true" : "false");
	fputs("\"mpidr\": ", out);
	if (c->in_record)
		ksd_json_hex(out, c->mpidr);
	else
		fputs("null", out);
	fputs(", \"crash_notes\": ", out);
	if (c->has_notes_addr)
		ksd_json_hex(out, c->notes_addr);
	else
		fputs("null", out);
	fputs(", ", out);
	fprintf(out, "\"buffer\": \"%s\", ", buffer_name(c->buffer));
	if (c->note_index >= 0)
		fprintf(out, "\"note_index\": %d, ", c->note_index);
	else
		fputs("\"note_index\": null, ", out);
	if (c->has_regs) {
		fprintf(out, "\"pid\": %d, ", c->prs.pid);
		print_registers(out, c);
	} else {
		fputs("\"pid\": null, \"registers\": null, \"pstate\": null, ", out);
	}
	fputs("\"pc_symbol\": ", out);
	if (c->pc_sym)
		ksd_json_string(out, c->pc_sym);
	else
		fputs("null", out);
	fputs(", \"lr_symbol\": ", out);
	if (c->lr_sym)
		ksd_json_string(out, c->lr_sym);
	else
		fputs("null", out);
	fputs(", \"backtrace\": ", out);
	print_backtrace(out, c);
	fputs(", \"evidence\": [", out);
	for (size_t j = 0; j < c->nev; j++) {
		fprintf(out, "%s{\"source\": \"%s\", \"text\": ", j ? ", " : "",
			evidence_source_name(c->ev[j].source));
		ksd_json_string(out, c->ev[j].text);
		fputc('}', out);
	}
	fprintf(out, "]}%s\n", last ? "" : ",");
}

int report_json(FILE *out, const struct analysis *a,
		const struct report_opts *opts)
{
	size_t shown = 0, wedged = 0, printed = 0;

	for (size_t i = 0; i < a->ncpus; i++) {
		if (report_shows(opts, &a->cpus[i])) {
			shown++;
			wedged += a->cpus[i].wedged;
		}
	}
	fprintf(out, "{\n  \"schema\": \"%s\",\n  \"schema_version\": %d,\n",
		REPORT_JSON_SCHEMA, REPORT_JSON_SCHEMA_VERSION);
	fprintf(out, "  \"tool\": {\"name\": \"vmcore-sdei\", \"version\": \"%s\"},\n",
		PACKAGE_VERSION);
	print_dump(out, a);
	print_record(out, a);
	fprintf(out, "  \"numbering\": {\"method\": \"%s\", \"certain\": %s},\n",
		a->numbering == NUMBERING_RECORD ? "record" :
		a->numbering == NUMBERING_MEMORY ? "memory" : "note-order",
		a->numbering_certain ? "true" : "false");
	fputs("  \"symbols\": ", out);
	if (a->kernel && a->kernel->syms)
		fprintf(out, "{\"source\": \"%s\", \"count\": %zu},\n",
			ksd_symtab_source(a->kernel->syms),
			ksd_symtab_count(a->kernel->syms));
	else
		fputs("null,\n", out);
	print_modules(out, a);
	print_log_summary(out, a);
	fprintf(out, "  \"prstatus_notes\": %u,\n", a->nprstatus);
	if (a->panic_cpu >= 0) {
		fprintf(out, "  \"panic_cpu\": %d,\n  \"panic_evidence\": {\"source\": \"%s\", \"text\": ",
			a->panic_cpu, evidence_source_name(a->panic_source));
		ksd_json_string(out, a->panic_why);
		fputs("},\n", out);
	} else {
		fputs("  \"panic_cpu\": null,\n  \"panic_evidence\": null,\n", out);
	}
	fputs("  \"cpus\": [\n", out);
	for (size_t i = 0; i < a->ncpus; i++) {
		if (!report_shows(opts, &a->cpus[i]))
			continue;
		print_cpu(out, &a->cpus[i], ++printed == shown);
	}
	fprintf(out, "  ],\n  \"summary\": {\"cpus\": %zu, \"wedged\": %zu, \"wedged_at_least_more\": %zu},\n",
		shown, wedged, opts->only_cpu < 0 ? a->wedged_at_least : 0);
	fputs("  \"warnings\": [", out);
	for (size_t i = 0; i < a->nwarnings; i++) {
		fputs(i ? ", " : "", out);
		ksd_json_string(out, a->warnings[i]);
	}
	fputs("]\n}\n", out);
	/* The caller flushes and reports errno (ENOSPC on a full disk). */
	return ferror(out) ? -1 : 0;
}
