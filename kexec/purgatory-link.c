// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The purgatory linker (purgatory-link.h).  Relocation arithmetic and
 * encodings: "ELF for the Arm 64-bit Architecture (AArch64)", section
 * "Relocation operations" (S = symbol address, A = addend, P = place,
 * Page(x) = x & ~0xfff, X = the result before field extraction).
 * docs/purgatory.md, "Linking", has the table of what is checked.
 */
#include "config.h"

#include <gelf.h>
#include <inttypes.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "purgatory-link.h"
#include "purgatory/params-check.h"
#include "util/endian.h"
#include "util/sha256.h"

/* A larger section alignment than this is a broken object, not a need. */
#define MAX_SECTION_ALIGN (64u << 10)

/* A symbol table larger than this is not the purgatory's. */
#define MAX_SYMBOLS (1u << 20)

enum field {
	F_DATA64, F_DATA32, F_DATA16,	/* little-endian data */
	F_MOVW,		/* imm16, bits 5-20 of MOVZ/MOVK */
	F_ADR,		/* immlo 29-30, immhi 5-23 of ADR/ADRP */
	F_IMM12,	/* bits 10-21 of ADD and LDR/STR (unsigned offset) */
	F_LD19,		/* bits 5-23 of LDR (literal), CONDBR */
	F_TBZ14,	/* bits 5-18 of TBZ/TBNZ */
	F_B26,		/* bits 0-25 of B/BL */
};

enum calc {
	C_ABS,		/* S + A */
	C_PREL,		/* S + A - P */
	C_PAGE,		/* Page(S + A) - Page(P) */
};

/*
 * One relocation type: what to compute, how far to shift it, which bits
 * must be zero before the shift (alignment), the signed or unsigned
 * range the (unshifted) result must lie in, and where it goes.
 */
struct reloc_type {
	unsigned int type;
	const char *name;
	enum calc calc;
	enum field field;
	unsigned int shift;	/* bits dropped from X before the field */
	unsigned int align;	/* low bits of X that must be zero */
	/* X must satisfy lo <= (int64)X < hi (checked when check). */
	bool check;
	int64_t lo;
	uint64_t hi;		/* exclusive; compared as (int64)X < hi */
};

/* Signed lower and upper bounds: -2^n and 2^n. */
#define NEG(n) (-(INT64_C(1) << (n)))
#define POS(n) (UINT64_C(1) << (n))

static const struct reloc_type reloc_types[] = {
	{ 257, "ABS64", C_ABS, F_DATA64, 0, 0, false, 0, 0 },
	{ 258, "ABS32", C_ABS, F_DATA32, 0, 0, true, NEG(31), POS(32) },
	{ 259, "ABS16", C_ABS, F_DATA16, 0, 0, true, NEG(15), POS(16) },
	{ 260, "PREL64", C_PREL, F_DATA64, 0, 0, false, 0, 0 },
	{ 261, "PREL32", C_PREL, F_DATA32, 0, 0, true, NEG(31), POS(32) },
	{ 262, "PREL16", C_PREL, F_DATA16, 0, 0, true, NEG(15), POS(16) },
	{ 263, "MOVW_UABS_G0", C_ABS, F_MOVW, 0, 0, true, 0, POS(16) },
	{ 264, "MOVW_UABS_G0_NC", C_ABS, F_MOVW, 0, 0, false, 0, 0 },
	{ 265, "MOVW_UABS_G1", C_ABS, F_MOVW, 16, 0, true, 0, POS(32) },
	{ 266, "MOVW_UABS_G1_NC", C_ABS, F_MOVW, 16, 0, false, 0, 0 },
	{ 267, "MOVW_UABS_G2", C_ABS, F_MOVW, 32, 0, true, 0, POS(48) },
	{ 268, "MOVW_UABS_G2_NC", C_ABS, F_MOVW, 32, 0, false, 0, 0 },
	{ 269, "MOVW_UABS_G3", C_ABS, F_MOVW, 48, 0, false, 0, 0 },
	{ 273, "LD_PREL_LO19", C_PREL, F_LD19, 2, 2, true, NEG(20), POS(20) },
	{ 274, "ADR_PREL_LO21", C_PREL, F_ADR, 0, 0, true, NEG(20), POS(20) },
	{ 275, "ADR_PREL_PG_HI21", C_PAGE, F_ADR, 12, 0, true, NEG(32), POS(32) },
	{ 276, "ADR_PREL_PG_HI21_NC", C_PAGE, F_ADR, 12, 0, false, 0, 0 },
	{ 277, "ADD_ABS_LO12_NC", C_ABS, F_IMM12, 0, 0, false, 0, 0 },
	{ 278, "LDST8_ABS_LO12_NC", C_ABS, F_IMM12, 0, 0, false, 0, 0 },
	{ 279, "TSTBR14", C_PREL, F_TBZ14, 2, 2, true, NEG(15), POS(15) },
	{ 280, "CONDBR19", C_PREL, F_LD19, 2, 2, true, NEG(20), POS(20) },
	{ 282, "JUMP26", C_PREL, F_B26, 2, 2, true, NEG(27), POS(27) },
	{ 283, "CALL26", C_PREL, F_B26, 2, 2, true, NEG(27), POS(27) },
	{ 284, "LDST16_ABS_LO12_NC", C_ABS, F_IMM12, 1, 1, false, 0, 0 },
	{ 285, "LDST32_ABS_LO12_NC", C_ABS, F_IMM12, 2, 2, false, 0, 0 },
	{ 286, "LDST64_ABS_LO12_NC", C_ABS, F_IMM12, 3, 3, false, 0, 0 },
	{ 299, "LDST128_ABS_LO12_NC", C_ABS, F_IMM12, 4, 4, false, 0, 0 },
};

