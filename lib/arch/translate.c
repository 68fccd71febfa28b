// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * arm64 address translation for kernel virtual addresses (TTBR1).
 * Facts: dump-formats.md 4.1-4.5; Arm ARM D8 (VMSAv8-64 translation).
 */
#include "config.h"

#include "arch/translate.h"
#include "util/endian.h"

#define GENMASK64(h, l) (((~0ull) >> (63 - (h))) & ~((1ull << (l)) - 1))

uint64_t aarch64_untag(uint64_t va)
{
	/* Bit 55 selects TTBR1; the top byte may carry a KASAN/MTE tag. */
	return va & (1ull << 55) ? va | GENMASK64(63, 56) : va & ~GENMASK64(63, 56);
}

static bool valid_page_shift(unsigned int s)
{
	return s == 12 || s == 14 || s == 16;
}

struct ksd_error *aarch64_xlat_init(struct aarch64_xlat *x,
				    const struct aarch64_xlat_params *p,
				    ksd_read_phys_fn *read, void *arg)
{
	unsigned int bits_per_level, va_bits_min;

	if (!valid_page_shift(p->page_shift))
		return ksd_error_create(KSD_ERR_UNSUPPORTED,
					"page size 2^%u is not an arm64 granule (4K, 16K, 64K)",
					p->page_shift);
	if (p->va_bits < 36 || p->va_bits > 52 || p->vabits_actual < 36 ||
	    p->vabits_actual > 52)
		return ksd_error_create(KSD_ERR_UNSUPPORTED,
					"VA_BITS %u (actual %u) is outside arm64's 36..52",
					p->va_bits, p->vabits_actual);
	*x = (struct aarch64_xlat){ .p = *p, .read = read, .arg = arg };

	/*
	 * Since 5.4 (14c127c957c1 "arm64: mm: Flip kernel VA space") the
	 * linear map is the low half of the TTBR1 range and the image the
	 * high half; before, the other way round.
	 */
	x->flipped = p->stext >= (~0ull << (p->va_bits - 1));
	if (x->flipped) {
		/*
		 * PAGE_END = _PAGE_END(VA_BITS_MIN), the VA size a 52-bit
		 * kernel falls back to: 48 bits, or 47 with 16K pages
		 * (arch/arm64/include/asm/memory.h).
		 */
		va_bits_min = p->va_bits <= 48 ? p->va_bits
					       : p->page_shift == 14 ? 47 : 48;
		x->page_offset = 0ull - (1ull << p->va_bits);
		x->page_end = 0ull - (1ull << (va_bits_min - 1));
	} else {
		x->page_offset = ~0ull << (p->va_bits - 1);
		x->page_end = 0;	/* to the top */
	}

	/*
	 * 64K pages: swapper_pg_dir is laid out for the configured VA_BITS
	 * even when the CPU fell back to 48 bits (TTBR1 then points into
	 * it, c812026c54cf).  4K/16K: the fallback folds a level, so walk
	 * with the width in use.
	 */
	x->walk_bits = p->page_shift == 16 ? p->va_bits : p->vabits_actual;
	bits_per_level = p->page_shift - 3;
	x->levels = (x->walk_bits - p->page_shift + bits_per_level - 1) /
		    bits_per_level;
	if (p->page_shift == 16 && p->pa_bits == 52)
		x->desc = DESC_LPA;
	else if (p->page_shift != 16 && p->vabits_actual == 52)
		x->desc = DESC_LPA2;
	else
		x->desc = DESC_48;
	return NULL;
}

void aarch64_xlat_set_image(struct aarch64_xlat *x, uint64_t start,
			    uint64_t end)
{
	x->image_start = start;
	x->image_end = end;
}

/* The output address of a descriptor, for the table format in use. */
static uint64_t output_address(const struct aarch64_xlat *x, uint64_t desc)
{
	unsigned int ps = x->p.page_shift;

	switch (x->desc) {
	case DESC_LPA:
		/* FEAT_LPA, 64K: OA[51:48] lives in descriptor bits [15:12]. */
		return (desc & GENMASK64(47, ps)) | ((desc >> 12) & 0xf) << 48;
	case DESC_LPA2:
		/* FEAT_LPA2: OA[51:50] lives in bits [9:8], OA[49:ps] in place. */
		return (desc & GENMASK64(49, ps)) | ((desc >> 8) & 0x3) << 50;
	case DESC_48:
		break;
	}
	return desc & GENMASK64(47, ps);
}

/*
 * Where a block descriptor is allowed (Arm ARM D8.3): 4K pages at levels
 * 1 and 2, and 0 with LPA2; 16K at level 2, and 1 with LPA2; 64K at
 * level 2, and 1 with 52-bit output addresses.  Elsewhere the hardware
 * faults, so a walk must not read one as a huge mapping.  NULL if allowed.
 */
