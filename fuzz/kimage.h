/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A compact input for the harnesses of lib/kernel and lib/arch: the
 * pieces of a dumped kernel they read, without the dump around them.
 *
 * The input is a sequence of records, each a tag byte, a 32-bit
 * little-endian length and that many bytes:
 *
 *   'V'  VMCOREINFO text
 *   'K'  kernel virtual memory: a u64 address, then the bytes there
 *   'P'  physical memory: a u64 address, then the bytes there
 *   'R'  a 392-byte NT_PRSTATUS descriptor (registers to unwind from)
 *   'S'  a stack: u64 low, u64 high (a name is given by the harness)
 *   'A'  addresses to look at: u64 each
 *   'E'  one byte: nonzero if the dumped kernel is big-endian
 *
 * Numbers in 'K', 'P', 'S' and 'A' are little-endian.  A record cut short
 * ends the input; unknown tags are skipped.  fuzz/mkseed writes such
 * inputs from real and generated dumps by recording what each parser
 * reads (fuzz/seeds.sh).
 */
#ifndef KSD_FUZZ_KIMAGE_H
#define KSD_FUZZ_KIMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/aarch64.h"
#include "kernel/kmem.h"
#include "kernel/vmcoreinfo.h"

#define KIMAGE_MAX_SEGS 128
#define KIMAGE_MAX_ADDRS 64
#define KIMAGE_MAX_STACKS 8

struct kimage_seg {
	uint64_t addr;
	const uint8_t *bytes;
	size_t len;
};

struct kimage {
	const char *vmcoreinfo;
	size_t vmcoreinfo_len;
	bool big_endian;
	struct kimage_seg virt[KIMAGE_MAX_SEGS], phys[KIMAGE_MAX_SEGS];
	size_t nvirt, nphys;
	bool has_regs;
	struct aarch64_prstatus prs;
	uint64_t stacks[KIMAGE_MAX_STACKS][2];
	size_t nstacks;
	uint64_t addrs[KIMAGE_MAX_ADDRS];
	size_t naddrs;
};

/* Split @data into @k; never fails (what does not parse is left out). */
void kimage_parse(const uint8_t *data, size_t size, struct kimage *k);

/* Reads of 'K' and 'P' memory: anything not there is a fault. */
struct ksd_error *kimage_read_virt(void *arg, uint64_t va, void *buf,
				   size_t len);
struct ksd_error *kimage_read_phys(void *arg, uint64_t pa, void *buf,
				   size_t len);

/* A struct ksd_kmem over @k's virtual memory. */
struct ksd_kmem kimage_kmem(struct kimage *k);

/* @k's 'V' record parsed, or NULL (the error dropped) if it does not parse. */
struct ksd_vmcoreinfo *kimage_vmcoreinfo(const struct kimage *k);

/* The writer's side, for fuzz/mkseed. */
#define KIMAGE_TAG_LEN 5

#endif /* KSD_FUZZ_KIMAGE_H */
