// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <stdbool.h>
#include <stdio.h>

#include "arch/unwind.h"
#include "util/endian.h"

static const struct aarch64_stack *stack_of(const struct aarch64_stack *s,
					    size_t n, uint64_t addr, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (addr >= s[i].low && addr <= s[i].high - len && s[i].high - s[i].low >= len)
			return &s[i];
	return NULL;
}

static void add(struct aarch64_unwind *u, uint64_t pc, uint64_t fp,
		enum aarch64_frame_kind kind, const char *stack)
{
	if (u->nframes < AARCH64_MAX_FRAMES)
		u->frames[u->nframes++] = (struct aarch64_frame){
			.pc = pc, .fp = fp, .kind = kind, .stack = stack,
		};
}

void aarch64_unwind(const struct ksd_kmem *m, const struct aarch64_regs *regs,
		    const struct aarch64_stack *stacks, size_t nstacks,
		    uint64_t pac_mask, uint64_t task_size,
		    struct aarch64_unwind *u)
{
	const struct aarch64_stack *cur = NULL, *used[AARCH64_MAX_STACKS];
	struct aarch64_stack task = { 0, 0, "task" };
	bool task_found = false;
	uint64_t fp = regs->x[29], lr = aarch64_strip_pac(regs->x[30], pac_mask);
	size_t nused = 0;
	bool lr_done = false;

	*u = (struct aarch64_unwind){ 0 };
	add(u, regs->pc, 0, FRAME_PC, NULL);
	while (u->nframes < AARCH64_MAX_FRAMES) {
		const struct aarch64_stack *st;
		uint8_t rec[16];
		uint64_t next, ret;
		struct ksd_error *err;

		if (fp == 0) {
			snprintf(u->stop, sizeof(u->stop), "end of the frame chain (fp = 0)");
			u->complete = true;
			return;
		}
		if (fp & 15) {
			snprintf(u->stop, sizeof(u->stop),
				 "frame pointer 0x%llx is not 16-byte aligned",
				 (unsigned long long)fp);
			return;
		}
		st = stack_of(stacks, nstacks, fp, 16);
		if (!st && task_found)
			st = stack_of(&task, 1, fp, 16);
		if (!st && !task_found && task_size &&
		    !(task_size & (task_size - 1))) {
			/*
			 * Leaving the IRQ/SDEI stack for the task's own, or
			 * already there: stopped at a handler's entry, before
			 * its prologue, fp is still call_on_irq_stack()'s record.
			 */
			task_found = true;
			task.low = fp & ~(task_size - 1);
			task.high = task.low + task_size;
			st = stack_of(&task, 1, fp, 16);
		}
		if (!st) {
			snprintf(u->stop, sizeof(u->stop),
				 "frame pointer 0x%llx is on no known stack",
				 (unsigned long long)fp);
			return;
		}
		if (st != cur) {
			/* Each stack may be entered once: no cycles between stacks. */
			for (size_t i = 0; i < nused; i++)
				if (used[i] == st) {
					snprintf(u->stop, sizeof(u->stop),
						 "frame chain returns to the %s stack at 0x%llx",
						 st->name, (unsigned long long)fp);
					return;
				}
			if (nused < AARCH64_MAX_STACKS)
				used[nused++] = st;
			cur = st;
		}
		err = ksd_kmem_read(m, fp, rec, sizeof(rec));
		if (err) {
			snprintf(u->stop, sizeof(u->stop), "frame record unreadable: %.120s",
				 err->message);
			ksd_error_destroy(err);
			return;
		}
		next = ksd_load64(rec, m->big_endian);
		ret = ksd_load64(rec + 8, m->big_endian);
		if (next == 0 && ret == 0) {
			/* The final record at the top of a task's stack (6.13+: metadata). */
			snprintf(u->stop, sizeof(u->stop), "final frame record at 0x%llx",
				 (unsigned long long)fp);
			u->complete = true;
			return;
		}
		ret = aarch64_strip_pac(ret, pac_mask);
		/*
		 * A leaf function, or one stopped before its prologue stored
		 * x29/x30, is not in the chain: its caller is only in lr.
		 */
		if (!lr_done) {
			lr_done = true;
			if (lr && lr != ret)
				add(u, lr, 0, FRAME_LR, NULL);
		}
		add(u, ret, fp, FRAME_RECORD, st->name);
		if (next != 0 && stack_of(&(struct aarch64_stack){ cur->low, cur->high, cur->name }, 1, next, 16) &&
		    next <= fp) {
			snprintf(u->stop, sizeof(u->stop),
				 "frame pointer 0x%llx does not move up the %s stack (loop)",
				 (unsigned long long)next, cur->name);
			return;
		}
		fp = next;
	}
	snprintf(u->stop, sizeof(u->stop), "stopped after %d frames (AARCH64_MAX_FRAMES)",
		 AARCH64_MAX_FRAMES);
}
