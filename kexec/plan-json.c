// SPDX-License-Identifier: GPL-2.0-or-later
/* The load plan as JSON (schema kexec-sdei.kexec.plan, docs/kexec-json.md). */
#include "config.h"

#include "plan.h"
#include "plan-load-print.h"
#include "sdei-report.h"
#include "util/json.h"

static void print_kernel(FILE *out, const struct kernel_image *k)
{
	const struct arm64_image_header *h = &k->header;

	fputs("{\"path\": ", out);
	ksd_json_string(out, k->path);
	fputs(", \"format\": ", out);
	ksd_json_string(out, image_format_name(k));
	fputs(", \"compression\": ", out);
	ksd_json_string(out, ksd_compression_name(k->comp));
	fprintf(out, ", \"file_size\": %llu, \"size\": %llu, \"passed_as\": \"%s\",\n",
		(unsigned long long)k->file_size, (unsigned long long)k->size,
		k->memfd ? "memfd" : "file");
	fputs("    \"text_offset\": ", out);
	ksd_json_hex(out, h->text_offset);
	fputs(", \"image_size\": ", out);
	ksd_json_hex(out, h->image_size);
	fprintf(out, ", \"page_size\": %u, \"big_endian\": %s, \"zboot\": ",
		arm64_image_page_size(h), arm64_image_big_endian(h) ? "true" : "false");
	if (k->format == IMAGE_ZBOOT) {
		fputs("{\"compression\": ", out);
		ksd_json_string(out, k->zboot.comp_name);
		fprintf(out, ", \"payload_offset\": %u, \"payload_size\": %u}",
			k->zboot.payload_offset, k->zboot.payload_size);
	} else {
		fputs("null", out);
	}
	fputc('}', out);
}

static void print_crash(FILE *out, const struct plan *p)
{
	fputs("{\"ranges\": [", out);
	for (unsigned int i = 0; i < p->ncrash; i++) {
		fputs(i ? ", {\"start\": " : "{\"start\": ", out);
		ksd_json_hex(out, p->crash_ranges[i].start);
		fputs(", \"end\": ", out);
		ksd_json_hex(out, p->crash_ranges[i].end);
		fputc('}', out);
	}
	fprintf(out, "], \"size\": %llu, \"addresses_hidden\": %s}",
		(unsigned long long)p->crash_size, p->crash_hidden ? "true" : "false");
}

static int print_sdei(FILE *out, const struct plan *p)
{
	if (!p->have_sdei) {
		fputs("null", out);
		return 0;
	}
	fputs("{\n    \"armed\": ", out);
	fputs(p->sdei.armed ? "true" : "false", out);
	fputs(",\n    \"token_added\": ", out);
	ksd_json_string(out, p->token);
	fputs(",\n", out);
	if (sdei_print_json_members(out, &p->sdei, "    ") < 0)
		return -1;
	fputs("\n  }", out);
	return 0;
}

int plan_print_json(FILE *out, const struct plan *p, const char *tool)
{
	char flags[160];

	plan_flag_names(p, flags, sizeof(flags));
	fputs("{\n  \"schema\": \"kexec-sdei.kexec.plan\",\n  \"schema_version\": 1,\n  \"tool\": ", out);
	ksd_json_string(out, tool);
	fprintf(out, ",\n  \"action\": \"%s\",\n  \"crash\": %s,\n  \"syscall\": \"%s\",\n",
		p->action == PLAN_LOAD ? "load" : "unload", p->crash ? "true" : "false",
		plan_syscall_name(p->syscall));
	fprintf(out, "  \"fallback\": %s,\n  \"flags\": {\"value\": ",
		p->fallback ? "\"kexec_load\"" : "null");
	ksd_json_hex(out, p->flags);
	fputs(", \"names\": ", out);
	ksd_json_string(out, flags);
	fputs("},\n  \"kernel\": ", out);
	if (p->action == PLAN_LOAD)
		print_kernel(out, &p->kernel);
	else
		fputs("null", out);
	fputs(",\n  \"initrd\": ", out);
	if (p->initrd_path) {
		fputs("{\"path\": ", out);
		ksd_json_string(out, p->initrd_path);
		fprintf(out, ", \"size\": %llu}", (unsigned long long)p->initrd_size);
	} else {
		fputs("null", out);
	}
	fputs(",\n  \"command_line\": ", out);
	if (p->cmdline) {
		fputs("{\"text\": ", out);
		ksd_json_string(out, p->cmdline);
		fprintf(out, ", \"bytes\": %zu}", p->cmdline_len);
	} else {
		fputs("null", out);
	}
	fputs(",\n  \"crash_kernel\": ", out);
	if (p->crash && p->action == PLAN_LOAD)
		print_crash(out, p);
	else
		fputs("null", out);
	fputs(",\n  \"sdei\": ", out);
	if (print_sdei(out, p) < 0)
		return -1;
	fputs(",\n  \"segments\": ", out);
	if (p->syscall == PLAN_KEXEC_LOAD && p->load)
		plan_load_print_json_segments(out, p);
	else
		fputs("[]", out);
	fputs(",\n  \"kexec_load\": ", out);
	if (p->load)
		plan_load_print_json(out, p);
	else
		fputs("null", out);
	fputs(",\n  \"kexec_load_error\": ", out);
	if (p->load_error)
		ksd_json_string(out, p->load_error);
	else
		fputs("null", out);
	fprintf(out, ",\n  \"then\": %s,\n  \"warnings\": [",
		p->after == AFTER_EXEC ? "\"exec\"" :
		p->after == AFTER_SHUTDOWN ? "\"shutdown\"" : "null");
	for (unsigned int i = 0; i < p->nwarnings; i++) {
		fputs(i ? ",\n    " : "\n    ", out);
		ksd_json_string(out, p->warnings[i]);
	}
	fputs(p->nwarnings ? "\n  ]\n}\n" : "]\n}\n", out);
	return 0;
}
