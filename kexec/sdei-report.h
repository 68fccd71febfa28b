/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --sdei-status output: the SDEI readiness facts and the record, in words
 * or as JSON (docs/kexec-json.md).  The plan printers reuse the parts.
 */
#ifndef KSD_KEXEC_SDEI_REPORT_H
#define KSD_KEXEC_SDEI_REPORT_H

#include <stdio.h>

#include "sdei-detect.h"

/* Return 0, or -1 when the record cannot be formatted (out of memory). */
int sdei_print_text(FILE *out, const struct sdei_status *st);
int sdei_print_json(FILE *out, const struct sdei_status *st, const char *tool);

/* The detailed lines, each starting with @indent (text form). */
int sdei_print_details(FILE *out, const struct sdei_status *st,
		       const char *indent);
/* The JSON members after "armed" (no braces), each line with @indent. */
int sdei_print_json_members(FILE *out, const struct sdei_status *st,
			    const char *indent);

const char *sdei_state_word(const struct sdei_status *st);

#endif /* KSD_KEXEC_SDEI_REPORT_H */
