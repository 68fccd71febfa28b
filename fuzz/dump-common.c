// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <string.h>

#include "dump-common.h"
#include "dump/notes.h"
#include "fuzz.h"
#include "util/endian.h"

/* A small, fixed amount of reading per input keeps executions fast. */
#define MAX_SEGMENTS 16
#define MAX_KDUMP_FRAMES 256

bool fuzz_has_magic(const uint8_t *data, size_t size, const void *magic,
		    size_t len)
{
	return size >= len && memcmp(data, magic, len) == 0;
}

static void read_at(struct ksd_dump *dump, uint64_t pa, size_t len)
{
	static uint8_t buf[65536];
	unsigned int flags;

	if (len > sizeof(buf))
		len = sizeof(buf);
	fuzz_drop(ksd_dump_read_phys(dump, pa, buf, len, &flags));
}

static void walk_notes(struct ksd_dump *dump)
{
	const struct ksd_dump_info *info = ksd_dump_info(dump);
	struct ksd_note_iter it;
	const uint8_t *buf;
	size_t len;

	ksd_dump_notes(dump, &buf, &len);
	ksd_note_iter_init(&it, buf, len, info->big_endian);
	for (;;) {
		struct ksd_note n;
		bool end;
		struct ksd_error *err = ksd_note_next(&it, &n, &end);

		if (err || end) {
			fuzz_drop(err);
			return;
		}
	}
}

/*
 * The physical ranges an ELF dump claims, read from its program headers
 * here rather than through the library, so the harness reads where the
 * file says memory is even when the library's view of it is wrong.
 */
static void read_elf_loads(struct ksd_dump *dump, const uint8_t *d,
			   size_t size)
{
	bool be, is64;
	uint64_t phoff;
	unsigned int phentsize, phnum;

	if (size < 52)
		return;
	is64 = d[4] == 2;
	be = d[5] == 2;
	if (is64 && size < 64)
		return;
	phoff = is64 ? ksd_load64(d + 32, be) : ksd_load32(d + 28, be);
	phentsize = ksd_load16(d + (is64 ? 54 : 42), be);
	phnum = ksd_load16(d + (is64 ? 56 : 44), be);
	if (phentsize < (is64 ? 56u : 32u))
		return;
	for (unsigned int i = 0, n = 0; i < phnum && n < MAX_SEGMENTS; i++) {
		const uint8_t *ph;
		uint64_t pa, memsz;

		if (phoff > size || (uint64_t)(i + 1) * phentsize > size - phoff)
			return;
		ph = d + phoff + (uint64_t)i * phentsize;
		if (ksd_load32(ph, be) != 1)	/* PT_LOAD */
			continue;
		pa = is64 ? ksd_load64(ph + 24, be) : ksd_load32(ph + 12, be);
		memsz = is64 ? ksd_load64(ph + 40, be) : ksd_load32(ph + 20, be);
		n++;
		if (!memsz)
			continue;
		read_at(dump, pa, memsz < 4096 ? (size_t)memsz : 4096);
		read_at(dump, pa + memsz / 2, 64);
		read_at(dump, pa + memsz - 1, 1);
		read_at(dump, pa + memsz - 8, 16);	/* across the end */
	}
}

/*
 * kdump-compressed pages: one byte of a frame reads, decompresses and
 * checks the whole page, so touch the first frames, the last ones and a
 * few reads that span pages.
 */
static void read_kdump_frames(struct ksd_dump *dump)
{
	const struct ksd_dump_info *info = ksd_dump_info(dump);
	uint64_t bs = info->block_size, n = info->max_pfn;

	if (!bs)
		return;
	for (uint64_t pfn = 0; pfn < n && pfn < MAX_KDUMP_FRAMES; pfn++)
		read_at(dump, pfn * bs, 1);
	for (uint64_t i = 1; i <= 16 && i <= n; i++)
		read_at(dump, (n - i) * bs, 1);
	read_at(dump, bs - 4, 8);
	read_at(dump, 0, 3 * bs);
	read_at(dump, n * bs, 1);
}

/*
 * The frames a kdump-compressed file says it dumped, found in its 2nd
 * bitmap here rather than through the library (64-bit header layout:
 * sub_hdr_size at 432, bitmap_blocks at 436), so the page descriptors and
 * codecs get exercised wherever RAM starts.
 */
static void read_kdump_dumped(struct ksd_dump *dump, const uint8_t *d,
			      size_t size)
{
	const struct ksd_dump_info *info = ksd_dump_info(dump);
	uint64_t bs = info->block_size, off, len;
	uint32_t sub, blocks;
	unsigned int n = 0;

	if (size < 440 || !bs || memcmp(d, "KDUMP   ", 8) != 0)
		return;
	sub = ksd_load32(d + 432, info->big_endian);
	blocks = ksd_load32(d + 436, info->big_endian);
	off = (1 + (uint64_t)sub + blocks / 2) * bs;
	len = (uint64_t)(blocks / 2) * bs;
	if (off >= size)
		return;
	if (len > size - off)
		len = size - off;
	if (len > 65536)
		len = 65536;
	for (uint64_t i = 0; i < len && n < MAX_KDUMP_FRAMES / 4; i++) {
		if (!d[off + i])
			continue;
		for (unsigned int b = 0; b < 8; b++)
			if (d[off + i] & (1u << b)) {
				read_at(dump, (i * 8 + b) * bs, 1);
				n++;
			}
	}
}

void fuzz_dump_parts(struct ksd_dump *dump, const void *const *bufs,
		     const size_t *lens, size_t n)
{
	for (size_t i = 0; i < n; i++)
		read_kdump_dumped(dump, bufs[i], lens[i]);
}

void fuzz_dump_exercise(struct ksd_dump *dump, const uint8_t *data,
			size_t size)
{
	const struct ksd_dump_info *info = ksd_dump_info(dump);

	(void)ksd_dump_path(dump);
	for (unsigned int i = 0; i < info->parts; i++)
		(void)ksd_dump_part_path(dump, i);
	walk_notes(dump);
	if (strcmp(info->format, "elf") == 0 && !info->container)
		read_elf_loads(dump, data, size);
	else
		read_kdump_frames(dump);
	read_kdump_dumped(dump, data, size);
	read_at(dump, UINT64_MAX - 3, 8);	/* wraps: refused */
}

void fuzz_dump_run(const uint8_t *data, size_t size)
{
	struct ksd_dump *dump;
	struct ksd_error *err;

	err = ksd_dump_open_memory(data, size, "fuzz", &dump);
	if (err) {
		fuzz_drop(err);
		return;
	}
	fuzz_dump_exercise(dump, data, size);
	ksd_dump_destroy(dump);
}
