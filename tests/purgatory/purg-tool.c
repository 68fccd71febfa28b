// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * purg-tool: the host side of the purgatory tests.
 *
 *   purg-tool check PURGATORY.ro
 *	Check the relocatable object the way a loader will meet it: an
 *	aarch64 little-endian ET_REL; no undefined or common symbols; no
 *	allocated NOBITS data; only RELA relocations, of the types the
 *	loader implements (docs/purgatory.md); purgatory_start a global
 *	function; ksd_purgatory_params a global object of exactly
 *	sizeof(struct ksd_purgatory_params) in its own section, holding
 *	this tree's magic, version and size and zeros elsewhere.  Prints
 *	what it found; exit 1 with a message per problem.
 *
 *   purg-tool fill PURGATORY.elf OUT.bin OPTIONS...
 *	Stand in for the loader on a purgatory linked at a fixed address
 *	(the test-only final link, tests/purgatory/purgatory-test.lds):
 *	flatten it and fill its parameter block.  Options:
 *	  --entry ADDR  --dtb ADDR  --flags N
 *	  --console none | pl011@ADDR | 8250@ADDR[,SHIFT[,WIDTH]]
 *	  --region ADDR=FILE    (repeatable: digest of FILE, loaded at ADDR)
 *	  --raw-nr-regions N    (store N as the count, for hostile tests)
 *	Prints "base=0x... entry=0x... params=0x...".
 *
 *   purg-tool link PURGATORY.ro ADDR OUT.bin OPTIONS...
 *	Link the relocatable object at ADDR with the loader's linker
 *	(kexec/purgatory-link.c) and fill its block with the loader's
 *	purgatory_set_params(); options as for fill.  With no options the
 *	block stays as the assembler wrote it (the loader would refuse an
 *	empty one), so the link alone can be compared with GNU ld's.
 *	Prints "base=0x... entry=0x... params=0x... size=0x... align=0x...
 *	relocs=N".
 *
 *   purg-tool flat IN.elf OUT.bin
 *	The memory image of an executable ELF, from its lowest PT_LOAD.
 *
 *   purg-tool random SIZE SEED OUT
 *	SIZE deterministic pseudo-random bytes (xorshift64).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "purgatory-link.h"
#include "purgatory/abi.h"
#include "util/sha256.h"

static const char *prog = "purg-tool";

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static uint64_t parse_u64(const char *s, const char *what)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s || *end)
		die("bad %s '%s'", what, s);
	return v;
}

static void *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 1 << 16, n = 0;
	char *buf;

	if (!f)
		die("cannot open '%s': %s", path, strerror(errno));
	buf = malloc(cap);
	for (;;) {
		size_t got;

		if (!buf)
			die("out of memory reading '%s'", path);
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (n < cap)
			break;
		cap *= 2;
		buf = realloc(buf, cap);
	}
	if (ferror(f))
		die("cannot read '%s'", path);
	fclose(f);
	*len = n;
	return buf;
}

static void write_file(const char *path, const void *buf, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(buf, 1, len, f) != len || fclose(f))
		die("cannot write '%s': %s", path, strerror(errno));
}

static Elf *open_elf(const char *path, int *fd)
{
	Elf *elf;

	if (elf_version(EV_CURRENT) == EV_NONE)
		die("libelf: %s", elf_errmsg(-1));
	*fd = open(path, O_RDONLY);
	if (*fd < 0)
		die("cannot open '%s': %s", path, strerror(errno));
	elf = elf_begin(*fd, ELF_C_READ, NULL);
	if (!elf || elf_kind(elf) != ELF_K_ELF)
		die("'%s' is not an ELF file", path);
	return elf;
}

/* The symbol table and its string table index, or die. */
static Elf_Data *symtab(Elf *elf, const char *path, size_t *count,
			size_t *strndx)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	while ((scn = elf_nextscn(elf, scn))) {
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB)
			continue;
		*count = sh.sh_entsize ? sh.sh_size / sh.sh_entsize : 0;
		*strndx = sh.sh_link;
		return elf_getdata(scn, NULL);
	}
	die("'%s' has no symbol table", path);
}

static bool find_symbol(Elf *elf, const char *path, const char *name,
			GElf_Sym *ret)
{
	size_t n, strndx;
	Elf_Data *d = symtab(elf, path, &n, &strndx);

	for (size_t i = 1; i < n; i++) {
		GElf_Sym s;
		const char *sn;

		if (!gelf_getsym(d, (int)i, &s))
			continue;
		sn = elf_strptr(elf, strndx, s.st_name);
		if (sn && !strcmp(sn, name)) {
			*ret = s;
			return true;
		}
	}
	return false;
}

