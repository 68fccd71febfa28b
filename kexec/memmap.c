// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iomem.h"
#include "kcore.h"
#include "kernel/vmcoreinfo.h"
#include "memmap.h"
#include "util/grow.h"
#include "util/number.h"
#include "util/strv.h"

/* /proc/kallsyms: ~10 MiB on a distribution kernel with modules loaded. */
#define MAX_KALLSYMS_BYTES (256ull << 20)

/* A message for the memmap's guesses list. */
#define guess(x, ...) ksd_strv_appendf(&(x)->guesses, &(x)->nguesses, __VA_ARGS__)

struct iomem_facts {
	bool have_code, have_data;
	struct mem_range code, data;
};

static struct ksd_error *add_ram(struct memmap *m, const struct iomem_range *r)
{
	struct mem_range *v;

	if (m->nram >= KSD_MAX_RAM_RANGES)
		return ksd_error_create(KSD_ERR_LIMIT,
					"/proc/iomem has more than %u System RAM ranges",
					KSD_MAX_RAM_RANGES);
	if (m->nram && r->start <= m->ram[m->nram - 1].end)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"/proc/iomem: System RAM at 0x%llx overlaps or precedes the range before it",
					(unsigned long long)r->start);
	v = ksd_grow(m->ram, m->nram, sizeof(*v));
	if (!v)
		return &ksd_enomem;
	m->ram = v;
	v[m->nram++] = (struct mem_range){ r->start, r->end };
	return NULL;
}

static struct ksd_error *add_busy(struct memmap *m, const struct iomem_range *r)
{
	struct mem_range *v = ksd_grow(m->busy, m->nbusy, sizeof(*v));

	if (!v)
		return &ksd_enomem;
	m->busy = v;
	v[m->nbusy++] = (struct mem_range){ r->start, r->end };
	return NULL;
}

static bool in_ram(const struct memmap *m, uint64_t start, uint64_t end)
{
	for (size_t i = 0; i < m->nram; i++)
		if (start >= m->ram[i].start && end <= m->ram[i].end)
			return true;
	return false;
}

static struct ksd_error *read_iomem(const struct sysroot *sr, struct memmap *m,
				    struct iomem_facts *f)
{
	struct ksd_error *err = NULL;
	struct iomem io;

	err = iomem_read(sr, &io);
	if (err)
		return err;
	if (io.hidden)
		err = ksd_error_create(KSD_ERR_UNSUPPORTED,
				       "/proc/iomem shows every address as zero (not root?): kexec_load needs the real memory map");
	for (size_t i = 0, in_sysram = 0; !err && i < io.n; i++) {
		const struct iomem_range *r = &io.ranges[i];

		if (!r->depth)
			in_sysram = strcmp(r->name, "System RAM") == 0;
		if (!r->depth && in_sysram) {
			err = add_ram(m, r);
		} else if (r->depth == 1 && in_sysram &&
			   strcmp(r->name, IOMEM_CRASH_KERNEL) != 0 &&
			   strcmp(r->name, "Kernel code") != 0 &&
			   strcmp(r->name, "Kernel data") != 0) {
			err = add_busy(m, r);
		}
		if (err) {
			break;
		} else if (strcmp(r->name, IOMEM_CRASH_KERNEL) == 0) {
			if (m->ncrash == KSD_MAX_CRASH_RANGES)
				err = ksd_error_create(KSD_ERR_CORRUPT,
						       "/proc/iomem has more than %u \"Crash kernel\" ranges (crashkernel= and crashkernel=,low make at most two)",
						       KSD_MAX_CRASH_RANGES);
			else
				m->crash[m->ncrash++] = (struct mem_range){ r->start, r->end };
		} else if (strcmp(r->name, "Kernel code") == 0) {
			f->have_code = true;
			f->code = (struct mem_range){ r->start, r->end };
		} else if (strcmp(r->name, "Kernel data") == 0) {
			f->have_data = true;
			f->data = (struct mem_range){ r->start, r->end };
		}
	}
	iomem_deinit(&io);
	if (err)
		return err;
	if (!m->nram)
		return ksd_error_create(KSD_ERR_CORRUPT, "/proc/iomem has no System RAM");
	if (m->ncrash == 2 && m->crash[0].start > m->crash[1].start) {
		struct mem_range t = m->crash[0];

		m->crash[0] = m->crash[1];
		m->crash[1] = t;
	}
	for (unsigned int i = 0; i < m->ncrash; i++)
		if (!in_ram(m, m->crash[i].start, m->crash[i].end))
			return ksd_error_create(KSD_ERR_CORRUPT,
						"/proc/iomem: the Crash kernel range 0x%llx-0x%llx is not inside System RAM",
						(unsigned long long)m->crash[i].start,
						(unsigned long long)m->crash[i].end);
	if (m->ncrash == 2 && m->crash[0].end >= m->crash[1].start)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"/proc/iomem: the two Crash kernel ranges overlap");
	if (!f->have_code || !f->have_data)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"/proc/iomem has no \"Kernel code\" or no \"Kernel data\" range");
	if (f->data.end < f->code.start || !in_ram(m, f->code.start, f->data.end))
		return ksd_error_create(KSD_ERR_CORRUPT,
					"/proc/iomem: Kernel code and Kernel data (0x%llx-0x%llx) do not lie in one System RAM range",
					(unsigned long long)f->code.start,
					(unsigned long long)f->data.end);
	return NULL;
}