static const struct reloc_type *reloc_type(unsigned int type)
{
	for (size_t i = 0; i < sizeof(reloc_types) / sizeof(reloc_types[0]); i++) {
		if (reloc_types[i].type == type)
			return &reloc_types[i];
	}
	return NULL;
}

const char *purgatory_reloc_name(unsigned int type)
{
	const struct reloc_type *t = reloc_type(type);

	return t ? t->name : NULL;
}

struct section {
	GElf_Shdr sh;
	const char *name;
	size_t offset;		/* in the image, if allocated */
};

struct linker {
	const char *name;
	void *copy;		/* the object, privately (libelf may not write) */
	size_t ro_size;
	Elf *elf;
	struct section *secs;
	size_t nsecs;
	size_t size;		/* of the laid-out image */
	uint64_t align;
	size_t symtab;		/* section index of SHT_SYMTAB */
	Elf_Data *syms;
	size_t nsyms;
};

static struct ksd_error *bad(const struct linker *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static struct ksd_error *bad(const struct linker *l, const char *fmt, ...)
{
	struct ksd_error *err;
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	err = ksd_error_create(KSD_ERR_CORRUPT, "%s: %s", l->name, msg);
	return err;
}

static const char *secname(const struct linker *l, size_t i)
{
	return i < l->nsecs && l->secs[i].name ? l->secs[i].name : "?";
}

static void linker_deinit(struct linker *l)
{
	if (l->elf)
		elf_end(l->elf);
	free(l->secs);
	free(l->copy);
}

static bool is_alloc(const struct section *s)
{
	return s->sh.sh_flags & SHF_ALLOC;
}

static struct ksd_error *read_sections(struct linker *l)
{
	size_t shstrndx;

	if (elf_getshdrnum(l->elf, &l->nsecs) || elf_getshdrstrndx(l->elf, &shstrndx))
		return bad(l, "cannot read the section headers: %s", elf_errmsg(-1));
	if (l->nsecs < 2 || l->nsecs > 4096)
		return bad(l, "%zu sections", l->nsecs);
	l->secs = calloc(l->nsecs, sizeof(*l->secs));
	if (!l->secs)
		return &ksd_enomem;
	for (size_t i = 1; i < l->nsecs; i++) {
		Elf_Scn *scn = elf_getscn(l->elf, i);
		struct section *s = &l->secs[i];

		if (!scn || !gelf_getshdr(scn, &s->sh))
			return bad(l, "section %zu: unreadable header: %s", i,
				   elf_errmsg(-1));
		s->name = elf_strptr(l->elf, shstrndx, s->sh.sh_name);
		if (s->sh.sh_type != SHT_NOBITS &&
		    (s->sh.sh_offset > l->ro_size ||
		     s->sh.sh_size > l->ro_size - s->sh.sh_offset))
			return ksd_error_create(KSD_ERR_EOF,
						"%s: section %s runs past the end of the %zu-byte object",
						l->name, s->name ? s->name : "?", l->ro_size);
		if (s->sh.sh_type == SHT_SYMTAB) {
			if (l->symtab)
				return bad(l, "more than one symbol table");
			l->symtab = i;
		}
	}
	return NULL;
}

static struct ksd_error *layout(struct linker *l)
{
	size_t cur = 0;

	l->align = 1;
	for (size_t i = 1; i < l->nsecs; i++) {
		struct section *s = &l->secs[i];
		uint64_t a = s->sh.sh_addralign ? s->sh.sh_addralign : 1;

		if (!is_alloc(s))
			continue;
		if (a & (a - 1) || a > MAX_SECTION_ALIGN)
			return bad(l, "section %s: alignment 0x%" PRIx64
				   " is not a power of two up to 0x%x",
				   secname(l, i), a, MAX_SECTION_ALIGN);
		if (s->sh.sh_size > PURGATORY_MAX_IMAGE)
			return bad(l, "section %s: 0x%" PRIx64 " bytes",
				   secname(l, i), (uint64_t)s->sh.sh_size);
		cur = (cur + a - 1) & ~(size_t)(a - 1);
		s->offset = cur;
		cur += s->sh.sh_size;
		if (cur > PURGATORY_MAX_IMAGE)
			return ksd_error_create(KSD_ERR_LIMIT,
						"%s: the allocated sections take more than %u bytes",
						l->name, PURGATORY_MAX_IMAGE);
		if (a > l->align)
			l->align = a;
	}
	if (!cur)
		return bad(l, "no allocated sections");
	l->size = cur;
	return NULL;
}

static struct ksd_error *linker_open(struct linker *l, const void *ro,
				     size_t ro_size, const char *name)
{
	struct ksd_error *err;
	GElf_Ehdr eh;

	memset(l, 0, sizeof(*l));
	l->name = name;
	l->ro_size = ro_size;
	if (elf_version(EV_CURRENT) == EV_NONE)
		return ksd_error_create(KSD_ERR_INTERNAL, "libelf: %s",
					elf_errmsg(-1));
	if (!ro_size)
		return ksd_error_create(KSD_ERR_UNSUPPORTED,
					"%s: empty (this kexec was built without the purgatory)",
					name);
	if (ro_size > 16 * PURGATORY_MAX_IMAGE)
		return ksd_error_create(KSD_ERR_LIMIT, "%s: %zu bytes is too large for a purgatory",
					name, ro_size);
	l->copy = malloc(ro_size);
	if (!l->copy)
		return &ksd_enomem;
	memcpy(l->copy, ro, ro_size);
	l->elf = elf_memory(l->copy, ro_size);
	if (!l->elf || elf_kind(l->elf) != ELF_K_ELF) {
		err = bad(l, "not an ELF file");
		goto fail;
	}
	if (!gelf_getehdr(l->elf, &eh)) {
		err = ksd_error_create(KSD_ERR_EOF, "%s: truncated ELF header", name);
		goto fail;
	}
	if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh.e_machine != EM_AARCH64) {
		err = bad(l, "not a little-endian 64-bit aarch64 object");
		goto fail;
	}
	if (eh.e_shoff > ro_size || eh.e_shentsize != sizeof(Elf64_Shdr) ||
	    (ro_size - eh.e_shoff) / sizeof(Elf64_Shdr) < eh.e_shnum) {
		err = ksd_error_create(KSD_ERR_EOF,
				       "%s: %u section headers at 0x%" PRIx64 " do not fit in the %zu-byte object",
				       name, eh.e_shnum, (uint64_t)eh.e_shoff, ro_size);
		goto fail;
	}
	if (eh.e_type != ET_REL) {
		err = bad(l, "e_type %u is not ET_REL (a relocatable object)",
			  eh.e_type);
		goto fail;
	}
	err = read_sections(l);
	if (!err)
		err = layout(l);
	if (!err)
		return NULL;
fail:
	linker_deinit(l);
	return err;
}

