// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Verdicts: how each CPU stopped, from the evidence gathered, with the
 * facts each rests on (design.md; kernel-sdei.md sections 2 and 4).
 *
 * The panic CPU comes, strongest first, from panic_cpu in memory, the
 * kernel log, or elimination: the panic CPU always saves its own
 * registers (machine_crash_shutdown), so when the dump holds exactly one
 * register set and every other CPU's buffer is known to be empty, that
 * one is the panic CPU.
 *
 * For the other CPUs:
 *  - A stop IPI, and the pseudo-NMI IPI too, can only be taken with
 *    PSTATE.I clear, and the registers they save are the interrupted
 *    context.  A non-panic CPU whose saved PSTATE has I set was stopped
 *    by the SDEI event, which firmware delivers whatever DAIF says: it
 *    was spinning with interrupts masked, wedged.
 *  - With I clear it was stopped by the IPI, unless the log names it in
 *    the NMI or SDEI retry, or it is still inside an SDEI handler
 *    (sdei_active_normal_event set): then it ignored the plain IPI and is
 *    wedged all the same.
 *  - No registers: still set in the online mask means no rung reached it
 *    (not-stopped, wedged); clear in it means it parked itself on a
 *    parallel panic (self-stopped), or, clear in the active mask too, it
 *    was offline before the crash.
 *  - While the panic CPU is unknown, an I-set context is "panic or
 *    stopped-sdei"; when k CPUs are in that state, at least k - 1 were
 *    wedged.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "kernel/kernel.h"

static const char *const verdict_names[] = {
	[VERDICT_PANIC] = "panic",
	[VERDICT_STOPPED] = "stopped",
	[VERDICT_STOPPED_IPI] = "stopped-ipi",
	[VERDICT_STOPPED_NMI] = "stopped-nmi",
	[VERDICT_STOPPED_SDEI] = "stopped-sdei",
	[VERDICT_NOT_STOPPED] = "not-stopped",
	[VERDICT_SELF_STOPPED] = "self-stopped",
	[VERDICT_OFFLINE] = "offline",
	[VERDICT_UNKNOWN] = "unknown",
};

const char *verdict_name(enum verdict v)
{
	if ((unsigned int)v < sizeof(verdict_names) / sizeof(verdict_names[0]))
		return verdict_names[v];
	return "unknown";
}

static struct ksd_error *pstate_fact(struct cpu_report *c)
{
	char desc[160];

	aarch64_pstate_describe(&c->pstate, desc, sizeof(desc));
	return cpu_evidence(c, SRC_REGISTERS, "saved PSTATE 0x%llx: %s",
			    (unsigned long long)c->prs.regs.pstate, desc);
}

static bool in_sdei_handler(const struct cpu_report *c)
{
	return c->has_sdei_active && c->sdei_active != 0;
}

static struct ksd_error *record_contradiction(struct analysis *a,
					      struct cpu_report *c)
{
	if (!a->has_record || a->record.nmi == KSD_NMI_ARMED ||
	    a->record.nmi == KSD_NMI_UNKNOWN)
		return NULL;
	return analysis_warn(a,
			     "contradiction: CPU %u was stopped as only the SDEI rung can, but the %s says SDEI_NMI=%s",
			     c->cpu,
			     a->record_source == SRC_CMDLINE ? "command-line token" : "SDEI record",
			     ksd_sdei_nmi_name(a->record.nmi));
}

static struct ksd_error *sdei_stop(struct analysis *a, struct cpu_report *c,
				   const char *why)
{
	struct ksd_error *err;

	c->verdict = VERDICT_STOPPED_SDEI;
	c->wedged = true;
	err = cpu_evidence(c, SRC_RULE, "%s", why);
	if (!err)
		err = record_contradiction(a, c);
	return err;
}

/* A non-panic CPU with registers, the panic CPU being known. */
static struct ksd_error *decide_stopped(struct analysis *a,
					struct cpu_report *c)
{
	struct ksd_error *err = pstate_fact(c);