static struct ksd_error *ksyms_line(void *arg, const char *line)
{
	static const struct { const char *name; size_t off; } want[] = {
		{ "_text", offsetof(struct memmap, text) },
		{ "_stext", offsetof(struct memmap, stext) },
		{ "__init_begin", offsetof(struct memmap, init_begin) },
		{ "_end", offsetof(struct memmap, end) },
	};
	struct memmap *m = arg;
	const char *sp = strchr(line, ' ');
	uint64_t v;

	/* "<address> <type> <name>"; module symbols have a tab and [module] */
	if (!sp || !sp[1] || sp[2] != ' ' || strchr(sp, '\t'))
		return NULL;
	for (size_t i = 0; i < sizeof(want) / sizeof(*want); i++) {
		if (strcmp(sp + 3, want[i].name) != 0)
			continue;
		if ((size_t)(sp - line) > 16 ||
		    ksd_parse_u64n(line, (size_t)(sp - line), 16, &v) < 0)
			return ksd_error_create(KSD_ERR_CORRUPT,
						"/proc/kallsyms: the address of %s does not parse",
						want[i].name);
		*(uint64_t *)((char *)m + want[i].off) = v;
	}
	return NULL;
}

static struct ksd_error *read_kallsyms(const struct sysroot *sr, struct memmap *m)
{
	struct ksd_error *err;

	err = sysroot_for_each_line(sr, "/proc/kallsyms", MAX_KALLSYMS_BYTES,
				    ksyms_line, m);
	if (err && err->code == KSD_ERR_NOT_FOUND) {
		ksd_error_destroy(err);
		return guess(m, "/proc/kallsyms is missing");
	}
	return err;
}

/* NUMBER(@name) of @vi into *@v; false when absent. */
static struct ksd_error *vi_number(const struct ksd_vmcoreinfo *vi,
				   const char *name, uint64_t *v, bool *found)
{
	struct ksd_error *err = ksd_vmcoreinfo_number(vi, name, v);

	*found = !err;
	if (err && err->code == KSD_ERR_NOT_FOUND) {
		ksd_error_destroy(err);
		return NULL;
	}
	return err ? ksd_error_prefix(err, "/proc/kcore VMCOREINFO") : NULL;
}

/*
 * VA_BITS without VMCOREINFO, as kexec-tools guesses it: the smallest
 * of 36/39/42/47/48 whose kernel half holds _stext.  Right for the
 * layout before Linux 5.4; on later kernels it can say 47 for 48.
 */
static unsigned int guess_va_bits(uint64_t stext)
{
	static const unsigned int cand[] = { 36, 39, 42, 47, 48 };

	for (size_t i = 0; i < sizeof(cand) / sizeof(*cand); i++) {
		uint64_t mask = ~0ull << cand[i];

		if ((stext & mask) == mask)
			return cand[i];
	}
	return 0;
}

