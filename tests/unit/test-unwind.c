// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * lib/arch/unwind.c with stacks built by hand: frame records {fp, lr}
 * written into memory read through the callback.  Each test names the
 * chain it builds and where it must stop, and why.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "arch/unwind.h"
#include "check-error.h"

/* Two 16 KiB stacks: the task's and the IRQ one; a gap between them. */
#define TASK 0xffff800082030000ull
#define IRQ 0xffff800082000000ull
#define SZ 0x4000ull
#define TEXT 0xffffbabf0f010000ull
#define PAC 0xffff000000000000ull	/* KERNELPACMASK, 48-bit VAs */

static uint8_t task_mem[SZ], irq_mem[SZ];
static bool irq_readable;
/* [hole, hole + hole_len): on a stack but not in the dump. */
static uint64_t hole, hole_len;

static uint8_t *where(uint64_t va, size_t len)
{
	if (hole_len && va < hole + hole_len && hole < va + len)
		return NULL;
	if (va >= TASK && va + len <= TASK + SZ)
		return task_mem + (va - TASK);
	if (irq_readable && va >= IRQ && va + len <= IRQ + SZ)
		return irq_mem + (va - IRQ);
	return NULL;
}

static struct ksd_error *read_virt(void *arg, uint64_t va, void *buf, size_t len)
{
	uint8_t *p = where(va, len);

	(void)arg;
	if (!p)
		return ksd_error_create(KSD_ERR_FAULT, "0x%llx is not mapped",
					(unsigned long long)va);
	memcpy(buf, p, len);
	return NULL;
}

static const struct ksd_kmem mem = { .read = read_virt, .ptr_size = 8 };

static void record(uint64_t at, uint64_t fp, uint64_t lr)
{
	uint8_t *p = where(at, 16);

	assert_non_null(p);
	for (int i = 0; i < 8; i++) {
		p[i] = (uint8_t)(fp >> (8 * i));
		p[8 + i] = (uint8_t)(lr >> (8 * i));
	}
}

static int setup(void **state)
{
	(void)state;
	memset(task_mem, 0, sizeof(task_mem));
	memset(irq_mem, 0, sizeof(irq_mem));
	irq_readable = true;
	hole = hole_len = 0;
	return 0;
}

static const struct aarch64_stack both[] = {
	{ IRQ, IRQ + SZ, "irq" },
	{ TASK, TASK + SZ, "task" },
};

/* A signed return address: PAC bits in [63:56] and [54:48], bit 55 kept. */
static uint64_t sign(uint64_t a)
{
	return (a & ~(PAC & ~(1ull << 55))) | 0x5a00000000000000ull | 0x0013000000000000ull;
}

static struct aarch64_regs regs(uint64_t pc, uint64_t lr, uint64_t fp, uint64_t sp)
{
	struct aarch64_regs r = { .pc = pc, .sp = sp };

	r.x[29] = fp;
	r.x[30] = lr;
	return r;
}

/* F0 -> F1 -> F2 -> F3 on the task stack, ending at the final record. */
static void build_task_chain(uint64_t (*ret)(uint64_t))
{
	record(TASK + 0x3f00, TASK + 0x3f40, ret(TEXT + 0x124));	/* R0: into F1 */
	record(TASK + 0x3f40, TASK + 0x3f80, ret(TEXT + 0x228));	/* R1: into F2 */
	record(TASK + 0x3f80, TASK + 0x3fe0, ret(TEXT + 0x32c));	/* R2: into F3 */
	record(TASK + 0x3fe0, 0, 0);					/* final */
}

static uint64_t plain(uint64_t a)
{
	return a;
}

static void test_chain_to_final_record(void **state)
{
	struct aarch64_regs r = regs(TEXT + 0x10, TEXT + 0x124, TASK + 0x3f00, TASK + 0x3f00);
	struct aarch64_unwind u;

	(void)state;
	build_task_chain(plain);
	aarch64_unwind(&mem, &r, both, 2, 0, 0, &u);
	assert_int_equal(u.nframes, 4);
	assert_int_equal(u.frames[0].pc, TEXT + 0x10);
	assert_int_equal(u.frames[0].kind, FRAME_PC);
	assert_int_equal(u.frames[1].pc, TEXT + 0x124);
	assert_int_equal(u.frames[1].kind, FRAME_RECORD);
	assert_string_equal(u.frames[1].stack, "task");
	assert_int_equal(u.frames[3].pc, TEXT + 0x32c);
	assert_true(u.complete);
	assert_string_equal(u.stop, "final frame record at 0xffff800082033fe0");
}

