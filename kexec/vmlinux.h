/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * An arm64 vmlinux (ELF) as a kexec_load kernel: flattened into the Image
 * the kernel build makes of it (arch/arm64/boot/Makefile: objcopy -O
 * binary), each PT_LOAD's bytes at its p_vaddr less the lowest one, the
 * gaps and the bss zero.  The Image header then comes out of .head.text
 * as in any Image, so the rest of the loader treats both alike.
 *
 * kexec_file_load takes no vmlinux (the kernel probes for an Image);
 * kexec-tools loads one with kexec_load only, and so do we.
 *
 * Checked: ELF64 little-endian EM_AARCH64, ET_EXEC or (CONFIG_RELOCATABLE)
 * ET_DYN; at most
 * VMLINUX_MAX_LOADS PT_LOADs, each inside the file, in ascending,
 * non-overlapping p_vaddr order; e_entry the lowest p_vaddr (arm64's
 * vmlinux.lds.S: ENTRY(_text)); the whole at most KSD_MAX_KERNEL_IMAGE.
 */
#ifndef KSD_KEXEC_VMLINUX_H
#define KSD_KEXEC_VMLINUX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

/* A vmlinux has four or five; a linker script could make a few more. */
#define VMLINUX_MAX_LOADS 64

/* True when @buf (@len bytes) starts like an ELF file. */
bool vmlinux_has_magic(const uint8_t *buf, size_t len);

/*
 * Flatten the vmlinux open on @fd (@file_size bytes; @path names it) into
 * @out_fd, which must be empty, and set *@size to the flattened length
 * (the PT_LOADs' file bytes; the trailing bss stays out, as in an Image).
 */
struct ksd_error *vmlinux_flatten(int fd, uint64_t file_size, const char *path,
				  int out_fd, uint64_t *size);

#endif /* KSD_KEXEC_VMLINUX_H */
