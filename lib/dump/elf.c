// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ELF core dumps: a copy of /proc/vmcore, or makedumpfile -E output.
 *
 * libelf parses the ELF and program headers (both classes, both byte
 * orders, PN_XNUM extended numbering); this file checks every value it
 * gets against the file before trusting it, then builds the physical
 * memory map from the PT_LOADs and collects the PT_NOTE bytes.
 *
 * Memory is mapped by p_paddr; p_vaddr is only a hint (older kexec-tools
 * guessed PAGE_OFFSET wrongly, see docs/dump-formats.md).  p_filesz <
 * p_memsz marks excluded memory (makedumpfile -E leaves runs of 256 or
 * more excluded pages out of the file).
 */
#include "config.h"

#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>

#include "dump/format.h"
#include "dump/segments.h"
#include "util/endian.h"
#include "util/limits.h"

/* makedumpfile sets this bit of e_flags when it could not write everything. */
#define DUMP_ELF_INCOMPLETE 0x1

struct elf_priv {
	Elf *elf;
	struct segmap map;
	uint8_t *prefix;	/* headers copied for readers without an fd */
};

static struct ksd_error *libelf_error(const char *what)
{
	return ksd_error_create(KSD_ERR_CORRUPT, "%s (libelf: %s)", what,
				elf_errmsg(-1));
}

static const char *etype_name(unsigned int t)
{
	switch (t) {
	case ET_NONE:	return "ET_NONE";
	case ET_REL:	return "ET_REL, an object file";
	case ET_EXEC:	return "ET_EXEC, an executable";
	case ET_DYN:	return "ET_DYN, a shared object";
	}
	return "unknown type";
}

static struct ksd_error *check_ident(struct dump_reader *r,
				     const unsigned char *ident)
{
	if (ident[EI_CLASS] != ELFCLASS32 && ident[EI_CLASS] != ELFCLASS64)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"invalid ELF class %u in e_ident",
					ident[EI_CLASS]);
	if (ident[EI_DATA] != ELFDATA2LSB && ident[EI_DATA] != ELFDATA2MSB)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"invalid ELF byte order %u in e_ident",
					ident[EI_DATA]);
	if (ident[EI_VERSION] != EV_CURRENT)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"invalid ELF version %u in e_ident",
					ident[EI_VERSION]);
	(void)r;
	return NULL;
}

/*
 * Readers libelf cannot map (a flattened stream, a block device) get a
 * compact copy of what libelf parses: the ELF header, section header 0
 * when e_phnum is PN_XNUM (it holds the count), and the program header
 * table, packed one after the other with e_phoff and e_shoff rewritten
 * to match.  The copy costs the table's size, bounded by KSD_MAX_PHDRS,
 * whatever offsets the file claims.
 */
static void store16(uint8_t *p, uint16_t v, bool big)
{
	p[big ? 0 : 1] = (uint8_t)(v >> 8);
	p[big ? 1 : 0] = (uint8_t)v;
}

