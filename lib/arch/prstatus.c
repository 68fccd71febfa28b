// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include "arch/aarch64.h"
#include "util/endian.h"

static const char *const reg_names[AARCH64_NGREG] = {
	"x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9",
	"x10", "x11", "x12", "x13", "x14", "x15", "x16", "x17", "x18", "x19",
	"x20", "x21", "x22", "x23", "x24", "x25", "x26", "x27", "x28", "x29",
	"x30", "sp", "pc", "pstate",
};

struct ksd_error *aarch64_prstatus_parse(const uint8_t *desc, size_t len,
					 bool big_endian,
					 struct aarch64_prstatus *ret)
{
	const uint8_t *r = desc + AARCH64_PRSTATUS_REGS;

	if (len != AARCH64_PRSTATUS_SIZE)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"NT_PRSTATUS is %zu bytes, an arm64 one is %d",
					len, AARCH64_PRSTATUS_SIZE);
	ret->pid = (int32_t)ksd_load32(desc + AARCH64_PRSTATUS_PID, big_endian);
	for (int i = 0; i < 31; i++)
		ret->regs.x[i] = ksd_load64(r + 8 * i, big_endian);
	ret->regs.sp = ksd_load64(r + 8 * 31, big_endian);
	ret->regs.pc = ksd_load64(r + 8 * 32, big_endian);
	ret->regs.pstate = ksd_load64(r + 8 * 33, big_endian);
	return NULL;
}

const char *aarch64_reg_name(unsigned int idx)
{
	return idx < AARCH64_NGREG ? reg_names[idx] : "?";
}

uint64_t aarch64_reg_value(const struct aarch64_regs *regs, unsigned int idx)
{
	if (idx < 31)
		return regs->x[idx];
	switch (idx) {
	case 31: return regs->sp;
	case 32: return regs->pc;
	case 33: return regs->pstate;
	}
	return 0;
}
