/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The running kernel's memory, as the kexec_load path needs it to place
 * the capture kernel and to describe the dump (kexec-arm64.md 1.5, 1.8):
 *
 *   /proc/iomem          System RAM, the one or two "Crash kernel"
 *                        ranges, "Kernel code" and "Kernel data"
 *   /proc/kcore          VMCOREINFO: PHYS_OFFSET, VA_BITS, kimage_voffset
 *                        (kcore.c)
 *   /proc/kallsyms       _text, _stext, __init_begin, _end
 *   /sys/kernel/vmcoreinfo  the physical address and size of the
 *                        VMCOREINFO note ("%pa %x", kernel/ksysfs.c)
 *
 * Fallbacks, as kexec-tools has them: PHYS_OFFSET from the PT_LOADs of
 * the linear map in /proc/kcore, then from the first System RAM range;
 * VA_BITS guessed from _stext.  Each value says where it came from, and
 * a guess is a warning in the plan.
 */
#ifndef KSD_KEXEC_MEMMAP_H
#define KSD_KEXEC_MEMMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sysroot.h"

/* crashkernel= and crashkernel=,low: the kernel reserves at most two. */
#define KSD_MAX_CRASH_RANGES 2
/* kexec-tools' CRASH_MAX_MEMORY_RANGES */
#define KSD_MAX_RAM_RANGES 32768u

struct mem_range {
	uint64_t start, end;	/* inclusive, as /proc/iomem */
};

struct memmap {
	struct mem_range *ram;		/* System RAM, ascending */
	size_t nram;
	struct mem_range crash[KSD_MAX_CRASH_RANGES];	/* ascending */
	unsigned int ncrash;
	struct mem_range *busy;		/* "reserved" and the like in RAM */
	size_t nbusy;

	uint64_t phys_offset;		/* memstart_addr; may be "negative" */
	const char *phys_offset_from;
	unsigned int va_bits;
	const char *va_bits_from;
	uint64_t page_offset;		/* start of the linear map */
	uint64_t page_size;		/* the running kernel's */
	const char *page_size_from;

	bool have_kimage_voffset;
	uint64_t kimage_voffset;	/* kernel image vaddr - paddr */
	uint64_t text, stext, init_begin, end;	/* symbols, 0 when absent */

	/* the kernel image: its PT_LOAD in the elfcorehdr */
	uint64_t kern_paddr, kern_vaddr, kern_size;
	const char *kern_from;

	uint64_t vmcoreinfo_addr, vmcoreinfo_size;

	char **guesses;			/* fallbacks taken, for the warnings */
	unsigned int nguesses;
};

/* Gather everything through @sr.  Nothing missing is silently made up. */
struct ksd_error *memmap_read(const struct sysroot *sr, struct memmap *ret);
void memmap_deinit(struct memmap *m);

/*
 * The physical ranges a dump must hold: System RAM without the crash
 * kernel ranges (split around them), ascending.  *@ret is malloc'd.
 */
struct ksd_error *memmap_dump_ranges(const struct memmap *m,
				     struct mem_range **ret, size_t *n);

/*
 * The RAM a kexec -l kernel may be loaded into: System RAM without what
 * is nested in it (firmware reservations, the DTB, ...) except the
 * running kernel (the kernel copies segments into place only at
 * reboot), and without the crash kernel ranges, which hold a loaded
 * capture kernel.  Ascending; *@ret is malloc'd.
 */
struct ksd_error *memmap_free_ranges(const struct memmap *m,
				     struct mem_range **ret, size_t *n);

/* The linear-map virtual address of physical @paddr. */
uint64_t memmap_phys_to_virt(const struct memmap *m, uint64_t paddr);

/*
 * Parsers, exposed for unit tests: the "%pa %x" of /sys/kernel/vmcoreinfo,
 * and everything from parsed inputs (@ram, @crash, kcore's VMCOREINFO and
 * loads, and the symbols already in @m).
 */
struct ksd_error *memmap_parse_vmcoreinfo_sysfs(const char *text,
						const char *what,
						uint64_t *addr, uint64_t *size);

#endif /* KSD_KEXEC_MEMMAP_H */
