/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Link the relocatable aarch64 purgatory (purgatory/purgatory.ro, embedded
 * as purgatory_blob[]) at the physical address the loader chose for it,
 * and fill in its parameter block (purgatory/abi.h).
 *
 * Layout: every SHF_ALLOC section, in section-header order, each at its
 * own sh_addralign, in one buffer that starts at the load address; NOBITS
 * sections (.bss) take space and are zeroes.  The buffer's alignment is
 * the largest section alignment (at least 4 KiB is not required: the
 * loader rounds segments to pages itself).
 *
 * Relocation: every SHT_RELA section whose target is allocated, with the
 * aarch64 ELF ABI's arithmetic (S + A - P, page and field extraction,
 * overflow checks) for the types GCC and GAS emit for -mcmodel=large and
 * the default small model; purgatory_reloc_name() lists them.  Anything
 * else is an error naming the type, section and offset: an unknown type,
 * an SHT_REL section, a result that does not fit its field, a place
 * outside its section, a symbol index out of range, an undefined, common
 * or out-of-range section symbol, a misaligned instruction.
 *
 * The object is untrusted input like any other (it could be a file given
 * to a debugging tool): every offset and size is checked before use, and
 * the object bytes are never written.
 */
#ifndef KSD_KEXEC_PURGATORY_LINK_H
#define KSD_KEXEC_PURGATORY_LINK_H

#include <stddef.h>
#include <stdint.h>

#include "purgatory/abi.h"
#include "util/error.h"

/* A laid-out purgatory above this size is refused (it is ~20 KiB). */
#define PURGATORY_MAX_IMAGE (1u << 20)

struct purgatory_image {
	uint8_t *buf;		/* malloc'd, @size bytes, relocated */
	size_t size;
	uint64_t load_addr;	/* physical address of buf[0] */
	uint64_t align;		/* largest section alignment, a power of 2 */
	uint64_t entry;		/* physical address of KSD_PURGATORY_ENTRY_SYMBOL */
	size_t params_offset;	/* of the parameter block in buf */
	size_t nr_relocs;	/* relocations applied */
};

/**
 * purgatory_layout() - the size and alignment the linked image will have
 *
 * For placement: the loader needs both before it picks the load address.
 * Checks the object as far as the layout needs.
 */
struct ksd_error *purgatory_layout(const void *ro, size_t ro_size,
				   const char *name, size_t *size,
				   uint64_t *align);

/**
 * purgatory_link() - lay out and relocate the purgatory at @load_addr
 * @ro, @ro_size: the relocatable object (purgatory_blob[])
 * @name:	what to call it in messages
 * @load_addr:	physical address of the image; a multiple of the
 *		alignment purgatory_layout() gave
 * @ret:	the image, released with purgatory_image_deinit()
 *
 * Also finds the entry symbol and the parameter block and checks that the
 * block's st_size, magic, version and size are this tree's abi.h.
 *
 * Return: NULL, or an error whose message starts with @name; @ret then
 * holds nothing.
 */
struct ksd_error *purgatory_link(const void *ro, size_t ro_size,
				 const char *name, uint64_t load_addr,
				 struct purgatory_image *ret);

void purgatory_image_deinit(struct purgatory_image *img);

/**
 * purgatory_set_params() - write the loader's half of the parameter block
 *
 * Copies kernel_entry, dtb, flags, console and regions[0..nr_regions)
 * from @p into the image; magic, version and size stay the image's
 * (abi.h), status and bad_regions are set to 0 (the purgatory writes
 * them), unused regions are zeroed.  A block the purgatory itself would
 * refuse (purgatory/params-check.h: too many or no regions, an unknown
 * flag, a console it cannot drive, a misaligned kernel entry or DTB, a
 * region that wraps) is an error, and the image is left as it was.
 */
struct ksd_error *purgatory_set_params(struct purgatory_image *img,
				       const struct ksd_purgatory_params *p);

/**
 * purgatory_region_hash() - describe one segment for the purgatory
 *
 * Fills @r with @mem, @memsz and the SHA-256 of what the segment will hold
 * after kexec_load: @buf (@bufsz bytes) followed by zeroes up to @memsz,
 * as the kernel zero-fills the rest of a segment.  @bufsz > @memsz is an
 * error.
 */
struct ksd_error *purgatory_region_hash(struct ksd_purgatory_region *r,
					uint64_t mem, uint64_t memsz,
					const void *buf, size_t bufsz);

/*
 * The name of aarch64 relocation @type without its R_AARCH64_ prefix
 * ("CALL26"), or NULL when purgatory_link() does not implement it.  For
 * tools that check an object before the loader meets it.
 */
const char *purgatory_reloc_name(unsigned int type);

#endif /* KSD_KEXEC_PURGATORY_LINK_H */
