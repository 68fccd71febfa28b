// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "kimage.h"
#include "util/endian.h"

static void add_seg(struct kimage_seg *v, size_t *n, const uint8_t *p,
		    size_t len)
{
	if (*n >= KIMAGE_MAX_SEGS || len < 8)
		return;
	v[*n].addr = ksd_load64(p, false);
	v[*n].bytes = p + 8;
	v[*n].len = len - 8;
	(*n)++;
}

void kimage_parse(const uint8_t *data, size_t size, struct kimage *k)
{
	size_t pos = 0;

	memset(k, 0, sizeof(*k));
	while (size - pos >= KIMAGE_TAG_LEN) {
		uint8_t tag = data[pos];
		uint32_t len = ksd_load32(data + pos + 1, false);
		const uint8_t *p = data + pos + KIMAGE_TAG_LEN;

		pos += KIMAGE_TAG_LEN;
		if (len > size - pos)
			break;
		pos += len;
		switch (tag) {
		case 'V':
			k->vmcoreinfo = (const char *)p;
			k->vmcoreinfo_len = len;
			break;
		case 'K':
			add_seg(k->virt, &k->nvirt, p, len);
			break;
		case 'P':
			add_seg(k->phys, &k->nphys, p, len);
			break;
		case 'R':
			if (len == AARCH64_PRSTATUS_SIZE) {
				struct ksd_error *err;

				err = aarch64_prstatus_parse(p, len, k->big_endian,
							     &k->prs);
				k->has_regs = !err;
				ksd_error_destroy(err);
			}
			break;
		case 'S':
			if (len >= 16 && k->nstacks < KIMAGE_MAX_STACKS) {
				k->stacks[k->nstacks][0] = ksd_load64(p, false);
				k->stacks[k->nstacks][1] = ksd_load64(p + 8, false);
				k->nstacks++;
			}
			break;
		case 'A':
			for (uint32_t i = 0; i + 8 <= len &&
			     k->naddrs < KIMAGE_MAX_ADDRS; i += 8)
				k->addrs[k->naddrs++] = ksd_load64(p + i, false);
			break;
		case 'E':
			if (len >= 1)
				k->big_endian = p[0] != 0;
			break;
		default:
			break;
		}
	}
}

/* Copy [addr, addr + len) from the segments; later segments win. */
static struct ksd_error *seg_read(const struct kimage_seg *v, size_t n,
				  uint64_t addr, void *buf, size_t len,
				  const char *space)
{
	uint8_t *out = buf;
	uint64_t a = addr;

	while (len) {
		const struct kimage_seg *s = NULL;

		for (size_t i = n; i-- > 0;)
			if (a >= v[i].addr && a - v[i].addr < v[i].len) {
				s = &v[i];
				break;
			}
		if (!s)
			return ksd_error_create(KSD_ERR_FAULT,
						"%s address 0x%llx is not in the image",
						space, (unsigned long long)a);
		size_t off = (size_t)(a - s->addr), m = s->len - off;

		if (m > len)
			m = len;
		memcpy(out, s->bytes + off, m);
		out += m;
		a += m;
		len -= m;
	}
	return NULL;
}

struct ksd_error *kimage_read_virt(void *arg, uint64_t va, void *buf,
				   size_t len)
{
	struct kimage *k = arg;

	return seg_read(k->virt, k->nvirt, va, buf, len, "virtual");
}

struct ksd_error *kimage_read_phys(void *arg, uint64_t pa, void *buf,
				   size_t len)
{
	struct kimage *k = arg;
	struct ksd_error *err = seg_read(k->phys, k->nphys, pa, buf, len,
					 "physical");

	if (err && err != &ksd_enomem)
		err->code = KSD_ERR_NOT_PRESENT;
	return err;
}

struct ksd_kmem kimage_kmem(struct kimage *k)
{
	return (struct ksd_kmem){
		.read = kimage_read_virt, .arg = k,
		.big_endian = k->big_endian, .ptr_size = 8,
	};
}

struct ksd_vmcoreinfo *kimage_vmcoreinfo(const struct kimage *k)
{
	struct ksd_vmcoreinfo *vi;
	struct ksd_error *err;

	err = ksd_vmcoreinfo_parse(k->vmcoreinfo ? k->vmcoreinfo : "",
				   k->vmcoreinfo_len, &vi);
	if (err) {
		fuzz_drop(err);
		return NULL;
	}
	return vi;
}
