/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The contract between the loader (kexec/) and the purgatory: one
 * versioned parameter block, and nothing else.  docs/purgatory.md has the
 * same layout as a table, with what each field means on both sides.
 *
 * The purgatory defines one instance, the global object
 * KSD_PURGATORY_PARAMS_SYMBOL in the section KSD_PURGATORY_PARAMS_SECTION,
 * initialised with the magic, version and size and everything else zero.
 * The loader finds the symbol in purgatory.ro, checks that its st_size,
 * magic, version and size all match this header (so a purgatory and a
 * loader built from different trees cannot be mixed silently), fills in
 * the rest, and leaves the magic, version and size alone.  The purgatory
 * reads only this block, and writes only its status fields.
 *
 * Layout rules: fixed-width fields only, every field naturally aligned,
 * no implicit padding, little-endian (the purgatory and the kernel it
 * boots are little-endian aarch64).  The static assertions at the end
 * hold for every compiler that includes this header, the host's and the
 * cross compiler's, so the two sides cannot disagree about an offset.
 *
 * Changing the meaning or the position of any field means a new version;
 * the purgatory refuses a block whose version it does not know.
 */
#ifndef KSD_PURGATORY_ABI_H
#define KSD_PURGATORY_ABI_H

#include <stddef.h>
#include <stdint.h>

#define KSD_PURGATORY_PARAMS_SYMBOL "ksd_purgatory_params"
#define KSD_PURGATORY_PARAMS_SECTION ".ksd_params"
#define KSD_PURGATORY_ENTRY_SYMBOL "purgatory_start"

/*
 * "KSD-PURG" in memory order.  A macro, not an enum or a const object,
 * because it is 64 bits wide and initialises a static object.
 */
#define KSD_PURGATORY_MAGIC UINT64_C(0x475255502d44534b)

enum {
	KSD_PURGATORY_VERSION = 1,
	/*
	 * The kernel accepts at most KEXEC_SEGMENT_MAX (16) segments per
	 * kexec_load, and the purgatory's own segment is not hashed, so 16
	 * regions are always enough.
	 */
	KSD_PURGATORY_MAX_REGIONS = 16,
};

/* flags */
enum ksd_purgatory_flags {
	/* Do not hash anything (kexec -i / --no-checks). */
	KSD_PURGATORY_SKIP_CHECKS = 1u << 0,
	/*
	 * Hash with the plain C code even if the CPU has the Armv8 SHA-2
	 * instructions: a field debugging knob, and how the tests run the
	 * generic path inside the real purgatory.
	 */
	KSD_PURGATORY_NO_SHA_INSN = 1u << 1,
};

enum ksd_purgatory_console_type {
	KSD_PURGATORY_CONSOLE_NONE = 0,
	/* Arm PL011 (and SBSA generic UART): 32-bit registers. */
	KSD_PURGATORY_CONSOLE_PL011 = 1,
	/* 8250/16550: register i at base + (i << reg_shift). */
	KSD_PURGATORY_CONSOLE_8250 = 2,
};

/* status, written by the purgatory as it goes */
enum ksd_purgatory_status {
	KSD_PURGATORY_NOT_RUN = 0,	/* what the loader writes */
	KSD_PURGATORY_RUNNING = 1,
	KSD_PURGATORY_BAD_PARAMS = 2,	/* refused this block; parked */
	KSD_PURGATORY_MISMATCH = 3,	/* a digest differed; parked */
	KSD_PURGATORY_BOOTING = 4,	/* branching to the kernel */
};

struct ksd_purgatory_region {
	uint64_t start;			/* physical address */
	uint64_t len;			/* bytes; 0 is allowed */
	uint8_t sha256[32];		/* expected digest of [start, start+len) */
};

struct ksd_purgatory_console {
	uint32_t type;			/* enum ksd_purgatory_console_type */
	uint8_t reg_shift;		/* 8250: log2 of the register stride */
	uint8_t reg_width;		/* 8250: access width, 1 or 4; PL011: 0 or 4 */
	uint16_t reserved;		/* 0 */
	uint64_t base;			/* physical MMIO address */
};

struct ksd_purgatory_params {
	uint64_t magic;			/* KSD_PURGATORY_MAGIC */
	uint32_t version;		/* KSD_PURGATORY_VERSION */
	uint32_t size;			/* sizeof(struct ksd_purgatory_params) */
	uint64_t kernel_entry;		/* physical address of the Image entry */
	uint64_t dtb;			/* physical address of the DTB (x0) */
	uint32_t flags;			/* enum ksd_purgatory_flags */
	uint32_t nr_regions;		/* entries used in regions[] */
	uint32_t status;		/* enum ksd_purgatory_status, purgatory-written */
	uint32_t bad_regions;		/* bit i: region i mismatched, purgatory-written */
	struct ksd_purgatory_console console;
	struct ksd_purgatory_region regions[KSD_PURGATORY_MAX_REGIONS];
};

_Static_assert(sizeof(struct ksd_purgatory_region) == 48, "region layout");
_Static_assert(sizeof(struct ksd_purgatory_console) == 16, "console layout");
_Static_assert(offsetof(struct ksd_purgatory_params, kernel_entry) == 16,
	       "params layout");
_Static_assert(offsetof(struct ksd_purgatory_params, dtb) == 24,
	       "params layout");
_Static_assert(offsetof(struct ksd_purgatory_params, flags) == 32,
	       "params layout");
_Static_assert(offsetof(struct ksd_purgatory_params, status) == 40,
	       "params layout");
_Static_assert(offsetof(struct ksd_purgatory_params, console) == 48,
	       "params layout");
_Static_assert(offsetof(struct ksd_purgatory_params, regions) == 64,
	       "params layout");
_Static_assert(sizeof(struct ksd_purgatory_params) == 64 + 16 * 48,
	       "params layout");
_Static_assert(KSD_PURGATORY_MAX_REGIONS <= 32,
	       "bad_regions has one bit per region");

#endif /* KSD_PURGATORY_ABI_H */
