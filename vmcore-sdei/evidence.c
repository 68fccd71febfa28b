// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Evidence gathering: everything the dump says about each CPU, before any
 * verdict.  Sources, strongest first (design.md):
 *   1. the SDEI record: the ladder's configuration and, per CPU, where its
 *      crash_notes buffer lives, so each saved register set can be read
 *      from its own CPU's buffer instead of guessed from note order;
 *   2. the kernel log (log.c) and 3. kernel memory through symbols
 *      (memory.c), when the dump's kernel can be read;
 *   4. the saved registers themselves;
 *   5. note order, when nothing better exists.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "dump/notes.h"
#include "kernel/percpu.h"
#include "kernel/vmcoreinfo.h"
#include "util/grow.h"
#include "util/limits.h"

#define EM_AARCH64_VALUE 183

/* A crash_notes buffer is a note_buf_t: one PRSTATUS note plus the end. */
#define MAX_NOTE_BUF 4096u

struct prstatus_note {
	const uint8_t *desc;
	size_t len;
	bool claimed;		/* attributed to a CPU already */
};

/* A note in content order, for finding a CPU's buffer among the notes. */
struct note_key {
	const uint8_t *desc;
	size_t len;
	size_t index;		/* into gather.notes */
	size_t next;		/* at a run's first key: its next unclaimed key */
};

struct gather {
	struct ksd_dump *dump;
	struct analysis *a;
	bool big;
	struct prstatus_note *notes;
	size_t nnotes;
	struct note_key *keys;	/* the notes sorted by content, then index */
	bool record_seen;	/* a KEXEC-SDEI note was read, usable or not */
	size_t extra_vmcoreinfo, extra_records;	/* notes after the one read */
};

static struct ksd_error *add_prstatus(struct gather *g,
				      const struct ksd_note *n)
{
	struct prstatus_note *v;

	v = ksd_grow(g->notes, g->nnotes, sizeof(*v));
	if (!v)
		return &ksd_enomem;
	g->notes = v;
	g->notes[g->nnotes++] = (struct prstatus_note){
		.desc = n->desc, .len = n->desc_len,
	};
	return NULL;
}

static struct ksd_error *take_vmcoreinfo(struct analysis *a,
					 const struct ksd_note *n)
{
	struct ksd_vmcoreinfo *vi;
	struct ksd_error *err;
	const char *rel;

	err = ksd_vmcoreinfo_parse((const char *)n->desc, n->desc_len, &vi);
	if (err)
		return ksd_error_prefix(err, "VMCOREINFO note");
	a->has_vmcoreinfo = true;
	rel = ksd_vmcoreinfo_get(vi, "OSRELEASE");
	if (rel) {
		a->osrelease = strndup(rel, 64);
		if (!a->osrelease)
			err = &ksd_enomem;
	}
	if (!err) {
		struct ksd_error *e;

		e = ksd_vmcoreinfo_decimal(vi, "CRASHTIME", &a->crashtime);
		a->has_crashtime = !e;
		ksd_error_destroy(e);
		e = ksd_vmcoreinfo_decimal(vi, "PAGESIZE", &a->page_size);
		if (e)
			a->page_size = 0;
		ksd_error_destroy(e);
	}
	ksd_vmcoreinfo_destroy(vi);
	return err;
}

static struct ksd_error *take_record(struct analysis *a,
				     const struct ksd_note *n)
{
	struct ksd_error *err;

	err = ksd_record_parse((const char *)n->desc, n->desc_len, &a->record);
	if (err) {
		/*
		 * A broken record is not a broken dump: say so and go on
		 * with the weaker evidence.
		 */
		struct ksd_error *e;

		ksd_record_deinit(&a->record);
		ksd_record_init(&a->record);
		e = analysis_warn(a, "ignoring the %s note: %s",
				  KSD_RECORD_NOTE_NAME, err->message);
		ksd_error_destroy(err);
		return e;
	}
	a->has_record = true;
	a->record_source = SRC_RECORD;
	return NULL;
}

/*
 * One warning for the extra notes of a kind, however many: a notes
 * segment of tiny notes holds tens of thousands of them.
 */
