// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Device register access, MMU off: a physical address is the address.
 * Each access is a single load or store of exactly the named width
 * (volatile, and -mstrict-align keeps the compiler from merging or
 * splitting them), which is what a UART's registers need.  The memory
 * clobbers keep the compiler from moving other memory accesses across a
 * register access.  With the MMU off every access is Device-nGnRnE, so
 * the CPU itself keeps them in program order.
 */
#include "purgatory/mmio.h"

uint8_t mmio_read8(uint64_t addr)
{
	uint8_t v;

	__asm__ volatile("ldrb %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

uint32_t mmio_read32(uint64_t addr)
{
	uint32_t v;

	__asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

void mmio_write8(uint64_t addr, uint8_t value)
{
	__asm__ volatile("strb %w0, [%1]" : : "r"(value), "r"(addr) : "memory");
}

void mmio_write32(uint64_t addr, uint32_t value)
{
	__asm__ volatile("str %w0, [%1]" : : "r"(value), "r"(addr) : "memory");
}
