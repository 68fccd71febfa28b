// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dump/notes.h"
#include "kcore.h"
#include "util/endian.h"
#include "util/grow.h"

static struct ksd_error *pread_all(int fd, void *buf, size_t len, uint64_t off,
				   const char *what, const char *part)
{
	size_t done = 0;

	while (done < len) {
		ssize_t r = pread(fd, (char *)buf + done, len - done,
				  (off_t)(off + done));

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return ksd_error_errno(errno, "reading the %s of %s", part, what);
		if (!r)
			return ksd_error_create(KSD_ERR_EOF,
						"%s ends inside its %s (at byte %llu)",
						what, part,
						(unsigned long long)(off + done));
		done += (size_t)r;
	}
	return NULL;
}

static struct ksd_error *check_ehdr(const unsigned char *e, const char *what)
{
	if (memcmp(e, ELFMAG, SELFMAG) != 0)
		return ksd_error_create(KSD_ERR_CORRUPT, "%s is not an ELF file", what);
	if (e[EI_CLASS] != ELFCLASS64 || e[EI_DATA] != ELFDATA2LSB)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"%s is not a little-endian ELF64 file (class %u, data %u)",
					what, e[EI_CLASS], e[EI_DATA]);
	if (ksd_load16(e + 16, false) != ET_CORE ||
	    ksd_load16(e + 18, false) != EM_AARCH64)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"%s is not an arm64 core file (e_type %u, e_machine %u)",
					what, ksd_load16(e + 16, false),
					ksd_load16(e + 18, false));
	if (ksd_load16(e + 54, false) != sizeof(Elf64_Phdr))
		return ksd_error_create(KSD_ERR_CORRUPT,
					"%s: e_phentsize is %u, not %zu", what,
					ksd_load16(e + 54, false), sizeof(Elf64_Phdr));
	return NULL;
}

/* Find "VMCOREINFO" type 0 among the notes and keep a copy of its text. */
static struct ksd_error *find_vmcoreinfo(const uint8_t *buf, size_t len,
					 const char *what, struct kcore_info *k)
{
	struct ksd_note_iter it;
	struct ksd_error *err;
	struct ksd_note n;
	bool end = false;

	ksd_note_iter_init(&it, buf, len, false);
	for (;;) {
		err = ksd_note_next(&it, &n, &end);
		if (err)
			return ksd_error_prefix(err, "%s: notes", what);
		if (end)
			return NULL;
		if (!ksd_note_is(&n, "VMCOREINFO", 0))
			continue;
		free(k->vmcoreinfo);
		k->vmcoreinfo = strndup((const char *)n.desc, n.desc_len);
		if (!k->vmcoreinfo)
			return &ksd_enomem;
		k->vmcoreinfo_len = strlen(k->vmcoreinfo);
	}
}

static struct ksd_error *read_notes(int fd, uint64_t file_size,
				    const uint8_t *ph, const char *what,
				    struct kcore_info *k)
{
	uint64_t off = ksd_load64(ph + 8, false);
	uint64_t sz = ksd_load64(ph + 32, false);
	struct ksd_error *err;
	uint8_t *buf;

	if (sz > KSD_MAX_KCORE_NOTES)
		return ksd_error_create(KSD_ERR_LIMIT,
					"%s: its PT_NOTE is %llu bytes, more than the %u accepted",
					what, (unsigned long long)sz, KSD_MAX_KCORE_NOTES);
	if (off > file_size || sz > file_size - off)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"%s: its PT_NOTE (offset %llu, %llu bytes) lies beyond the file's %llu bytes",
					what, (unsigned long long)off,
					(unsigned long long)sz,
					(unsigned long long)file_size);
	buf = malloc(sz ? sz : 1);
	if (!buf)
		return &ksd_enomem;
	err = pread_all(fd, buf, sz, off, what, "notes");
	if (!err)
		err = find_vmcoreinfo(buf, sz, what, k);
	free(buf);
	return err;
}

static struct ksd_error *add_load(struct kcore_info *k, const uint8_t *ph)
{
	struct kcore_load *v = ksd_grow(k->loads, k->nloads, sizeof(*v));

	if (!v)
		return &ksd_enomem;
	k->loads = v;
	v[k->nloads++] = (struct kcore_load){
		.vaddr = ksd_load64(ph + 16, false),
		.paddr = ksd_load64(ph + 24, false),
		.size = ksd_load64(ph + 40, false),
	};
	return NULL;
}

struct ksd_error *kcore_parse_fd(int fd, uint64_t file_size, const char *what,
				 struct kcore_info *ret)
{
	struct kcore_info k = { 0 };
	unsigned char e[sizeof(Elf64_Ehdr)];
	struct ksd_error *err;
	uint64_t phoff;
	unsigned int phnum, nnotes = 0;
	uint8_t *ph = NULL;

	err = pread_all(fd, e, sizeof(e), 0, what, "ELF header");
	if (!err)
		err = check_ehdr(e, what);
	if (err)
		return err;
	phoff = ksd_load64(e + 32, false);
	phnum = ksd_load16(e + 56, false);
	/* PN_XNUM: the count is in section 0; kcore never has that many. */
	if (phnum == 0xffff || phnum > KSD_MAX_KCORE_PHDRS)
		return ksd_error_create(KSD_ERR_LIMIT,
					"%s has %u program headers, more than accepted",
					what, phnum);
	if (phoff > file_size ||
	    (uint64_t)phnum * sizeof(Elf64_Phdr) > file_size - phoff)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"%s: its %u program headers at offset %llu lie beyond the file's %llu bytes",
					what, phnum, (unsigned long long)phoff,
					(unsigned long long)file_size);
	ph = malloc((size_t)phnum * sizeof(Elf64_Phdr) + 1);
	if (!ph)
		return &ksd_enomem;
	err = pread_all(fd, ph, (size_t)phnum * sizeof(Elf64_Phdr), phoff, what,
			"program headers");
	for (unsigned int i = 0; !err && i < phnum; i++) {
		const uint8_t *p = ph + (size_t)i * sizeof(Elf64_Phdr);
		uint32_t type = ksd_load32(p, false);

		if (type == PT_LOAD)
			err = add_load(&k, p);
		else if (type == PT_NOTE && nnotes++)
			err = ksd_error_create(KSD_ERR_CORRUPT,
					       "%s has more than one PT_NOTE (the kernel writes one)",
					       what);
		else if (type == PT_NOTE)
			err = read_notes(fd, file_size, p, what, &k);
	}
	free(ph);
	if (err) {
		kcore_info_deinit(&k);
		return err;
	}
	*ret = k;
	return NULL;
}

struct ksd_error *kcore_read(const struct sysroot *sr, struct kcore_info *ret)
{
	struct ksd_error *err;
	struct stat st;
	char *what;
	int fd;

	err = sysroot_open(sr, "/proc/kcore", O_RDONLY, SYSROOT_FILE, &fd);
	if (err)
		return err;
	what = sysroot_path(sr, "/proc/kcore");
	if (!what)
		err = &ksd_enomem;
	else if (fstat(fd, &st) < 0)
		err = ksd_error_errno(errno, "%s", what);
	else
		err = kcore_parse_fd(fd, (uint64_t)st.st_size, what, ret);
	free(what);
	close(fd);
	return err;
}

void kcore_info_deinit(struct kcore_info *k)
{
	free(k->vmcoreinfo);
	free(k->loads);
	memset(k, 0, sizeof(*k));
}
