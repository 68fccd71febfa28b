/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The boot stub: the first code QEMU runs in the purgatory tests.  It
 * stands in for the crashed kernel's last steps (machine_kexec ->
 * cpu_soft_restart): MMU and caches off (QEMU's reset state), interrupts
 * masked, then a jump to purgatory_start.  stub_main() sets up the CPU
 * state under test (FP/SIMD trapped, HCR_EL2.E2H, SME streaming mode)
 * and returns the purgatory's entry; the registers the purgatory must
 * not rely on are filled with junk, so that x1-x3 = 0 at the fake
 * kernel proves the purgatory zeroed them.
 */
	.section .bm_stack, "aw", %progbits
	.balign	16
	.space	8192
stub_stack_top:

	.text
	.balign	8
	.globl	_start
	.type	_start, %function
_start:
	msr	daifset, #0xf
	ldr	x9, =stub_stack_top
	mov	sp, x9
	ldr	x9, =bm_install_vectors
	blr	x9
	ldr	x9, =stub_main
	blr	x9
	mov	x17, x0
	ldr	x0, =0xdead000000000000
	add	x1, x0, #1
	add	x2, x0, #2
	add	x3, x0, #3
	add	x4, x0, #4
	add	x18, x0, #18
	add	x19, x0, #19
	add	x29, x0, #29
	add	x30, x0, #30
	br	x17
	.ltorg
	.size	_start, . - _start
