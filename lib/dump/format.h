/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Private to lib/dump: how a dump format plugs in.
 *
 * Each format is one file exporting one const struct dump_format_ops.
 * open.c tries the formats in the order of its table.  A probe that does
 * not recognise the input sets *mine = false, returns NULL and leaves no
 * state; a probe that recognises it but finds it broken returns an error
 * (KSD_ERR_CORRUPT and friends) naming the field and the value.
 *
 * Probes see dump->parts[0] (also dump->reader); a format with
 * .split = true owns the other parts of a --split set too.  Any
 * flattened wrapping has been unwrapped by then: a part's reader already
 * presents the file the stream stands for.
 */
#ifndef KSD_DUMP_FORMAT_H
#define KSD_DUMP_FORMAT_H

#include "dump/dump.h"
#include "dump/reader.h"

struct dump_format_ops {
	const char *name;
	bool split;			/* reads makedumpfile --split sets */
	struct ksd_error *(*probe)(struct ksd_dump *dump, bool *mine);
	/*
	 * Read at most @len bytes at @paddr from one contiguous stretch of
	 * the dump; set *@done to the count (> 0 on success) and OR flags
	 * into *@flags.  An absent address is KSD_ERR_NOT_PRESENT.
	 */
	struct ksd_error *(*read_phys)(struct ksd_dump *dump, uint64_t paddr,
				       void *buf, size_t len, size_t *done,
				       unsigned int *flags);
	void (*cleanup)(struct ksd_dump *dump);
};

struct ksd_dump {
	struct dump_reader *reader;	/* parts[0] */
	struct dump_reader **parts;	/* the input files, in the order given */
	size_t nparts;
	const struct dump_format_ops *ops;
	void *priv;			/* the format's own state */
	struct ksd_dump_info info;
	uint8_t *notes;
	size_t notes_len;
};

extern const struct dump_format_ops dump_elf_ops;
extern const struct dump_format_ops dump_kdump_ops;

#endif /* KSD_DUMP_FORMAT_H */