struct ksd_error *purgatory_layout(const void *ro, size_t ro_size,
				   const char *name, size_t *size,
				   uint64_t *align)
{
	struct linker l;
	struct ksd_error *err = linker_open(&l, ro, ro_size, name);

	if (err)
		return err;
	*size = l.size;
	*align = l.align;
	linker_deinit(&l);
	return NULL;
}

static struct ksd_error *load_symtab(struct linker *l)
{
	const struct section *s;

	if (!l->symtab)
		return bad(l, "no symbol table");
	s = &l->secs[l->symtab];
	if (s->sh.sh_entsize != sizeof(Elf64_Sym) ||
	    s->sh.sh_size % sizeof(Elf64_Sym))
		return bad(l, "symbol table entries are not Elf64_Sym");
	l->nsyms = s->sh.sh_size / sizeof(Elf64_Sym);
	if (l->nsyms > MAX_SYMBOLS)
		return bad(l, "%zu symbols", l->nsyms);
	if (s->sh.sh_link >= l->nsecs || l->secs[s->sh.sh_link].sh.sh_type != SHT_STRTAB)
		return bad(l, "the symbol table's string table is section %u",
			   s->sh.sh_link);
	l->syms = elf_getdata(elf_getscn(l->elf, l->symtab), NULL);
	if (!l->syms || l->syms->d_size != s->sh.sh_size)
		return bad(l, "cannot read the symbol table: %s", elf_errmsg(-1));
	return NULL;
}