	if (err)
		return err;
	if (c->pstate.i)
		return sdei_stop(a, c,
				 "not the panic CPU, yet its context has IRQs masked: a stop IPI or pseudo-NMI is only taken with PSTATE.I clear, so the SDEI event (delivered whatever DAIF says) saved it; the CPU was spinning with interrupts masked");
	if (in_sdei_handler(c))
		return sdei_stop(a, c,
				 "its context has IRQs unmasked, but it is parked inside an SDEI event: the SDEI rung stopped it after it ignored the stop IPI");
	if (a->has_log && ksd_stoplog_has(&a->stop, &a->stop.sdei_retry, c->cpu))
		return sdei_stop(a, c,
				 "the SDEI rung was sent to it: it ignored the earlier rungs although its saved context has IRQs unmasked (a CPU slow to answer, or masked through PMR)");
	if (a->has_log && ksd_stoplog_has(&a->stop, &a->stop.nmi_retry, c->cpu)) {
		c->verdict = VERDICT_STOPPED_NMI;
		c->wedged = true;
		return cpu_evidence(c, SRC_RULE,
				    "the pseudo-NMI rung stopped it after it ignored the stop IPI: it was running with interrupts masked in ICC_PMR_EL1 (local_irq_disable() under pseudo-NMI), which PSTATE does not show");
	}
	if (a->has_log) {
		c->verdict = VERDICT_STOPPED_IPI;
		return cpu_evidence(c, SRC_RULE,
				    "IRQs unmasked where it was interrupted, and no retry line of the kernel log names it: the plain stop IPI stopped it");
	}
	c->verdict = VERDICT_STOPPED;
	return cpu_evidence(c, SRC_RULE,
			    "IRQs were unmasked where it was interrupted, as the stop IPI or the pseudo-NMI rung finds a CPU (the kernel log tells which)");
}

/* A CPU with registers while the panic CPU is not known. */
static struct ksd_error *decide_ambiguous(struct analysis *a,
					  struct cpu_report *c)
{
	struct ksd_error *err = pstate_fact(c);

	if (err)
		return err;
	if (in_sdei_handler(c))
		return sdei_stop(a, c,
				 "parked inside an SDEI event (sdei_active_normal_event set), which the panic CPU never is: sdei_handler_abort() clears it there");
	c->verdict = VERDICT_UNKNOWN;
	c->ambiguous = true;
	c->maybe[0] = VERDICT_PANIC;
	if (c->pstate.i) {
		c->maybe[1] = VERDICT_STOPPED_SDEI;
		return cpu_evidence(c, SRC_RULE,
				    "IRQs masked: either the panic CPU (panic() saves its own state with IRQs off) or a CPU the SDEI rung stopped while wedged; nothing in the dump tells which CPU panicked");
	}
	c->maybe[1] = VERDICT_STOPPED;
	return cpu_evidence(c, SRC_RULE,
			    "IRQs unmasked: either the panic CPU or one stopped by the IPI or pseudo-NMI rung; nothing in the dump tells which CPU panicked");
}

static struct ksd_error *ladder_fact(struct analysis *a, struct cpu_report *c)
{
	const struct ksd_record *rec = &a->record;

	if (!a->has_record)
		return NULL;
	if (rec->nmi == KSD_NMI_ARMED)
		return cpu_evidence(c, a->record_source,
				    "the SDEI stop was armed (firmware %s, conduit %s): even the last rung did not reach this CPU",
				    ksd_sdei_firmware_name(rec->firmware),
				    ksd_sdei_conduit_name(rec->conduit));
	return cpu_evidence(c, a->record_source,
			    "the SDEI stop was %s (SDEI_NMI=%s): nothing could interrupt a CPU spinning with interrupts masked",
			    rec->nmi == KSD_NMI_UNAVAILABLE ? "not armed" : "of unknown state",
			    ksd_sdei_nmi_name(rec->nmi));
}

/* A CPU whose crash_notes buffer is empty: it saved nothing. */
static struct ksd_error *decide_empty(struct analysis *a, struct cpu_report *c)
{
	struct ksd_error *err;

	if (c->has_mem && !c->online) {
		if (c->has_active && !c->active) {
			c->verdict = VERDICT_OFFLINE;
			return cpu_evidence(c, SRC_RULE,
					    "clear in both the online and the active mask and no registers: it was offline before the crash");
		}
		c->verdict = VERDICT_SELF_STOPPED;
		return cpu_evidence(c, SRC_RULE,
				    "it took itself offline without saving registers: it parked itself (panic_smp_self_stop) on a parallel panic");
	}
	c->verdict = VERDICT_NOT_STOPPED;
	c->wedged = true;
	if (c->has_mem)
		err = cpu_evidence(c, SRC_RULE,
				   "still set in the online mask with no registers saved: no rung of the stop ladder reached it");
	else
		err = cpu_evidence(c, SRC_RULE,
				   "no registers saved: no rung of the stop ladder reached it (a CPU that parked itself on a parallel panic, self-stopped, also saves nothing; the online mask in memory would tell them apart)");
	if (!err)
		err = ladder_fact(a, c);
	return err;
}

static struct ksd_error *set_panic_why(struct analysis *a, const char *why)
{
	free(a->panic_why);
	a->panic_why = strdup(why);
	return a->panic_why ? NULL : &ksd_enomem;
}

