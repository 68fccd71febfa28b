/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the purgatory accepts in its parameter block (abi.h), as one
 * predicate both sides compile: the purgatory refuses anything else and
 * parks the CPU, so the loader runs the same check before it loads a
 * block and refuses then, not at crash time.  Plain freestanding C.
 */
#ifndef KSD_PURGATORY_PARAMS_CHECK_H
#define KSD_PURGATORY_PARAMS_CHECK_H

#include <stdbool.h>
#include <stdint.h>

#include "purgatory/abi.h"

/* Whether @c is a console the purgatory can drive (console.c). */
static inline bool ksd_purgatory_console_ok(const struct ksd_purgatory_console *c)
{
	switch (c->type) {
	case KSD_PURGATORY_CONSOLE_NONE:
		return true;
	case KSD_PURGATORY_CONSOLE_PL011:
		return c->base && !(c->base & 3) && c->reg_shift == 0 &&
		       (c->reg_width == 0 || c->reg_width == 4) &&
		       c->reserved == 0;
	case KSD_PURGATORY_CONSOLE_8250:
		if (!c->base || c->reg_shift > 3 || c->reserved)
			return false;
		if (c->reg_width == 0 || c->reg_width == 1)
			return true;
		/* A 32-bit access must be aligned: stride and base. */
		return c->reg_width == 4 && c->reg_shift >= 2 && !(c->base & 3);
	}
	return false;
}

/*
 * NULL when the purgatory will act on @p; otherwise the name of the first
 * field it refuses, with the offending value in *@value.  Magic, version,
 * size, known flags, a console it can drive, a kernel entry and a DTB the
 * arm64 boot protocol accepts (Documentation/arch/arm64/booting.rst: an
 * A64 entry, an 8-byte aligned DTB), at least one region unless checks
 * are skipped, at most KSD_PURGATORY_MAX_REGIONS, none wrapping around.
 */
static inline const char *
ksd_purgatory_params_problem(const struct ksd_purgatory_params *p,
			     uint64_t *value)
{
	const uint32_t known = KSD_PURGATORY_SKIP_CHECKS |
			       KSD_PURGATORY_NO_SHA_INSN;

	*value = 0;
	if (p->magic != KSD_PURGATORY_MAGIC) {
		*value = p->magic;
		return "magic";
	}
	if (p->version != KSD_PURGATORY_VERSION) {
		*value = p->version;
		return "version";
	}
	if (p->size != sizeof(*p)) {
		*value = p->size;
		return "size";
	}
	if (p->flags & ~known) {
		*value = p->flags;
		return "unknown flags";
	}
	if (!ksd_purgatory_console_ok(&p->console)) {
		*value = p->console.type;
		return "console type";
	}
	if (!p->kernel_entry || (p->kernel_entry & 3)) {
		*value = p->kernel_entry;
		return "kernel entry";
	}
	if (!p->dtb || (p->dtb & 7)) {
		*value = p->dtb;
		return "dtb address";
	}
	/* Nothing to check although checks were asked for: a loader bug. */
	if (p->nr_regions > KSD_PURGATORY_MAX_REGIONS ||
	    (!p->nr_regions && !(p->flags & KSD_PURGATORY_SKIP_CHECKS))) {
		*value = p->nr_regions;
		return "region count";
	}
	for (uint32_t i = 0; i < p->nr_regions; i++) {
		const struct ksd_purgatory_region *r = &p->regions[i];

		if (r->start + r->len < r->start) {
			*value = r->start;
			return "region wraps around at";
		}
	}
	return NULL;
}

#endif /* KSD_PURGATORY_PARAMS_CHECK_H */
