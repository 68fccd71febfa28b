// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz/replay HARNESS FILE|DIR...: feed saved inputs to a fuzz harness
 * without libFuzzer, so any build (gcc, no sanitizers) can run the inputs
 * the fuzzer once crashed, hung or blew up on (fuzz/regressions/, run by
 * make check) or any corpus.  Exits 0 when every input was taken without
 * a crash; a crash is the harness's own abort or signal.
 *
 * This is the one part of fuzz/ that reads files: the harnesses get the
 * bytes in memory, as under libFuzzer.
 *
 * Outside the sanitizer builds, the address space is bounded as libFuzzer
 * bounds memory (fuzz/run.sh's -rss_limit_mb=2048): without it a plain
 * build would happily overcommit the gigabytes an "oom-" input asks for,
 * and its regression would pass with the bug present.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "util/grow.h"

#define DECLARE(name) int fuzz_##name(const uint8_t *data, size_t size);
FUZZ_TARGETS(DECLARE)

static const struct harness {
	const char *name;
	int (*fn)(const uint8_t *, size_t);
} harnesses[] = {
#define ENTRY(name) { #name, fuzz_##name },
	FUZZ_TARGETS(ENTRY)
};

/* Inputs larger than this are not fuzz inputs; refuse rather than load. */
#define MAX_REPLAY_INPUT (64u << 20)

/* The address space a replay may use, as libFuzzer's 2 GiB of memory. */
#define MAX_REPLAY_AS ((rlim_t)2 << 30)

#if defined(__SANITIZE_ADDRESS__)
#define REPLAY_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define REPLAY_SANITIZED 1
#endif
#endif

/* ASan reserves terabytes of address space and has its own limits. */
static int limit_memory(void)
{
#ifndef REPLAY_SANITIZED
	struct rlimit rl;

	if (getrlimit(RLIMIT_AS, &rl) < 0) {
		fprintf(stderr, "replay: getrlimit: %s\n", strerror(errno));
		return -1;
	}
	if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur <= MAX_REPLAY_AS)
		return 0;
	rl.rlim_cur = MAX_REPLAY_AS;
	if (setrlimit(RLIMIT_AS, &rl) < 0) {
		fprintf(stderr, "replay: setrlimit: %s\n", strerror(errno));
		return -1;
	}
#endif
	return 0;
}

static int replay_file(const struct harness *h, const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0;

	if (!f) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (;;) {
		size_t n;

		if (len == cap) {
			uint8_t *nb;

			cap = cap ? cap * 2 : 65536;
			if (cap > MAX_REPLAY_INPUT) {
				fprintf(stderr, "replay: %s: larger than %u bytes\n",
					path, MAX_REPLAY_INPUT);
				fclose(f);
				free(buf);
				return -1;
			}
			nb = realloc(buf, cap);
			if (!nb) {
				fclose(f);
				free(buf);
				return -1;
			}
			buf = nb;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	fclose(f);
	/*
	 * Give the harness exactly @len bytes in a buffer of that size, so a
	 * sanitizer build sees a read past the input as libFuzzer would.
	 */
	uint8_t *exact = malloc(len ? len : 1);

	if (!exact) {
		free(buf);
		return -1;
	}
	if (len)
		memcpy(exact, buf, len);
	free(buf);
	h->fn(exact, len);
	free(exact);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int replay_path(const struct harness *h, const char *path,
		       unsigned long *count)
{
	struct stat st;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0;
	int ret = 0;
	DIR *d;

	if (stat(path, &st) < 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		(*count)++;
		return replay_file(h, path);
	}
	d = opendir(path);
	if (!d) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	/* A kept corpus holds thousands of inputs: grow by doubling. */
	while ((de = readdir(d))) {
		char **nn;

		if (de->d_name[0] == '.')
			continue;
		nn = ksd_grow(names, n, sizeof(*names));
		if (!nn || asprintf(&nn[n], "%s/%s", path, de->d_name) < 0) {
			/* Replaying part of a directory would pass unseen. */
			fprintf(stderr, "replay: %s: out of memory listing it\n", path);
			names = nn ? nn : names;
			ret = -1;
			break;
		}
		names = nn;
		n++;
	}
	closedir(d);
	if (ret < 0) {
		for (size_t i = 0; i < n; i++)
			free(names[i]);
		free(names);
		return ret;
	}
	qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		if (replay_path(h, names[i], count) < 0)
			ret = -1;
		free(names[i]);
	}
	free(names);
	return ret;
}

int main(int argc, char **argv)
{
	const struct harness *h = NULL;
	unsigned long count = 0;
	int ret = 0;

	if (argc >= 2 && strcmp(argv[1], "--list") == 0) {
		for (size_t i = 0; i < sizeof(harnesses) / sizeof(*harnesses); i++)
			printf("%s\n", harnesses[i].name);
		return 0;
	}
	if (argc < 3) {
		fprintf(stderr, "usage: replay HARNESS FILE|DIR...\n       replay --list\n");
		return 1;
	}
	for (size_t i = 0; i < sizeof(harnesses) / sizeof(*harnesses); i++)
		if (strcmp(argv[1], harnesses[i].name) == 0)
			h = &harnesses[i];
	if (!h) {
		fprintf(stderr, "replay: no harness '%s' (replay --list)\n", argv[1]);
		return 1;
	}
	if (limit_memory() < 0)
		return 1;
	for (int i = 2; i < argc; i++)
		if (replay_path(h, argv[i], &count) < 0)
			ret = 1;
	printf("replay %s: %lu input%s\n", h->name, count, count == 1 ? "" : "s");
	return ret;
}
