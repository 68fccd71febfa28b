/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The explicit limits on what kexec-sdei accepts from a dump.  A dump is
 * hostile input: a size field read from it is never trusted to size an
 * allocation without one of these bounds.  Exceeding a limit is an error
 * (KSD_ERR_LIMIT) whose message names the limit.  docs/limits.md lists
 * them with the reasoning behind each value.
 */
#ifndef KSD_UTIL_LIMITS_H
#define KSD_UTIL_LIMITS_H

/*
 * Program headers in an ELF dump.  makedumpfile -E splits RAM into one
 * PT_LOAD per run of dumped pages; a fragmented 64 TiB machine stays well
 * under a million segments.
 */
#define KSD_MAX_PHDRS		(4u << 20)

/*
 * Bytes of ELF notes.  A note per possible CPU (412 bytes on arm64) for
 * NR_CPUS=4096 plus VMCOREINFO (a page) is under 2 MiB; device-dump
 * notes (NT_VMCOREDD) can be larger, so allow generous room.
 */
#define KSD_MAX_NOTES_BYTES	(64u << 20)

/* VMCOREINFO is at most one kernel page (VMCOREINFO_BYTES = PAGE_SIZE). */
#define KSD_MAX_VMCOREINFO_BYTES (64u << 10)

/* The SDEI record text: a line per CPU, at most KSD_MAX_CPUS of them. */
#define KSD_MAX_RECORD_BYTES	(4u << 20)

/* CPU numbers: arm64 NR_CPUS is at most 4096 today. */
#define KSD_MAX_CPUS		65536u

#endif /* KSD_UTIL_LIMITS_H */
