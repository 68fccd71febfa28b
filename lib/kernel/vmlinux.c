// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Symbols from a vmlinux's .symtab (libelf), for kernels whose dump has
 * no kallsyms in VMCOREINFO (before 6.0) or lacks data symbols.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <gelf.h>
#include <libelf.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kernel/symtab.h"

static char sym_type(const GElf_Sym *s)
{
	bool global = GELF_ST_BIND(s->st_info) != STB_LOCAL;

	switch (GELF_ST_TYPE(s->st_info)) {
	case STT_FUNC:
		return global ? 'T' : 't';
	case STT_OBJECT:
		return global ? 'D' : 'd';
	default:
		return global ? 'A' : 'a';
	}
}

static struct ksd_error *add_symbols(Elf *elf, Elf_Scn *scn, const GElf_Shdr *sh,
				     uint64_t offset, struct ksd_symtab *t,
				     const char *path)
{
	Elf_Data *data = elf_getdata(scn, NULL);
	size_t n;

	if (!data || !sh->sh_entsize)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"'%s': unreadable .symtab (libelf: %s)",
					path, elf_errmsg(-1));
	n = sh->sh_size / sh->sh_entsize;
	for (size_t i = 1; i < n; i++) {
		struct ksd_error *err;
		const char *name;
		GElf_Sym s;

		if (!gelf_getsym(data, (int)i, &s))
			break;
		if (GELF_ST_TYPE(s.st_info) == STT_SECTION ||
		    GELF_ST_TYPE(s.st_info) == STT_FILE || s.st_shndx == SHN_UNDEF)
			continue;
		name = elf_strptr(elf, sh->sh_link, s.st_name);
		/* Skip arm64 mapping symbols ($x, $d) and empty names. */
		if (!name || !name[0] || name[0] == '$')
			continue;
		err = ksd_symtab_add(t, name, s.st_value + offset, s.st_size,
				     sym_type(&s));
		if (err)
			return err;
	}
	return NULL;
}

struct ksd_error *ksd_symtab_load_vmlinux(const char *path, uint64_t offset,
					  struct ksd_symtab **ret)
{
	struct ksd_symtab *t = NULL;
	struct ksd_error *err = NULL;
	Elf_Scn *scn = NULL;
	bool found = false;
	struct stat st;
	GElf_Ehdr eh;
	Elf *elf;
	int fd;

	if (elf_version(EV_CURRENT) == EV_NONE)
		return ksd_error_create(KSD_ERR_INTERNAL, "libelf is too old");
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return ksd_error_errno(errno, "cannot open '%s'", path);
	elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!elf || elf_kind(elf) != ELF_K_ELF || !gelf_getehdr(elf, &eh)) {
		err = ksd_error_create(KSD_ERR_CORRUPT, "'%s' is not an ELF file", path);
		goto out;
	}
	if (eh.e_machine != EM_AARCH64) {
		err = ksd_error_create(KSD_ERR_UNSUPPORTED,
				       "'%s' is not an arm64 vmlinux (ELF machine %u)",
				       path, eh.e_machine);
		goto out;
	}
	if (fstat(fd, &st) == 0 && eh.e_shnum &&
	    (eh.e_shoff > (uint64_t)st.st_size ||
	     (uint64_t)eh.e_shnum * eh.e_shentsize > (uint64_t)st.st_size - eh.e_shoff)) {
		/* libelf would quietly see no sections: say the file is cut. */
		err = ksd_error_create(KSD_ERR_EOF,
				       "'%s' is truncated: its %u section headers at offset 0x%llx lie past its end (size 0x%llx)",
				       path, eh.e_shnum, (unsigned long long)eh.e_shoff,
				       (unsigned long long)st.st_size);
		goto out;
	}
	err = ksd_symtab_create("vmlinux", &t);
	while (!err && (scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB)
			continue;
		found = true;
		err = add_symbols(elf, scn, &sh, offset, t, path);
	}
	if (!err && !found)
		err = ksd_error_create(KSD_ERR_NOT_FOUND,
				       "'%s' has no .symtab (stripped?)", path);
out:
	if (elf)
		elf_end(elf);
	close(fd);
	if (err) {
		ksd_symtab_destroy(t);
		return err;
	}
	ksd_symtab_finish(t);
	*ret = t;
	return NULL;
}