static struct ksd_error *warn_extra_notes(struct gather *g)
{
	struct ksd_error *err = NULL;

	if (g->extra_vmcoreinfo)
		err = analysis_warn(g->a, "more than one VMCOREINFO note: using the first, ignoring %zu more",
				    g->extra_vmcoreinfo);
	if (!err && g->extra_records)
		err = analysis_warn(g->a, "more than one %s note: only the first is read, ignoring %zu more",
				    KSD_RECORD_NOTE_NAME, g->extra_records);
	return err;
}

static struct ksd_error *scan_notes(struct gather *g)
{
	struct ksd_note_iter it;
	const uint8_t *buf;
	size_t len;

	ksd_dump_notes(g->dump, &buf, &len);
	ksd_note_iter_init(&it, buf, len, g->big);
	for (;;) {
		struct ksd_note n;
		struct ksd_error *err;
		bool end;

		err = ksd_note_next(&it, &n, &end);
		if (err)
			return ksd_error_prefix(err, "'%s': PT_NOTE",
						ksd_dump_path(g->dump));
		if (end)
			return warn_extra_notes(g);
		if (ksd_note_is(&n, "CORE", NT_PRSTATUS_TYPE)) {
			err = add_prstatus(g, &n);
		} else if (ksd_note_is(&n, "VMCOREINFO", 0)) {
			/*
			 * The first note wins, as for the kernel view
			 * (lib/kernel/kernel.c).
			 */
			if (g->a->has_vmcoreinfo)
				g->extra_vmcoreinfo++;
			else
				err = take_vmcoreinfo(g->a, &n);
		} else if (ksd_note_is(&n, KSD_RECORD_NOTE_NAME,
					KSD_RECORD_NOTE_TYPE)) {
			/*
			 * Only the first, even when it is broken: each
			 * broken one would be a warning of its own.
			 */
			if (g->record_seen)
				g->extra_records++;
			else
				err = take_record(g->a, &n);
			g->record_seen = true;
		}
		if (err)
			return err;
	}
}

static struct ksd_error *alloc_cpus(struct analysis *a, size_t n)
{
	a->cpus = calloc(n ? n : 1, sizeof(*a->cpus));
	if (!a->cpus)
		return &ksd_enomem;
	a->ncpus = n;
	for (size_t i = 0; i < n; i++) {
		a->cpus[i].cpu = (unsigned int)i;
		a->cpus[i].note_index = -1;
		a->cpus[i].verdict = VERDICT_UNKNOWN;
	}
	return NULL;
}

static struct ksd_error *set_regs(struct gather *g, struct cpu_report *c,
				  const uint8_t *desc, size_t len, int index)
{
	struct ksd_error *err;

	err = aarch64_prstatus_parse(desc, len, g->big, &c->prs);
	if (err)
		return err;
	c->has_regs = true;
	c->note_index = index;
	aarch64_pstate_decode(c->prs.regs.pstate, &c->pstate);
	return NULL;
}

static int content_cmp(const uint8_t *a, size_t alen, const uint8_t *b,
		       size_t blen)
{
	if (alen != blen)
		return alen < blen ? -1 : 1;
	return memcmp(a, b, alen);
}

static int key_cmp(const void *x, const void *y)
{
	const struct note_key *a = x, *b = y;
	int c = content_cmp(a->desc, a->len, b->desc, b->len);

	if (c)
		return c;
	return a->index < b->index ? -1 : a->index > b->index;
}

/*
 * Claim the first unclaimed note whose desc equals @desc: its index, or
 * -1 if there is none.  A search of every note for every CPU was
 * quadratic (65,536 CPUs and as many notes: 4e9 comparisons), so the
 * notes are sorted once by content, equal notes in note order; each run
 * of equal notes keeps, at its first key, the next one to hand out.
 */
