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
	FRAME_EXCEPTION,	/* 6.13+: the interrupted pc from a pt_regs */
};

struct aarch64_frame {
	uint64_t pc;
	uint64_t fp;		/* the record it came from (FRAME_RECORD, FRAME_EXCEPTION) */
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
 * Since Linux 6.13 ("arm64: stacktrace: unwind exception boundaries")
 * every exception entry writes struct frame_record_meta { {fp = 0,
 * lr = 0}, type } into pt_regs->stackframe and points x29 at it; the
 * task's outermost one has type FINAL, one at an exception boundary
 * PT_REGS (arch/arm64/include/asm/stacktrace/frame.h).
 */
#define AARCH64_FRAME_META_FINAL	1
#define AARCH64_FRAME_META_PT_REGS	2
/* offsetof(struct pt_regs, stackframe) in 6.13+ when BTF does not say. */
#define AARCH64_PT_REGS_STACKFRAME_613	296
/* offsetof(struct pt_regs, regs[29]) and pc: user_pt_regs, fixed ABI. */
#define AARCH64_PT_REGS_X29		(29 * 8)
#define AARCH64_PT_REGS_X30		(30 * 8)
#define AARCH64_PT_REGS_PC		(32 * 8)
#define AARCH64_PT_REGS_PSTATE		(33 * 8)

/*
 * As aarch64_unwind(), for a kernel whose exception entries write
 * metadata frame records (6.13+).  @stackframe_off is offsetof(struct
 * pt_regs, stackframe); 0 means none (exactly aarch64_unwind()).  An
 * all-zero record is then followed by its type: FINAL ends a complete
 * trace; PT_REGS is an exception boundary, reported as a
 * FRAME_EXCEPTION frame with the interrupted pc, after which the walk
 * goes on from the pt_regs' x29 (and x30, as for the first frame); any
 * other type ends the walk.  Records need 8-byte alignment as the
 * kernel's unwinder checks, since pt_regs->stackframe is at 296.
 */
void aarch64_unwind_meta(const struct ksd_kmem *m, const struct aarch64_regs *regs,
			 const struct aarch64_stack *stacks, size_t nstacks,
			 uint64_t pac_mask, uint64_t task_size,
			 uint64_t stackframe_off, struct aarch64_unwind *ret);

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
