// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "elfcorehdr.h"
#include "util/endian.h"

/*
 * The empty note header that ends the record's PT_NOTE, inside its size,
 * as the kernel's own crash_notes and VMCOREINFO buffers end
 * (final_note()): fs/proc/vmcore.c walks a PT_NOTE's notes until an
 * n_namesz of 0 and reads the next header before it checks the size, so
 * without it the capture kernel would read past its buffer.  It then
 * trims p_memsz to the notes themselves.
 */
#define NOTE_END 12

struct phdr_writer {
	uint8_t *buf;
	size_t n;
};

static void put_phdr(struct phdr_writer *w, uint32_t type, uint32_t flags,
		     uint64_t paddr, uint64_t vaddr, uint64_t size)
{
	uint8_t *p = w->buf + sizeof(Elf64_Ehdr) + w->n++ * sizeof(Elf64_Phdr);

	ksd_store32(p, type, false);
	ksd_store32(p + 4, flags, false);
	ksd_store64(p + 8, paddr, false);	/* p_offset: old memory */
	ksd_store64(p + 16, vaddr, false);
	ksd_store64(p + 24, paddr, false);
	ksd_store64(p + 32, size, false);	/* p_filesz */
	ksd_store64(p + 40, size, false);	/* p_memsz */
	ksd_store64(p + 48, 0, false);		/* p_align, as kexec-tools */
}

static size_t count_phdrs(const struct elfcorehdr_input *in, size_t ndump)
{
	size_t n = 1 + ndump;	/* kernel image, RAM */

	for (unsigned int i = 0; i < in->cpus->n; i++)
		n += in->cpus->cpus[i].have_notes;
	n += in->mm->vmcoreinfo_size != 0;
	n += in->record_note != NULL;
	return n;
}

static size_t record_offset(size_t nphdr)
{
	/* 8-aligned, so the note's 4-byte fields are naturally aligned too */
	return (sizeof(Elf64_Ehdr) + nphdr * sizeof(Elf64_Phdr) + 7) & ~(size_t)7;
}

size_t elfcorehdr_record_offset(const struct elfcorehdr_input *in)
{
	struct mem_range *d;
	size_t nd, off;

	if (memmap_dump_ranges(in->mm, &d, &nd))
		return 0;
	free(d);
	off = record_offset(count_phdrs(in, nd));
	return off;
}

static void put_ehdr(uint8_t *b, size_t nphdr)
{
	memcpy(b, ELFMAG, SELFMAG);
	b[EI_CLASS] = ELFCLASS64;
	b[EI_DATA] = ELFDATA2LSB;
	b[EI_VERSION] = EV_CURRENT;
	b[EI_OSABI] = ELFOSABI_NONE;
	ksd_store32(b + 16, ET_CORE | (uint32_t)EM_AARCH64 << 16, false);
	ksd_store32(b + 20, EV_CURRENT, false);
	ksd_store64(b + 32, sizeof(Elf64_Ehdr), false);	/* e_phoff */
	ksd_store32(b + 52, sizeof(Elf64_Ehdr) | sizeof(Elf64_Phdr) << 16, false);
	ksd_store32(b + 56, (uint32_t)nphdr, false);	/* e_phnum, e_shentsize 0 */
}

struct ksd_error *elfcorehdr_build(const struct elfcorehdr_input *in,
				   uint64_t base, uint8_t **ret, size_t *len)
{
	const struct memmap *mm = in->mm;
	struct phdr_writer w = { 0 };
	struct mem_range *dump;
	struct ksd_error *err;
	size_t ndump, nphdr, rec_off, total;

	err = memmap_dump_ranges(mm, &dump, &ndump);
	if (err)
		return err;
	nphdr = count_phdrs(in, ndump);
	if (nphdr >= PN_XNUM) {
		free(dump);
		return ksd_error_create(KSD_ERR_LIMIT,
					"the elfcorehdr would need %zu program headers; ELF allows %u without extended numbering",
					nphdr, PN_XNUM - 1);
	}
	rec_off = record_offset(nphdr);
	total = rec_off + (in->record_note ? in->record_len + NOTE_END : 0);
	w.buf = calloc(1, total);
	if (!w.buf) {
		free(dump);
		return &ksd_enomem;
	}
	put_ehdr(w.buf, nphdr);
	for (unsigned int i = 0; i < in->cpus->n; i++) {
		const struct cpu_info *c = &in->cpus->cpus[i];

		if (c->have_notes)
			put_phdr(&w, PT_NOTE, 0, c->notes, 0, c->notes_size);
	}
	if (mm->vmcoreinfo_size)
		put_phdr(&w, PT_NOTE, 0, mm->vmcoreinfo_addr, 0, mm->vmcoreinfo_size);
	if (in->record_note) {
		put_phdr(&w, PT_NOTE, 0, base + rec_off, 0,
			 in->record_len + NOTE_END);
		memcpy(w.buf + rec_off, in->record_note, in->record_len);
	}
	put_phdr(&w, PT_LOAD, PF_R | PF_W | PF_X, mm->kern_paddr, mm->kern_vaddr,
		 mm->kern_size);
	for (size_t i = 0; i < ndump; i++)
		put_phdr(&w, PT_LOAD, PF_R | PF_W | PF_X, dump[i].start,
			 memmap_phys_to_virt(mm, dump[i].start),
			 dump[i].end - dump[i].start + 1);
	free(dump);
	*ret = w.buf;
	*len = total;
	return NULL;
}
