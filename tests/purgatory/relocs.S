/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One relocation of every type kexec/purgatory-link.c implements (but
 * ABS16 and the checked MOVW_UABS_G0, which no address of ours fits),
 * across sections, for t6540: the loader's linker and GNU ld must give
 * the same bytes.  Plus the entry symbol and a parameter block, as the
 * linker demands, and a NOBITS section that must come out as zeroes.
 */
	.text
	.globl	purgatory_start
	.type	purgatory_start, %function
purgatory_start:
	b	far_label
	bl	far_label
	b.eq	near
	tbz	x0, #3, near
	ldr	x1, lit
	adr	x2, lit
	adrp	x3, data1
	adrp	x3, :pg_hi21_nc:data1
	add	x3, x3, :lo12:data1
	ldrb	w4, [x3, :lo12:data1]
	ldrh	w4, [x3, :lo12:data2]
	ldr	w4, [x3, :lo12:data4]
	ldr	x4, [x3, :lo12:data8]
	ldr	q4, [x3, :lo12:data16]
	movz	x5, #:abs_g1:data1
	movz	x5, #:abs_g2:data1
	movz	x6, #:abs_g3:data1
	movk	x6, #:abs_g2_nc:data1
	movk	x6, #:abs_g1_nc:data1
	movk	x6, #:abs_g0_nc:data1
	ret
	.size	purgatory_start, . - purgatory_start

	.section .text.b, "ax"
near:	nop
far_label:
	ret
	.balign	8
lit:	.quad	0

	.section .data.t, "aw"
	.balign	16
data16:	.quad	1, 2
data8:	.quad	3
data4:	.word	4
data2:	.hword	5
data1:	.byte	6
	.balign	8
	.quad	data1 + 3
	.word	data1
	.word	far_label - .
	.quad	far_label - .
	.hword	near - .

	.quad	zeroes + 8

	.section .ksd_params, "aw"
	.balign	16
	.globl	ksd_purgatory_params
	.type	ksd_purgatory_params, %object
	.size	ksd_purgatory_params, 832
ksd_purgatory_params:
	.quad	0x475255502d44534b
	.word	1, 832
	.zero	816

	.section .bss.z, "aw", %nobits
	.balign	32
zeroes:	.zero	64
