/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * An exception vector table for the bare-metal test programs: every
 * exception reports itself on the UART and powers off, so that a test
 * that goes wrong (an FP/SIMD trap, an alignment fault) fails at once
 * with the syndrome, instead of hanging until its timeout.
 *
 * bm_install_vectors() points VBAR_EL1 or VBAR_EL2 (whichever is the
 * current level) at the table.  Note the purgatory itself has no vectors:
 * its tests run it with these, and the QEMU test fails if it traps.
 */
	.text
	.balign	8
	.globl	bm_install_vectors
	.type	bm_install_vectors, %function
bm_install_vectors:
	ldr	x0, =bm_vectors
	mrs	x1, CurrentEL
	cmp	x1, #(2 << 2)
	b.eq	1f
	msr	vbar_el1, x0
	isb
	ret
1:	msr	vbar_el2, x0
	isb
	ret
	.ltorg
	.size	bm_install_vectors, . - bm_install_vectors

	.macro	vector, n
	.balign	128
	mov	x3, #\n
	b	bm_vector_common
	.endm

	.balign	2048
bm_vectors:
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	vector	\n
	.endr

bm_vector_common:
	mrs	x4, CurrentEL
	cmp	x4, #(2 << 2)
	b.eq	1f
	mrs	x0, esr_el1
	mrs	x1, elr_el1
	mrs	x2, far_el1
	b	2f
1:	mrs	x0, esr_el2
	mrs	x1, elr_el2
	mrs	x2, far_el2
2:	ldr	x5, =bm_exception
	br	x5
	.ltorg
