/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Iterate ELF notes in a byte buffer: the merged PT_NOTE of a dump, or one
 * CPU's crash_notes buffer read from memory.
 *
 * Layout (the same for ELF32 and ELF64): a 12-byte header {n_namesz,
 * n_descsz, n_type} in the dump's byte order, the name (n_namesz bytes
 * including its NUL) padded to 4, the descriptor padded to 4.  An all-zero
 * header ends the list, as the kernel's final_note() writes it.
 */
#ifndef KSD_DUMP_NOTES_H
#define KSD_DUMP_NOTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

struct ksd_note {
	const char *name;	/* not NUL-terminated; use name_len */
	size_t name_len;	/* without the trailing NUL */
	uint32_t type;
	const uint8_t *desc;
	uint32_t desc_len;
	size_t offset;		/* of the note header within the buffer */
	size_t size;		/* header + padded name + padded desc */
};

struct ksd_note_iter {
	const uint8_t *buf;
	size_t len;
	size_t pos;
	bool big_endian;
};

void ksd_note_iter_init(struct ksd_note_iter *it, const uint8_t *buf,
			size_t len, bool big_endian);

/**
 * ksd_note_next() - the next note
 * @end: set to true (and @note untouched) when the list is over
 *
 * Fails with KSD_ERR_CORRUPT, naming the offset, when a note's name or
 * descriptor runs past the buffer.
 */
struct ksd_error *ksd_note_next(struct ksd_note_iter *it,
				struct ksd_note *note, bool *end);

/* True if @note is named @name (compared without the NUL) and has @type. */
bool ksd_note_is(const struct ksd_note *note, const char *name, uint32_t type);

#endif /* KSD_DUMP_NOTES_H */
