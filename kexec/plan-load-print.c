// SPDX-License-Identifier: GPL-2.0-or-later
/* The kexec_load part of the plan, in words and as JSON. */
#include "config.h"

#include <string.h>

#include "plan.h"
#include "plan-load-print.h"
#include "util/json.h"

static const char *change_word(enum dtb_change_kind k)
{
	switch (k) {
	case DTB_CHANGE_SET: return "set";
	case DTB_CHANGE_REMOVE: return "remove";
	case DTB_CHANGE_RESERVE_ADD: return "reserve";
	case DTB_CHANGE_RESERVE_REMOVE: return "unreserve";
	case DTB_CHANGE_NODE_ADD: return "add-node";
	}
	return "?";
}

static void hex(FILE *out, const uint8_t *d, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%02x", d[i]);
}

static void text_memory(FILE *out, const struct plan_load *l)
{
	const struct memmap *m = &l->mm;

	fprintf(out, "  memory:       PHYS_OFFSET 0x%llx (%s)\n",
		(unsigned long long)m->phys_offset, m->phys_offset_from);
	fprintf(out, "                VA_BITS %u (%s), page size %llu (%s)\n",
		m->va_bits, m->va_bits_from,
		(unsigned long long)m->page_size, m->page_size_from);
	fprintf(out, "                kernel image 0x%llx-0x%llx at 0x%llx (%s)\n",
		(unsigned long long)m->kern_paddr,
		(unsigned long long)(m->kern_paddr + m->kern_size - 1),
		(unsigned long long)m->kern_vaddr, m->kern_from);
}

void plan_load_print_text(FILE *out, const struct plan *p)
{
	const struct plan_load *l = p->load;

	text_memory(out, l);
	fprintf(out, "  segments:     %u, entry 0x%llx (purgatory), kernel entry 0x%llx\n",
		p->nsegments, (unsigned long long)l->entry,
		(unsigned long long)l->kernel_entry);
	for (unsigned int i = 0; i < p->nsegments; i++) {
		const struct plan_segment *s = &p->segments[i];

		fprintf(out, "    %-11s 0x%09llx memsz 0x%08llx bufsz 0x%08llx sha256 ",
			s->what, (unsigned long long)s->mem,
			(unsigned long long)s->memsz, (unsigned long long)s->bufsz);
		hex(out, s->sha256, sizeof(s->sha256));
		fputc('\n', out);
	}
	fprintf(out, "  dtb:          %s, %zu bytes after these changes:\n",
		l->dtb_source, l->dtb.size);
	for (size_t i = 0; i < l->dtb.nr_changes; i++) {
		const struct dtb_change *c = &l->dtb.changes[i];

		fprintf(out, "    %-9s %s", change_word(c->kind), c->path);
		if (c->value)
			fprintf(out, " = %s", c->seed ? "(fresh random bytes)" : c->value);
		fputs(c->had_old ? "\n" : " (new)\n", out);
	}
	if (!l->record_text) {
		if (p->crash)
			fputs("  SDEI record:  none\n", out);
		return;
	}
	fprintf(out, "  SDEI record:  note \"KEXEC-SDEI\" type 1 in the elfcorehdr at 0x%llx:\n",
		(unsigned long long)(segment_mem(p, "elfcorehdr") + l->record_offset));
	for (const char *c = l->record_text; *c;) {
		const char *nl = strchr(c, '\n');
		int n = nl ? (int)(nl - c) : (int)strlen(c);

		fprintf(out, "    %.*s\n", n, c);
		c += n + (nl != NULL);
	}
}

uint64_t segment_mem(const struct plan *p, const char *what)
{
	for (unsigned int i = 0; i < p->nsegments; i++)
		if (strcmp(p->segments[i].what, what) == 0)
			return p->segments[i].mem;
	return 0;
}

void plan_load_print_json_segments(FILE *out, const struct plan *p)
{
	fputs("[", out);
	for (unsigned int i = 0; i < p->nsegments; i++) {
		const struct plan_segment *s = &p->segments[i];

		fprintf(out, "%s\n      {\"what\": \"%s\", \"mem\": ", i ? "," : "",
			s->what);
		ksd_json_hex(out, s->mem);
		fputs(", \"memsz\": ", out);
		ksd_json_hex(out, s->memsz);
		fputs(", \"bufsz\": ", out);
		ksd_json_hex(out, s->bufsz);
		fputs(", \"sha256\": \"", out);
		hex(out, s->sha256, sizeof(s->sha256));
		fputs("\"}", out);
	}
	fputs(p->nsegments ? "\n    ]" : "]", out);
}

static void json_dtb(FILE *out, const struct plan_load *l)
{
	fputs("{\"source\": ", out);
	ksd_json_string(out, l->dtb_source);
	fprintf(out, ", \"size\": %zu, \"changes\": [", l->dtb.size);
	for (size_t i = 0; i < l->dtb.nr_changes; i++) {
		const struct dtb_change *c = &l->dtb.changes[i];

		fprintf(out, "%s\n      {\"change\": \"%s\", \"path\": ", i ? "," : "",
			change_word(c->kind));
		ksd_json_string(out, c->path);
		fputs(", \"value\": ", out);
		if (!c->value)
			fputs("null", out);
		else if (c->seed)
			fputs("\"(fresh random bytes)\"", out);
		else
			ksd_json_string(out, c->value);
		fprintf(out, ", \"new\": %s}", c->had_old ? "false" : "true");
	}
	fputs(l->dtb.nr_changes ? "\n    ]}" : "]}", out);
}

void plan_load_print_json(FILE *out, const struct plan *p)
{
	const struct plan_load *l = p->load;
	const struct memmap *m = &l->mm;

	fputs("{\n    \"entry\": ", out);
	ksd_json_hex(out, l->entry);
	fputs(", \"kernel_entry\": ", out);
	ksd_json_hex(out, l->kernel_entry);
	fputs(",\n    \"memory\": {\"phys_offset\": ", out);
	ksd_json_hex(out, m->phys_offset);
	fputs(", \"phys_offset_from\": ", out);
	ksd_json_string(out, m->phys_offset_from);
	fprintf(out, ", \"va_bits\": %u, \"va_bits_from\": ", m->va_bits);
	ksd_json_string(out, m->va_bits_from);
	fprintf(out, ", \"page_size\": %llu,\n      \"kernel_paddr\": ",
		(unsigned long long)m->page_size);
	ksd_json_hex(out, m->kern_paddr);
	fputs(", \"kernel_vaddr\": ", out);
	ksd_json_hex(out, m->kern_vaddr);
	fputs(", \"kernel_size\": ", out);
	ksd_json_hex(out, m->kern_size);
	fputs("},\n    \"segments\": ", out);
	plan_load_print_json_segments(out, p);
	fputs(",\n    \"dtb\": ", out);
	json_dtb(out, l);
	fputs(",\n    \"record\": ", out);
	if (l->record_text) {
		fputs("{\"note_address\": ", out);
		ksd_json_hex(out, segment_mem(p, "elfcorehdr") + l->record_offset);
		fputs(", \"text\": ", out);
		ksd_json_string(out, l->record_text);
		fputc('}', out);
	} else {
		fputs("null", out);
	}
	fputs("\n  }", out);
}
