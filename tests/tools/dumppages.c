// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dumppages: what lib/dump reads at every page of a physical range, one
 * line per page, so the test suite can compare formats page by page:
 *
 *   <frame> data <fnv1a64>     the page's bytes, hashed
 *   <frame> excluded           RAM the dump left out (reads as zeros)
 *   <frame> absent             not in the dump (KSD_ERR_NOT_PRESENT)
 *
 * Any other error ends the run with its message and exit status 2.
 *
 * Usage: dumppages [-p PAGESIZE] -r START:LEN [-r ...] DUMP [PART...]
 * Test-only: not installed.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dump/dump.h"

#define MAX_RANGES 64

static uint64_t fnv1a(const uint8_t *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

static int parse_range(const char *s, uint64_t *start, uint64_t *len)
{
	char *end;

	errno = 0;
	*start = strtoull(s, &end, 0);
	if (errno || *end != ':')
		return -1;
	*len = strtoull(end + 1, &end, 0);
	return errno || *end ? -1 : 0;
}

static int usage(void)
{
	fputs("usage: dumppages [-p PAGESIZE] -r START:LEN [-r ...] DUMP [PART...]\n",
	      stderr);
	return 1;
}

int main(int argc, char **argv)
{
	uint64_t start[MAX_RANGES], len[MAX_RANGES], page = 4096;
	struct ksd_dump *dump;
	struct ksd_error *err;
	int nr = 0, opt, status = 0;
	uint8_t *buf;

	while ((opt = getopt(argc, argv, "p:r:")) != -1) {
		switch (opt) {
		case 'p':
			page = strtoull(optarg, NULL, 0);
			break;
		case 'r':
			if (nr == MAX_RANGES || parse_range(optarg, &start[nr], &len[nr]))
				return usage();
			nr++;
			break;
		default:
			return usage();
		}
	}
	if (optind >= argc || !nr || !page || (page & (page - 1)))
		return usage();
	err = ksd_dump_open_paths((const char *const *)argv + optind,
				  (size_t)(argc - optind), NULL, &dump);
	if (err) {
		fprintf(stderr, "dumppages: %s\n", err->message);
		ksd_error_destroy(err);
		return 2;
	}
	buf = malloc(page);
	if (!buf)
		return 2;
	for (int r = 0; r < nr && !status; r++) {
		for (uint64_t a = start[r] & ~(page - 1); a < start[r] + len[r]; a += page) {
			unsigned int flags = 0;

			err = ksd_dump_read_phys(dump, a, buf, page, &flags);
			if (err && err->code == KSD_ERR_NOT_PRESENT) {
				printf("%" PRIx64 " absent\n", a / page);
			} else if (err) {
				fprintf(stderr, "dumppages: %s\n", err->message);
				status = 2;
				break;
			} else if (flags & KSD_READ_EXCLUDED) {
				printf("%" PRIx64 " excluded\n", a / page);
			} else {
				printf("%" PRIx64 " data %016" PRIx64 "\n", a / page,
				       fnv1a(buf, page));
			}
			ksd_error_destroy(err);
		}
	}
	free(buf);
	ksd_dump_destroy(dump);
	return status;
}
