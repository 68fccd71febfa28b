// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The frame-pointer unwinder (lib/arch/unwind.c): registers from an 'R'
 * record, stacks from 'S' records, the frame records in 'K' memory, and
 * the PAC mask and THREAD_SIZE from the first two 'A' words.  Looping,
 * misaligned and stack-hopping chains must end in at most
 * AARCH64_MAX_FRAMES steps with a reason.  Input: fuzz/kimage.h.
 */
#include "config.h"

#include <string.h>

#include "arch/unwind.h"
#include "fuzz.h"
#include "kimage.h"

FUZZ_TARGET(unwind)
{
	static const char *const names[] = { "task", "irq", "overflow", "sdei" };
	static struct kimage k;
	static struct aarch64_unwind u;
	struct aarch64_stack stacks[AARCH64_MAX_STACKS];
	struct ksd_kmem m;
	uint64_t pac = 0, task_size = 0;
	size_t n = 0;

	kimage_parse(data, size, &k);
	if (!k.has_regs)
		return 0;
	for (size_t i = 0; i < k.nstacks && n < AARCH64_MAX_STACKS; i++, n++)
		stacks[n] = (struct aarch64_stack){
			.low = k.stacks[i][0], .high = k.stacks[i][1],
			.name = names[i % 4],
		};
	if (k.naddrs >= 1)
		pac = k.addrs[0];
	if (k.naddrs >= 2)
		task_size = k.addrs[1] & 0x3ffff;	/* up to 256 KiB */
	m = kimage_kmem(&k);
	aarch64_unwind(&m, &k.prs.regs, stacks, n, pac, task_size, &u);
	if (u.nframes > AARCH64_MAX_FRAMES || !memchr(u.stop, 0, sizeof(u.stop)))
		__builtin_trap();
	return 0;
}
