/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Entry of the bare-metal test programs: a stack, vectors, main, off. */
	.section .bm_stack, "aw", %progbits
	.balign	16
	.space	16384
bm_stack_top:

	.text
	.balign	8
	.globl	_start
	.type	_start, %function
_start:
	ldr	x9, =bm_stack_top
	mov	sp, x9
	ldr	x9, =bm_install_vectors
	blr	x9
	ldr	x9, =main
	blr	x9
	ldr	x9, =bm_poweroff
	br	x9
	.ltorg
	.size	_start, . - _start
