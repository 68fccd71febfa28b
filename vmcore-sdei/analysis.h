/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vmcore-sdei's model of a crash: for every CPU, the evidence the dump
 * offers and the verdict drawn from it.
 *
 * Flow: evidence.c reads the dump (notes, VMCOREINFO, the SDEI record,
 * each CPU's crash_notes buffer) into struct analysis; verdict.c applies
 * the rules of design.md and attaches to each verdict the evidence it
 * rests on; report-text.c and report-json.c print it.  Nothing here
 * prints or exits.
 *
 * Every piece of evidence names its source, strongest first in
 * design.md's order, so a reader (human or program) sees why a CPU got
 * its verdict.  Later sources (kernel log, memory through symbols) add
 * entries of their own kinds without changing the shape.
 */
#ifndef KSD_VMCORE_SDEI_ANALYSIS_H
#define KSD_VMCORE_SDEI_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/aarch64.h"
#include "arch/unwind.h"
#include "kernel/stoplog.h"
#include "dump/dump.h"
#include "record/record.h"
#include "util/error.h"

enum evidence_source {
	SRC_RECORD,		/* the KEXEC-SDEI record note */
	SRC_CMDLINE,		/* the kexec_sdei.record= token */
	SRC_LOG,		/* the kernel log in the dump */
	SRC_MEMORY,		/* kernel memory read from the dump */
	SRC_REGISTERS,		/* the saved registers (PSTATE, PC) */
	SRC_NOTE_ORDER,		/* position of the note in the PT_NOTE */
	SRC_RULE,		/* a deduction from the other facts */
};

struct evidence {
	enum evidence_source source;
	char *text;
};

enum verdict {
	VERDICT_PANIC,		/* the CPU that crashed */
	VERDICT_STOPPED,	/* stopped by the IPI or pseudo-NMI rung */
	VERDICT_STOPPED_IPI,
	VERDICT_STOPPED_NMI,
	VERDICT_STOPPED_SDEI,
	VERDICT_NOT_STOPPED,	/* no rung reached it; no registers */
	VERDICT_SELF_STOPPED,	/* parked itself on a parallel panic */
	VERDICT_OFFLINE,
	VERDICT_UNKNOWN,
};

/* What was found in a CPU's crash_notes buffer in the dump's memory. */
enum buffer_state {
	BUFFER_NOT_READ,	/* no address known (no record) */
	BUFFER_EMPTY,		/* n_namesz == 0: the CPU saved nothing */
	BUFFER_NOTE,		/* it holds an NT_PRSTATUS */
	BUFFER_UNREADABLE,	/* the address is not in the dump, or garbage */
};

struct cpu_report {
	unsigned int cpu;
	bool in_record;		/* the record describes this CPU */
	uint64_t mpidr;
	bool has_notes_addr;	/* from the record or through kernel symbols */
	uint64_t notes_addr;
	enum buffer_state buffer;
	bool has_regs;
	struct aarch64_prstatus prs;
	struct aarch64_pstate pstate;
	int note_index;		/* among NT_PRSTATUS notes, -1 if none */

	/* From kernel memory, when symbols allow (has_mem). */
	bool has_mem;
	bool possible, online, active;
	bool has_active;
	bool has_sdei_active;
	uint64_t sdei_active;	/* per-CPU sdei_active_normal_event */

	/* Symbolized pc and lr, and the unwound stack (NULL if not done). */
	char *pc_sym, *lr_sym;
	struct aarch64_unwind *bt;
	char **bt_syms;		/* [bt->nframes] */

	enum verdict verdict;
	/*
	 * When the evidence allows two readings, verdict is UNKNOWN and these
	 * are the two candidates (e.g. "panic" or "stopped-sdei").
	 */
	bool ambiguous;
	enum verdict maybe[2];
	bool wedged;
	struct evidence *ev;
	size_t nev;
};

enum cpu_numbering {
	NUMBERING_RECORD,	/* each CPU's own crash_notes buffer, via the record */
	NUMBERING_MEMORY,	/* the same, found through the crash_notes symbol */
	NUMBERING_NOTE_ORDER,	/* k-th note taken as CPU k */
};

struct analysis_opts {
	/* A kernel command line to look for the token in, or NULL. */
	const char *cmdline;
	const char *cmdline_name;	/* where it came from, for messages */
	const char *system_map;		/* --system-map */
	const char *vmlinux;		/* --vmlinux */
	bool want_log_text;		/* keep the log for --log */
	bool backtrace_all;		/* --backtrace: every CPU, not only wedged ones */
};

struct ksd_kernel;
struct ksd_percpu_state;

struct analysis {
	const char *path;		/* valid while the dump is open */
	const char **parts;		/* info.parts paths, in frame order */
	struct ksd_dump_info info;
	char *osrelease;		/* from VMCOREINFO, or NULL */
	bool has_crashtime;
	uint64_t crashtime;
	uint64_t page_size;
	bool has_vmcoreinfo;

	bool has_record;
	enum evidence_source record_source;	/* SRC_RECORD or SRC_CMDLINE */
	struct ksd_record record;

	enum cpu_numbering numbering;
	bool numbering_certain;
	unsigned int nprstatus;		/* NT_PRSTATUS notes in the dump */
	int panic_cpu;			/* -1 if not identified */
	enum evidence_source panic_source;
	char *panic_why;		/* how it was identified */

	/* The kernel as found in memory; NULL when unavailable (and why). */
	struct ksd_kernel *kernel;
	char *kernel_problem;
	struct ksd_percpu_state *percpu;
	char *percpu_problem;

	/* The kernel log and the crash-stop lines in it (has_log). */
	bool has_log;
	struct ksd_printk_log *log;
	struct ksd_stoplog stop;
	/*
	 * The stop lines the reports quote, as record indexes in log order
	 * without repeats: the last line of each kind, every SDEI signal
	 * failure and every SDEI NMI service error.
	 */
	size_t *stop_lines;
	size_t nr_stop_lines;
	char *log_problem;

	struct cpu_report *cpus;
	size_t ncpus;
	size_t nwedged;
	/*
	 * CPUs that are wedged unless one of them is the panic CPU: when k
	 * CPUs saved IRQs-masked contexts and the panic CPU is unknown, at
	 * least k - 1 of them were wedged.
	 */
	size_t wedged_at_least;

	char **warnings;
	size_t nwarnings;
};

/**
 * analysis_run() - gather evidence from @dump and decide every verdict
 * @ret: the analysis, freed with analysis_destroy()
 *
 * Fails only when the dump cannot be analysed at all (not arm64, notes
 * corrupt); problems that leave an answer possible become warnings.
 */
struct ksd_error *analysis_run(struct ksd_dump *dump,
			       const struct analysis_opts *opts,
			       struct analysis **ret);
void analysis_destroy(struct analysis *a);

/* Internal steps, exposed for unit tests. */
struct ksd_error *evidence_gather(struct ksd_dump *dump,
				  const struct analysis_opts *opts,
				  struct analysis *a);
struct ksd_error *verdict_decide(struct analysis *a);
struct ksd_error *memory_open(struct ksd_dump *dump,
			      const struct analysis_opts *opts,
			      struct analysis *a);
struct ksd_error *memory_cpu_facts(struct analysis *a);
struct ksd_error *log_open(struct analysis *a);
struct ksd_error *log_cpu_facts(struct analysis *a);
/*
 * A log record as the text report quotes it: one line, every byte that is
 * not printable ASCII (newline, escape, NUL) as "\xNN", cut with "..." to
 * fit @len.  Returns @buf ("" for no such record).
 */
#define LOG_QUOTE_MAX 256
const char *log_quote(const struct analysis *a, size_t rec, char *buf,
		      size_t len);
struct ksd_error *symbolize_cpus(struct analysis *a);
struct ksd_error *backtrace_cpus(struct analysis *a, bool all);
/* "symbol+0xoff/0xsize", "0x... (module space)" or "0x..."; malloc'd. */
char *symbolize(const struct analysis *a, uint64_t addr);

struct ksd_error *analysis_warn(struct analysis *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
struct ksd_error *cpu_evidence(struct cpu_report *c,
			       enum evidence_source source,
			       const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

const char *verdict_name(enum verdict v);
const char *evidence_source_name(enum evidence_source s);

#endif /* KSD_VMCORE_SDEI_ANALYSIS_H */
