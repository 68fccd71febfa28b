// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "record/record.h"

/* /proc/cmdline is at most COMMAND_LINE_SIZE; allow any architecture's. */
#define MAX_PROC_CMDLINE (64u << 10)

void cmdline_remove(char *line, const char *name)
{
	struct ksd_cmdline_param pa;
	const char *p = line;

	while ((p = ksd_cmdline_next(p, &pa))) {
		if (!ksd_cmdline_is(&pa, name))
			continue;
		/* Take the parameter and the blanks after it. */
		char *s = (char *)pa.start, *e = (char *)pa.end;

		while (*e == ' ' || *e == '\t')
			e++;
		memmove(s, e, strlen(e) + 1);
		p = s;
	}
}

int cmdline_bool(const char *val, size_t vlen)
{
	if (!val || !vlen)
		return -1;
	switch (val[0]) {
	case '1': case 'y': case 'Y':
		return 1;
	case '0': case 'n': case 'N':
		return 0;
	case 'o': case 'O':
		if (vlen >= 2 && (val[1] == 'n' || val[1] == 'N'))
			return 1;
		if (vlen >= 2 && (val[1] == 'f' || val[1] == 'F'))
			return 0;
	}
	return -1;
}

struct ksd_error *cmdline_read_proc(const struct sysroot *sr, char **ret)
{
	struct ksd_error *err;
	size_t len;
	char *s;

	err = sysroot_read(sr, "/proc/cmdline", MAX_PROC_CMDLINE, &s, &len);
	if (err)
		return err;
	if (len && s[len - 1] == '\n')
		s[--len] = '\0';
	if (strlen(s) != len) {
		char *full = sysroot_path(sr, "/proc/cmdline");

		free(s);
		err = ksd_error_create(KSD_ERR_CORRUPT, "'%s' contains a NUL byte",
				       full ? full : "/proc/cmdline");
		free(full);
		return err;
	}
	*ret = s;
	return NULL;
}

bool cmdline_open_quote(const char *line)
{
	bool quoted = false;

	/* next_arg() toggles on every '"', escaped or not. */
	for (; *line; line++)
		if (*line == '"')
			quoted = !quoted;
	return quoted;
}

struct ksd_error *cmdline_build(const char *proc, bool reuse, bool crash,
				const char *given, char **ret)
{
	char *base = NULL, *line;

	if (reuse) {
		proc = proc ? proc : "";
		/* Room for a closing quote. */
		base = malloc(strlen(proc) + 2);
		if (!base)
			return &ksd_enomem;
		strcpy(base, proc);
		cmdline_remove(base, "BOOT_IMAGE");
		if (crash)
			cmdline_remove(base, "crashkernel");
		/* A parameter removed from the end leaves its blank behind. */
		for (size_t n = strlen(base); n && base[n - 1] == ' '; n--)
			base[n - 1] = '\0';
		if (cmdline_open_quote(base))
			strcat(base, "\"");
	}
	if (!base && !given) {
		*ret = NULL;
		return NULL;
	}
	if (base && given) {
		if (asprintf(&line, "%s %s", base, given) < 0)
			line = NULL;
		free(base);
	} else {
		line = base ? base : strdup(given);
	}
	if (!line)
		return &ksd_enomem;
	*ret = line;
	return NULL;
}

struct ksd_error *cmdline_add_token(const char *line, const char *token,
				    char **ret)
{
	size_t n;
	char *copy, *out;
	const char *sep;

	copy = strdup(line);
	if (!copy)
		return &ksd_enomem;
	/* KSD_RECORD_TOKEN ends in '='; the parameter name is before it. */
	char name[sizeof(KSD_RECORD_TOKEN)];

	memcpy(name, KSD_RECORD_TOKEN, sizeof(name) - 2);
	name[sizeof(name) - 2] = '\0';
	cmdline_remove(copy, name);
	n = strlen(copy);
	sep = !n || copy[n - 1] == ' ' ? "" : " ";
	if (asprintf(&out, "%s%s%s", copy, sep, token) < 0)
		out = NULL;
	free(copy);
	if (!out)
		return &ksd_enomem;
	*ret = out;
	return NULL;
}

static unsigned long value_ul(const char *val, size_t vlen, unsigned long dflt)
{
	char buf[24];
	char *end;
	unsigned long v;

	if (!val || !vlen || vlen >= sizeof(buf))
		return dflt;
	memcpy(buf, val, vlen);
	buf[vlen] = '\0';
	v = strtoul(buf, &end, 0);
	return *end ? dflt : v;
}

unsigned int cmdline_cpu_limit(const char *line)
{
	const char *val;
	size_t vlen;

	if (ksd_cmdline_get(line, "nosmp", &val, &vlen))
		return 1;
	if (ksd_cmdline_get(line, "nr_cpus", &val, &vlen) &&
	    value_ul(val, vlen, 0) == 1)
		return 1;
	if (ksd_cmdline_get(line, "maxcpus", &val, &vlen) &&
	    value_ul(val, vlen, 2) <= 1)
		return 1;
	return 0;
}
