/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The kexec_load part of a plan (p->load set), for plan-text.c and plan-json.c. */
#ifndef KSD_KEXEC_PLAN_LOAD_PRINT_H
#define KSD_KEXEC_PLAN_LOAD_PRINT_H

#include <stdio.h>

#include "plan.h"

void plan_load_print_text(FILE *out, const struct plan *p);
/* One JSON object, the value of the plan's "kexec_load" member. */
void plan_load_print_json(FILE *out, const struct plan *p);
/* The segments, as a JSON array. */
void plan_load_print_json_segments(FILE *out, const struct plan *p);
/* The address of the segment @what, 0 if there is none. */
uint64_t segment_mem(const struct plan *p, const char *what);

#endif /* KSD_KEXEC_PLAN_LOAD_PRINT_H */