/* ---- check ---------------------------------------------------------- */

static int problems;

static void problem(const char *path, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void problem(const char *path, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: %s: ", prog, path);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	problems++;
}

/*
 * Only the relocation types the loader implements (kexec/purgatory-link.c
 * is the one list); the counts printed are what docs/purgatory.md shows.
 */
enum { MAX_TYPE = 1024 };

static void check_relocations(Elf *elf, const char *path)
{
	static unsigned long used[MAX_TYPE];
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	while ((scn = elf_nextscn(elf, scn))) {
		Elf_Data *d;
		size_t n;

		if (!gelf_getshdr(scn, &sh))
			continue;
		if (sh.sh_type == SHT_REL) {
			problem(path, "SHT_REL section (only RELA is supported)");
			continue;
		}
		if (sh.sh_type != SHT_RELA)
			continue;
		d = elf_getdata(scn, NULL);
		n = sh.sh_entsize ? sh.sh_size / sh.sh_entsize : 0;
		for (size_t i = 0; d && i < n; i++) {
			GElf_Rela r;
			unsigned int type;

			if (!gelf_getrela(d, (int)i, &r))
				continue;
			type = (unsigned int)GELF_R_TYPE(r.r_info);
			if (type >= MAX_TYPE || !purgatory_reloc_name(type))
				problem(path, "relocation type %u at 0x%" PRIx64
					" is not one the loader implements", type,
					(uint64_t)r.r_offset);
			else
				used[type]++;
		}
	}
	printf("relocations:");
	for (unsigned int k = 0; k < MAX_TYPE; k++) {
		if (used[k])
			printf(" R_AARCH64_%s=%lu", purgatory_reloc_name(k), used[k]);
	}
	printf("\n");
}

static void check_symbols(Elf *elf, const char *path)
{
	size_t n, strndx;
	Elf_Data *d = symtab(elf, path, &n, &strndx);

	for (size_t i = 1; i < n; i++) {
		GElf_Sym s;
		const char *name;

		if (!gelf_getsym(d, (int)i, &s))
			continue;
		name = elf_strptr(elf, strndx, s.st_name);
		if (s.st_shndx == SHN_UNDEF && name && *name)
			problem(path, "undefined symbol '%s'", name);
		if (s.st_shndx == SHN_COMMON)
			problem(path, "common symbol '%s' (build with -fno-common)",
				name ? name : "?");
	}
}

static void check_sections(Elf *elf, const char *path)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	while ((scn = elf_nextscn(elf, scn))) {
		if (!gelf_getshdr(scn, &sh))
			continue;
		if (sh.sh_type == SHT_NOBITS && (sh.sh_flags & SHF_ALLOC) &&
		    sh.sh_size)
			problem(path, "allocated NOBITS section of 0x%" PRIx64
				" bytes (the purgatory keeps its data in .data:"
				" -fno-zero-initialized-in-bss)",
				(uint64_t)sh.sh_size);
	}
}