static const char *symname(const struct linker *l, const GElf_Sym *sym)
{
	const char *n;

	if (sym->st_name == 0 && GELF_ST_TYPE(sym->st_info) == STT_SECTION)
		return secname(l, sym->st_shndx);
	n = elf_strptr(l->elf, l->secs[l->symtab].sh.sh_link, sym->st_name);
	return n ? n : "?";
}

/* The address of symbol @i at @load, or an error. */
static struct ksd_error *sym_addr(const struct linker *l, size_t i,
				  uint64_t load, GElf_Sym *sym, uint64_t *ret)
{
	const struct section *s;

	if (i >= l->nsyms)
		return bad(l, "symbol index %zu out of range (%zu symbols)", i,
			   l->nsyms);
	if (!gelf_getsym(l->syms, (int)i, sym))
		return bad(l, "symbol %zu unreadable", i);
	if (sym->st_shndx == SHN_ABS) {
		*ret = sym->st_value;
		return NULL;
	}
	if (sym->st_shndx == SHN_UNDEF)
		return bad(l, "undefined symbol '%s'", symname(l, sym));
	if (sym->st_shndx == SHN_COMMON)
		return bad(l, "common symbol '%s' (build with -fno-common)",
			   symname(l, sym));
	if (sym->st_shndx >= l->nsecs)
		return bad(l, "symbol '%s' in section %u, out of range",
			   symname(l, sym), sym->st_shndx);
	s = &l->secs[sym->st_shndx];
	if (!is_alloc(s))
		return bad(l, "symbol '%s' in section %s, which is not loaded",
			   symname(l, sym), secname(l, sym->st_shndx));
	if (sym->st_value > s->sh.sh_size)
		return bad(l, "symbol '%s' at 0x%" PRIx64 " is past the end of %s",
			   symname(l, sym), (uint64_t)sym->st_value,
			   secname(l, sym->st_shndx));
	*ret = load + s->offset + sym->st_value;
	return NULL;
}

static unsigned int field_size(enum field f)
{
	switch (f) {
	case F_DATA64:
		return 8;
	case F_DATA16:
		return 2;
	default:
		return 4;
	}
}

/* Put @v (already shifted) into the field at @p. */
static void put_field(uint8_t *p, enum field f, uint64_t v)
{
	uint32_t insn = f == F_DATA64 || f == F_DATA16 ? 0 : ksd_load32(p, false);

	switch (f) {
	case F_DATA64:
		ksd_store64(p, v, false);
		return;
	case F_DATA32:
		ksd_store32(p, (uint32_t)v, false);
		return;
	case F_DATA16:
		p[0] = (uint8_t)v;
		p[1] = (uint8_t)(v >> 8);
		return;
	case F_MOVW:
		insn = (insn & ~(0xffffu << 5)) | (uint32_t)(v & 0xffff) << 5;
		break;
	case F_ADR:
		insn = (insn & ~(3u << 29 | 0x7ffffu << 5)) |
		       (uint32_t)(v & 3) << 29 | (uint32_t)((v >> 2) & 0x7ffff) << 5;
		break;
	case F_IMM12:
		insn = (insn & ~(0xfffu << 10)) | (uint32_t)(v & 0xfff) << 10;
		break;
	case F_LD19:
		insn = (insn & ~(0x7ffffu << 5)) | (uint32_t)(v & 0x7ffff) << 5;
		break;
	case F_TBZ14:
		insn = (insn & ~(0x3fffu << 5)) | (uint32_t)(v & 0x3fff) << 5;
		break;
	case F_B26:
		insn = (insn & ~0x3ffffffu) | (uint32_t)(v & 0x3ffffff);
		break;
	}
	ksd_store32(p, insn, false);
}