/*
 * With PACs: the return addresses are stripped, and the final {0, 0}
 * record is still the end (a zero lr has bit 55 clear: nothing to set).
 */
static void test_pac_stripped_and_final_record_kept(void **state)
{
	struct aarch64_regs r = regs(TEXT + 0x10, sign(TEXT + 0x124), TASK + 0x3f00,
				     TASK + 0x3f00);
	struct aarch64_unwind u;

	(void)state;
	build_task_chain(sign);
	aarch64_unwind(&mem, &r, both, 2, PAC, 0, &u);
	assert_int_equal(u.nframes, 4);
	assert_int_equal(u.frames[1].pc, TEXT + 0x124);
	assert_int_equal(u.frames[3].pc, TEXT + 0x32c);
	assert_true(u.complete);
	assert_string_equal(u.stop, "final frame record at 0xffff800082033fe0");
}

/* Bit 55 selects the half: kernel pointers get ones, user ones zeros. */
static void test_strip_pac(void **state)
{
	(void)state;
	assert_int_equal(aarch64_strip_pac(sign(TEXT + 4), PAC), TEXT + 4);
	assert_int_equal(aarch64_strip_pac(0x5a13aaaabbbbccccull, PAC), 0x0000aaaabbbbccccull);
	assert_int_equal(aarch64_strip_pac(0, PAC), 0);
	assert_int_equal(aarch64_strip_pac(TEXT + 4, 0), TEXT + 4);
}

/*
 * From a handler on the IRQ stack into the task stack (call_on_irq_stack
 * pushed its record there), with only the IRQ stack known: sp is on it,
 * so the task stack is found from the first record that leaves it.
 */
static void test_irq_to_task_stack(void **state)
{
	const struct aarch64_stack irq_only[] = { { IRQ, IRQ + SZ, "irq" } };
	struct aarch64_regs r = regs(TEXT + 0x10, TEXT + 0x124, IRQ + 0x3f00, IRQ + 0x3f00);
	struct aarch64_unwind u;

	(void)state;
	record(IRQ + 0x3f00, IRQ + 0x3f80, TEXT + 0x124);
	record(IRQ + 0x3f80, TASK + 0x3e00, TEXT + 0x228);	/* to the task stack */
	record(TASK + 0x3e00, TASK + 0x3fe0, TEXT + 0x32c);
	record(TASK + 0x3fe0, 0, 0);
	aarch64_unwind(&mem, &r, irq_only, 1, 0, SZ, &u);
	assert_int_equal(u.nframes, 4);
	assert_string_equal(u.frames[1].stack, "irq");
	assert_string_equal(u.frames[2].stack, "irq");
	assert_string_equal(u.frames[3].stack, "task");
	assert_true(u.complete);
	/* Without a THREAD_SIZE to find it by, the trace stops there. */
	aarch64_unwind(&mem, &r, irq_only, 1, 0, 0, &u);
	assert_false(u.complete);
	assert_string_equal(u.stop, "frame pointer 0xffff800082033e00 is on no known stack");
}

/*
 * Stopped at an IRQ handler's first instruction: call_on_irq_stack() has
 * moved sp to the IRQ stack but fp is still its record on the task stack.
 */
static void test_irq_handler_entry(void **state)
{
	const struct aarch64_stack irq_only[] = { { IRQ, IRQ + SZ, "irq" } };
	struct aarch64_regs r = regs(TEXT + 0x0, TEXT + 0x124, TASK + 0x3e00, IRQ + SZ);
	struct aarch64_unwind u;

	(void)state;
	record(TASK + 0x3e00, TASK + 0x3fe0, TEXT + 0x124);
	record(TASK + 0x3fe0, 0, 0);
	aarch64_unwind(&mem, &r, irq_only, 1, 0, SZ, &u);
	assert_int_equal(u.nframes, 2);
	assert_string_equal(u.frames[1].stack, "task");
	assert_true(u.complete);
}

/* A function stopped before its prologue: its caller is only in lr. */
static void test_leaf_caller_from_lr(void **state)
{
	struct aarch64_regs r = regs(TEXT + 0x10, TEXT + 0x0a8, TASK + 0x3f00, TASK + 0x3ee0);
	struct aarch64_unwind u;

	(void)state;
	build_task_chain(plain);
	aarch64_unwind(&mem, &r, both, 2, 0, 0, &u);
	assert_int_equal(u.nframes, 5);
	assert_int_equal(u.frames[1].kind, FRAME_LR);
	assert_int_equal(u.frames[1].pc, TEXT + 0x0a8);
	assert_null(u.frames[1].stack);
	assert_int_equal(u.frames[2].pc, TEXT + 0x124);
}