static void check_params(Elf *elf, const char *path)
{
	struct ksd_purgatory_params want = {
		.magic = KSD_PURGATORY_MAGIC,
		.version = KSD_PURGATORY_VERSION,
		.size = sizeof(struct ksd_purgatory_params),
	};
	Elf_Scn *scn;
	Elf_Data *d;
	GElf_Shdr sh;
	GElf_Sym s;
	size_t shstrndx;
	const char *secname;

	if (!find_symbol(elf, path, KSD_PURGATORY_PARAMS_SYMBOL, &s)) {
		problem(path, "no symbol '%s'", KSD_PURGATORY_PARAMS_SYMBOL);
		return;
	}
	if (GELF_ST_BIND(s.st_info) != STB_GLOBAL ||
	    GELF_ST_TYPE(s.st_info) != STT_OBJECT)
		problem(path, "'%s' is not a global object", KSD_PURGATORY_PARAMS_SYMBOL);
	if (s.st_size != sizeof(struct ksd_purgatory_params)) {
		problem(path, "'%s' is %" PRIu64 " bytes, abi.h says %zu",
			KSD_PURGATORY_PARAMS_SYMBOL, (uint64_t)s.st_size,
			sizeof(struct ksd_purgatory_params));
		return;
	}
	scn = elf_getscn(elf, s.st_shndx);
	if (!scn || !gelf_getshdr(scn, &sh) || elf_getshdrstrndx(elf, &shstrndx)) {
		problem(path, "'%s' is in no section", KSD_PURGATORY_PARAMS_SYMBOL);
		return;
	}
	secname = elf_strptr(elf, shstrndx, sh.sh_name);
	if (!secname || strcmp(secname, KSD_PURGATORY_PARAMS_SECTION) ||
	    sh.sh_type != SHT_PROGBITS)
		problem(path, "'%s' is not in a PROGBITS section %s",
			KSD_PURGATORY_PARAMS_SYMBOL, KSD_PURGATORY_PARAMS_SECTION);
	d = elf_getdata(scn, NULL);
	if (!d || !d->d_buf || s.st_value + s.st_size > d->d_size) {
		problem(path, "cannot read the initial '%s'", KSD_PURGATORY_PARAMS_SYMBOL);
		return;
	}
	if (memcmp((const char *)d->d_buf + s.st_value, &want, sizeof(want)))
		problem(path, "initial '%s' is not {magic, version %d, size %zu, zeros}",
			KSD_PURGATORY_PARAMS_SYMBOL, KSD_PURGATORY_VERSION,
			sizeof(want));
	printf("params: %s in %s, %zu bytes, version %d\n",
	       KSD_PURGATORY_PARAMS_SYMBOL, secname ? secname : "?", sizeof(want),
	       KSD_PURGATORY_VERSION);
}

static int cmd_check(int argc, char **argv)
{
	GElf_Ehdr eh;
	GElf_Sym s;
	Elf *elf;
	int fd;

	if (argc != 1)
		die("usage: purg-tool check PURGATORY.ro");
	elf = open_elf(argv[0], &fd);
	if (!gelf_getehdr(elf, &eh))
		die("'%s': no ELF header", argv[0]);
	if (eh.e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh.e_ident[EI_DATA] != ELFDATA2LSB || eh.e_machine != EM_AARCH64)
		problem(argv[0], "not a little-endian ELF64 for EM_AARCH64");
	if (eh.e_type != ET_REL)
		problem(argv[0], "e_type %u is not ET_REL", eh.e_type);
	check_symbols(elf, argv[0]);
	check_sections(elf, argv[0]);
	check_relocations(elf, argv[0]);
	if (!find_symbol(elf, argv[0], KSD_PURGATORY_ENTRY_SYMBOL, &s) ||
	    GELF_ST_BIND(s.st_info) != STB_GLOBAL ||
	    GELF_ST_TYPE(s.st_info) != STT_FUNC || s.st_shndx == SHN_UNDEF)
		problem(argv[0], "no global function '%s'", KSD_PURGATORY_ENTRY_SYMBOL);
	check_params(elf, argv[0]);
	elf_end(elf);
	close(fd);
	printf("%s: %d problem%s\n", argv[0], problems, problems == 1 ? "" : "s");
	return problems ? 1 : 0;
}

/* ---- flat / fill ---------------------------------------------------- */

struct image {
	uint8_t *buf;
	uint64_t base;
	uint64_t size;
	uint64_t entry;
};

static void flatten(Elf *elf, const char *path, struct image *img)
{
	uint64_t lo = UINT64_MAX, hi = 0;
	GElf_Ehdr eh;
	size_t phnum;

	if (!gelf_getehdr(elf, &eh) || eh.e_type != ET_EXEC ||
	    elf_getphdrnum(elf, &phnum))
		die("'%s' is not an executable ELF", path);
	for (size_t i = 0; i < phnum; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(elf, (int)i, &ph) || ph.p_type != PT_LOAD ||
		    !ph.p_memsz)
			continue;
		if (ph.p_paddr < lo)
			lo = ph.p_paddr;
		if (ph.p_paddr + ph.p_memsz > hi)
			hi = ph.p_paddr + ph.p_memsz;
	}
	if (lo >= hi || hi - lo > (64u << 20))
		die("'%s': no sensible PT_LOAD range", path);
	img->base = lo;
	img->size = hi - lo;
	img->entry = eh.e_entry;
	img->buf = calloc(1, img->size);
	if (!img->buf)
		die("out of memory");
	for (size_t i = 0; i < phnum; i++) {
		GElf_Phdr ph;
		size_t flen;
		char *raw;

		if (!gelf_getphdr(elf, (int)i, &ph) || ph.p_type != PT_LOAD ||
		    !ph.p_filesz)
			continue;
		raw = elf_rawfile(elf, &flen);
		if (!raw || ph.p_offset + ph.p_filesz > flen ||
		    ph.p_filesz > ph.p_memsz)
			die("'%s': PT_LOAD %zu outside the file", path, i);
		memcpy(img->buf + (ph.p_paddr - lo), raw + ph.p_offset, ph.p_filesz);
	}
}