struct place {
	size_t rela_sec, index;
	size_t target;
	uint64_t offset;
	const struct reloc_type *t;
	unsigned int type;
};

static struct ksd_error *reloc_error(const struct linker *l,
				     const struct place *pl, const char *fmt,
				     ...) __attribute__((format(printf, 3, 4)));

static struct ksd_error *reloc_error(const struct linker *l,
				     const struct place *pl, const char *fmt,
				     ...)
{
	char what[64], msg[160];
	va_list ap;

	if (pl->t)
		snprintf(what, sizeof(what), "R_AARCH64_%s", pl->t->name);
	else
		snprintf(what, sizeof(what), "type %u", pl->type);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return bad(l, "relocation %zu of %s (%s at %s+0x%" PRIx64 "): %s",
		   pl->index, secname(l, pl->rela_sec), what,
		   secname(l, pl->target), pl->offset, msg);
}

static struct ksd_error *apply(const struct linker *l, uint8_t *buf,
			       uint64_t load, const struct place *pl,
			       const GElf_Rela *r)
{
	const struct reloc_type *t = pl->t;
	const struct section *tgt = &l->secs[pl->target];
	struct ksd_error *err;
	uint64_t s, p, x;
	unsigned int width = field_size(t->field);
	GElf_Sym sym;

	if (tgt->sh.sh_type == SHT_NOBITS || pl->offset > tgt->sh.sh_size ||
	    tgt->sh.sh_size - pl->offset < width)
		return reloc_error(l, pl, "place outside the 0x%" PRIx64 " bytes of %s",
				   (uint64_t)tgt->sh.sh_size, secname(l, pl->target));
	p = load + tgt->offset + pl->offset;
	if (t->field != F_DATA64 && t->field != F_DATA32 && t->field != F_DATA16 &&
	    (p & 3))
		return reloc_error(l, pl, "instruction at 0x%" PRIx64 " is not 4-byte aligned", p);
	err = sym_addr(l, GELF_R_SYM(r->r_info), load, &sym, &s);
	if (err) {
		/* The same problem, said with the relocation it is in. */
		const char *m = err->message;
		size_t n = strlen(l->name);
		struct ksd_error *e;

		if (err == &ksd_enomem)
			return err;
		if (!strncmp(m, l->name, n) && !strncmp(m + n, ": ", 2))
			m += n + 2;
		e = reloc_error(l, pl, "%s", m);
		ksd_error_destroy(err);
		return e;
	}
	x = s + (uint64_t)r->r_addend;
	switch (t->calc) {
	case C_ABS:
		break;
	case C_PREL:
		x -= p;
		break;
	case C_PAGE:
		x = (x & ~UINT64_C(0xfff)) - (p & ~UINT64_C(0xfff));
		break;
	}
	if (t->check && ((int64_t)x < t->lo ||
			 ((int64_t)x >= 0 && x >= t->hi)))
		return reloc_error(l, pl, "0x%" PRIx64 " against '%s' is out of range",
				   x, symname(l, &sym));
	if (t->align && (x & ((UINT64_C(1) << t->align) - 1)))
		return reloc_error(l, pl, "0x%" PRIx64 " against '%s' is not %u-byte aligned",
				   x, symname(l, &sym), 1u << t->align);
	/*
	 * Fields keep low bits only, so a logical shift does for a signed X
	 * too.  The LO12 fields take bits [11:shift] of X, not the 12 bits
	 * above the shift.
	 */
	if (t->field == F_IMM12)
		x &= 0xfff;
	put_field(buf + tgt->offset + pl->offset, t->field, x >> t->shift);
	return NULL;
}

