/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The small pieces every JSON writer of the project needs: string
 * escaping and 64-bit values as hex strings (JSON numbers lose precision
 * past 2^53).  Writers place their own punctuation.
 */
#ifndef KSD_UTIL_JSON_H
#define KSD_UTIL_JSON_H

#include <stdint.h>
#include <stdio.h>

/*
 * Write @s as a JSON string literal.  Control bytes and bytes >= 0x80 are
 * escaped as \u00XX, so text read from a machine or a dump that is not
 * UTF-8 still gives valid JSON.  NULL is written as null.
 */
void ksd_json_string(FILE *out, const char *s);

/* @v as "0x..." (a string). */
void ksd_json_hex(FILE *out, uint64_t v);

#endif /* KSD_UTIL_JSON_H */