static struct ksd_error *header_prefix(struct dump_reader *r,
				       const unsigned char *ident,
				       uint8_t **buf, size_t *len)
{
	bool w = ident[EI_CLASS] == ELFCLASS64, big = ident[EI_DATA] == ELFDATA2MSB;
	size_t ehsize = w ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
	size_t shsize = w ? sizeof(Elf64_Shdr) : sizeof(Elf32_Shdr);
	uint8_t eh[sizeof(Elf64_Ehdr)], sh0[sizeof(Elf64_Shdr)] = { 0 };
	uint64_t phoff, shoff, phnum, table, sh_at = 0, ph_at;
	unsigned int phent, shent;
	bool xnum;
	struct ksd_error *err;
	uint8_t *img;

	err = reader_read(r, eh, ehsize, 0);
	if (err)
		return err;
	phoff = w ? ksd_load64(eh + 32, big) : ksd_load32(eh + 28, big);
	shoff = w ? ksd_load64(eh + 40, big) : ksd_load32(eh + 32, big);
	phent = ksd_load16(eh + (w ? 54 : 42), big);
	phnum = ksd_load16(eh + (w ? 56 : 44), big);
	shent = ksd_load16(eh + (w ? 58 : 46), big);
	xnum = phnum == PN_XNUM;
	/*
	 * The table is sized from e_phentsize before libelf sees anything,
	 * and a flattened stream's size is what its records claim: a lying
	 * entry size would make this copy gigabytes.  check_ehdr() says the
	 * same for files libelf maps itself.
	 */
	if (phent != (w ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr)))
		return ksd_error_create(KSD_ERR_CORRUPT,
					"e_phentsize is %u, expected %zu for ELF%u",
					phent, w ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr),
					w ? 64u : 32u);
	if (xnum) {
		if (!shoff || shent != shsize || shoff > r->size ||
		    shent > r->size - shoff)
			return ksd_error_create(KSD_ERR_EOF,
						"e_phnum is PN_XNUM but section header 0 (offset 0x%llx) lies past the end of the file (size 0x%llx)",
						(unsigned long long)shoff,
						(unsigned long long)r->size);
		err = reader_read(r, sh0, shent, shoff);
		if (err)
			return err;
		phnum = w ? ksd_load32(sh0 + 44, big) : ksd_load32(sh0 + 28, big);
	}
	if (phnum > KSD_MAX_PHDRS)
		return ksd_error_create(KSD_ERR_LIMIT,
					"%llu program headers exceed the limit of %u (KSD_MAX_PHDRS)",
					(unsigned long long)phnum, KSD_MAX_PHDRS);
	table = phnum * phent;
	if (phoff > r->size || table > r->size - phoff)
		return ksd_error_create(KSD_ERR_EOF,
					"program header table (%llu entries at offset 0x%llx) runs past the end of the file (size 0x%llx)",
					(unsigned long long)phnum, (unsigned long long)phoff,
					(unsigned long long)r->size);
	if (xnum)
		sh_at = ehsize;
	ph_at = ehsize + (xnum ? shsize : 0);
	img = calloc(1, (size_t)(ph_at + table));
	if (!img)
		return &ksd_enomem;
	memcpy(img, eh, ehsize);
	err = reader_read(r, img + ph_at, (size_t)table, phoff);
	if (err) {
		free(img);
		return err;
	}
	if (w) {
		ksd_store64(img + 32, ph_at, big);
		ksd_store64(img + 40, sh_at, big);
	} else {
		ksd_store32(img + 28, (uint32_t)ph_at, big);
		ksd_store32(img + 32, (uint32_t)sh_at, big);
	}
	/* One section at most (header 0), with no string table. */
	store16(img + (w ? 60 : 48), xnum ? 1 : 0, big);
	store16(img + (w ? 62 : 50), 0, big);
	if (xnum) {
		memcpy(img + sh_at, sh0, shsize);
		/* sh_size would give a section count; there is one. */
		if (w)
			ksd_store64(img + sh_at + 32, 0, big);
		else
			ksd_store32(img + sh_at + 20, 0, big);
	}
	*buf = img;
	*len = (size_t)(ph_at + table);
	return NULL;
}

static struct ksd_error *open_elf(struct dump_reader *r, struct elf_priv *priv,
				  const unsigned char *ident)
{
	struct ksd_error *err;
	Elf *elf;

	if (elf_version(EV_CURRENT) == EV_NONE)
		return ksd_error_create(KSD_ERR_INTERNAL,
					"libelf is too old for this program");
	/*
	 * ELF_C_READ_MMAP lets libelf bound every header access by the real
	 * file size (plain ELF_C_READ on a descriptor does not know it and
	 * would trust a hostile section count), and it touches only the
	 * pages it reads, so a sparse 1 TiB dump costs nothing to open.
	 */
	if (r->fd >= 0 && r->regular) {
		elf = elf_begin(r->fd, ELF_C_READ_MMAP, NULL);
	} else if (r->mem) {
		elf = elf_memory((char *)r->mem, (size_t)r->size);
	} else {
		size_t len = 0;

		err = header_prefix(r, ident, &priv->prefix, &len);
		if (err)
			return err;
		elf = elf_memory((char *)priv->prefix, len);
	}
	if (!elf)
		return libelf_error("cannot parse the ELF file");
	if (elf_kind(elf) != ELF_K_ELF) {
		elf_end(elf);
		return ksd_error_create(KSD_ERR_CORRUPT, "not an ELF file");
	}
	priv->elf = elf;
	return NULL;
}

