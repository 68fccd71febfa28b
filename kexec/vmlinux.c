// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "image.h"
#include "util/endian.h"
#include "vmlinux.h"

struct load {
	uint64_t offset, vaddr, filesz, memsz;
};

bool vmlinux_has_magic(const uint8_t *buf, size_t len)
{
	return len >= SELFMAG && memcmp(buf, ELFMAG, SELFMAG) == 0;
}

static struct ksd_error *pread_all(int fd, void *buf, size_t len, uint64_t off,
				   const char *path)
{
	size_t done = 0;

	while (done < len) {
		ssize_t r = pread(fd, (char *)buf + done, len - done,
				  (off_t)(off + done));

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return ksd_error_errno(errno, "reading %s", path);
		if (!r)
			return ksd_error_create(KSD_ERR_EOF,
						"%s: the file ends at %llu bytes, inside what its ELF headers describe",
						path, (unsigned long long)(off + done));
		done += (size_t)r;
	}
	return NULL;
}

static struct ksd_error *check_ehdr(const uint8_t *e, const char *path)
{
	if (e[EI_CLASS] != ELFCLASS64 || e[EI_DATA] != ELFDATA2LSB ||
	    ksd_load16(e + 18, false) != EM_AARCH64)
		return ksd_error_create(KSD_ERR_UNSUPPORTED,
					"%s: an ELF file, but not a little-endian arm64 ELF64 (class %u, data %u, machine %u)",
					path, e[EI_CLASS], e[EI_DATA],
					ksd_load16(e + 18, false));
	/* CONFIG_RELOCATABLE links vmlinux with -pie: ET_DYN */
	if (ksd_load16(e + 16, false) != ET_EXEC && ksd_load16(e + 16, false) != ET_DYN)
		return ksd_error_create(KSD_ERR_UNSUPPORTED,
					"%s: an ELF file of type %u, not a vmlinux (ET_EXEC, or ET_DYN when relocatable)",
					path, ksd_load16(e + 16, false));
	if (ksd_load16(e + 54, false) != sizeof(Elf64_Phdr))
		return ksd_error_create(KSD_ERR_CORRUPT, "%s: e_phentsize is %u, not %zu",
					path, ksd_load16(e + 54, false),
					sizeof(Elf64_Phdr));
	return NULL;
}

static struct ksd_error *read_loads(int fd, uint64_t file_size, const char *path,
				    const uint8_t *e, struct load *v,
				    unsigned int *n)
{
	uint64_t phoff = ksd_load64(e + 32, false);
	unsigned int phnum = ksd_load16(e + 56, false);
	uint8_t ph[sizeof(Elf64_Phdr)];
	struct ksd_error *err;

	*n = 0;
	if (phoff > file_size || (uint64_t)phnum * sizeof(ph) > file_size - phoff)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"%s: its %u program headers lie beyond the file",
					path, phnum);
	for (unsigned int i = 0; i < phnum; i++) {
		struct load l;

		err = pread_all(fd, ph, sizeof(ph), phoff + i * sizeof(ph), path);
		if (err)
			return err;
		if (ksd_load32(ph, false) != PT_LOAD)
			continue;
		l = (struct load){
			.offset = ksd_load64(ph + 8, false),
			.vaddr = ksd_load64(ph + 16, false),
			.filesz = ksd_load64(ph + 32, false),
			.memsz = ksd_load64(ph + 40, false),
		};
		if (*n == VMLINUX_MAX_LOADS)
			return ksd_error_create(KSD_ERR_LIMIT,
						"%s has more than %u PT_LOADs",
						path, VMLINUX_MAX_LOADS);
		if (l.filesz > l.memsz || l.offset > file_size ||
		    l.filesz > file_size - l.offset)
			return ksd_error_create(KSD_ERR_CORRUPT,
						"%s: PT_LOAD %u (offset 0x%llx, %llu bytes) does not fit the file",
						path, i, (unsigned long long)l.offset,
						(unsigned long long)l.filesz);
		if (*n && (l.vaddr < v[*n - 1].vaddr + v[*n - 1].memsz ||
			   v[*n - 1].vaddr + v[*n - 1].memsz < v[*n - 1].vaddr))
			return ksd_error_create(KSD_ERR_CORRUPT,
						"%s: PT_LOAD %u at 0x%llx overlaps or precedes the one before it",
						path, i, (unsigned long long)l.vaddr);
		v[(*n)++] = l;
	}
	if (!*n)
		return ksd_error_create(KSD_ERR_CORRUPT, "%s has no PT_LOAD", path);
	if (ksd_load64(e + 24, false) != v[0].vaddr)
		return ksd_error_create(KSD_ERR_UNSUPPORTED,
					"%s: its entry 0x%llx is not the start of its first PT_LOAD (0x%llx), as an arm64 vmlinux's _text is",
					path, (unsigned long long)ksd_load64(e + 24, false),
					(unsigned long long)v[0].vaddr);
	return NULL;
}

/* Copy @len bytes at @off of @fd to @out_off of @out_fd. */
static struct ksd_error *copy(int fd, uint64_t off, int out_fd, uint64_t out_off,
			      uint64_t len, const char *path)
{
	uint8_t *buf = malloc(1u << 20);
	struct ksd_error *err = NULL;

	if (!buf)
		return &ksd_enomem;
	while (!err && len) {
		size_t n = len < (1u << 20) ? (size_t)len : 1u << 20;

		err = pread_all(fd, buf, n, off, path);
		if (!err && pwrite(out_fd, buf, n, (off_t)out_off) != (ssize_t)n)
			err = ksd_error_errno(errno, "writing the flattened %s", path);
		off += n;
		out_off += n;
		len -= n;
	}
	free(buf);
	return err;
}

struct ksd_error *vmlinux_flatten(int fd, uint64_t file_size, const char *path,
				  int out_fd, uint64_t *size)
{
	struct load v[VMLINUX_MAX_LOADS];
	uint8_t e[sizeof(Elf64_Ehdr)];
	struct ksd_error *err;
	uint64_t end;
	unsigned int n;

	err = pread_all(fd, e, sizeof(e), 0, path);
	if (!err)
		err = check_ehdr(e, path);
	if (!err)
		err = read_loads(fd, file_size, path, e, v, &n);
	if (err)
		return err;
	end = v[n - 1].vaddr - v[0].vaddr + v[n - 1].filesz;
	if (end > KSD_MAX_KERNEL_IMAGE)
		return ksd_error_create(KSD_ERR_LIMIT,
					"%s: its PT_LOADs span %llu bytes, more than the %llu accepted",
					path, (unsigned long long)end,
					(unsigned long long)KSD_MAX_KERNEL_IMAGE);
	if (ftruncate(out_fd, (off_t)end) < 0)
		return ksd_error_errno(errno, "sizing the flattened %s", path);
	for (unsigned int i = 0; !err && i < n; i++)
		err = copy(fd, v[i].offset, out_fd, v[i].vaddr - v[0].vaddr,
			   v[i].filesz, path);
	if (!err)
		*size = end;
	return err;
}