static void cmd_flat(int argc, char **argv)
{
	struct image img;
	Elf *elf;
	int fd;

	if (argc != 2)
		die("usage: purg-tool flat IN.elf OUT.bin");
	elf = open_elf(argv[0], &fd);
	flatten(elf, argv[0], &img);
	write_file(argv[1], img.buf, img.size);
	printf("base=0x%" PRIx64 " entry=0x%" PRIx64 " size=0x%" PRIx64 "\n",
	       img.base, img.entry, img.size);
	free(img.buf);
	elf_end(elf);
	close(fd);
}

static void parse_console(const char *s, struct ksd_purgatory_console *c)
{
	char *copy = strdup(s), *at, *shift, *width;

	if (!copy)
		die("out of memory");
	memset(c, 0, sizeof(*c));
	if (!strcmp(copy, "none")) {
		free(copy);
		return;
	}
	at = strchr(copy, '@');
	if (!at)
		die("bad console '%s'", s);
	*at++ = '\0';
	shift = strchr(at, ',');
	if (shift)
		*shift++ = '\0';
	width = shift ? strchr(shift, ',') : NULL;
	if (width)
		*width++ = '\0';
	if (!strcmp(copy, "pl011"))
		c->type = KSD_PURGATORY_CONSOLE_PL011;
	else if (!strcmp(copy, "8250"))
		c->type = KSD_PURGATORY_CONSOLE_8250;
	else
		c->type = (uint32_t)parse_u64(copy, "console type");
	c->base = parse_u64(at, "console address");
	if (shift)
		c->reg_shift = (uint8_t)parse_u64(shift, "register shift");
	if (width)
		c->reg_width = (uint8_t)parse_u64(width, "register width");
	free(copy);
}

static void add_region(struct ksd_purgatory_params *p, const char *arg)
{
	struct ksd_purgatory_region *r;
	const char *eq = strchr(arg, '=');
	struct ksd_error *err;
	char addr[32];
	size_t len;
	void *data;

	if (!eq || (size_t)(eq - arg) >= sizeof(addr))
		die("bad region '%s' (want ADDR=FILE)", arg);
	if (p->nr_regions >= KSD_PURGATORY_MAX_REGIONS)
		die("more than %d regions", KSD_PURGATORY_MAX_REGIONS);
	memcpy(addr, arg, (size_t)(eq - arg));
	addr[eq - arg] = '\0';
	r = &p->regions[p->nr_regions++];
	data = read_file(eq + 1, &len);
	/* The loader's own digest of a segment (kexec/purgatory-link.c). */
	err = purgatory_region_hash(r, parse_u64(addr, "region address"), len,
				    data, len);
	if (err)
		die("%s", err->message);
	free(data);
}

static void apply_option(struct ksd_purgatory_params *p, const char *opt,
			 const char *val)
{
	if (!strcmp(opt, "--entry"))
		p->kernel_entry = parse_u64(val, "entry");
	else if (!strcmp(opt, "--dtb"))
		p->dtb = parse_u64(val, "dtb");
	else if (!strcmp(opt, "--flags"))
		p->flags = (uint32_t)parse_u64(val, "flags");
	else if (!strcmp(opt, "--console"))
		parse_console(val, &p->console);
	else if (!strcmp(opt, "--region"))
		add_region(p, val);
	else
		die("unknown option '%s'", opt);
}

static void parse_options(int argc, char **argv, int first,
			  struct ksd_purgatory_params *p, bool *raw_nr,
			  uint32_t *nr)
{
	for (int i = first; i < argc; i += 2) {
		const char *opt = argv[i], *val;

		if (i + 1 >= argc)
			die("option '%s' needs a value", opt);
		val = argv[i + 1];
		if (!strcmp(opt, "--raw-nr-regions")) {
			*raw_nr = true;
			*nr = (uint32_t)parse_u64(val, "count");
		} else {
			apply_option(p, opt, val);
		}
	}
}