static struct ksd_error *check_ehdr(struct ksd_dump *dump, Elf *elf,
				    GElf_Ehdr *ehdr, size_t *phnum)
{
	size_t phent;
	uint64_t size = dump->reader->size;

	if (!gelf_getehdr(elf, ehdr))
		return libelf_error("ELF header is truncated or invalid");
	/*
	 * A core whose EI_DATA lies reads e_type 4 as 0x0400: say so, or
	 * the reader is left to guess why a dump is "not a core dump".
	 */
	if (ehdr->e_type == (ET_CORE << 8))
		return ksd_error_create(KSD_ERR_CORRUPT,
					"ELF type %u is ET_CORE byte-swapped: EI_DATA says %s-endian, but the headers are in the other byte order",
					ehdr->e_type,
					ehdr->e_ident[EI_DATA] == ELFDATA2MSB ? "big" : "little");
	if (ehdr->e_type != ET_CORE)
		return ksd_error_create(KSD_ERR_UNSUPPORTED,
					"not a core dump: ELF type %u (%s)",
					ehdr->e_type, etype_name(ehdr->e_type));
	dump->info.elf_class = ehdr->e_ident[EI_CLASS] == ELFCLASS64 ? 64 : 32;
	dump->info.big_endian = ehdr->e_ident[EI_DATA] == ELFDATA2MSB;
	dump->info.machine = ehdr->e_machine;
	dump->info.incomplete = ehdr->e_flags & DUMP_ELF_INCOMPLETE;

	phent = dump->info.elf_class == 64 ? sizeof(Elf64_Phdr)
					   : sizeof(Elf32_Phdr);
	if (ehdr->e_phentsize != phent)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"e_phentsize is %u, expected %zu for ELF%u",
					ehdr->e_phentsize, phent,
					dump->info.elf_class);
	/*
	 * Take the count from the header (or, for PN_XNUM, section header
	 * 0) and check it against the file ourselves: libelf quietly clamps
	 * a count that does not fit, which would hide the damage.
	 */
	if (ehdr->e_phnum == PN_XNUM) {
		GElf_Shdr sh0;
		Elf_Scn *scn = elf_getscn(elf, 0);

		if (!scn || !gelf_getshdr(scn, &sh0))
			return libelf_error("e_phnum is PN_XNUM but section header 0, which holds the count, is unreadable");
		*phnum = sh0.sh_info;
	} else {
		*phnum = ehdr->e_phnum;
	}
	if (*phnum == 0)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"no program headers: a vmcore has at least a PT_NOTE");
	if (*phnum > KSD_MAX_PHDRS)
		return ksd_error_create(KSD_ERR_LIMIT,
					"%zu program headers exceed the limit of %u (KSD_MAX_PHDRS)",
					*phnum, KSD_MAX_PHDRS);
	if (ehdr->e_phoff > size || (uint64_t)*phnum * phent > size - ehdr->e_phoff)
		return ksd_error_create(KSD_ERR_EOF,
					"program header table (%zu entries at offset 0x%llx) runs past the end of the file (size 0x%llx)",
					*phnum, (unsigned long long)ehdr->e_phoff,
					(unsigned long long)size);
	return NULL;
}

