// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The SDEI record (lib/record): the text form as the KEXEC-SDEI note
 * carries it, and the command-line token.  A record that parses must
 * format, and its text must parse again to the same facts.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "record/record.h"

static void check_round_trip(const struct ksd_record *rec)
{
	struct ksd_record again;
	char *text, token[256];
	size_t len;
	struct ksd_error *err;

	err = ksd_record_format(rec, &text, &len);
	if (err) {
		fuzz_drop(err);
		return;
	}
	ksd_record_init(&again);
	err = ksd_record_parse(text, len, &again);
	if (err)
		__builtin_trap();	/* our own output must read back */
	if (again.firmware != rec->firmware || again.conduit != rec->conduit ||
	    again.nmi != rec->nmi || again.pseudo_nmi != rec->pseudo_nmi ||
	    again.ncpus != rec->ncpus)
		__builtin_trap();
	ksd_record_deinit(&again);
	free(text);
	(void)ksd_record_token_format(rec, token, sizeof(token));
}

FUZZ_TARGET(record)
{
	struct ksd_record rec;
	struct ksd_error *err;
	uint8_t *note;
	size_t len;
	char *line;

	ksd_record_init(&rec);
	err = ksd_record_parse((const char *)data, size, &rec);
	if (err) {
		fuzz_drop(err);
	} else {
		check_round_trip(&rec);
		err = ksd_record_note(&rec, size & 1, &note, &len);
		if (!err)
			free(note);
		fuzz_drop(err);
	}
	ksd_record_deinit(&rec);

	/* The same bytes as a kernel command line holding the token. */
	line = malloc(size + 1);
	if (!line)
		return 0;
	memcpy(line, data, size);
	line[size] = '\0';
	ksd_record_init(&rec);
	err = ksd_record_token_parse(line, &rec);
	if (!err)
		check_round_trip(&rec);
	fuzz_drop(err);
	ksd_record_deinit(&rec);
	free(line);
	return 0;
}
