/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Device register access for the purgatory's console.
 *
 * Functions, not inline code, so that the host unit tests can link the
 * console driver against a simulated UART (tests/unit/fake-mmio.c)
 * instead of these (purgatory/mmio.c): the driver is the same object
 * code path in both, with no #ifdef.  A call per register access costs
 * nothing next to the UART itself.
 */
#ifndef KSD_PURGATORY_MMIO_H
#define KSD_PURGATORY_MMIO_H

#include <stdint.h>

uint8_t mmio_read8(uint64_t addr);
uint32_t mmio_read32(uint64_t addr);
void mmio_write8(uint64_t addr, uint8_t value);
void mmio_write32(uint64_t addr, uint32_t value);

#endif /* KSD_PURGATORY_MMIO_H */