static struct ksd_error *add_load(struct ksd_dump *dump, struct elf_priv *priv,
				  size_t i, const GElf_Phdr *ph)
{
	uint64_t size = dump->reader->size, in_file = ph->p_filesz;
	struct ksd_error *err;

	if (ph->p_filesz > ph->p_memsz)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"PT_LOAD %zu: p_filesz 0x%llx exceeds p_memsz 0x%llx",
					i, (unsigned long long)ph->p_filesz,
					(unsigned long long)ph->p_memsz);
	if (ph->p_paddr + ph->p_memsz < ph->p_paddr)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"PT_LOAD %zu: physical range 0x%llx+0x%llx wraps around",
					i, (unsigned long long)ph->p_paddr,
					(unsigned long long)ph->p_memsz);
	if (ph->p_filesz &&
	    (ph->p_offset > size || ph->p_filesz > size - ph->p_offset)) {
		/*
		 * A copy cut short (disk full, interrupted scp) still has
		 * its notes; keep what is there and let reads of the rest
		 * fail as absent, rather than refusing the whole dump.
		 */
		dump->info.truncated = true;
		in_file = ph->p_offset >= size ? 0 : size - ph->p_offset;
	}
	err = segmap_add(&priv->map, ph->p_paddr, in_file, ph->p_offset, false);
	if (!err)
		err = segmap_add(&priv->map, ph->p_paddr + ph->p_filesz,
				 ph->p_memsz - ph->p_filesz, 0, true);
	dump->info.load_segments++;
	return err;
}

static struct ksd_error *note_extent(struct ksd_dump *dump, size_t i,
				     const GElf_Phdr *ph, uint64_t *total)
{
	uint64_t size = dump->reader->size;

	if (ph->p_offset > size || ph->p_filesz > size - ph->p_offset)
		return ksd_error_create(KSD_ERR_EOF,
					"PT_NOTE (program header %zu, 0x%llx bytes at offset 0x%llx) overruns the end of the file (size 0x%llx)",
					i, (unsigned long long)ph->p_filesz,
					(unsigned long long)ph->p_offset,
					(unsigned long long)size);
	*total += (ph->p_filesz + 3) & ~3ull;
	if (*total > KSD_MAX_NOTES_BYTES)
		return ksd_error_create(KSD_ERR_LIMIT,
					"notes exceed the limit of %u bytes (KSD_MAX_NOTES_BYTES)",
					KSD_MAX_NOTES_BYTES);
	return NULL;
}

/*
 * How much of a PT_NOTE to keep when joining several: up to an all-zero
 * note header (the kernel's final_note(), which an unmerged crash_notes
 * segment ends with), so notes in later segments are still reached.  A
 * note that overruns is kept whole for the iterator to report.
 */
static size_t used_length(const uint8_t *p, size_t len, bool big)
{
	size_t pos = 0;

	while (len - pos >= 12) {
		uint64_t namesz = ksd_load32(p + pos, big);
		uint64_t descsz = ksd_load32(p + pos + 4, big);
		uint64_t need = 12 + ((namesz + 3) & ~3ull) + ((descsz + 3) & ~3ull);

		if (!namesz && !descsz && !ksd_load32(p + pos + 8, big))
			return pos;
		if (need > len - pos)
			break;
		pos += (size_t)need;
	}
	return (len + 3) & ~(size_t)3;
}

static struct ksd_error *read_notes(struct ksd_dump *dump, Elf *elf,
				    size_t phnum, uint64_t total)
{
	size_t pos = 0;

	dump->notes = calloc(1, total ? total : 1);
	if (!dump->notes)
		return &ksd_enomem;
	for (size_t i = 0; i < phnum; i++) {
		GElf_Phdr ph;
		struct ksd_error *err;

		if (!gelf_getphdr(elf, (int)i, &ph))
			return libelf_error("cannot read a program header");
		if (ph.p_type != PT_NOTE || ph.p_filesz == 0)
			continue;
		err = reader_read(dump->reader, dump->notes + pos,
				  (size_t)ph.p_filesz, ph.p_offset);
		if (err)
			return ksd_error_prefix(err, "reading PT_NOTE %zu", i);
		pos += used_length(dump->notes + pos, (size_t)ph.p_filesz,
				   dump->info.big_endian);
	}
	dump->notes_len = pos;
	return NULL;
}

static struct ksd_error *scan_phdrs(struct ksd_dump *dump,
				    struct elf_priv *priv, size_t phnum)
{
	uint64_t note_total = 0;
	size_t nnotes = 0;
	struct ksd_error *err = NULL;