static void test_loop_stops(void **state)
{
	struct aarch64_regs r = regs(TEXT + 0x10, 0, TASK + 0x3f00, TASK + 0x3f00);
	struct aarch64_unwind u;

	(void)state;
	record(TASK + 0x3f00, TASK + 0x3f40, TEXT + 0x124);
	record(TASK + 0x3f40, TASK + 0x3f00, TEXT + 0x228);	/* back down */
	aarch64_unwind(&mem, &r, both, 2, 0, 0, &u);
	assert_int_equal(u.nframes, 3);
	assert_false(u.complete);
	assert_string_equal(u.stop,
			    "frame pointer 0xffff800082033f00 does not move up the task stack (loop)");
	/* A record pointing at itself. */
	record(TASK + 0x3f00, TASK + 0x3f00, TEXT + 0x124);
	aarch64_unwind(&mem, &r, both, 2, 0, 0, &u);
	assert_int_equal(u.nframes, 2);
	assert_false(u.complete);
}

static void test_back_to_a_stack_left(void **state)
{
	struct aarch64_regs r = regs(TEXT + 0x10, 0, IRQ + 0x3f00, IRQ + 0x3f00);
	struct aarch64_unwind u;

	(void)state;
	record(IRQ + 0x3f00, TASK + 0x3f00, TEXT + 0x124);
	record(TASK + 0x3f00, IRQ + 0x3f40, TEXT + 0x228);	/* back to the IRQ stack */
	aarch64_unwind(&mem, &r, both, 2, 0, 0, &u);
	assert_false(u.complete);
	assert_string_equal(u.stop, "frame chain returns to the irq stack at 0xffff800082003f40");
}

static void test_misaligned_and_off_stack(void **state)
{
	struct aarch64_regs r = regs(TEXT + 0x10, 0, TASK + 0x3f08, TASK + 0x3f00);
	struct aarch64_unwind u;

	(void)state;
	aarch64_unwind(&mem, &r, both, 2, 0, 0, &u);
	assert_int_equal(u.nframes, 1);
	assert_string_equal(u.stop, "frame pointer 0xffff800082033f08 is not 16-byte aligned");
	r.x[29] = 0xffff000012345670ull;
	aarch64_unwind(&mem, &r, both, 2, 0, 0, &u);
	assert_string_equal(u.stop, "frame pointer 0xffff000012345670 is on no known stack");
	/* The last 16 bytes of a stack hold a record; past them is off-stack. */
	r.x[29] = TASK + SZ - 8;
	aarch64_unwind(&mem, &r, both, 2, 0, 0, &u);
	assert_string_equal(u.stop, "frame pointer 0xffff800082033ff8 is not 16-byte aligned");
	r.x[29] = TASK + SZ;
	aarch64_unwind(&mem, &r, both, 2, 0, 0, &u);
	assert_string_equal(u.stop, "frame pointer 0xffff800082034000 is on no known stack");
}

static void test_unreadable_record(void **state)
{
	struct aarch64_regs r = regs(TEXT + 0x10, 0, TASK + 0x3f00, TASK + 0x3f00);
	struct aarch64_unwind u;

	(void)state;
	record(TASK + 0x3f00, IRQ + 0x100, TEXT + 0x124);
	irq_readable = false;
	aarch64_unwind(&mem, &r, both, 2, 0, 0, &u);
	assert_int_equal(u.nframes, 2);
	assert_false(u.complete);
	assert_string_equal(u.stop, "frame record unreadable: 0xffff800082000100 is not mapped");
}

/* A chain deeper than the bound: every step moves up, none ends it. */
static void test_depth_bound(void **state)
{
	struct aarch64_regs r = regs(TEXT + 0x10, 0, TASK + 0x100, TASK + 0x100);
	struct aarch64_unwind u;

	(void)state;
	for (uint64_t a = TASK + 0x100; a < TASK + SZ - 0x20; a += 0x20)
		record(a, a + 0x20, TEXT + 0x100 + (a & 0xff0));
	aarch64_unwind(&mem, &r, both, 2, 0, 0, &u);
	assert_int_equal(u.nframes, AARCH64_MAX_FRAMES);
	assert_false(u.complete);
	assert_string_equal(u.stop, "stopped after 64 frames (AARCH64_MAX_FRAMES)");
}

