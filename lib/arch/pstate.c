// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <stdio.h>

#include "arch/aarch64.h"

#define BIT(n) (1ull << (n))

static const char *aarch64_mode(unsigned int m, bool *valid)
{
	*valid = true;
	switch (m) {
	case 0x0: return "EL0t";
	case 0x4: return "EL1t";
	case 0x5: return "EL1h";
	case 0x8: return "EL2t";
	case 0x9: return "EL2h";
	case 0xc: return "EL3t";
	case 0xd: return "EL3h";
	}
	*valid = false;
	return "invalid";
}

static const char *aarch32_mode(unsigned int m, bool *valid)
{
	*valid = true;
	switch (m) {
	case 0x10: return "AArch32 usr";
	case 0x11: return "AArch32 fiq";
	case 0x12: return "AArch32 irq";
	case 0x13: return "AArch32 svc";
	case 0x16: return "AArch32 mon";
	case 0x17: return "AArch32 abt";
	case 0x1a: return "AArch32 hyp";
	case 0x1b: return "AArch32 und";
	case 0x1f: return "AArch32 sys";
	}
	*valid = false;
	return "AArch32 invalid";
}

void aarch64_pstate_decode(uint64_t p, struct aarch64_pstate *ps)
{
	*ps = (struct aarch64_pstate){ .raw = p };
	ps->aarch32 = p & BIT(4);
	if (ps->aarch32) {
		ps->mode = aarch32_mode(p & 0x1f, &ps->mode_valid);
	} else {
		ps->mode = aarch64_mode(p & 0xf, &ps->mode_valid);
		ps->el = (p >> 2) & 3;
		ps->sp_elx = p & 1;
		ps->kernel_mode = ps->mode_valid && (ps->el == 1 || ps->el == 2);
	}
	ps->f = p & BIT(6);
	ps->i = p & BIT(7);
	ps->a = p & BIT(8);
	ps->d = !ps->aarch32 && (p & BIT(9));
	ps->ssbs = p & BIT(12);
	ps->allint = !ps->aarch32 && (p & BIT(13));
	ps->ss = p & BIT(21);
	ps->pan = p & BIT(22);
	ps->uao = !ps->aarch32 && (p & BIT(23));
	ps->dit = p & BIT(24);
	ps->tco = !ps->aarch32 && (p & BIT(25));
	ps->v = p & BIT(28);
	ps->c = p & BIT(29);
	ps->z = p & BIT(30);
	ps->n = p & BIT(31);
}

int aarch64_pstate_describe(const struct aarch64_pstate *ps, char *buf,
			    size_t len)
{
	const char *mask;

	if (ps->i && ps->f && ps->a && ps->d)
		mask = "all exceptions masked";
	else if (ps->i)
		mask = "IRQ masked";
	else
		mask = "IRQ unmasked";
	return snprintf(buf, len,
			"%s, %s (DAIF=%c%c%c%c), NZCV=%c%c%c%c%s%s%s%s",
			ps->mode, mask,
			ps->d ? 'D' : 'd', ps->a ? 'A' : 'a',
			ps->i ? 'I' : 'i', ps->f ? 'F' : 'f',
			ps->n ? 'N' : 'n', ps->z ? 'Z' : 'z',
			ps->c ? 'C' : 'c', ps->v ? 'V' : 'v',
			ps->pan ? ", PAN" : "", ps->ssbs ? ", SSBS" : "",
			ps->allint ? ", ALLINT" : "", ps->ss ? ", SS" : "");
}