static void cmd_fill(int argc, char **argv)
{
	struct ksd_purgatory_params p;
	bool raw_nr = false;
	uint32_t nr = 0;
	struct image img;
	GElf_Sym s;
	Elf *elf;
	int fd;

	if (argc < 2)
		die("usage: purg-tool fill PURGATORY.elf OUT.bin OPTIONS...");
	elf = open_elf(argv[0], &fd);
	flatten(elf, argv[0], &img);
	if (!find_symbol(elf, argv[0], KSD_PURGATORY_PARAMS_SYMBOL, &s))
		die("'%s': no symbol %s", argv[0], KSD_PURGATORY_PARAMS_SYMBOL);
	if (s.st_size != sizeof(p))
		die("'%s': %s is %" PRIu64 " bytes, abi.h says %zu", argv[0],
		    KSD_PURGATORY_PARAMS_SYMBOL, (uint64_t)s.st_size, sizeof(p));
	if (s.st_value < img.base || s.st_value + sizeof(p) > img.base + img.size)
		die("'%s': %s is outside the image", argv[0], KSD_PURGATORY_PARAMS_SYMBOL);
	memcpy(&p, img.buf + (s.st_value - img.base), sizeof(p));
	if (p.magic != KSD_PURGATORY_MAGIC || p.version != KSD_PURGATORY_VERSION ||
	    p.size != sizeof(p))
		die("'%s': parameter block magic/version/size do not match abi.h",
		    argv[0]);

	parse_options(argc, argv, 2, &p, &raw_nr, &nr);
	if (raw_nr)
		p.nr_regions = nr;
	memcpy(img.buf + (s.st_value - img.base), &p, sizeof(p));
	write_file(argv[1], img.buf, img.size);
	printf("base=0x%" PRIx64 " entry=0x%" PRIx64 " params=0x%" PRIx64 "\n",
	       img.base, img.entry, (uint64_t)s.st_value);
	free(img.buf);
	elf_end(elf);
	close(fd);
}

/*
 * The loader's own linker (kexec/purgatory-link.c) on a relocatable
 * object, then its parameter filler: the image kexec_load would load.
 */
static void cmd_link(int argc, char **argv)
{
	struct ksd_purgatory_params p = { 0 };
	struct purgatory_image img;
	struct ksd_error *err;
	bool raw_nr = false;
	uint32_t nr = 0;
	uint64_t addr;
	size_t len;
	void *ro;

	if (argc < 3)
		die("usage: purg-tool link PURGATORY.ro ADDR OUT.bin OPTIONS...");
	addr = parse_u64(argv[1], "load address");
	ro = read_file(argv[0], &len);
	err = purgatory_link(ro, len, argv[0], addr, &img);
	if (!err && argc > 3) {
		parse_options(argc, argv, 3, &p, &raw_nr, &nr);
		err = purgatory_set_params(&img, &p);
	}
	if (err)
		die("%s", err->message);
	if (raw_nr)
		memcpy(img.buf + img.params_offset +
		       offsetof(struct ksd_purgatory_params, nr_regions), &nr, 4);
	write_file(argv[2], img.buf, img.size);
	printf("base=0x%" PRIx64 " entry=0x%" PRIx64 " params=0x%" PRIx64
	       " size=0x%zx align=0x%" PRIx64 " relocs=%zu\n", img.load_addr,
	       img.entry, img.load_addr + img.params_offset, img.size, img.align,
	       img.nr_relocs);
	purgatory_image_deinit(&img);
	free(ro);
}

static void cmd_random(int argc, char **argv)
{
	uint64_t size, x;
	uint8_t *buf;

	if (argc != 3)
		die("usage: purg-tool random SIZE SEED OUT");
	size = parse_u64(argv[0], "size");
	x = parse_u64(argv[1], "seed") | 1;
	if (size > (256u << 20))
		die("size too large");
	buf = malloc(size ? size : 1);
	if (!buf)
		die("out of memory");
	for (uint64_t i = 0; i < size; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		buf[i] = (uint8_t)(x >> 24);
	}
	write_file(argv[2], buf, size);
	free(buf);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		die("usage: purg-tool check|fill|link|flat|random ...");
	if (!strcmp(argv[1], "check"))
		return cmd_check(argc - 2, argv + 2);
	if (!strcmp(argv[1], "fill"))
		cmd_fill(argc - 2, argv + 2);
	else if (!strcmp(argv[1], "link"))
		cmd_link(argc - 2, argv + 2);
	else if (!strcmp(argv[1], "flat"))
		cmd_flat(argc - 2, argv + 2);
	else if (!strcmp(argv[1], "random"))
		cmd_random(argc - 2, argv + 2);
	else
		die("unknown command '%s'", argv[1]);
	return 0;
}
