/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The elfcorehdr: the ELF header the capture kernel turns into
 * /proc/vmcore (fs/proc/vmcore.c), built by the loader on the kexec_load
 * path (kexec-arm64.md 1.8).  ELF64, little-endian, ET_CORE, EM_AARCH64:
 *
 *   one PT_NOTE per possible CPU that has a crash_notes buffer, pointing
 *     at it (p_offset = p_paddr = its physical address); CPUs are taken
 *     from the possible list by number, so a sparse list ("0-3,8-11")
 *     loses none, unlike kexec-tools' loop;
 *   the VMCOREINFO PT_NOTE (/sys/kernel/vmcoreinfo);
 *   the SDEI record's PT_NOTE: the note itself is stored in this
 *     segment, right after the program headers, followed by an empty note
 *     header (12 zero bytes, counted in the PT_NOTE's size, as the
 *     kernel's own note buffers end), and the PT_NOTE points at its
 *     physical address there, so the capture kernel merges it with the
 *     CPU notes like any other (design.md);
 *   the kernel image's PT_LOAD (p_vaddr its virtual address);
 *   one PT_LOAD per System RAM range without the crash kernel ranges,
 *     p_vaddr its linear-map address, p_offset = p_paddr, flags RWX.
 *
 * The segment is position dependent only through the record's PT_NOTE:
 * build it for the address it will be loaded at.
 */
#ifndef KSD_KEXEC_ELFCOREHDR_H
#define KSD_KEXEC_ELFCOREHDR_H

#include <stddef.h>
#include <stdint.h>

#include "cpus.h"
#include "memmap.h"

struct elfcorehdr_input {
	const struct memmap *mm;
	const struct cpu_map *cpus;
	const uint8_t *record_note;	/* a complete ELF note, or NULL */
	size_t record_len;		/* a multiple of 4 */
};

/* Where the record note starts in the segment (for tests and the plan). */
size_t elfcorehdr_record_offset(const struct elfcorehdr_input *in);

/*
 * Build the elfcorehdr to be loaded at physical @base.  *@ret is
 * malloc'd, *@len bytes.  Fails when the program headers would not fit
 * the 16-bit e_phnum.
 */
struct ksd_error *elfcorehdr_build(const struct elfcorehdr_input *in,
				   uint64_t base, uint8_t **ret, size_t *len);

#endif /* KSD_KEXEC_ELFCOREHDR_H */
