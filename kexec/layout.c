// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "layout.h"

uint64_t layout_page_up(const struct layout *l, uint64_t n)
{
	uint64_t r = (n + l->page_size - 1) & ~(l->page_size - 1);

	return r < n ? 0 : r;
}

struct ksd_error *layout_init(struct layout *l, const struct mem_range *regions,
			      size_t n, uint64_t page_size)
{
	memset(l, 0, sizeof(*l));
	if (!page_size || (page_size & (page_size - 1)))
		return ksd_error_create(KSD_ERR_INVALID_ARG,
					"page size %llu is not a power of two",
					(unsigned long long)page_size);
	l->page_size = page_size;
	l->regions = calloc(n ? n : 1, sizeof(*l->regions));
	if (!l->regions)
		return &ksd_enomem;
	for (size_t i = 0; i < n; i++) {
		uint64_t s = layout_page_up(l, regions[i].start);
		uint64_t e = (regions[i].end + 1) & ~(page_size - 1);

		/* a region ending at 2^64 - 1 stays whole-paged at the top */
		if (regions[i].end == ~0ull)
			e = ~0ull & ~(page_size - 1);
		if (!s || e <= s)
			continue;
		l->regions[l->nregions++] = (struct mem_range){ s, e - 1 };
	}
	return NULL;
}

void layout_deinit(struct layout *l)
{
	free(l->regions);
	memset(l, 0, sizeof(*l));
}

static const struct mem_range *region_of(const struct layout *l, uint64_t s,
					 uint64_t e)
{
	for (size_t i = 0; i < l->nregions; i++)
		if (s >= l->regions[i].start && e <= l->regions[i].end)
			return &l->regions[i];
	return NULL;
}

static const struct layout_slot *overlap(const struct layout *l, uint64_t s,
					 uint64_t e)
{
	for (unsigned int i = 0; i < l->nslots; i++)
		if (s <= l->slots[i].end && e >= l->slots[i].start)
			return &l->slots[i];
	return NULL;
}

struct ksd_error *layout_claim(struct layout *l, const char *what,
			       uint64_t mem, uint64_t memsz)
{
	const struct layout_slot *o;
	uint64_t end = mem + memsz - 1;
	unsigned int i;

	if (l->nslots == KEXEC_SEGMENT_MAX)
		return ksd_error_create(KSD_ERR_LIMIT,
					"the %s would be segment %u; the kernel takes at most %u (KEXEC_SEGMENT_MAX)",
					what, KEXEC_SEGMENT_MAX + 1, KEXEC_SEGMENT_MAX);
	if (!memsz || end < mem)
		return ksd_error_create(KSD_ERR_LIMIT,
					"the %s (%llu bytes at 0x%llx) does not fit the address space",
					what, (unsigned long long)memsz,
					(unsigned long long)mem);
	if ((mem | memsz) & (l->page_size - 1))
		return ksd_error_create(KSD_ERR_INTERNAL,
					"the %s at 0x%llx, %llu bytes, is not aligned to the %llu-byte page",
					what, (unsigned long long)mem,
					(unsigned long long)memsz,
					(unsigned long long)l->page_size);
	if (!region_of(l, mem, end))
		return ksd_error_create(KSD_ERR_LIMIT,
					"the %s at 0x%llx-0x%llx lies outside the memory it may use",
					what, (unsigned long long)mem,
					(unsigned long long)end);
	o = overlap(l, mem, end);
	if (o)
		return ksd_error_create(KSD_ERR_INTERNAL,
					"the %s at 0x%llx-0x%llx overlaps the %s at 0x%llx-0x%llx",
					what, (unsigned long long)mem,
					(unsigned long long)end, o->what,
					(unsigned long long)o->start,
					(unsigned long long)o->end);
	for (i = l->nslots; i > 0 && l->slots[i - 1].start > mem; i--)
		l->slots[i] = l->slots[i - 1];
	l->slots[i] = (struct layout_slot){ what, mem, end };
	l->nslots++;
	return NULL;
}

/* The free gaps of region @r, in address order, through @fn. */
static bool fit_in(const struct layout *l, const struct mem_range *r,
		   uint64_t size, uint64_t align, uint64_t min,
		   enum layout_dir dir, uint64_t *ret)
{
	uint64_t lo = r->start > min ? r->start : min;
	bool found = false;

	if (lo > r->end)
		return false;
	/* gaps between the slots inside [lo, r->end] */
	for (unsigned int i = 0; i <= l->nslots; i++) {
		uint64_t gs = i ? l->slots[i - 1].end + 1 : lo;
		uint64_t ge = i < l->nslots ? l->slots[i].start - 1 : r->end;
		uint64_t s;

		if (i && l->slots[i - 1].end == ~0ull)
			break;
		if (i < l->nslots && !l->slots[i].start)
			continue;
		if (gs < lo)
			gs = lo;
		if (ge > r->end)
			ge = r->end;
		if (gs > ge || ge - gs + 1 < size)
			continue;
		if (dir == LAYOUT_TOP_DOWN) {
			s = (ge - size + 1) & ~(align - 1);
			if (s < gs)
				continue;
			*ret = s;
			found = true;	/* keep looking for a higher one */
		} else {
			s = (gs + align - 1) & ~(align - 1);
			if (s < gs || s > ge || ge - s + 1 < size)
				continue;
			*ret = s;
			return true;
		}
	}
	return found;
}

struct ksd_error *layout_place(struct layout *l, const char *what,
			       uint64_t size, uint64_t align, uint64_t min,
			       enum layout_dir dir, uint64_t *ret)
{
	uint64_t memsz = layout_page_up(l, size), at = 0;
	bool found = false;

	if (align < l->page_size)
		align = l->page_size;
	if (!memsz)
		return ksd_error_create(KSD_ERR_LIMIT, "the %s is too large (%llu bytes)",
					what, (unsigned long long)size);
	for (size_t i = 0; i < l->nregions; i++) {
		size_t r = dir == LAYOUT_TOP_DOWN ? l->nregions - 1 - i : i;

		if (fit_in(l, &l->regions[r], memsz, align, min, dir, &at)) {
			found = true;
			break;
		}
	}
	if (!found)
		return ksd_error_create(KSD_ERR_LIMIT,
					"no room for the %s (%llu bytes, aligned to 0x%llx) in the memory it may use",
					what, (unsigned long long)memsz,
					(unsigned long long)align);
	*ret = at;
	return layout_claim(l, what, at, memsz);
}
