/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The purgatory as kexec embeds it: purgatory/purgatory.ro, an aarch64
 * ELF relocatable object (ET_REL), byte for byte.  The loader relocates
 * it to where it places it and fills in its parameter block (abi.h);
 * docs/purgatory.md lists the relocation types it contains.
 *
 * purgatory_blob_size is 0 when the build had no aarch64 cross compiler
 * (configure said so, and config.h has KSD_HAVE_PURGATORY 0): kexec must
 * then refuse kexec_load (-c) and say why, rather than load without one.
 * Linked from purgatory/libpurgatory-blob.a.
 */
#ifndef KSD_PURGATORY_BLOB_H
#define KSD_PURGATORY_BLOB_H

#include <stddef.h>

extern const unsigned char purgatory_blob[];
extern const size_t purgatory_blob_size;

#endif /* KSD_PURGATORY_BLOB_H */