/*
 * Elimination: one register set in the whole dump, and every other
 * CPU known to have saved nothing.  An unreadable buffer or an
 * unattributed note leaves the question open.
 */
static struct ksd_error *find_panic(struct analysis *a)
{
	size_t with_regs = 0, last = 0;

	if (a->panic_cpu >= 0)
		return NULL;
	for (size_t i = 0; i < a->ncpus; i++) {
		if (a->cpus[i].buffer == BUFFER_UNREADABLE)
			return NULL;
		if (a->cpus[i].has_regs) {
			with_regs++;
			last = i;
		}
	}
	if (with_regs != 1 || a->nprstatus != 1)
		return NULL;
	a->panic_cpu = (int)a->cpus[last].cpu;
	a->panic_source = SRC_RULE;
	return set_panic_why(a,
			     "the only CPU with saved registers: the panic CPU always saves its own (machine_crash_shutdown)");
}

/* Whether @pc lies in function @name, by the kernel's symbol table. */
static bool pc_in(const struct analysis *a, uint64_t pc, const char *name)
{
	const struct ksd_sym *s;
	uint64_t off;

	if (!a->kernel || !a->kernel->syms)
		return false;
	s = ksd_symtab_by_addr(a->kernel->syms, pc, &off);
	return s && strcmp(s->name, name) == 0;
}

/*
 * The panic CPU's own registers, when panic() (not an oops) led to the
 * crash, are taken by crash_setup_regs(), inlined into __crash_kexec(): a
 * pc there is the panic CPU's and no stopped CPU's.
 */
static struct ksd_error *find_panic_by_pc(struct analysis *a)
{
	struct cpu_report *found = NULL;
	size_t n = 0;

	if (a->panic_cpu >= 0)
		return NULL;
	for (size_t i = 0; i < a->ncpus; i++) {
		struct cpu_report *c = &a->cpus[i];

		if (c->has_regs && pc_in(a, c->prs.regs.pc, "__crash_kexec")) {
			found = c;
			n++;
		}
	}
	/* With note-order numbering the note is sure, its CPU number is not. */
	if (n != 1)
		return NULL;
	a->panic_cpu = (int)found->cpu;
	a->panic_source = SRC_REGISTERS;
	return set_panic_why(a,
			     "its saved pc is in __crash_kexec, where crash_setup_regs() records the panicking CPU's own state");
}

static struct cpu_report *cpu_by_number(struct analysis *a, unsigned int cpu)
{
	for (size_t i = 0; i < a->ncpus; i++)
		if (a->cpus[i].cpu == cpu)
			return &a->cpus[i];
	return NULL;
}

static struct ksd_error *decide_panic(struct analysis *a, struct cpu_report *c)
{
	struct ksd_error *err;

	c->verdict = VERDICT_PANIC;
	err = cpu_evidence(c, a->panic_source, "%s",
			   a->panic_why ? a->panic_why : "named the panic CPU");
	if (!err && c->has_regs)
		err = pstate_fact(c);
	if (!err && !c->has_regs)
		err = analysis_warn(a,
				    "contradiction: CPU %u is the panic CPU (%s) but saved no registers",
				    c->cpu, a->panic_why);
	return err;
}

static struct ksd_error *decide_cpu(struct analysis *a, struct cpu_report *c)
{
	if (a->panic_cpu >= 0 && (int)c->cpu == a->panic_cpu)
		return decide_panic(a, c);
	if (c->has_regs)
		return a->panic_cpu >= 0 ? decide_stopped(a, c)
					 : decide_ambiguous(a, c);
	if (c->buffer == BUFFER_EMPTY)
		return decide_empty(a, c);
	c->verdict = VERDICT_UNKNOWN;
	return NULL;
}

struct ksd_error *verdict_decide(struct analysis *a)
{
	size_t masked_unknown = 0;
	struct ksd_error *err;

	err = find_panic_by_pc(a);
	if (!err)
		err = find_panic(a);
	if (err)
		return err;
	if (a->panic_cpu >= 0 && !cpu_by_number(a, (unsigned int)a->panic_cpu)) {
		err = analysis_warn(a, "the panic CPU %d (%s) is not among the dump's CPUs",
				    a->panic_cpu, a->panic_why);
		if (err)
			return err;
	}
	for (size_t i = 0; i < a->ncpus; i++) {
		struct cpu_report *c = &a->cpus[i];

		err = decide_cpu(a, c);
		if (err)
			return err;
		a->nwedged += c->wedged;
		masked_unknown += c->ambiguous && c->maybe[1] == VERDICT_STOPPED_SDEI;
	}
	/* Of k such CPUs at most one panicked: k - 1 were wedged. */
	if (masked_unknown >= 2)
		a->wedged_at_least = masked_unknown - 1;
	return NULL;
}
