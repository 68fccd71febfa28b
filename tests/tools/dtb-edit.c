// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dtb-edit: run kexec/fdt-edit.c's dtb_edit() on a file, for the
 * integration tests (t6400) that check its output with dtc.
 *
 *   dtb-edit IN OUT [OPTION VALUE]...
 *     --bootargs STRING | --remove-bootargs -
 *     --initrd START,END     --elfcorehdr BASE,SIZE
 *     --usable BASE,SIZE     (once or twice)
 *     --kaslr-seed U64       --rng-seed LEN  (bytes 0, 1, 2, ...)
 *     --memreserve -         --max BYTES
 *
 * Prints one line per change: "set|remove|reserve|unreserve|node PATH
 * [VALUE]".  Exit 1 with the error message on failure.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fdt-edit.h"
#include "util/endian.h"

static void usage(void)
{
	fprintf(stderr, "usage: dtb-edit IN OUT [OPTION VALUE]...\n");
	exit(1);
}

static uint64_t num(const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s || (*end && *end != ','))
		usage();
	return v;
}

static void pair(const char *s, uint64_t *a, uint64_t *b)
{
	const char *comma = strchr(s, ',');

	if (!comma)
		usage();
	*a = num(s);
	*b = num(comma + 1);
}

static void *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (!f) {
		fprintf(stderr, "dtb-edit: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap);
			if (!buf)
				exit(1);
		}
		got = fread(buf + n, 1, cap - n, f);
		if (!got)
			break;
		n += got;
	}
	fclose(f);
	*len = n;
	return buf;
}

static const char *const kind_name[] = {
	[DTB_CHANGE_SET] = "set",
	[DTB_CHANGE_REMOVE] = "remove",
	[DTB_CHANGE_RESERVE_ADD] = "reserve",
	[DTB_CHANGE_RESERVE_REMOVE] = "unreserve",
	[DTB_CHANGE_NODE_ADD] = "node",
};

int main(int argc, char **argv)
{
	struct dtb_edits e = { .bootargs_action = DTB_BOOTARGS_KEEP };
	struct dtb_edit_result r;
	struct ksd_error *err;
	uint8_t *rng = NULL;
	size_t len;
	void *in;
	FILE *out;

	if (argc < 3 || (argc - 3) % 2)
		usage();
	for (int i = 3; i < argc; i += 2) {
		const char *o = argv[i], *v = argv[i + 1];

		if (!strcmp(o, "--bootargs")) {
			e.bootargs_action = DTB_BOOTARGS_SET;
			e.bootargs = v;
		} else if (!strcmp(o, "--remove-bootargs")) {
			e.bootargs_action = DTB_BOOTARGS_REMOVE;
		} else if (!strcmp(o, "--initrd")) {
			e.initrd = true;
			pair(v, &e.initrd_start, &e.initrd_end);
		} else if (!strcmp(o, "--elfcorehdr")) {
			e.elfcorehdr = true;
			pair(v, &e.elfcorehdr_range.base, &e.elfcorehdr_range.size);
		} else if (!strcmp(o, "--usable")) {
			if (e.nr_usable == 2)
				usage();
			pair(v, &e.usable[e.nr_usable].base,
			     &e.usable[e.nr_usable].size);
			e.nr_usable++;
		} else if (!strcmp(o, "--kaslr-seed")) {
			e.kaslr_seed = true;
			ksd_store64(e.kaslr_seed_bytes, num(v), true);
		} else if (!strcmp(o, "--rng-seed")) {
			e.rng_seed_len = num(v);
			free(rng);
			rng = malloc(e.rng_seed_len ? e.rng_seed_len : 1);
			if (!rng)
				return 1;
			for (size_t k = 0; k < e.rng_seed_len; k++)
				rng[k] = (uint8_t)k;
			e.rng_seed = rng;
		} else if (!strcmp(o, "--memreserve")) {
			e.memreserve = true;
		} else if (!strcmp(o, "--max")) {
			e.max_size = num(v);
		} else {
			usage();
		}
	}
	in = slurp(argv[1], &len);
	err = dtb_edit(in, len, argv[1], &e, &r);
	if (err) {
		fprintf(stderr, "dtb-edit: %s\n", err->message);
		ksd_error_destroy(err);
		return 1;
	}
	for (size_t i = 0; i < r.nr_changes; i++)
		printf("%s %s%s%s\n", kind_name[r.changes[i].kind],
		       r.changes[i].path, r.changes[i].value ? " " : "",
		       r.changes[i].value ? r.changes[i].value : "");
	out = fopen(argv[2], "wb");
	if (!out || fwrite(r.blob, 1, r.size, out) != r.size || fclose(out)) {
		fprintf(stderr, "dtb-edit: cannot write %s\n", argv[2]);
		return 1;
	}
	dtb_edit_result_deinit(&r);
	free(rng);
	free(in);
	return 0;
}
