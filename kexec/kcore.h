/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * /proc/kcore, read only for what the elfcorehdr needs: the running
 * kernel's VMCOREINFO (PHYS_OFFSET, VA_BITS, kimage_voffset,
 * KERNELOFFSET) and, when that note is missing, the PT_LOADs of the
 * linear map.
 *
 * fs/proc/kcore.c writes an ELF64 ET_CORE header, then the program
 * headers (the PT_NOTE first, then one PT_LOAD per kcore_list entry:
 * kernel text, vmalloc, modules, the linear map of each RAM range with
 * p_paddr its physical address, others with p_paddr -1), then the notes:
 * "CORE" NT_PRSTATUS, NT_PRPSINFO, NT_TASKSTRUCT, and "VMCOREINFO" type 0
 * whose descriptor is the kernel's vmcoreinfo_data text.
 *
 * The file is as large as the kernel's address space: only the header,
 * the program headers and the note segment are read, each bounded.
 */
#ifndef KSD_KEXEC_KCORE_H
#define KSD_KEXEC_KCORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sysroot.h"

/* kcore has a few dozen program headers; thousands with many NUMA nodes. */
#define KSD_MAX_KCORE_PHDRS 65536u
/* Its notes: three small "CORE" notes and VMCOREINFO (4 KiB at most). */
#define KSD_MAX_KCORE_NOTES (1u << 20)

struct kcore_load {
	uint64_t vaddr, paddr, size;	/* paddr ~0: not linear-mapped RAM */
};

struct kcore_info {
	char *vmcoreinfo;		/* the note's text, NUL-terminated; or NULL */
	size_t vmcoreinfo_len;
	struct kcore_load *loads;
	size_t nloads;
};

/*
 * Parse the ELF header, program headers and notes of the kcore image open
 * on @fd (@file_size bytes as stat(2) says: the real file claims the
 * whole address space): exposed so unit tests can feed hostile images.
 * @what names the file in messages.  No VMCOREINFO note is not an error
 * (@ret->vmcoreinfo is NULL); a malformed header or note is.
 */
struct ksd_error *kcore_parse_fd(int fd, uint64_t file_size, const char *what,
				 struct kcore_info *ret);

/* Read /proc/kcore through @sr. */
struct ksd_error *kcore_read(const struct sysroot *sr, struct kcore_info *ret);
void kcore_info_deinit(struct kcore_info *k);

#endif /* KSD_KEXEC_KCORE_H */
