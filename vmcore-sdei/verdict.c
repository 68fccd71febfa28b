// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Verdicts: how each CPU stopped, from the evidence gathered, with the
 * facts each rests on (kernel-sdei.md section 4).
 *
 * The rules that need nothing but the notes and the record:
 *  - The panic CPU always saves its own registers (machine_crash_shutdown
 *    calls crash_save_cpu), so when exactly one CPU has registers it is
 *    the panic CPU.
 *  - A stop IPI, and the pseudo-NMI IPI too, can only be taken with
 *    PSTATE.I clear, and the registers they save are the interrupted
 *    context at IRQ entry.  So a non-panic CPU whose saved PSTATE has I
 *    set was stopped by something that ignores DAIF: the SDEI event.  It
 *    was spinning with interrupts masked: wedged.
 *  - The panic CPU's own context may have I set (panic() disables IRQs
 *    before crash_setup_regs() reads DAIF), so while the panic CPU is
 *    unknown, an I-set context is either; the report says so rather than
 *    guessing.
 *  - A CPU whose crash_notes buffer is empty saved nothing: no rung
 *    reached it (or it parked itself on a parallel panic, which only
 *    memory can tell apart).
 */
#include "config.h"

#include <stdio.h>

#include "analysis.h"

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

static bool irqs_masked(const struct cpu_report *c)
{
	return c->pstate.i;
}

static struct ksd_error *pstate_fact(struct cpu_report *c)
{
	char desc[160];

	aarch64_pstate_describe(&c->pstate, desc, sizeof(desc));
	return cpu_evidence(c, SRC_REGISTERS, "saved PSTATE 0x%llx: %s",
			    (unsigned long long)c->prs.regs.pstate, desc);
}

static struct ksd_error *record_contradiction(struct analysis *a,
					      struct cpu_report *c)
{
	if (!a->has_record || a->record.nmi == KSD_NMI_ARMED ||
	    a->record.nmi == KSD_NMI_UNKNOWN)
		return NULL;
	return analysis_warn(a,
			     "contradiction: CPU %u saved an IRQs-masked context as only the SDEI rung can, but the %s says SDEI_NMI=%s",
			     c->cpu,
			     a->record_source == SRC_CMDLINE ? "command-line token" : "SDEI record",
			     ksd_sdei_nmi_name(a->record.nmi));
}

/* A non-panic CPU with registers, the panic CPU being known. */
static struct ksd_error *decide_stopped(struct analysis *a,
					struct cpu_report *c)
{
	struct ksd_error *err = pstate_fact(c);

	if (err)
		return err;
	if (irqs_masked(c)) {
		c->verdict = VERDICT_STOPPED_SDEI;
		c->wedged = true;
		err = cpu_evidence(c, SRC_RULE,
				   "not the panic CPU, yet its context has IRQs masked: a stop IPI or pseudo-NMI is only taken with PSTATE.I clear, so the SDEI event (delivered whatever DAIF says) saved it; the CPU was spinning with interrupts masked");
		if (!err)
			err = record_contradiction(a, c);
		return err;
	}
	c->verdict = VERDICT_STOPPED;
	return cpu_evidence(c, SRC_RULE,
			    "IRQs were unmasked where it was interrupted, as the stop IPI or the pseudo-NMI rung finds a CPU (the kernel log tells which)");
}

/* A CPU with registers while the panic CPU is not known. */
static struct ksd_error *decide_ambiguous(struct cpu_report *c)
{
	struct ksd_error *err = pstate_fact(c);

	if (err)
		return err;
	c->verdict = VERDICT_UNKNOWN;
	c->ambiguous = true;
	c->maybe[0] = VERDICT_PANIC;
	if (irqs_masked(c)) {
		c->maybe[1] = VERDICT_STOPPED_SDEI;
		return cpu_evidence(c, SRC_RULE,
				    "IRQs masked: either the panic CPU (panic() saves its own state with IRQs off) or a CPU the SDEI rung stopped while wedged; the notes alone do not tell which CPU panicked");
	}
	c->maybe[1] = VERDICT_STOPPED;
	return cpu_evidence(c, SRC_RULE,
			    "IRQs unmasked: either the panic CPU or one stopped by the IPI or pseudo-NMI rung; the notes alone do not tell which CPU panicked");
}

static struct ksd_error *decide_empty(struct analysis *a, struct cpu_report *c)
{
	const struct ksd_record *rec = &a->record;
	struct ksd_error *err;

	c->verdict = VERDICT_NOT_STOPPED;
	c->wedged = true;
	if (rec->nmi == KSD_NMI_ARMED)
		err = cpu_evidence(c, SRC_RECORD,
				   "the SDEI stop was armed (firmware %s, conduit %s): even the last rung did not reach this CPU",
				   ksd_sdei_firmware_name(rec->firmware),
				   ksd_sdei_conduit_name(rec->conduit));
	else
		err = cpu_evidence(c, SRC_RECORD,
				   "the SDEI stop was %s (SDEI_NMI=%s): nothing could interrupt a CPU spinning with interrupts masked",
				   rec->nmi == KSD_NMI_UNAVAILABLE ? "not armed" : "of unknown state",
				   ksd_sdei_nmi_name(rec->nmi));
	if (!err)
		err = cpu_evidence(c, SRC_RULE,
				   "a CPU that parked itself on a parallel panic also saves nothing (self-stopped); the online mask in memory tells the two apart");
	return err;
}

static void find_panic(struct analysis *a)
{
	size_t with_regs = 0, last = 0;

	for (size_t i = 0; i < a->ncpus; i++) {
		if (a->cpus[i].has_regs) {
			with_regs++;
			last = i;
		}
	}
	if (with_regs == 1)
		a->panic_cpu = (int)a->cpus[last].cpu;
}

static struct ksd_error *decide_cpu(struct analysis *a, struct cpu_report *c)
{
	struct ksd_error *err;

	if (c->has_regs && a->panic_cpu == (int)c->cpu) {
		c->verdict = VERDICT_PANIC;
		err = pstate_fact(c);
		if (!err)
			err = cpu_evidence(c, SRC_RULE,
					   "the only CPU with saved registers: the panic CPU always saves its own (machine_crash_shutdown)");
		return err;
	}
	if (c->has_regs)
		return a->panic_cpu >= 0 ? decide_stopped(a, c)
					 : decide_ambiguous(c);
	if (c->buffer == BUFFER_EMPTY)
		return decide_empty(a, c);
	c->verdict = VERDICT_UNKNOWN;
	return NULL;
}

struct ksd_error *verdict_decide(struct analysis *a)
{
	size_t masked_unknown = 0;

	find_panic(a);
	for (size_t i = 0; i < a->ncpus; i++) {
		struct cpu_report *c = &a->cpus[i];
		struct ksd_error *err = decide_cpu(a, c);

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