static struct ksd_error *relocate_section(const struct linker *l, size_t i,
					  uint8_t *buf, uint64_t load,
					  size_t *count)
{
	const struct section *s = &l->secs[i];
	struct place pl = { .rela_sec = i, .target = s->sh.sh_info };
	Elf_Data *d;
	size_t n;

	if (s->sh.sh_info >= l->nsecs || !s->sh.sh_info)
		return bad(l, "%s applies to section %u, out of range",
			   secname(l, i), s->sh.sh_info);
	if (!is_alloc(&l->secs[s->sh.sh_info]))
		return NULL;	/* debugging information: not loaded */
	if (s->sh.sh_type == SHT_REL)
		return bad(l, "%s: SHT_REL relocations (aarch64 objects use RELA)",
			   secname(l, i));
	if (s->sh.sh_link != l->symtab)
		return bad(l, "%s uses section %u as its symbol table",
			   secname(l, i), s->sh.sh_link);
	if (s->sh.sh_entsize != sizeof(Elf64_Rela) ||
	    s->sh.sh_size % sizeof(Elf64_Rela))
		return bad(l, "%s: entries are not Elf64_Rela", secname(l, i));
	n = s->sh.sh_size / sizeof(Elf64_Rela);
	d = elf_getdata(elf_getscn(l->elf, i), NULL);
	if (!d || d->d_size != s->sh.sh_size)
		return bad(l, "cannot read %s: %s", secname(l, i), elf_errmsg(-1));
	for (size_t k = 0; k < n; k++) {
		struct ksd_error *err;
		GElf_Rela r;

		if (!gelf_getrela(d, (int)k, &r))
			return bad(l, "%s: relocation %zu unreadable", secname(l, i), k);
		pl.index = k;
		pl.offset = r.r_offset;
		pl.type = (unsigned int)GELF_R_TYPE(r.r_info);
		if (pl.type == 0 || pl.type == 256)	/* R_AARCH64_NONE, withdrawn NONE */
			continue;
		pl.t = reloc_type(pl.type);
		if (!pl.t) {
			err = reloc_error(l, &pl, "relocation type %u is not one the loader implements",
					  pl.type);
			if (err != &ksd_enomem)
				err->code = KSD_ERR_UNSUPPORTED;
			return err;
		}
		err = apply(l, buf, load, &pl, &r);
		if (err)
			return err;
		(*count)++;
	}
	return NULL;
}

static struct ksd_error *find_global(const struct linker *l, const char *name,
				     int type, GElf_Sym *ret, size_t *index)
{
	for (size_t i = 1; i < l->nsyms; i++) {
		if (!gelf_getsym(l->syms, (int)i, ret))
			continue;
		if (strcmp(symname(l, ret), name))
			continue;
		if (GELF_ST_BIND(ret->st_info) != STB_GLOBAL ||
		    GELF_ST_TYPE(ret->st_info) != type)
			return bad(l, "'%s' is not a global %s", name,
				   type == STT_FUNC ? "function" : "object");
		*index = i;
		return NULL;
	}
	return ksd_error_create(KSD_ERR_NOT_FOUND, "%s: no symbol '%s'",
				l->name, name);
}

static struct ksd_error *find_params(const struct linker *l, const uint8_t *buf,
				     struct purgatory_image *img)
{
	const size_t want = sizeof(struct ksd_purgatory_params);
	struct ksd_error *err;
	const struct section *s;
	const uint8_t *p;
	GElf_Sym sym;
	size_t i;

