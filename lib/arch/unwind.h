/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * arm64 frame-pointer unwinding from saved registers.
 *
 * An AAPCS64 frame record is two words at x29: the caller's x29 and the
 * return address.  The unwinder follows the chain only through stacks it
 * was told about (task, IRQ, overflow, SDEI; the task stack may be found
 * on the way, see aarch64_unwind()), requires each record to be
 * 16-byte aligned and to move up its stack, allows each stack change once
 * (an IRQ or SDEI stack hands over to the task stack), strips pointer
 * authentication codes with KERNELPACMASK, stops at the final record, and
 * never takes more than AARCH64_MAX_FRAMES steps.  Why it stopped is
 * returned in words.
 */
#ifndef KSD_ARCH_UNWIND_H
#define KSD_ARCH_UNWIND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/aarch64.h"
#include "kernel/kmem.h"

#define AARCH64_MAX_FRAMES 64
#define AARCH64_MAX_STACKS 8

struct aarch64_stack {
	uint64_t low, high;	/* [low, high) */
	const char *name;	/* "task", "irq", "overflow", "sdei" */
};

enum aarch64_frame_kind {
	FRAME_PC,		/* the saved pc */
	FRAME_LR,		/* the saved lr, when the chain does not start with it */
	FRAME_RECORD,		/* a return address from a frame record */
};

struct aarch64_frame {
	uint64_t pc;
	uint64_t fp;		/* the record it came from (FRAME_RECORD) */
	enum aarch64_frame_kind kind;
	const char *stack;	/* which stack the record lay on */
};

struct aarch64_unwind {
	struct aarch64_frame frames[AARCH64_MAX_FRAMES];
	size_t nframes;
	char stop[160];		/* why the walk ended */
	bool complete;		/* it reached the final frame record */
};

/*
 * Unwind from @regs.  @pac_mask is NUMBER(KERNELPACMASK) (0 if none).
 *
 * @task_size is THREAD_SIZE when the task stack is not among @stacks,
 * because the registers were saved on an IRQ, SDEI or overflow stack and
 * the task's stack cannot be told without struct layouts: the first
 * frame pointer on none of the known stacks then names it, as the
 * THREAD_SIZE-aligned block holding it (call_on_irq_stack() leaves its
 * frame record on the task stack; at a handler's entry fp still points
 * there).  It is taken once.  0 when @stacks already hold the task stack.
 *
 * A bad frame ends the walk with a reason in @ret->stop.
 */
void aarch64_unwind(const struct ksd_kmem *m, const struct aarch64_regs *regs,
		    const struct aarch64_stack *stacks, size_t nstacks,
		    uint64_t pac_mask, uint64_t task_size,
		    struct aarch64_unwind *ret);

/*
 * Strip a pointer authentication code.  Bit 55, which the PAC never
 * replaces, says which half of the address space the pointer is in: a
 * kernel (TTBR1) pointer has the PAC field all ones once stripped, a user
 * one (or a zero lr) all zeros, as ptrauth_strip_kernel_insn_pac() and
 * ptrauth_strip_user_insn_pac() leave them.
 */
static inline uint64_t aarch64_strip_pac(uint64_t addr, uint64_t pac_mask)
{
	return addr & (1ull << 55) ? addr | pac_mask : addr & ~pac_mask;
}

#endif /* KSD_ARCH_UNWIND_H */
