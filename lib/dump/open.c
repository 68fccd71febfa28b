// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Format detection and the generic parts of struct ksd_dump.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dump/format.h"

/* Tried in order; each probe looks at content only, never at the name. */
static const struct dump_format_ops *const formats[] = {
	&dump_elf_ops,
};

static struct ksd_error *dump_probe(struct dump_reader *reader,
				    struct ksd_dump **ret)
{
	struct ksd_dump *dump;
	struct ksd_error *err;

	if (reader->size == 0) {
		err = ksd_error_create(KSD_ERR_EOF, "'%s' is empty",
				       reader->name);
		reader_destroy(reader);
		return err;
	}
	dump = calloc(1, sizeof(*dump));
	if (!dump) {
		reader_destroy(reader);
		return &ksd_enomem;
	}
	dump->reader = reader;
	dump->info.file_size = reader->size;
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		bool mine = false;

		dump->ops = formats[i];
		err = formats[i]->probe(dump, &mine);
		if (err) {
			err = ksd_error_prefix(err, "'%s' (%s dump)",
					       reader->name, formats[i]->name);
			ksd_dump_destroy(dump);
			return err;
		}
		if (mine) {
			dump->info.format = formats[i]->name;
			*ret = dump;
			return NULL;
		}
	}
	dump->ops = NULL;
	err = ksd_error_create(KSD_ERR_CORRUPT,
			       "'%s' is not a crash dump: no known format signature (ELF core) at offset 0",
			       reader->name);
	ksd_dump_destroy(dump);
	return err;
}

struct ksd_error *ksd_dump_open(const char *path, struct ksd_dump **ret)
{
	struct dump_reader *reader;
	struct ksd_error *err;

	err = reader_open_file(path, &reader);
	if (err)
		return err;
	return dump_probe(reader, ret);
}

struct ksd_error *ksd_dump_open_memory(const void *buf, size_t len,
				       const char *name, struct ksd_dump **ret)
{
	struct dump_reader *reader;
	struct ksd_error *err;

	err = reader_open_memory(buf, len, name, &reader);
	if (err)
		return err;
	return dump_probe(reader, ret);
}

void ksd_dump_destroy(struct ksd_dump *dump)
{
	if (!dump)
		return;
	if (dump->ops && dump->ops->cleanup)
		dump->ops->cleanup(dump);
	reader_destroy(dump->reader);
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
