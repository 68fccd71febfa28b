/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Minimal JSON writing helpers: escaping and comma bookkeeping. */
#ifndef KSD_VMCORE_SDEI_JSON_H
#define KSD_VMCORE_SDEI_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* Write @s as a JSON string literal, escaping as RFC 8259 requires. */
void json_string(FILE *out, const char *s);

/* A 64-bit value as a "0x..." string: JSON numbers lose precision past 2^53. */
void json_hex(FILE *out, uint64_t v);

#endif /* KSD_VMCORE_SDEI_JSON_H */