/*
 * 6.13+ metadata frame records.  struct pt_regs is 336 bytes with
 * stackframe (struct frame_record_meta) at 296, so the records are only
 * 8-byte aligned.  The task's final pt_regs ends its stack; an IRQ's
 * pt_regs lies below the interrupted frames it was pushed under.
 */
#define SF 296ull
#define FINAL_REGS (TASK + SZ - 336)		/* meta at TASK + 0x3fd8 */
#define IRQ_REGS (TASK + 0x3c00)		/* meta at TASK + 0x3d28 */

static void put64(uint64_t at, uint64_t v)
{
	uint8_t *p = where(at, 8);

	assert_non_null(p);
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void meta(uint64_t regs_at, uint64_t type)
{
	record(regs_at + SF, 0, 0);
	put64(regs_at + SF + 16, type);
}

/*
 * F0 -> F1 -(meta PT_REGS)-> interrupted F2 (a leaf: its caller F3 only
 * in the saved x30) -> F4 -> the final meta record.
 */
static void build_boundary_chain(void)
{
	record(TASK + 0x3b00, TASK + 0x3b40, TEXT + 0x124);	/* R0: into F1 */
	record(TASK + 0x3b40, IRQ_REGS + SF, TEXT + 0x228);	/* R1: el1h_64_irq's regs */
	meta(IRQ_REGS, AARCH64_FRAME_META_PT_REGS);
	put64(IRQ_REGS + 29 * 8, TASK + 0x3e80);		/* regs[29] */
	put64(IRQ_REGS + 30 * 8, sign(TEXT + 0x524));		/* regs[30]: into F3 */
	put64(IRQ_REGS + 32 * 8, TEXT + 0x400);			/* pc: in F2 */
	put64(IRQ_REGS + 33 * 8, 0x60000005);			/* pstate: EL1h */
	record(TASK + 0x3e80, FINAL_REGS + SF, TEXT + 0x62c);	/* R3: into F4 */
	meta(FINAL_REGS, AARCH64_FRAME_META_FINAL);
}

static void test_exception_boundary(void **state)
{
	struct aarch64_regs r = regs(TEXT + 0x10, TEXT + 0x124, TASK + 0x3b00, TASK + 0x3b00);
	struct aarch64_unwind u;

	(void)state;
	build_boundary_chain();
	aarch64_unwind_meta(&mem, &r, both, 2, PAC, 0, SF, &u);
	assert_int_equal(u.nframes, 6);
	assert_int_equal(u.frames[2].pc, TEXT + 0x228);
	assert_int_equal(u.frames[3].kind, FRAME_EXCEPTION);
	assert_int_equal(u.frames[3].pc, TEXT + 0x400);
	assert_int_equal(u.frames[3].fp, IRQ_REGS + SF);
	assert_string_equal(u.frames[3].stack, "task");
	assert_int_equal(u.frames[4].kind, FRAME_LR);
	assert_int_equal(u.frames[4].pc, TEXT + 0x524);
	assert_int_equal(u.frames[5].kind, FRAME_RECORD);
	assert_int_equal(u.frames[5].pc, TEXT + 0x62c);
	assert_true(u.complete);
	assert_string_equal(u.stop, "final frame record at 0xffff800082033fd8");
}

/* Before 6.13 (no stackframe offset) the same memory is not followed. */
static void test_no_meta_before_613(void **state)
{
	struct aarch64_regs r = regs(TEXT + 0x10, TEXT + 0x124, TASK + 0x3b00, TASK + 0x3b00);
	struct aarch64_unwind u;

	(void)state;
	build_boundary_chain();
	aarch64_unwind(&mem, &r, both, 2, PAC, 0, &u);
	assert_int_equal(u.nframes, 3);
	assert_false(u.complete);
	assert_string_equal(u.stop, "frame pointer 0xffff800082033d28 is not 16-byte aligned");
	/* A 16-aligned zero record is final whatever follows it. */
	record(TASK + 0x3b40, TASK + 0x3d80, TEXT + 0x228);
	put64(TASK + 0x3d90, AARCH64_FRAME_META_PT_REGS);
	aarch64_unwind(&mem, &r, both, 2, PAC, 0, &u);
	assert_true(u.complete);
	assert_string_equal(u.stop, "final frame record at 0xffff800082033d80");
}

static void test_bad_meta_records(void **state)
{
	struct aarch64_regs r = regs(TEXT + 0x10, TEXT + 0x124, TASK + 0x3b00, TASK + 0x3b00);
	struct aarch64_unwind u;

	(void)state;
	build_boundary_chain();
	put64(IRQ_REGS + SF + 16, 0);	/* FRAME_META_TYPE_NONE: reserved */
	aarch64_unwind_meta(&mem, &r, both, 2, PAC, 0, SF, &u);
	assert_int_equal(u.nframes, 3);
	assert_false(u.complete);
	assert_string_equal(u.stop,
			    "metadata frame record at 0xffff800082033d28 has unknown type 0");

	/*
	 * pt_regs read at the wrong offset (a POE kernel without BTF): a
	 * user pc or an EL0 PSTATE is no kernel context, and the walk stops.
	 */
	build_boundary_chain();
	put64(IRQ_REGS + 33 * 8, 0x60000000);	/* EL0t */
	aarch64_unwind_meta(&mem, &r, both, 2, PAC, 0, SF, &u);
	assert_int_equal(u.nframes, 3);
	assert_false(u.complete);
	assert_string_equal(u.stop,
			    "pt_regs at 0xffff800082033c00 holds pc 0xffffbabf0f010400 and pstate 0x60000000, not a kernel context: its layout is not this kernel's");
	build_boundary_chain();
	put64(IRQ_REGS + 32 * 8, 0x0000aaaa00001000);	/* a user pc */
	aarch64_unwind_meta(&mem, &r, both, 2, PAC, 0, SF, &u);
	assert_int_equal(u.nframes, 3);
	assert_false(u.complete);
	/* An offset inside the registers themselves is refused outright. */
	build_boundary_chain();
	aarch64_unwind_meta(&mem, &r, both, 2, PAC, 0, 8, &u);
	assert_false(u.complete);
	assert_string_equal(u.stop, "pt_regs.stackframe at offset 8 would overlap the registers");

	/* The interrupted x29 back down the stack: a loop, not a hang. */
	build_boundary_chain();
	put64(IRQ_REGS + 29 * 8, TASK + 0x3b00);
	aarch64_unwind_meta(&mem, &r, both, 2, PAC, 0, SF, &u);
	assert_int_equal(u.nframes, 4);
	assert_false(u.complete);
	assert_string_equal(u.stop,
			    "frame pointer 0xffff800082033b00 does not move up the task stack (loop)");

	/* A pt_regs that would start below the stack. */
	r.x[29] = TASK + 0x108;
	meta(TASK + 0x108 - SF, AARCH64_FRAME_META_PT_REGS);
	aarch64_unwind_meta(&mem, &r, both, 2, PAC, 0, SF, &u);
	assert_false(u.complete);
	assert_string_equal(u.stop,
			    "pt_regs of the exception boundary at 0xffff800082030108 is not on the task stack");

	/* A type word, then the pt_regs, missing from the dump. */
	r.x[29] = TASK + 0x3b00;
	build_boundary_chain();
	hole = IRQ_REGS + SF + 16;
	hole_len = 8;
	aarch64_unwind_meta(&mem, &r, both, 2, PAC, 0, SF, &u);
	assert_int_equal(u.nframes, 3);
	assert_false(u.complete);
	assert_string_equal(u.stop,
			    "metadata frame record type unreadable: 0xffff800082033d38 is not mapped");
	hole = IRQ_REGS + 30 * 8;
	aarch64_unwind_meta(&mem, &r, both, 2, PAC, 0, SF, &u);
	assert_int_equal(u.nframes, 3);
	assert_false(u.complete);
	assert_string_equal(u.stop,
			    "pt_regs of the exception boundary unreadable: 0xffff800082033ce8 is not mapped");
	hole_len = 0;

	/* A type word past the end of the stack. */
	r.x[29] = TASK + SZ - 16;
	record(TASK + SZ - 16, 0, 0);
	aarch64_unwind_meta(&mem, &r, both, 2, PAC, 0, SF, &u);
	assert_false(u.complete);
	assert_string_equal(u.stop,
			    "metadata frame record at 0xffff800082033ff0 runs off the task stack");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup(f, setup)
		T(test_chain_to_final_record),
		T(test_pac_stripped_and_final_record_kept),
		T(test_strip_pac),
		T(test_irq_to_task_stack),
		T(test_irq_handler_entry),
		T(test_leaf_caller_from_lr),
		T(test_loop_stops),
		T(test_back_to_a_stack_left),
		T(test_misaligned_and_off_stack),
		T(test_unreadable_record),
		T(test_depth_bound),
		T(test_exception_boundary),
		T(test_no_meta_before_613),
		T(test_bad_meta_records),
#undef T
	};

	return cmocka_run_group_tests_name("unwind", tests, NULL, NULL);
}
