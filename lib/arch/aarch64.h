/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * arm64 register state as the kernel saves it in a crash dump.
 *
 * NT_PRSTATUS descriptor (struct elf_prstatus, include/uapi/linux/elfcore.h
 * with arm64's elf_gregset_t), 392 bytes:
 *
 *   offset  size  field
 *        0    12  pr_info
 *       12     2  pr_cursig (+2 pad)
 *       16     8  pr_sigpend
 *       24     8  pr_sighold
 *       32     4  pr_pid          current->pid on that CPU, 0 = idle
 *       36    12  pr_ppid, pr_pgrp, pr_sid
 *       48    64  pr_utime .. pr_cstime
 *      112   272  pr_reg          struct user_pt_regs: x0-x30, sp, pc, pstate
 *      384     4  pr_fpvalid (+4 pad)
 *
 * Dependency rule: lib/arch reads only bytes handed to it; it never opens
 * a dump.
 */
#ifndef KSD_ARCH_AARCH64_H
#define KSD_ARCH_AARCH64_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

enum {
	AARCH64_PRSTATUS_SIZE = 392,
	AARCH64_PRSTATUS_PID = 32,
	AARCH64_PRSTATUS_REGS = 112,
	AARCH64_NGREG = 34,		/* x0-x30, sp, pc, pstate */
	NT_PRSTATUS_TYPE = 1,
};

struct aarch64_regs {
	uint64_t x[31];		/* x29 = frame pointer, x30 = link register */
	uint64_t sp;
	uint64_t pc;
	uint64_t pstate;
};

struct aarch64_prstatus {
	int32_t pid;
	struct aarch64_regs regs;
};

/*
 * Decode an arm64 NT_PRSTATUS descriptor.  A descriptor of any size other
 * than 392 bytes is KSD_ERR_CORRUPT (an x86_64 note is 336, for instance).
 */
struct ksd_error *aarch64_prstatus_parse(const uint8_t *desc, size_t len,
					 bool big_endian,
					 struct aarch64_prstatus *ret);

/* "x0".."x30", "sp", "pc", "pstate" for index 0..33 (eu-readelf's names). */
const char *aarch64_reg_name(unsigned int idx);

/* Register @idx (0..33) of @regs, in the order of aarch64_reg_name(). */
uint64_t aarch64_reg_value(const struct aarch64_regs *regs, unsigned int idx);

/*
 * PSTATE (SPSR layout, arch/arm64/include/uapi/asm/ptrace.h):
 *
 *   bits   name  meaning
 *   3:0    M     exception level and SP select (0x5 = EL1h, 0x9 = EL2h)
 *   4      nRW   1 = AArch32 state (M[4:0] is then an AArch32 mode)
 *   6      F     FIQ masked
 *   7      I     IRQ masked
 *   8      A     SError masked
 *   9      D     debug exceptions masked
 *   12     SSBS, 13 ALLINT (FEAT_NMI), 21 SS, 22 PAN, 23 UAO, 24 DIT, 25 TCO
 *   31:28  N Z C V
 */
struct aarch64_pstate {
	uint64_t raw;
	bool aarch32;
	bool mode_valid;	/* M is an architecturally defined mode */
	unsigned int el;	/* exception level (AArch64 only) */
	bool sp_elx;		/* "h": SP_ELx, else "t": SP_EL0 */
	const char *mode;	/* "EL1h", "AArch32 svc", "invalid" ... */
	/*
	 * Kernel mode: EL1, or EL2 on a VHE host, where the kernel runs at
	 * EL2 (kernel-sdei.md section 4, fact 8).
	 */
	bool kernel_mode;
	bool d, a, i, f;
	bool n, z, c, v;
	bool ssbs, allint, ss, pan, uao, dit, tco;
};

void aarch64_pstate_decode(uint64_t pstate, struct aarch64_pstate *ret);

/*
 * Describe @ps in words: "EL1h, IRQ masked (DAIF=daIf), NZCV=nZCv".
 * Returns the length snprintf() would write.
 */
int aarch64_pstate_describe(const struct aarch64_pstate *ps, char *buf,
			    size_t len);

#endif /* KSD_ARCH_AARCH64_H */
