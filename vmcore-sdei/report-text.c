// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The report for people: a header on the dump and the stop ladder, one
 * line per CPU, then a block per wedged CPU with the evidence, every
 * register and PSTATE in words.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "report.h"

static const char *numbering_text(const struct analysis *a)
{
	if (a->numbering == NUMBERING_RECORD)
		return a->numbering_certain ?
			"from each CPU's own crash_notes buffer (SDEI record)" :
			"from the SDEI record, but some crash_notes buffers were unreadable";
	return "by note order, unverified: a CPU that saved nothing shifts every CPU after it";
}

/* What the dump is: the format and whatever its header tells. */
static void print_dump_line(FILE *out, const struct ksd_dump_info *in)
{
	const char *flat = in->container ? " in a flattened stream" : "";
	const char *end = in->big_endian ? "big" : "little";

	if (in->compression)
		fprintf(out, "  dump:     kdump-compressed (%s%s)%s, %u-bit %s-endian, header version %u, %u-byte pages",
			strcmp(in->compression, "none") ? "" : "pages ",
			in->compression, flat, in->elf_class, end,
			in->header_version, in->block_size);
	else
		fprintf(out, "  dump:     %s%s, ELF%u %s-endian, %llu load segments",
			in->format, flat, in->elf_class, end,
			(unsigned long long)in->load_segments);
	if (in->dump_level >= 0)
		fprintf(out, ", dump level %d", in->dump_level);
	if (in->parts > 1)
		fprintf(out, ", split into %u files", in->parts);
	fprintf(out, "%s%s\n", in->incomplete ? ", INCOMPLETE" : "",
		in->truncated ? ", TRUNCATED" : "");
}

