// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The report for people: a header on the dump and the stop ladder, one
 * line per CPU, then a block per wedged CPU with the evidence, every
 * register and PSTATE in words.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "kernel/kernel.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "report.h"

/* Read only when an address lay in module space: say what was found. */
static void print_modules(FILE *out, const struct analysis *a)
{
	const struct ksd_kernel *k = a->kernel;
	const char *problem;

	if (!k || !k->mods_tried)
		return;
	if (!k->mods) {
		fprintf(out, "  modules:  unknown (%s)\n", k->mods_problem);
		return;
	}
	fprintf(out, "  modules:  %zu loaded, struct layouts %s", ksd_modules_count(k->mods),
		k->btf ? "from BTF" : "probed");
	if (!k->btf && k->btf_problem)
		fprintf(out, " (%s)", k->btf_problem);
	fputc('\n', out);
	problem = ksd_modules_problem(k->mods);
	if (problem)
		fprintf(out, "            the list is incomplete: %s\n", problem);
}

static const char *numbering_text(const struct analysis *a)
{
	if (a->numbering == NUMBERING_RECORD)
		return a->numbering_certain ?
			"from each CPU's own crash_notes buffer (SDEI record)" :
			"from the SDEI record, but some crash_notes buffers were unreadable";
	if (a->numbering == NUMBERING_MEMORY)
		return a->numbering_certain ?
			"from each CPU's own crash_notes buffer (found through kernel symbols)" :
			"from kernel symbols, but some crash_notes buffers were unreadable";
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

			/* A machine whose clock was never set crashes "in 1970". */
			if (a->crashtime < 946684800)
				fprintf(out, ", crashed %llu s after the epoch (clock not set)",
					(unsigned long long)a->crashtime);
			else if (gmtime_r(&t, &tm) &&
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
	if (a->percpu) {
		const struct ksd_percpu_state *m = a->percpu;

		if (m->has_sdei_available || m->has_sdei_stopping)
			fprintf(out, "  memory:   SDEI NMI service %s, SDEI stop rung %s\n",
				m->has_sdei_available && m->sdei_available ? "active" : "inactive",
				m->has_sdei_stopping && m->sdei_stopping ? "invoked in this crash" : "not invoked");
		else
			fprintf(out, "  memory:   this kernel has no SDEI NMI service (no sdei_nmi_* symbols)\n");
	}
	if (a->kernel && a->kernel->syms)
		fprintf(out, "  symbols:  %s, %zu symbols\n",
			ksd_symtab_source(a->kernel->syms),
			ksd_symtab_count(a->kernel->syms));
	else
		fprintf(out, "  symbols:  none (%s)\n",
			a->kernel ? a->kernel->syms_problem : a->kernel_problem);
	print_modules(out, a);
	if (a->has_log) {
		char q[LOG_QUOTE_MAX];

		fprintf(out, "  log:      %zu records\n", a->log->nr_records);
		for (size_t i = 0; i < a->nr_stop_lines; i++)
			fprintf(out, "            \"%s\"\n",
				log_quote(a, a->stop_lines[i], q, sizeof(q)));
	}
	if (a->panic_cpu >= 0)
		fprintf(out, "  panic:    CPU %d (%s)\n", a->panic_cpu, a->panic_why);
	fprintf(out, "  numbering: %s\n", numbering_text(a));
	fprintf(out, "  notes:    %u NT_PRSTATUS\n\n", a->nprstatus);
}

/* "stopped-sdei", or both readings: "panic or stopped-sdei". */
static const char *verdict_text(const struct cpu_report *c, char *buf,
				size_t len)
{
	if (!c->ambiguous)
		return verdict_name(c->verdict);
	snprintf(buf, len, "%s or %s", verdict_name(c->maybe[0]),
		 verdict_name(c->maybe[1]));
	return buf;
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
	fprintf(out, "CPU  %-24s %-7s %-7s %-18s %-12s %s\n", "VERDICT",
		"WEDGED", "PID", "PSTATE", "MODE", "PC");
	for (size_t i = 0; i < a->ncpus; i++) {
		const struct cpu_report *c = &a->cpus[i];
		char buf[64];

		if (!report_shows(opts, c))
			continue;
		fprintf(out, "%3u  %-24s %-7s ", c->cpu, verdict_text(c, buf, sizeof(buf)),
			c->wedged ? "WEDGED" : deserves_block(c) ? "maybe" : "-");
		if (c->has_regs)
		{
			char mode[32];

			snprintf(mode, sizeof(mode), "%s%s", c->pstate.mode,
				 !c->pstate.i ? "" : c->pstate.d && c->pstate.a && c->pstate.f ?
				 " DAIF" : " I");
			fprintf(out, "%-7d 0x%-16llx %-12s %s\n", c->prs.pid,
				(unsigned long long)c->prs.regs.pstate, mode,
				c->pc_sym ? c->pc_sym : "");
		}
		else
			fprintf(out, "%-7s %-18s %-12s %s\n", "-", "-", "-",
				"(no registers)");
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
	char buf[64];

	fprintf(out, "\nCPU %u: %s%s\n", c->cpu, verdict_text(c, buf, sizeof(buf)),
		c->wedged ? ", WEDGED" : "");
	if (c->in_record)
		fprintf(out, "  mpidr:   0x%llx, crash_notes at 0x%llx\n",
			(unsigned long long)c->mpidr,
			(unsigned long long)c->notes_addr);
	else if (c->has_notes_addr)
		fprintf(out, "  crash_notes at 0x%llx (through kernel symbols)\n",
			(unsigned long long)c->notes_addr);
	if (c->has_regs)
		fprintf(out, "  pid:     %d%s\n", c->prs.pid,
			c->prs.pid == 0 ? " (idle)" : "");
	fprintf(out, "  evidence:\n");
	for (size_t j = 0; j < c->nev; j++)
		fprintf(out, "    %-12s %s\n",
			evidence_source_name(c->ev[j].source), c->ev[j].text);
	if (c->has_regs && c->pc_sym)
		fprintf(out, "  pc:      %s\n  lr:      %s\n", c->pc_sym, c->lr_sym);
	if (c->bt) {
		fprintf(out, "  backtrace:\n");
		for (size_t j = 0; j < c->bt->nframes; j++) {
			const struct aarch64_frame *f = &c->bt->frames[j];

			fprintf(out, "    #%-2zu %016llx %s%s", j,
				(unsigned long long)f->pc, c->bt_syms[j],
				f->kind == FRAME_LR ? " (from lr)" :
				f->kind == FRAME_EXCEPTION ? " (exception: interrupted here)" : "");
			if (f->stack)
				fprintf(out, " [%s stack]", f->stack);
			fputc('\n', out);
		}
		fprintf(out, "    (%s%s)\n", c->bt->stop,
			c->bt->complete ? "" : "; the trace may be incomplete");
	}
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
	/* The caller flushes and reports errno (ENOSPC on a full disk). */
	return ferror(out) ? -1 : 0;
}