	err = find_global(l, KSD_PURGATORY_PARAMS_SYMBOL, STT_OBJECT, &sym, &i);
	if (err)
		return err;
	if (sym.st_size != want)
		return bad(l, "'%s' is %" PRIu64 " bytes, abi.h says %zu",
			   KSD_PURGATORY_PARAMS_SYMBOL, (uint64_t)sym.st_size, want);
	if (sym.st_shndx == SHN_UNDEF || sym.st_shndx >= l->nsecs)
		return bad(l, "'%s' is in no section", KSD_PURGATORY_PARAMS_SYMBOL);
	s = &l->secs[sym.st_shndx];
	if (!s->name || strcmp(s->name, KSD_PURGATORY_PARAMS_SECTION) ||
	    s->sh.sh_type != SHT_PROGBITS || !is_alloc(s))
		return bad(l, "'%s' is not in an allocated PROGBITS section %s",
			   KSD_PURGATORY_PARAMS_SYMBOL, KSD_PURGATORY_PARAMS_SECTION);
	if (sym.st_value > s->sh.sh_size || s->sh.sh_size - sym.st_value < want)
		return bad(l, "'%s' runs past the end of %s",
			   KSD_PURGATORY_PARAMS_SYMBOL, s->name);
	img->params_offset = s->offset + sym.st_value;
	if ((img->load_addr + img->params_offset) & 7)
		return bad(l, "'%s' is not 8-byte aligned", KSD_PURGATORY_PARAMS_SYMBOL);
	p = buf + img->params_offset;
	if (ksd_load64(p + offsetof(struct ksd_purgatory_params, magic), false) !=
	    KSD_PURGATORY_MAGIC ||
	    ksd_load32(p + offsetof(struct ksd_purgatory_params, version), false) !=
	    KSD_PURGATORY_VERSION ||
	    ksd_load32(p + offsetof(struct ksd_purgatory_params, size), false) != want)
		return bad(l, "'%s' does not start with this loader's magic, version %d and size %zu",
			   KSD_PURGATORY_PARAMS_SYMBOL, KSD_PURGATORY_VERSION, want);
	return NULL;
}

static struct ksd_error *find_entry(const struct linker *l,
				    struct purgatory_image *img)
{
	struct ksd_error *err;
	GElf_Sym sym;
	size_t i;

	err = find_global(l, KSD_PURGATORY_ENTRY_SYMBOL, STT_FUNC, &sym, &i);
	if (err)
		return err;
	err = sym_addr(l, i, img->load_addr, &sym, &img->entry);
	if (err)
		return err;
	if (!(l->secs[sym.st_shndx].sh.sh_flags & SHF_EXECINSTR) || (img->entry & 3))
		return bad(l, "'%s' is not an aligned address in an executable section",
			   KSD_PURGATORY_ENTRY_SYMBOL);
	return NULL;
}

void purgatory_image_deinit(struct purgatory_image *img)
{
	free(img->buf);
	memset(img, 0, sizeof(*img));
}

struct ksd_error *purgatory_link(const void *ro, size_t ro_size,
				 const char *name, uint64_t load_addr,
				 struct purgatory_image *ret)
{
	struct purgatory_image img = { .load_addr = load_addr };
	struct ksd_error *err;
	struct linker l;

	memset(ret, 0, sizeof(*ret));
	err = linker_open(&l, ro, ro_size, name);
	if (err)
		return err;
	if (load_addr & (l.align - 1) || load_addr + l.size < load_addr) {
		err = ksd_error_create(KSD_ERR_INVALID_ARG,
				       "%s: load address 0x%" PRIx64 " is not %" PRIu64 "-byte aligned or wraps",
				       name, load_addr, l.align);
		goto out;
	}
	img.size = l.size;
	img.align = l.align;
	img.buf = calloc(1, l.size);
	if (!img.buf) {
		err = &ksd_enomem;
		goto out;
	}
	err = load_symtab(&l);
	for (size_t i = 1; !err && i < l.nsecs; i++) {
		const struct section *s = &l.secs[i];
		Elf_Data *d;

		if (!is_alloc(s) || s->sh.sh_type == SHT_NOBITS || !s->sh.sh_size)
			continue;
		d = elf_getdata(elf_getscn(l.elf, i), NULL);
		if (!d || !d->d_buf || d->d_size != s->sh.sh_size)
			err = ksd_error_create(KSD_ERR_EOF, "%s: section %s: %s", name,
					       secname(&l, i),
					       d ? "truncated" : elf_errmsg(-1));
		else
			memcpy(img.buf + s->offset, d->d_buf, d->d_size);
	}
	for (size_t i = 1; !err && i < l.nsecs; i++) {
		if (l.secs[i].sh.sh_type == SHT_RELA || l.secs[i].sh.sh_type == SHT_REL)
			err = relocate_section(&l, i, img.buf, load_addr, &img.nr_relocs);
	}
	if (!err)
		err = find_entry(&l, &img);
	if (!err)
		err = find_params(&l, img.buf, &img);
	if (!err) {
		*ret = img;
		img.buf = NULL;
	}
out:
	free(img.buf);
	linker_deinit(&l);
	return err;
}

