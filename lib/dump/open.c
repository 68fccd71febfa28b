// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Format detection and the generic parts of struct ksd_dump.
 *
 * Opening is in two steps.  First each input becomes a reader: a file, a
 * spooled standard input, or a buffer; a reader that starts with the
 * flattened stream's signature is wrapped in the flattened layer
 * (flat.c), so it presents the file the stream stands for.  Then the
 * formats of the table below probe the first reader, by content only.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dump/format.h"
#include "util/limits.h"

/* Tried in order; each probe looks at content only, never at the name. */
static const struct dump_format_ops *const formats[] = {
	&dump_elf_ops,
	&dump_kdump_ops,
};

/* Unwrap a flattened stream; takes over @r, also on error. */
static struct ksd_error *unwrap(struct dump_reader *r, struct dump_reader **ret)
{
	struct ksd_error *err;
	bool flat;

	if (r->size == 0) {
		err = ksd_error_create(KSD_ERR_EOF, "'%s' is empty", r->name);
		reader_destroy(r);
		return err;
	}
	err = flat_detect(r, &flat);
	if (err) {
		err = ksd_error_prefix(err, "'%s'", r->name);
		reader_destroy(r);
		return err;
	}
	if (!flat) {
		*ret = r;
		return NULL;
	}
	err = flat_reader_create(r, ret);
	if (!err && (*ret)->size == 0) {
		err = ksd_error_create(KSD_ERR_CORRUPT,
				       "'%s' is an empty flattened stream: it has no data records",
				       (*ret)->name);
		reader_destroy(*ret);
	}
	return err;
}

static struct ksd_error *not_a_dump(const struct dump_reader *r)
{
	if (r->container)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"'%s' is a %s makedumpfile stream, but what it holds is not a crash dump (no ELF or kdump signature at offset 0)",
					r->name, r->container);
	return ksd_error_create(KSD_ERR_CORRUPT,
				"'%s' is not a crash dump: no known format signature (ELF, kdump-compressed or flattened) at offset 0",
				r->name);
}

/* Probe the formats; @dump owns its parts.  Destroys @dump on error. */
static struct ksd_error *dump_probe(struct ksd_dump *dump, struct ksd_dump **ret)
{
	struct dump_reader *reader = dump->reader;
	struct ksd_error *err;

	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		bool mine = false;

		dump->ops = formats[i];
		if (dump->nparts > 1 && !formats[i]->split) {
			/* Not split-capable, but it may still claim the file. */
			err = formats[i]->probe(dump, &mine);
			if (!err && mine)
				err = ksd_error_create(KSD_ERR_INVALID_ARG,
						       "'%s' is a%s %s dump, and only kdump-compressed dumps come in makedumpfile --split sets: give one file",
						       reader->name,
						       formats[i]->name[0] == 'e' ? "n" : "",
						       formats[i]->name);
			if (err || mine) {
				ksd_dump_destroy(dump);
				return err;
			}
			continue;
		}
		err = formats[i]->probe(dump, &mine);
		if (err) {
			/* A split format names the part at fault itself. */
			if (dump->nparts == 1)
				err = ksd_error_prefix(err, "'%s' (%s dump)",
						       reader->name, formats[i]->name);
			ksd_dump_destroy(dump);
			return err;
		}
		if (mine) {
			dump->info.format = formats[i]->name;
			dump->info.container = dump->reader->container;
			*ret = dump;
			return NULL;
		}
	}
	dump->ops = NULL;
	err = not_a_dump(reader);
	ksd_dump_destroy(dump);
	return err;
}

static struct ksd_error *dump_alloc(size_t nparts, struct ksd_dump **ret)
{
	struct ksd_dump *dump = calloc(1, sizeof(*dump));

	if (!dump)
		return &ksd_enomem;
	dump->parts = calloc(nparts, sizeof(*dump->parts));
	if (!dump->parts) {
		free(dump);
		return &ksd_enomem;
	}
	dump->info.parts = 1;
	dump->info.dump_level = -1;
	*ret = dump;
	return NULL;
}

static struct ksd_error *open_one(const char *path,
				  const struct ksd_dump_open_opts *opts,
				  struct dump_reader **ret)
{
	struct dump_reader *r;
	struct ksd_error *err;

	if (strcmp(path, "-") == 0)
		err = reader_open_stdin(KSD_DUMP_STDIN_NAME, opts->tmpdir, &r);
	else
		err = reader_open_file(path, &r);
	if (err)
		return err;
	return unwrap(r, ret);
}

/* The same file twice (by another name, perhaps) is no part of a split. */
static struct ksd_error *check_distinct(const struct ksd_dump *dump)
{
	for (size_t i = 0; i < dump->nparts; i++)
		for (size_t j = i + 1; j < dump->nparts; j++) {
			const struct dump_reader *a = dump->parts[i], *b = dump->parts[j];

			if (a->ino && a->dev == b->dev && a->ino == b->ino)
				return ksd_error_create(KSD_ERR_INVALID_ARG,
							"'%s' and '%s' are the same file: a part of the split dump given twice",
							a->name, b->name);
		}
	return NULL;
}