static bool valid_va_bits(uint64_t v)
{
	return v == 36 || v == 39 || v == 42 || v == 47 || v == 48 || v == 52;
}

static struct ksd_error *from_vmcoreinfo(struct memmap *m,
					 const struct kcore_info *k,
					 bool *have_po, bool *have_va)
{
	struct ksd_vmcoreinfo *vi;
	struct ksd_error *err;
	uint64_t va = 0;

	err = ksd_vmcoreinfo_parse(k->vmcoreinfo, k->vmcoreinfo_len, &vi);
	if (err)
		return ksd_error_prefix(err, "/proc/kcore VMCOREINFO");
	err = vi_number(vi, "PHYS_OFFSET", &m->phys_offset, have_po);
	if (!err)
		err = vi_number(vi, "VA_BITS", &va, have_va);
	if (!err)
		err = vi_number(vi, "kimage_voffset", &m->kimage_voffset,
				&m->have_kimage_voffset);
	if (!err) {
		err = ksd_vmcoreinfo_decimal(vi, "PAGESIZE", &m->page_size);
		if (err && err->code == KSD_ERR_NOT_FOUND) {
			ksd_error_destroy(err);
			err = NULL;
		} else if (!err && m->page_size != 4096 && m->page_size != 16384 &&
			   m->page_size != 65536) {
			err = ksd_error_create(KSD_ERR_CORRUPT,
					       "/proc/kcore VMCOREINFO: PAGESIZE=%llu is not an arm64 page size",
					       (unsigned long long)m->page_size);
		} else if (!err) {
			m->page_size_from = "VMCOREINFO in /proc/kcore";
		}
	}
	if (!err && !m->stext) {
		err = ksd_vmcoreinfo_symbol(vi, "_stext", &m->stext);
		if (err && err->code == KSD_ERR_NOT_FOUND) {
			ksd_error_destroy(err);
			err = NULL;
		}
	}
	ksd_vmcoreinfo_destroy(vi);
	if (err)
		return err;
	if (*have_va && !valid_va_bits(va))
		return ksd_error_create(KSD_ERR_CORRUPT,
					"/proc/kcore VMCOREINFO: NUMBER(VA_BITS)=%llu is not an arm64 VA size",
					(unsigned long long)va);
	m->va_bits = (unsigned int)va;
	if (*have_po)
		m->phys_offset_from = "VMCOREINFO in /proc/kcore";
	if (*have_va)
		m->va_bits_from = "VMCOREINFO in /proc/kcore";
	return NULL;
}

/*
 * PHYS_OFFSET from a linear-map PT_LOAD of kcore (kexec-tools' second
 * way).  The linear map is half the kernel's VA space; before Linux 5.4,
 * the only kernels without VMCOREINFO in kcore, it is the top half, so
 * its end is 2^64: compare offsets from PAGE_OFFSET, not end addresses.
 */
static bool phys_offset_from_loads(struct memmap *m, const struct kcore_info *k)
{
	uint64_t lin_size = 1ull << (m->va_bits - 1);

	for (size_t i = 0; i < k->nloads; i++) {
		const struct kcore_load *l = &k->loads[i];

		if (l->paddr == ~0ull || l->vaddr < m->page_offset ||
		    l->vaddr - m->page_offset >= lin_size)
			continue;
		m->phys_offset = l->paddr - (l->vaddr - m->page_offset);
		m->phys_offset_from = "a linear-map PT_LOAD of /proc/kcore";
		return true;
	}
	return false;
}

static struct ksd_error *read_layout(const struct sysroot *sr, struct memmap *m)
{
	bool have_po = false, have_va = false;
	struct kcore_info k = { 0 };
	struct ksd_error *err;

