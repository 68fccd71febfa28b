// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * makedumpfile --split sets: the parts are cut out of the input at each
 * FUZZ_PART_SEP (fuzz/seeds.sh joins real sets the same way), so the
 * fuzzer can make parts overlap, leave frames uncovered, disagree on the
 * headers or repeat a part.
 */
#include "config.h"

#include <string.h>

#include "dump-common.h"
#include "fuzz.h"

#define FUZZ_PART_SEP "\n--KSD-SPLIT-PART--\n"
#define MAX_PARTS 8

FUZZ_TARGET(dump_split)
{
	static const char *const names[MAX_PARTS] = {
		"part0", "part1", "part2", "part3",
		"part4", "part5", "part6", "part7",
	};
	const size_t seplen = sizeof(FUZZ_PART_SEP) - 1;
	const void *bufs[MAX_PARTS];
	size_t lens[MAX_PARTS], n = 0, pos = 0;
	struct ksd_dump *dump;
	struct ksd_error *err;

	while (n < MAX_PARTS) {
		const uint8_t *sep = NULL;

		for (size_t i = pos; i + seplen <= size; i++)
			if (data[i] == '\n' &&
			    memcmp(data + i, FUZZ_PART_SEP, seplen) == 0) {
				sep = data + i;
				break;
			}
		bufs[n] = data + pos;
		if (!sep || n == MAX_PARTS - 1) {
			lens[n++] = size - pos;
			break;
		}
		lens[n++] = (size_t)(sep - (data + pos));
		pos = (size_t)(sep - data) + seplen;
	}
	err = ksd_dump_open_memory_parts(bufs, lens, names, n, &dump);
	if (err) {
		fuzz_drop(err);
		return 0;
	}
	fuzz_dump_exercise(dump, data, size);
	fuzz_dump_parts(dump, bufs, lens, n);
	ksd_dump_destroy(dump);
	return 0;
}