static void print_header(FILE *out, const struct analysis *a)
{
	const struct ksd_record *r = &a->record;

	fprintf(out, "vmcore-sdei %s: %s", PACKAGE_VERSION, a->path);
	for (unsigned int i = 1; i < a->info.parts; i++)
		fprintf(out, " %s", a->parts[i]);
	fputc('\n', out);
	print_dump_line(out, &a->info);
	if (a->osrelease || a->has_crashtime) {
		fprintf(out, "  kernel:   %s", a->osrelease ? a->osrelease : "(release unknown)");
		if (a->has_crashtime) {
			time_t t = (time_t)a->crashtime;
			struct tm tm;
			char when[64];

			if (gmtime_r(&t, &tm) &&
			    strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S UTC", &tm))
				fprintf(out, ", crashed %s", when);
		}
		fputc('\n', out);
	}
	if (a->has_record) {
		fprintf(out, "  ladder:   %s: SDEI firmware %s (%s), SDEI stop %s, pseudo-NMI %s",
			a->record_source == SRC_CMDLINE ? "kexec_sdei.record token" : "SDEI record",
			ksd_sdei_firmware_name(r->firmware),
			ksd_sdei_conduit_name(r->conduit),
			ksd_sdei_nmi_name(r->nmi), ksd_pseudo_nmi_name(r->pseudo_nmi));
		if (r->has_nr_cpus)
			fprintf(out, ", %u possible CPUs", r->nr_cpus);
		fputc('\n', out);
		if (r->loader)
			fprintf(out, "            loaded by %s%s%s\n", r->loader,
				r->osrelease ? " on " : "",
				r->osrelease ? r->osrelease : "");
	} else {
		fprintf(out, "  ladder:   no SDEI record: the capture kernel was not loaded by kexec-sdei\n");
	}
	fprintf(out, "  numbering: %s\n", numbering_text(a));
	fprintf(out, "  notes:    %u NT_PRSTATUS\n\n", a->nprstatus);
}

static void print_verdict(FILE *out, const struct cpu_report *c)
{
	if (c->ambiguous)
		fprintf(out, "%s or %s", verdict_name(c->maybe[0]),
			verdict_name(c->maybe[1]));
	else
		fputs(verdict_name(c->verdict), out);
}

/* Wedged CPUs, and those that are wedged unless they panicked. */
static bool deserves_block(const struct cpu_report *c)
{
	return c->wedged ||
	       (c->ambiguous && c->maybe[1] == VERDICT_STOPPED_SDEI);
}

static void print_table(FILE *out, const struct analysis *a,
			const struct report_opts *opts)
{
	fprintf(out, "CPU  %-24s %-7s %-7s %-18s %-18s %s\n", "VERDICT",
		"WEDGED", "PID", "PC", "PSTATE", "MODE");
	for (size_t i = 0; i < a->ncpus; i++) {
		const struct cpu_report *c = &a->cpus[i];
		char verdict[64];
		FILE *mem;

		if (!report_shows(opts, c))
			continue;
		mem = fmemopen(verdict, sizeof(verdict), "w");
		if (mem) {
			print_verdict(mem, c);
			fclose(mem);
		} else {
			snprintf(verdict, sizeof(verdict), "%s", verdict_name(c->verdict));
		}
		fprintf(out, "%3u  %-24s %-7s ", c->cpu, verdict,
			c->wedged ? "WEDGED" : deserves_block(c) ? "maybe" : "-");
		if (c->has_regs)
			fprintf(out, "%-7d %016llx   0x%-16llx %s%s\n", c->prs.pid,
				(unsigned long long)c->prs.regs.pc,
				(unsigned long long)c->prs.regs.pstate,
				c->pstate.mode, c->pstate.i ? " IRQs-masked" : "");
		else
			fprintf(out, "%-7s %-18s %-18s %s\n", "-", "(no registers)",
				"-", "-");
	}
}

static void print_regs(FILE *out, const struct cpu_report *c)
{
	char desc[160];

	fprintf(out, "  registers:\n");
	for (unsigned int r = 0; r < 31; r++) {
		fprintf(out, "%s%5s %016llx", r % 4 == 0 ? "   " : "  ",
			aarch64_reg_name(r),
			(unsigned long long)c->prs.regs.x[r]);
		if (r % 4 == 3 || r == 30)
			fputc('\n', out);
	}
	fprintf(out, "   %5s %016llx  %5s %016llx  %5s %016llx\n", "sp",
		(unsigned long long)c->prs.regs.sp, "pc",
		(unsigned long long)c->prs.regs.pc, "pstate",
		(unsigned long long)c->prs.regs.pstate);
	aarch64_pstate_describe(&c->pstate, desc, sizeof(desc));
	fprintf(out, "  pstate:  %s\n", desc);
}

static void print_block(FILE *out, const struct cpu_report *c)
{
	fprintf(out, "\nCPU %u: ", c->cpu);
	print_verdict(out, c);
	fprintf(out, "%s\n", c->wedged ? ", WEDGED" : "");
	if (c->in_record)
		fprintf(out, "  mpidr:   0x%llx, crash_notes at 0x%llx\n",
			(unsigned long long)c->mpidr,
			(unsigned long long)c->notes_addr);
	if (c->has_regs)
		fprintf(out, "  pid:     %d%s\n", c->prs.pid,
			c->prs.pid == 0 ? " (idle)" : "");
	fprintf(out, "  evidence:\n");
	for (size_t j = 0; j < c->nev; j++)
		fprintf(out, "    %-12s %s\n",
			evidence_source_name(c->ev[j].source), c->ev[j].text);
	if (c->has_regs)
		print_regs(out, c);
}

int report_text(FILE *out, const struct analysis *a,
		const struct report_opts *opts)
{
	size_t shown = 0, wedged = 0;

	print_header(out, a);
	print_table(out, a, opts);
	for (size_t i = 0; i < a->ncpus; i++) {
		const struct cpu_report *c = &a->cpus[i];

		if (!report_shows(opts, c))
			continue;
		shown++;
		wedged += c->wedged;
		if (deserves_block(c) || opts->verbose || opts->only_cpu >= 0)
			print_block(out, c);
	}
	if (a->nwarnings) {
		fprintf(out, "\nwarnings:\n");
		for (size_t i = 0; i < a->nwarnings; i++)
			fprintf(out, "  %s\n", a->warnings[i]);
	}
	fprintf(out, "\nsummary: %zu CPU%s, %zu wedged", shown,
		shown == 1 ? "" : "s", wedged);
	if (a->wedged_at_least && opts->only_cpu < 0)
		fprintf(out, "; at least %zu more wedged among the CPUs marked \"panic or stopped-sdei\"",
			a->wedged_at_least);
	if (a->panic_cpu < 0 && a->ncpus > 1)
		fprintf(out, "; panic CPU not identified");
	fputc('\n', out);
	if (ferror(out)) {
		errno = EIO;
		return -1;
	}
	return 0;
}