	err = kcore_read(sr, &k);
	if (err && err->code == KSD_ERR_NOT_FOUND) {
		ksd_error_destroy(err);
		err = guess(m, "/proc/kcore is missing (CONFIG_PROC_KCORE off)");
	} else if (!err && !k.vmcoreinfo) {
		err = guess(m, "/proc/kcore has no VMCOREINFO note");
	} else if (!err) {
		err = from_vmcoreinfo(m, &k, &have_po, &have_va);
	}
	if (!err && !have_va) {
		m->va_bits = guess_va_bits(m->stext);
		m->va_bits_from = "guessed from _stext";
		if (!m->va_bits)
			err = ksd_error_create(KSD_ERR_NOT_FOUND,
					       "cannot tell the kernel's VA_BITS: no VMCOREINFO in /proc/kcore and no usable _stext in /proc/kallsyms");
		else
			err = guess(m, "VA_BITS %u guessed from _stext", m->va_bits);
	}
	if (err) {
		kcore_info_deinit(&k);
		return err;
	}
	/*
	 * Without PAGESIZE, 64 KiB: a segment aligned to it is aligned to
	 * every arm64 page size.
	 */
	if (!m->page_size) {
		m->page_size = 65536;
		m->page_size_from = "the largest arm64 page size (PAGESIZE unknown)";
	}
	/* Linux 5.4 flipped the VA space: the linear map went to the bottom. */
	if (m->stext && m->stext < (~0ull << (m->va_bits - 1)))
		m->page_offset = ~0ull << (m->va_bits - 1);
	else
		m->page_offset = ~0ull << m->va_bits;
	if (!have_po && !phys_offset_from_loads(m, &k)) {
		m->phys_offset = m->ram[0].start;
		m->phys_offset_from = "the first System RAM range";
		err = guess(m, "PHYS_OFFSET taken from the first System RAM range");
	} else if (!have_po) {
		err = guess(m, "PHYS_OFFSET from a PT_LOAD of /proc/kcore");
	}
	kcore_info_deinit(&k);
	return err;
}

/*
 * arm64's vmlinux.lds.S puts .head.text (the Image header and
 * primary_entry, far less than 64 KiB) at _text and starts .text, with
 * _stext, at the next SEGMENT_ALIGN (64 KiB) boundary.
 */
#define ARM64_HEAD_TEXT_SIZE 0x10000ull

/*
 * The kernel image's PT_LOAD: _text to the end of "Kernel data" (_end),
 * as the kernel's own elfcorehdr maps it.  kexec-tools' rule places it:
 * "Kernel code" is [_stext, __init_begin) on newer kernels and
 * [_text, __init_begin) on older ones, told apart by comparing its
 * length with __init_begin - _stext.  Linux 6.1 leaves _text out of
 * /proc/kallsyms (kexec-tools then writes a broken header; the e2e kit
 * works around it); without it, _text is _stext less the head when
 * "Kernel code" starts at _stext, and the start of "Kernel code" when
 * it starts at _text.  kimage_voffset, when VMCOREINFO has it, must
 * agree; without __init_begin it alone places the image.
 */
static struct ksd_error *kernel_text(struct memmap *m, const struct iomem_facts *f)
{
	uint64_t base = f->code.start, len = f->code.end - f->code.start + 1;
	bool code_at_stext;

