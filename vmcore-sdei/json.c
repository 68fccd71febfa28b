// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include "json.h"

void json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':  fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		case '\t': fputs("\\t", out); break;
		default:
			/*
			 * Control bytes are escaped; so are bytes >= 0x80,
			 * because text from a dump need not be valid UTF-8.
			 */
			if (*p < 0x20 || *p >= 0x80)
				fprintf(out, "\\u%04x", *p);
			else
				fputc(*p, out);
		}
	}
	fputc('"', out);
}

void json_hex(FILE *out, uint64_t v)
{
	fprintf(out, "\"0x%llx\"", (unsigned long long)v);
}
