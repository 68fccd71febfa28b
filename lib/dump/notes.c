// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <string.h>

#include "dump/notes.h"
#include "util/endian.h"

#define NOTE_HDR 12u

void ksd_note_iter_init(struct ksd_note_iter *it, const uint8_t *buf,
			size_t len, bool big_endian)
{
	it->buf = buf;
	it->len = len;
	it->pos = 0;
	it->big_endian = big_endian;
}

static bool all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

static uint64_t pad4(uint64_t n)
{
	return (n + 3) & ~3ull;
}

struct ksd_error *ksd_note_next(struct ksd_note_iter *it,
				struct ksd_note *note, bool *end)
{
	const uint8_t *h = it->buf + it->pos;
	size_t left = it->len - it->pos;
	uint32_t namesz, descsz;
	uint64_t need;

	*end = false;
	if (left < NOTE_HDR) {
		/* Trailing padding is fine; a partial header is not. */
		if (all_zero(h, left)) {
			*end = true;
			return NULL;
		}
		return ksd_error_create(KSD_ERR_CORRUPT,
					"note at offset 0x%zx: header truncated (%zu of 12 bytes)",
					it->pos, left);
	}
	namesz = ksd_load32(h, it->big_endian);
	descsz = ksd_load32(h + 4, it->big_endian);
	if (namesz == 0 && descsz == 0 && ksd_load32(h + 8, it->big_endian) == 0) {
		*end = true;
		return NULL;
	}
	need = NOTE_HDR + pad4(namesz) + pad4(descsz);
	if (need > left)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"note at offset 0x%zx: name (%u bytes) and descriptor (%u bytes) overrun the note segment (%zu bytes left)",
					it->pos, namesz, descsz, left);
	note->name = (const char *)h + NOTE_HDR;
	note->name_len = namesz;
	/* n_namesz counts the NUL; a hostile name may lack it. */
	if (namesz && note->name[namesz - 1] == '\0')
		note->name_len = strnlen(note->name, namesz);
	note->type = ksd_load32(h + 8, it->big_endian);
	note->desc = h + NOTE_HDR + pad4(namesz);
	note->desc_len = descsz;
	note->offset = it->pos;
	note->size = (size_t)need;
	it->pos += (size_t)need;
	return NULL;
}

bool ksd_note_is(const struct ksd_note *note, const char *name, uint32_t type)
{
	size_t n = strlen(name);

	return note->type == type && note->name_len == n &&
	       memcmp(note->name, name, n) == 0;
}