	m->kern_vaddr = m->text;
	m->kern_from = "_text";
	if (m->stext && m->init_begin > m->stext) {
		code_at_stext = m->init_begin - m->stext == len;
		if (!m->kern_vaddr && code_at_stext) {
			m->kern_vaddr = m->stext - ARM64_HEAD_TEXT_SIZE;
			m->kern_from = "_stext - 64 KiB (no _text in /proc/kallsyms)";
		} else if (!m->kern_vaddr) {
			m->kern_vaddr = m->init_begin - len;
			m->kern_from = "__init_begin less the length of Kernel code (no _text in /proc/kallsyms)";
		}
		if (m->kern_vaddr > m->stext ||
		    m->stext - m->kern_vaddr > ARM64_HEAD_TEXT_SIZE)
			return ksd_error_create(KSD_ERR_CORRUPT,
						"the kernel image would start at 0x%llx (from %s), not in the 64 KiB before _stext 0x%llx: /proc/iomem's Kernel code (0x%llx, %llu bytes) does not match /proc/kallsyms",
						(unsigned long long)m->kern_vaddr, m->kern_from,
						(unsigned long long)m->stext,
						(unsigned long long)base,
						(unsigned long long)len);
		m->kern_paddr = code_at_stext ? base - (m->stext - m->kern_vaddr) : base;
		if (m->have_kimage_voffset &&
		    m->kern_paddr != m->kern_vaddr - m->kimage_voffset)
			return ksd_error_create(KSD_ERR_CORRUPT,
						"the kernel image at physical 0x%llx (from %s and /proc/iomem's Kernel code at 0x%llx) is not where kimage_voffset 0x%llx puts it (0x%llx)",
						(unsigned long long)m->kern_paddr, m->kern_from,
						(unsigned long long)base,
						(unsigned long long)m->kimage_voffset,
						(unsigned long long)(m->kern_vaddr - m->kimage_voffset));
	} else if (m->have_kimage_voffset &&
		   (m->kern_vaddr || m->stext > ARM64_HEAD_TEXT_SIZE)) {
		if (!m->kern_vaddr) {
			m->kern_vaddr = m->stext - ARM64_HEAD_TEXT_SIZE;
			m->kern_from = "_stext - 64 KiB (no _text in /proc/kallsyms)";
		}
		m->kern_paddr = m->kern_vaddr - m->kimage_voffset;
		/* "Kernel code" starts at _text or at _stext, not elsewhere */
		if (m->kern_paddr > base ||
		    base - m->kern_paddr > (m->stext ? m->stext - m->kern_vaddr : 0))
			return ksd_error_create(KSD_ERR_CORRUPT,
						"the kernel image at physical 0x%llx (from %s and kimage_voffset) does not match /proc/iomem's Kernel code at 0x%llx",
						(unsigned long long)m->kern_paddr, m->kern_from,
						(unsigned long long)base);
	} else {
		return ksd_error_create(KSD_ERR_NOT_FOUND,
					"cannot tell where the kernel image is: no _stext and __init_begin in /proc/kallsyms%s",
					m->have_kimage_voffset ? "" :
					", and no kimage_voffset in /proc/kcore's VMCOREINFO");
	}
	if (m->kern_paddr > base || !in_ram(m, m->kern_paddr, f->data.end))
		return ksd_error_create(KSD_ERR_CORRUPT,
					"the kernel image at physical 0x%llx (from %s) does not match /proc/iomem's Kernel code at 0x%llx",
					(unsigned long long)m->kern_paddr, m->kern_from,
					(unsigned long long)base);
	m->kern_size = f->data.end + 1 - m->kern_paddr;
	return NULL;
}

struct ksd_error *memmap_parse_vmcoreinfo_sysfs(const char *text,
						const char *what,
						uint64_t *addr, uint64_t *size)
{
	const char *sp = strchr(text, ' ');
	const char *a = text;

	if (strncmp(a, "0x", 2) == 0)
		a += 2;
	if (!sp || sp == a || (size_t)(sp - a) > 16 ||
	    ksd_parse_u64n(a, (size_t)(sp - a), 16, addr) < 0 ||
	    strlen(sp + 1) > 8 || ksd_parse_u64(sp + 1, 16, size) < 0)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"%s: expected \"<address> <size>\" in hex, got '%.40s'",
					what, text);
	if (!*size || *size > (1u << 20) || *addr + *size < *addr)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"%s: a VMCOREINFO note of %llu bytes at 0x%llx is not plausible",
					what, (unsigned long long)*size,
					(unsigned long long)*addr);
	return NULL;
}

static struct ksd_error *read_vmcoreinfo_sysfs(const struct sysroot *sr,
					       struct memmap *m)
{
	struct ksd_error *err;
	char *line;

	err = sysroot_read_line(sr, "/sys/kernel/vmcoreinfo", &line);
	if (err && err->code == KSD_ERR_NOT_FOUND) {
		ksd_error_destroy(err);
		return guess(m, "/sys/kernel/vmcoreinfo is missing: the dump gets no VMCOREINFO note");
	}
	if (err)
		return err;
	err = memmap_parse_vmcoreinfo_sysfs(line, "/sys/kernel/vmcoreinfo",
					    &m->vmcoreinfo_addr,
					    &m->vmcoreinfo_size);
	free(line);
	if (!err && !in_ram(m, m->vmcoreinfo_addr,
			    m->vmcoreinfo_addr + m->vmcoreinfo_size - 1))
		err = ksd_error_create(KSD_ERR_CORRUPT,
				       "/sys/kernel/vmcoreinfo: the note at 0x%llx is not in System RAM",
				       (unsigned long long)m->vmcoreinfo_addr);
	return err;
}