struct ksd_error *ksd_dump_open_paths(const char *const *paths, size_t n,
				      const struct ksd_dump_open_opts *opts,
				      struct ksd_dump **ret)
{
	static const struct ksd_dump_open_opts defaults;
	struct ksd_dump *dump = NULL;
	struct ksd_error *err;

	if (!opts)
		opts = &defaults;
	if (n == 0)
		return ksd_error_create(KSD_ERR_INVALID_ARG, "no dump file given");
	if (n > KSD_MAX_SPLIT_PARTS)
		return ksd_error_create(KSD_ERR_LIMIT,
					"%zu files exceed the limit of %u parts of a split dump (KSD_MAX_SPLIT_PARTS)",
					n, KSD_MAX_SPLIT_PARTS);
	for (size_t i = 0; n > 1 && i < n; i++)
		if (strcmp(paths[i], "-") == 0)
			return ksd_error_create(KSD_ERR_INVALID_ARG,
						"standard input ('-') cannot be one part of a split dump");
	err = dump_alloc(n, &dump);
	if (err)
		return err;
	for (size_t i = 0; i < n; i++) {
		err = open_one(paths[i], opts, &dump->parts[i]);
		if (err) {
			ksd_dump_destroy(dump);
			return err;
		}
		dump->nparts++;
		dump->info.file_size += dump->parts[i]->stream_size;
	}
	dump->reader = dump->parts[0];
	err = check_distinct(dump);
	if (err) {
		ksd_dump_destroy(dump);
		return err;
	}
	return dump_probe(dump, ret);
}

struct ksd_error *ksd_dump_open(const char *path, struct ksd_dump **ret)
{
	return ksd_dump_open_paths(&path, 1, NULL, ret);
}

struct ksd_error *ksd_dump_open_memory_parts(const void *const *bufs,
					     const size_t *lens,
					     const char *const *names,
					     size_t n, struct ksd_dump **ret)
{
	struct ksd_dump *dump = NULL;
	struct ksd_error *err;

	if (n == 0)
		return ksd_error_create(KSD_ERR_INVALID_ARG, "no dump given");
	if (n > KSD_MAX_SPLIT_PARTS)
		return ksd_error_create(KSD_ERR_LIMIT,
					"%zu parts exceed the limit of %u parts of a split dump (KSD_MAX_SPLIT_PARTS)",
					n, KSD_MAX_SPLIT_PARTS);
	err = dump_alloc(n, &dump);
	if (err)
		return err;
	for (size_t i = 0; i < n; i++) {
		struct dump_reader *r;

		err = reader_open_memory(bufs[i], lens[i], names[i], &r);
		if (!err)
			err = unwrap(r, &dump->parts[i]);
		if (err) {
			ksd_dump_destroy(dump);
			return err;
		}
		dump->nparts++;
		dump->info.file_size += dump->parts[i]->stream_size;
	}
	dump->reader = dump->parts[0];
	return dump_probe(dump, ret);
}

struct ksd_error *ksd_dump_open_memory(const void *buf, size_t len,
				       const char *name, struct ksd_dump **ret)
{
	return ksd_dump_open_memory_parts(&buf, &len, &name, 1, ret);
}

void ksd_dump_destroy(struct ksd_dump *dump)
{
	if (!dump)
		return;
	if (dump->ops && dump->ops->cleanup)
		dump->ops->cleanup(dump);
	for (size_t i = 0; i < dump->nparts; i++)
		reader_destroy(dump->parts[i]);
	free(dump->parts);
	free(dump->notes);
	free(dump);
}

const struct ksd_dump_info *ksd_dump_info(const struct ksd_dump *dump)
{
	return &dump->info;
}

const char *ksd_dump_path(const struct ksd_dump *dump)
{
	return dump->reader->name;
}

const char *ksd_dump_part_path(const struct ksd_dump *dump, unsigned int i)
{
	return i < dump->nparts ? dump->parts[i]->name : NULL;
}

void ksd_dump_notes(const struct ksd_dump *dump, const uint8_t **buf,
		    size_t *len)
{
	*buf = dump->notes;
	*len = dump->notes_len;
}

struct ksd_error *ksd_dump_read_phys(struct ksd_dump *dump, uint64_t paddr,
				     void *buf, size_t len,
				     unsigned int *flags_ret)
{
	uint8_t *p = buf;
	unsigned int flags = 0;
	size_t got = 0;

	if (len && paddr + len - 1 < paddr)
		return ksd_error_create(KSD_ERR_INVALID_ARG,
					"physical range 0x%llx+0x%zx wraps around",
					(unsigned long long)paddr, len);
	while (got < len) {
		size_t done = 0;
		struct ksd_error *err;

		err = dump->ops->read_phys(dump, paddr + got, p + got,
					   len - got, &done, &flags);
		if (err)
			return err;
		if (done == 0)
			return ksd_error_create(KSD_ERR_INTERNAL,
						"%s reader made no progress at 0x%llx",
						dump->ops->name,
						(unsigned long long)(paddr + got));
		got += done;
	}
	if (flags_ret)
		*flags_ret = flags;
	return NULL;
}