static struct ksd_error *claim_note(struct gather *g, const uint8_t *desc,
				    size_t len, int *idx)
{
	size_t lo = 0, hi = g->nnotes, run;

	*idx = -1;
	if (!g->nnotes)
		return NULL;
	if (!g->keys) {
		g->keys = calloc(g->nnotes, sizeof(*g->keys));
		if (!g->keys)
			return &ksd_enomem;
		for (size_t i = 0; i < g->nnotes; i++)
			g->keys[i] = (struct note_key){
				.desc = g->notes[i].desc, .len = g->notes[i].len,
				.index = i,
			};
		qsort(g->keys, g->nnotes, sizeof(*g->keys), key_cmp);
		for (size_t i = 0; i < g->nnotes; i++)
			g->keys[i].next = i;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (content_cmp(g->keys[mid].desc, g->keys[mid].len, desc, len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	run = lo;
	if (run == g->nnotes ||
	    content_cmp(g->keys[run].desc, g->keys[run].len, desc, len))
		return NULL;
	lo = g->keys[run].next;
	if (lo == g->nnotes ||
	    content_cmp(g->keys[lo].desc, g->keys[lo].len, desc, len))
		return NULL;		/* every note of the run is claimed */
	g->keys[run].next = lo + 1;
	*idx = (int)g->keys[lo].index;
	g->notes[*idx].claimed = true;
	return NULL;
}

/*
 * Read CPU @c's crash_notes buffer from the dump and classify it.  The
 * buffer holds the note the CPU wrote with crash_save_cpu(), or zeros if
 * it never did; /proc/vmcore drops empty buffers from its PT_NOTE, which
 * is why note order alone misnumbers every CPU after a silent one.
 */
static struct ksd_error *read_buffer(struct gather *g, struct cpu_report *c,
				     uint64_t size, enum evidence_source via)
{
	uint8_t buf[MAX_NOTE_BUF];
	struct ksd_note_iter it;
	struct ksd_note n;
	struct ksd_error *err;
	unsigned int flags = 0;
	bool end;
	int idx;

	if (size > sizeof(buf))
		size = sizeof(buf);
	if (size < 12) {
		c->buffer = BUFFER_UNREADABLE;
		return cpu_evidence(c, SRC_RECORD,
				    "the record gives crash_notes a size of %llu bytes, too small for a note",
				    (unsigned long long)size);
	}
	err = ksd_dump_read_phys(g->dump, c->notes_addr, buf, (size_t)size,
				 &flags);
	/*
	 * An address outside the dump is evidence; a damaged dump (a corrupt
	 * page descriptor, a page that does not decompress, a codec this
	 * build lacks) is not, and no report is better than one built on it.
	 */
	if (err && err->code != KSD_ERR_NOT_PRESENT)
		return ksd_error_prefix(err, "reading the crash_notes buffer of CPU %u at 0x%llx",
					c->cpu, (unsigned long long)c->notes_addr);
	if (!err && (flags & KSD_READ_EXCLUDED)) {
		/* Zeros from an excluded range are not an empty buffer. */
		c->buffer = BUFFER_UNREADABLE;
		return cpu_evidence(c, SRC_MEMORY,
				    "crash_notes buffer at 0x%llx lies in memory excluded from the dump",
				    (unsigned long long)c->notes_addr);
	}
	if (err) {
		struct ksd_error *e;

		c->buffer = BUFFER_UNREADABLE;
		e = cpu_evidence(c, SRC_MEMORY, "crash_notes buffer unreadable: %s",
				 err->message);
		ksd_error_destroy(err);
		return e;
	}
	ksd_note_iter_init(&it, buf, (size_t)size, g->big);
	err = ksd_note_next(&it, &n, &end);
	if (err || (!end && !ksd_note_is(&n, "CORE", NT_PRSTATUS_TYPE))) {
		c->buffer = BUFFER_UNREADABLE;
		ksd_error_destroy(err);
		return cpu_evidence(c, SRC_MEMORY,
				    "crash_notes buffer at 0x%llx does not hold an NT_PRSTATUS note",
				    (unsigned long long)c->notes_addr);
	}
	if (end) {
		c->buffer = BUFFER_EMPTY;
		return cpu_evidence(c, SRC_MEMORY,
				    "crash_notes buffer at 0x%llx is empty: this CPU saved no registers",
				    (unsigned long long)c->notes_addr);
	}
	c->buffer = BUFFER_NOTE;
	err = claim_note(g, n.desc, n.desc_len, &idx);
	if (err)
		return err;
	err = set_regs(g, c, n.desc, n.desc_len, idx);
	if (err) {
		struct ksd_error *e;

		c->buffer = BUFFER_UNREADABLE;
		c->has_regs = false;
		e = cpu_evidence(c, SRC_MEMORY, "crash_notes buffer: %s",
				 err->message);
		ksd_error_destroy(err);
		return e;
	}
	if (idx < 0)
		return cpu_evidence(c, SRC_MEMORY,
				    "registers read from its crash_notes buffer at 0x%llx; no identical note in the PT_NOTE",
				    (unsigned long long)c->notes_addr);
	return cpu_evidence(c, via,
			    "registers from its own crash_notes buffer at 0x%llx (PT_NOTE entry %d)",
			    (unsigned long long)c->notes_addr, idx);
}

/* Notes that no CPU's buffer holds: the map and the PT_NOTE disagree. */
static struct ksd_error *warn_unclaimed(struct gather *g)
{
	size_t unclaimed = 0;

	for (size_t i = 0; i < g->nnotes; i++)
		unclaimed += !g->notes[i].claimed;
	if (!unclaimed)
		return NULL;
	return analysis_warn(g->a,
			     "%zu NT_PRSTATUS note(s) in the PT_NOTE match no CPU's crash_notes buffer",
			     unclaimed);
}

static struct ksd_error *attribute_by_record(struct gather *g)
{
	const struct ksd_record *rec = &g->a->record;
	struct analysis *a = g->a;
	struct ksd_error *err;

	err = alloc_cpus(a, rec->ncpus);
	if (err)
		return err;
	a->numbering = NUMBERING_RECORD;
	a->numbering_certain = true;
	for (unsigned int i = 0; i < rec->ncpus && !err; i++) {
		struct cpu_report *c = &a->cpus[i];

		if (!rec->cpus[i].present) {
			c->verdict = VERDICT_UNKNOWN;
			err = cpu_evidence(c, SRC_RECORD,
					   "not a possible CPU in the record");
			continue;
		}
		c->in_record = true;
		c->mpidr = rec->cpus[i].mpidr;
		c->has_notes_addr = true;
		c->notes_addr = rec->cpus[i].notes;
		err = read_buffer(g, c, rec->cpus[i].size, SRC_RECORD);
		if (!err && c->buffer == BUFFER_UNREADABLE)
			a->numbering_certain = false;
	}
	return err ? err : warn_unclaimed(g);
}

/*
 * sizeof(note_buf_t) on arm64: one note header (12), "CORE" padded (8),
 * the prstatus (392) and the terminating header (12).  The kernel
 * allocates it so it never crosses a page (per_cpu_ptr_to_phys() of its
 * start is enough).
 */
#define NOTE_BUF_SIZE 424u

static bool memory_has_notes(const struct ksd_percpu_state *s)
{
	if (!s)
		return false;
	for (unsigned int i = 0; i < s->nr_cpu_ids; i++)
		if (s->cpus[i].has_crash_notes)
			return true;
	return false;
}

/*
 * Without the record, the crash_notes symbol and __per_cpu_offset give
 * the same map: each possible CPU's buffer, read from memory.
 */
static struct ksd_error *attribute_by_memory(struct gather *g)
{
	const struct ksd_percpu_state *s = g->a->percpu;
	struct analysis *a = g->a;
	struct ksd_error *err;
	size_t n = 0;

	err = alloc_cpus(a, s->nr_cpu_ids);
	if (err)
		return err;
	a->numbering = NUMBERING_MEMORY;
	a->numbering_certain = true;
	for (unsigned int cpu = 0; cpu < s->nr_cpu_ids && !err; cpu++) {
		const struct ksd_percpu_cpu *m = &s->cpus[cpu];
		struct cpu_report *c = &a->cpus[n];

		if (s->has_masks && !m->possible)
			continue;
		n++;
		c->cpu = cpu;
		if (!m->has_crash_notes) {
			c->buffer = BUFFER_UNREADABLE;
			a->numbering_certain = false;
			err = cpu_evidence(c, SRC_MEMORY, "its crash_notes buffer could not be located");
			continue;
		}
		c->has_notes_addr = true;
		c->notes_addr = m->crash_notes_pa;
		err = read_buffer(g, c, NOTE_BUF_SIZE, SRC_MEMORY);
		if (!err && c->buffer == BUFFER_UNREADABLE)
			a->numbering_certain = false;
	}
	a->ncpus = n;
	return err ? err : warn_unclaimed(g);
}

static struct ksd_error *attribute_by_order(struct gather *g)
{
	struct analysis *a = g->a;
	struct ksd_error *err;

	err = alloc_cpus(a, g->nnotes);
	if (err)
		return err;
	a->numbering = NUMBERING_NOTE_ORDER;
	a->numbering_certain = false;
	for (size_t i = 0; i < g->nnotes && !err; i++) {
		struct cpu_report *c = &a->cpus[i];

		err = set_regs(g, c, g->notes[i].desc, g->notes[i].len, (int)i);
		if (err)
			return ksd_error_prefix(err, "'%s': NT_PRSTATUS note %zu",
						ksd_dump_path(g->dump), i);
		err = cpu_evidence(c, SRC_NOTE_ORDER,
				   "NT_PRSTATUS note %zu taken as CPU %zu: the dump has no map from notes to CPUs",
				   i, i);
	}
	return err;
}

static struct ksd_error *take_cmdline(struct analysis *a,
				      const struct analysis_opts *opts)
{
	struct ksd_error *err;

	if (a->has_record || !opts || !opts->cmdline)
		return NULL;
	err = ksd_record_token_parse(opts->cmdline, &a->record);
	if (err && err->code == KSD_ERR_NOT_FOUND) {
		ksd_error_destroy(err);
		return NULL;
	}
	if (err) {
		char *msg = ksd_error_take_message(err);

		ksd_record_deinit(&a->record);
		ksd_record_init(&a->record);
		err = analysis_warn(a, "ignoring the token in %s: %s",
				    opts->cmdline_name ? opts->cmdline_name : "the command line",
				    msg ? msg : "");
		free(msg);
		return err;
	}
	a->has_record = true;
	a->record_source = SRC_CMDLINE;
	return NULL;
}

struct ksd_error *evidence_gather(struct ksd_dump *dump,
				  const struct analysis_opts *opts,
				  struct analysis *a)
{
	struct gather g = { .dump = dump, .a = a };
	struct ksd_error *err;

	a->path = ksd_dump_path(dump);
	a->info = *ksd_dump_info(dump);
	a->parts = calloc(a->info.parts ? a->info.parts : 1, sizeof(*a->parts));
	if (!a->parts)
		return &ksd_enomem;
	for (unsigned int i = 0; i < a->info.parts; i++)
		a->parts[i] = ksd_dump_part_path(dump, i);
	a->panic_cpu = -1;
	g.big = a->info.big_endian;
	if (a->info.machine != EM_AARCH64_VALUE)
		return ksd_error_create(KSD_ERR_UNSUPPORTED,
					"'%s': not an arm64 dump (ELF machine %u; AArch64 is %d)",
					a->path, a->info.machine, EM_AARCH64_VALUE);
	err = scan_notes(&g);
	if (!err)
		err = take_cmdline(a, opts);
	if (!err && !a->has_vmcoreinfo)
		err = analysis_warn(a, "no VMCOREINFO note: not a kdump vmcore, or a damaged one");
	if (!err && a->info.incomplete)
		err = analysis_warn(a, "the dump is marked incomplete (its writer ran out of space or was interrupted)");
	if (!err && a->info.truncated)
		err = analysis_warn(a, "the file is truncated: memory past its end is missing");
	if (!err)
		err = memory_open(dump, opts, a);
	if (!err)
		err = log_open(a);
	a->nprstatus = (unsigned int)g.nnotes;
	if (!err && a->has_record && a->record_source == SRC_RECORD &&
	    a->record.ncpus > 0)
		err = attribute_by_record(&g);
	else if (!err && memory_has_notes(a->percpu))
		err = attribute_by_memory(&g);
	else if (!err)
		err = attribute_by_order(&g);
	if (!err)
		err = memory_cpu_facts(a);
	if (!err)
		err = log_cpu_facts(a);
	free(g.keys);
	free(g.notes);
	return err;
}