struct ksd_error *memmap_read(const struct sysroot *sr, struct memmap *ret)
{
	struct iomem_facts f = { 0 };
	struct memmap m = { 0 };
	struct ksd_error *err;

	err = read_iomem(sr, &m, &f);
	if (!err)
		err = read_kallsyms(sr, &m);
	if (!err)
		err = read_layout(sr, &m);
	if (!err)
		err = kernel_text(&m, &f);
	if (!err)
		err = read_vmcoreinfo_sysfs(sr, &m);
	if (err) {
		memmap_deinit(&m);
		return err;
	}
	*ret = m;
	return NULL;
}

void memmap_deinit(struct memmap *m)
{
	free(m->ram);
	free(m->busy);
	for (unsigned int i = 0; i < m->nguesses; i++)
		free(m->guesses[i]);
	free(m->guesses);
	memset(m, 0, sizeof(*m));
}

uint64_t memmap_phys_to_virt(const struct memmap *m, uint64_t paddr)
{
	return paddr - m->phys_offset + m->page_offset;
}

struct ksd_error *memmap_dump_ranges(const struct memmap *m,
				     struct mem_range **ret, size_t *n)
{
	/* each crash range splits at most one RAM range in two */
	struct mem_range *v = calloc(m->nram + m->ncrash, sizeof(*v));
	size_t k = 0;

	if (!v)
		return &ksd_enomem;
	for (size_t i = 0; i < m->nram; i++) {
		uint64_t s = m->ram[i].start, e = m->ram[i].end;

		for (unsigned int c = 0; c < m->ncrash; c++) {
			const struct mem_range *cr = &m->crash[c];

			if (cr->end < s || cr->start > e)
				continue;
			if (cr->start > s)
				v[k++] = (struct mem_range){ s, cr->start - 1 };
			s = cr->end + 1;
			if (cr->end >= e) {
				s = 1;
				e = 0;
				break;
			}
		}
		if (s <= e)
			v[k++] = (struct mem_range){ s, e };
	}
	*ret = v;
	*n = k;
	return NULL;
}

/* Remove [@s, @e] from the ascending list @v of @n ranges (room for one more). */
static size_t cut(struct mem_range *v, size_t n, uint64_t s, uint64_t e)
{
	for (size_t i = 0; i < n; i++) {
		struct mem_range r = v[i];

		if (e < r.start || s > r.end)
			continue;
		if (s > r.start && e < r.end) {
			memmove(&v[i + 2], &v[i + 1], (n - i - 1) * sizeof(*v));
			v[i] = (struct mem_range){ r.start, s - 1 };
			v[i + 1] = (struct mem_range){ e + 1, r.end };
			return n + 1;
		}
		if (s <= r.start && e >= r.end) {
			memmove(&v[i], &v[i + 1], (n - i - 1) * sizeof(*v));
			n--;
			i--;
			continue;
		}
		if (s <= r.start)
			v[i].start = e + 1;
		else
			v[i].end = s - 1;
	}
	return n;
}

struct ksd_error *memmap_free_ranges(const struct memmap *m,
				     struct mem_range **ret, size_t *n)
{
	size_t cap = m->nram + m->nbusy + m->ncrash + 1, k = m->nram;
	struct mem_range *v = calloc(cap, sizeof(*v));

	if (!v)
		return &ksd_enomem;
	memcpy(v, m->ram, m->nram * sizeof(*v));
	for (size_t i = 0; i < m->nbusy; i++)
		k = cut(v, k, m->busy[i].start, m->busy[i].end);
	for (unsigned int i = 0; i < m->ncrash; i++)
		k = cut(v, k, m->crash[i].start, m->crash[i].end);
	*ret = v;
	*n = k;
	return NULL;
}
