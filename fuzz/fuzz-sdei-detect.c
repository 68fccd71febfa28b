// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The loader's SDEI readiness check (kexec/sdei-detect.c) from memory:
 * the input is /dev/kmsg text, /proc/kallsyms text and /proc/cmdline,
 * separated by NUL bytes; the facts gathered from them go through
 * sdei_decide() and both reports, as `kexec --sdei-status` prints them.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmdline.h"
#include "fuzz.h"
#include "sdei-detect.h"
#include "sdei-report.h"
#include "text.h"

static struct ksd_error *scan(void *arg, const char *line)
{
	return kmsg_scan_line(arg, line);
}

/* The next NUL-separated piece of @text (of @len bytes) after @p. */
static char *next_piece(char *p, char *end)
{
	p += strlen(p);
	return p < end ? p + 1 : end;
}

FUZZ_TARGET(sdei_detect)
{
	static FILE *null;
	struct sdei_status st;
	struct ksd_error *err;
	char *text, *end, *kmsg, *ksyms, *cmd, *token;
	const char *val;
	size_t vlen;

	if (!null)
		null = fopen("/dev/null", "w");
	text = fuzz_strndup(data, size);
	if (!text || !null) {
		free(text);
		return 0;
	}
	end = text + size;
	kmsg = text;
	ksyms = next_piece(kmsg, end);
	cmd = next_piece(ksyms, end);

	memset(&st, 0, sizeof(st));
	ksd_record_init(&st.rec);
	kmsg_facts_init(&st.in.log);
	st.in.pnmi_param = -1;
	err = fuzz_lines(kmsg, scan, &st.in.log);
	st.in.log.readable = true;
	if (!err) {
		err = fuzz_lines(ksyms, sdei_ksyms_line, &st.in.ksyms);
		st.in.ksyms.readable = true;
	}
	if (!err && *cmd) {
		st.in.have_cmdline = true;
		if (ksd_cmdline_get(cmd, "irqchip.gicv3_pseudo_nmi", &val, &vlen))
			st.in.pnmi_param = cmdline_bool(val, vlen);
	}
	if (!err)
		err = sdei_decide(&st);
	if (!err) {
		sdei_print_text(null, &st);
		sdei_print_json(null, &st, "kexec");
		token = sdei_status_token(&st);
		free(token);
	}
	fuzz_drop(err);
	sdei_status_deinit(&st);
	free(text);
	return 0;
}
