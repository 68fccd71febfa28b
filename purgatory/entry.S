/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * purgatory_start: where kexec enters the purgatory, on one CPU, with the
 * MMU and the D-cache off and interrupts masked (kexec-arm64.md 2.2).
 * No register holds anything the purgatory needs: everything comes from
 * the parameter block.
 *
 * The stack is 4 KiB of initialised data, not bss, so that the whole
 * purgatory is PROGBITS and the loader has no NOBITS section to place;
 * its depth is bounded at build time by -Wstack-usage on every function
 * and a shallow call graph (docs/purgatory.md).
 */
	.section .ksd_stack, "aw", %progbits
	.balign	16
stack_bottom:
	.space	4096
stack_top:

	.text
	.balign	8
	.globl	purgatory_start
	.type	purgatory_start, %function
purgatory_start:
	/* The boot protocol wants all of DAIF masked; do not rely on it. */
	msr	daifset, #0xf
	ldr	x9, =stack_top		/* one ABS64 relocation, in the pool */
	mov	sp, x9
	mov	x29, xzr
	mov	x30, xzr
	bl	purgatory_main		/* returns only to boot: x0 entry, x1 dtb */

	/* Documentation/arch/arm64/booting.rst: x0 = DTB, x1-x3 = 0. */
	mov	x17, x0
	mov	x0, x1
	mov	x1, xzr
	mov	x2, xzr
	mov	x3, xzr
	br	x17
	.ltorg
	.size	purgatory_start, . - purgatory_start
