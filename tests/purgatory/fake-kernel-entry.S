/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A fake kernel for the purgatory tests: it reports the registers the
 * arm64 boot protocol defines (x0 = DTB, x1-x3 = 0) and the CPU state it
 * was entered in, then powers the machine off, so a passing run ends by
 * itself.  The registers are saved before anything can touch them.
 */
	.section .bm_stack, "aw", %progbits
	.balign	16
	.space	8192
fk_stack_top:

	.text
	.balign	8
	.globl	_start
	.type	_start, %function
_start:
	mov	x19, x0
	mov	x20, x1
	mov	x21, x2
	mov	x22, x3
	ldr	x9, =fk_stack_top
	mov	sp, x9
	ldr	x9, =bm_install_vectors
	blr	x9
	mov	x0, x19
	mov	x1, x20
	mov	x2, x21
	mov	x3, x22
	ldr	x9, =fake_kernel_main
	blr	x9
	ldr	x9, =bm_poweroff
	br	x9
	.ltorg
	.size	_start, . - _start