static const char *block_refusal(const struct aarch64_xlat *x, int level)
{
	switch (x->p.page_shift) {
	case 12:
		if (level == 1 || level == 2 || (level == 0 && x->desc == DESC_LPA2))
			return NULL;
		return level == 0 ? "4K pages have no level-0 blocks without LPA2"
				  : "4K pages have no blocks at this level";
	case 14:
		if (level == 2 || (level == 1 && x->desc == DESC_LPA2))
			return NULL;
		return level == 1 ? "16K pages have no level-1 blocks without LPA2"
				  : "16K pages have no blocks at this level";
	}
	if (level == 2 || (level == 1 && x->desc == DESC_LPA))
		return NULL;
	return level == 1 ? "64K pages have no level-1 blocks without 52-bit PAs"
			  : "64K pages have no blocks at this level";
}

struct ksd_error *aarch64_walk(const struct aarch64_xlat *x, uint64_t va,
			       uint64_t *pa)
{
	unsigned int ps = x->p.page_shift, bpl = ps - 3;
	uint64_t table = x->p.swapper_pg_dir - x->p.kimage_voffset;

	if (!x->p.swapper_pg_dir)
		return ksd_error_create(KSD_ERR_NOT_FOUND,
					"translating 0x%llx: no page-table root (VMCOREINFO has no SYMBOL(swapper_pg_dir))",
					(unsigned long long)va);
	va = aarch64_untag(va);
	if ((va | GENMASK64(x->walk_bits - 1, 0)) != ~0ull)
		return ksd_error_create(KSD_ERR_FAULT,
					"0x%llx is not a kernel (TTBR1) address for a %u-bit VA space",
					(unsigned long long)va, x->walk_bits);
	for (unsigned int d = 0; d < x->levels; d++) {
		unsigned int shift = ps + bpl * (x->levels - 1 - d);
		unsigned int bits = d == 0 ? x->walk_bits - shift : bpl;
		uint64_t idx = (va >> shift) & ((1ull << bits) - 1);
		uint64_t entry = table + idx * 8, desc, oa;
		/* The Arm ARM's lookup level: the last one is always 3. */
		int level = (int)d + 4 - (int)x->levels;
		const char *refusal;
		unsigned char raw[8];
		struct ksd_error *err;

		err = x->read(x->arg, entry, raw, sizeof(raw));
		if (err)
			return ksd_error_prefix(err,
						"translating 0x%llx: level %d table at 0x%llx",
						(unsigned long long)va, level,
						(unsigned long long)table);
		desc = ksd_load64(raw, x->p.big_endian);
		if (!(desc & 1))
			return ksd_error_create(KSD_ERR_FAULT,
						"translating 0x%llx: level %d entry %llu is not valid (0x%llx at 0x%llx)",
						(unsigned long long)va, level,
						(unsigned long long)idx,
						(unsigned long long)desc,
						(unsigned long long)entry);
		oa = output_address(x, desc);
		if (d == x->levels - 1) {
			if ((desc & 3) != 3)
				return ksd_error_create(KSD_ERR_FAULT,
							"translating 0x%llx: reserved level %d descriptor 0x%llx at 0x%llx",
							(unsigned long long)va, level,
							(unsigned long long)desc,
							(unsigned long long)entry);
			*pa = oa | (va & GENMASK64(ps - 1, 0));
			return NULL;
		}
		if ((desc & 3) == 1) {
			refusal = block_refusal(x, level);
			if (refusal)
				return ksd_error_create(KSD_ERR_FAULT,
							"translating 0x%llx: level %d block descriptor 0x%llx at 0x%llx: %s",
							(unsigned long long)va, level,
							(unsigned long long)desc,
							(unsigned long long)entry, refusal);
			/* A block maps 2^shift bytes at once. */
			*pa = (oa & ~GENMASK64(shift - 1, 0)) |
			      (va & GENMASK64(shift - 1, 0));
			return NULL;
		}
		table = oa;
	}
	return ksd_error_create(KSD_ERR_INTERNAL, "page-table walk ran off its levels");
}

struct ksd_error *aarch64_vtop(const struct aarch64_xlat *x, uint64_t va,
			       uint64_t *pa)
{
	va = aarch64_untag(va);
	if (x->image_end && va >= x->image_start && va < x->image_end) {
		*pa = va - x->p.kimage_voffset;
		return NULL;
	}
	if (va >= x->page_offset && (x->page_end == 0 || va < x->page_end)) {
		*pa = va - x->page_offset + x->p.phys_offset;
		return NULL;
	}
	return aarch64_walk(x, va, pa);
}