	for (size_t i = 0; i < phnum && !err; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(priv->elf, (int)i, &ph))
			return libelf_error("cannot read a program header");
		if (ph.p_type == PT_LOAD) {
			err = add_load(dump, priv, i, &ph);
		} else if (ph.p_type == PT_NOTE) {
			nnotes++;
			err = note_extent(dump, i, &ph, &note_total);
		}
	}
	if (err)
		return err;
	if (nnotes == 0)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"no PT_NOTE program header: the CPU registers and VMCOREINFO are missing");
	segmap_finish(&priv->map);
	return read_notes(dump, priv->elf, phnum, note_total);
}

static struct ksd_error *elf_probe(struct ksd_dump *dump, bool *mine)
{
	struct dump_reader *r = dump->reader;
	unsigned char ident[EI_NIDENT];
	struct elf_priv *priv;
	struct ksd_error *err;
	GElf_Ehdr ehdr;
	size_t phnum = 0, ehsize;

	if (r->size < SELFMAG)
		return NULL;
	err = reader_read(r, ident, SELFMAG, 0);
	if (err)
		return err;
	if (memcmp(ident, ELFMAG, SELFMAG) != 0)
		return NULL;
	*mine = true;
	if (r->size < EI_NIDENT)
		return ksd_error_create(KSD_ERR_EOF,
					"file ends inside the ELF identification (%llu of %d bytes)",
					(unsigned long long)r->size, EI_NIDENT);
	err = reader_read(r, ident, EI_NIDENT, 0);
	if (!err)
		err = check_ident(r, ident);
	if (err)
		return err;
	ehsize = ident[EI_CLASS] == ELFCLASS64 ? sizeof(Elf64_Ehdr)
					       : sizeof(Elf32_Ehdr);
	if (r->size < ehsize)
		return ksd_error_create(KSD_ERR_EOF,
					"file ends inside the ELF header (%llu of %zu bytes)",
					(unsigned long long)r->size, ehsize);

	priv = calloc(1, sizeof(*priv));
	if (!priv)
		return &ksd_enomem;
	dump->priv = priv;
	err = open_elf(r, priv, ident);
	if (!err)
		err = check_ehdr(dump, priv->elf, &ehdr, &phnum);
	if (!err)
		err = scan_phdrs(dump, priv, phnum);
	return err;
}

static struct ksd_error *elf_read_phys(struct ksd_dump *dump, uint64_t paddr,
				       void *buf, size_t len, size_t *done,
				       unsigned int *flags)
{
	struct elf_priv *priv = dump->priv;
	const struct seg *data, *excl;
	uint64_t next_data, n;

	data = segmap_find(&priv->map, paddr, &excl, &next_data);
	if (data) {
		n = data->end - paddr;
		if (n > len)
			n = len;
		*done = (size_t)n;
		return reader_read(dump->reader, buf, (size_t)n,
				   data->file_off + (paddr - data->start));
	}
	if (excl) {
		n = excl->end - paddr;
		if (next_data - paddr < n)
			n = next_data - paddr;
		if (n > len)
			n = len;
		memset(buf, 0, (size_t)n);
		*flags |= KSD_READ_EXCLUDED;
		*done = (size_t)n;
		return NULL;
	}
	return ksd_error_create(KSD_ERR_NOT_PRESENT,
				"physical address 0x%llx is not in the dump%s",
				(unsigned long long)paddr,
				dump->info.truncated ? " (the file is truncated)" : "");
}

static void elf_cleanup(struct ksd_dump *dump)
{
	struct elf_priv *priv = dump->priv;

	if (!priv)
		return;
	if (priv->elf)
		elf_end(priv->elf);
	segmap_release(&priv->map);
	free(priv->prefix);
	free(priv);
	dump->priv = NULL;
}

const struct dump_format_ops dump_elf_ops = {
	.name = "elf",
	.probe = elf_probe,
	.read_phys = elf_read_phys,
	.cleanup = elf_cleanup,
};