struct ksd_error *purgatory_set_params(struct purgatory_image *img,
				       const struct ksd_purgatory_params *p)
{
	const struct ksd_purgatory_console *c = &p->console;
	struct ksd_purgatory_params q;
	const char *what;
	uint64_t value;
	uint8_t *b;

	if (!img->buf || img->params_offset > img->size ||
	    img->size - img->params_offset < sizeof(*p))
		return ksd_error_create(KSD_ERR_INVALID_ARG,
					"purgatory: no parameter block in the image");
	if (p->nr_regions > KSD_PURGATORY_MAX_REGIONS)
		return ksd_error_create(KSD_ERR_LIMIT,
					"purgatory: %u regions to verify, at most %d",
					p->nr_regions, KSD_PURGATORY_MAX_REGIONS);
	/*
	 * The block as it will be written, through the purgatory's own
	 * check: one it refuses would park the CPU at crash time instead
	 * of booting the capture kernel, so refuse it now.
	 */
	q = *p;
	q.magic = KSD_PURGATORY_MAGIC;
	q.version = KSD_PURGATORY_VERSION;
	q.size = sizeof(q);
	q.console.reserved = 0;
	if (!ksd_purgatory_console_ok(&q.console))
		return ksd_error_create(KSD_ERR_INVALID_ARG,
					"purgatory: console type %u, register shift %u, width %u at 0x%" PRIx64
					" is not one the purgatory can drive",
					c->type, c->reg_shift, c->reg_width, c->base);
	what = ksd_purgatory_params_problem(&q, &value);
	if (what)
		return ksd_error_create(KSD_ERR_INVALID_ARG,
					"purgatory: the purgatory would refuse this parameter block: %s 0x%" PRIx64,
					what, value);

	/* Field by field, little-endian, whatever the host. */
	b = img->buf + img->params_offset;
	ksd_store64(b + offsetof(struct ksd_purgatory_params, kernel_entry),
		    p->kernel_entry, false);
	ksd_store64(b + offsetof(struct ksd_purgatory_params, dtb), p->dtb, false);
	ksd_store32(b + offsetof(struct ksd_purgatory_params, flags), p->flags, false);
	ksd_store32(b + offsetof(struct ksd_purgatory_params, nr_regions),
		    p->nr_regions, false);
	ksd_store32(b + offsetof(struct ksd_purgatory_params, status),
		    KSD_PURGATORY_NOT_RUN, false);
	ksd_store32(b + offsetof(struct ksd_purgatory_params, bad_regions), 0, false);
	b += offsetof(struct ksd_purgatory_params, console);
	ksd_store32(b, c->type, false);
	b[4] = c->reg_shift;
	b[5] = c->reg_width;
	b[6] = b[7] = 0;
	ksd_store64(b + 8, c->base, false);
	b = img->buf + img->params_offset + offsetof(struct ksd_purgatory_params, regions);
	memset(b, 0, sizeof(p->regions));
	for (uint32_t i = 0; i < p->nr_regions; i++, b += sizeof(p->regions[0])) {
		ksd_store64(b, p->regions[i].start, false);
		ksd_store64(b + 8, p->regions[i].len, false);
		memcpy(b + 16, p->regions[i].sha256, sizeof(p->regions[i].sha256));
	}
	return NULL;
}

struct ksd_error *purgatory_region_hash(struct ksd_purgatory_region *r,
					uint64_t mem, uint64_t memsz,
					const void *buf, size_t bufsz)
{
	struct ksd_sha256 ctx;

	if (bufsz > memsz)
		return ksd_error_create(KSD_ERR_INVALID_ARG,
					"segment at 0x%" PRIx64 ": %zu bytes of data in 0x%" PRIx64 " bytes of memory",
					mem, bufsz, memsz);
	r->start = mem;
	r->len = memsz;
	ksd_sha256_init(&ctx, NULL);
	ksd_sha256_update(&ctx, buf, bufsz);
	ksd_sha256_update_zeros(&ctx, memsz - bufsz);
	ksd_sha256_final(&ctx, r->sha256);
	return NULL;
}
