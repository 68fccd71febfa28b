// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dump/notes.h"
#include "kernel/kallsyms.h"
#include "kernel/kernel.h"
#include "util/endian.h"
#include "util/number.h"

static struct ksd_error *find_vmcoreinfo(struct ksd_dump *dump,
					 struct ksd_vmcoreinfo **ret)
{
	const struct ksd_dump_info *info = ksd_dump_info(dump);
	struct ksd_note_iter it;
	const uint8_t *buf;
	size_t len;

	ksd_dump_notes(dump, &buf, &len);
	ksd_note_iter_init(&it, buf, len, info->big_endian);
	for (;;) {
		struct ksd_note n;
		struct ksd_error *err;
		bool end;

		err = ksd_note_next(&it, &n, &end);
		if (err)
			return err;
		if (end)
			return ksd_error_create(KSD_ERR_NOT_FOUND,
						"the dump has no VMCOREINFO note");
		if (ksd_note_is(&n, "VMCOREINFO", 0))
			return ksd_vmcoreinfo_parse((const char *)n.desc,
						    n.desc_len, ret);
	}
}

/*
 * Page-table reads.  A table in memory the dump excluded reads as zeros,
 * which the walk would take for "nothing mapped here": say instead that
 * the table is not in the dump.
 */
static struct ksd_error *read_phys(void *arg, uint64_t pa, void *buf,
				   size_t len)
{
	struct ksd_kernel *k = arg;
	unsigned int flags = 0;
	struct ksd_error *err;

	err = ksd_dump_read_phys(k->dump, pa, buf, len, &flags);
	if (!err && (flags & KSD_READ_EXCLUDED))
		err = ksd_error_create(KSD_ERR_NOT_PRESENT,
				       "physical address 0x%llx lies in memory excluded from the dump",
				       (unsigned long long)pa);
	return err;
}

struct ksd_error *ksd_kernel_read(struct ksd_kernel *k, uint64_t va,
				  void *buf, size_t len)
{
	unsigned int ps = k->xlat.p.page_shift;
	uint8_t *p = buf;

	if (!k->has_xlat)
		return ksd_error_create(KSD_ERR_UNSUPPORTED,
					"cannot read 0x%llx: no address translation (%s)",
					(unsigned long long)va, k->xlat_problem);
	/* Translate page by page: contiguous virtual is not contiguous physical. */
	while (len) {
		uint64_t page_left = (1ull << ps) - (va & ((1ull << ps) - 1));
		size_t n = len < page_left ? len : (size_t)page_left;
		unsigned int flags = 0;
		struct ksd_error *err;
		uint64_t pa;

		err = aarch64_vtop(&k->xlat, va, &pa);
		if (!err)
			err = ksd_dump_read_phys(k->dump, pa, p, n, &flags);
		if (err)
			return ksd_error_prefix(err, "reading 0x%llx",
						(unsigned long long)va);
		if (flags & KSD_READ_EXCLUDED)
			k->excluded_reads++;
		va += n;
		p += n;
		len -= n;
	}
	return NULL;
}

static struct ksd_error *kmem_read(void *arg, uint64_t va, void *buf,
				   size_t len)
{
	return ksd_kernel_read(arg, va, buf, len);
}

struct ksd_error *ksd_kernel_read_u64(struct ksd_kernel *k, uint64_t va,
				      uint64_t *ret)
{
	uint8_t b[8];
	struct ksd_error *err = ksd_kernel_read(k, va, b, 8);

	if (!err)
		*ret = ksd_load64(b, k->big_endian);
	return err;
}

struct ksd_error *ksd_kernel_read_u32(struct ksd_kernel *k, uint64_t va,
				      uint32_t *ret)
{
	uint8_t b[4];
	struct ksd_error *err = ksd_kernel_read(k, va, b, 4);

	if (!err)
		*ret = ksd_load32(b, k->big_endian);
	return err;
}

static unsigned int log2_exact(uint64_t v)
{
	unsigned int s = 0;

	while (s < 63 && (1ull << s) < v)
		s++;
	return (1ull << s) == v ? s : 0;
}

struct ksd_error *ksd_kernel_xlat_params(const struct ksd_vmcoreinfo *vi,
					 bool big_endian,
					 struct aarch64_xlat_params *ret)
{
	struct aarch64_xlat_params p = { .big_endian = big_endian, .pa_bits = 48 };
	struct ksd_error *err;
	uint64_t v;

	err = ksd_vmcoreinfo_decimal(vi, "PAGESIZE", &v);
	if (!err && !(p.page_shift = log2_exact(v)))
		err = ksd_error_create(KSD_ERR_CORRUPT,
				       "VMCOREINFO PAGESIZE=%llu is not a power of two",
				       (unsigned long long)v);
	if (!err)
		err = ksd_vmcoreinfo_number(vi, "VA_BITS", &v);
	if (!err) {
		p.va_bits = (unsigned int)v;
		p.vabits_actual = p.va_bits;
		err = ksd_vmcoreinfo_number(vi, "kimage_voffset", &p.kimage_voffset);
	}
	if (!err)
		err = ksd_vmcoreinfo_number(vi, "PHYS_OFFSET", &p.phys_offset);
	if (!err)
		err = ksd_vmcoreinfo_symbol(vi, "_stext", &p.stext);
	if (err)
		return err;
	/*
	 * Without the page-table root the image and the linear map still
	 * translate; only a walk (vmalloc, modules) is then impossible.
	 */
	err = ksd_vmcoreinfo_symbol(vi, "swapper_pg_dir", &p.swapper_pg_dir);
	if (err && err->code == KSD_ERR_NOT_FOUND) {
		ksd_error_destroy(err);
		p.swapper_pg_dir = 0;
	} else if (err) {
		return err;
	}
	/* 5.9+; crash accepts the lower-case spelling some kernels used. */
	err = ksd_vmcoreinfo_number(vi, "TCR_EL1_T1SZ", &v);
	if (err) {
		ksd_error_destroy(err);
		err = ksd_vmcoreinfo_number(vi, "tcr_el1_t1sz", &v);
	}
	if (!err && v > 0 && v < 64)
		p.vabits_actual = 64 - (unsigned int)v;
	ksd_error_destroy(err);
	err = ksd_vmcoreinfo_number(vi, "MAX_PHYSMEM_BITS", &v);
	if (!err)
		p.pa_bits = (unsigned int)v;
	ksd_error_destroy(err);
	*ret = p;
	return NULL;
}

static struct ksd_error *setup_xlat(struct ksd_kernel *k)
{
	struct aarch64_xlat_params p;
	struct ksd_error *err;

	err = ksd_kernel_xlat_params(k->vi, k->big_endian, &p);
	if (err)
		return err;
	return aarch64_xlat_init(&k->xlat, &p, read_phys, k);
}

/*
 * Until kallsyms gives _text and _end, bound the kernel image by what
 * VMCOREINFO names in it: every SYMBOL() is a kernel variable, so the
 * span from _stext to the highest of them (within 1 GiB, a bound no image
 * reaches) is image and translates by kimage_voffset.  Reading kallsyms
 * then walks no page tables, and damaged tables cannot cost the symbols.
 */
static void guess_image(struct ksd_kernel *k)
{
	uint64_t stext = k->xlat.p.stext, high = 0, page = 1ull << k->xlat.p.page_shift;

	for (size_t i = 0; i < ksd_vmcoreinfo_count(k->vi); i++) {
		const char *key, *val;
		uint64_t v;

		ksd_vmcoreinfo_entry(k->vi, i, &key, &val);
		if (strncmp(key, "SYMBOL(", 7) != 0 || ksd_parse_u64(val, 16, &v) < 0 ||
		    v < stext || v - stext >= (1ull << 30))
			continue;
		if (v > high)
			high = v;
	}
	if (high)
		aarch64_xlat_set_image(&k->xlat, stext, (high + page) & ~(page - 1));
}

/* A symbol file must describe this very kernel. */
static struct ksd_error *check_stext(struct ksd_kernel *k, const char *what)
{
	const struct ksd_sym *s = ksd_symtab_by_name(k->syms, "_stext");
	uint64_t stext;
	struct ksd_error *err;

	err = ksd_vmcoreinfo_symbol(k->vi, "_stext", &stext);
	if (err) {
		ksd_error_destroy(err);
		return NULL;
	}
	if (!s)
		return ksd_error_create(KSD_ERR_CORRUPT, "%s has no _stext", what);
	if (s->addr != stext)
		return ksd_error_create(KSD_ERR_INVALID_ARG,
					"%s does not match this dump: its _stext is 0x%llx after KASLR, the dump's is 0x%llx",
					what, (unsigned long long)s->addr,
					(unsigned long long)stext);
	return NULL;
}

static struct ksd_error *load_symbols(struct ksd_kernel *k,
				      const struct ksd_kernel_opts *opts)
{
	struct ksd_error *err;
	const char *file = NULL;

	if (opts && opts->vmlinux) {
		file = opts->vmlinux;
		err = ksd_symtab_load_vmlinux(file, k->kaslr_offset, &k->syms);
	} else if (opts && opts->system_map) {
		file = opts->system_map;
		err = ksd_symtab_load_system_map(file, k->kaslr_offset, &k->syms);
	} else if (k->has_xlat) {
		err = ksd_kallsyms_load(&k->kmem, k->vi, &k->syms);
		if (err) {
			k->syms_problem = ksd_error_take_message(err);
			return k->syms_problem ? NULL : &ksd_enomem;
		}
	} else {
		/* Say why: the translation numbers in VMCOREINFO are the cause. */
		if (asprintf(&k->syms_problem, "no address translation to read kallsyms with: %s",
			     k->xlat_problem) < 0)
			k->syms_problem = NULL;
		return k->syms_problem ? NULL : &ksd_enomem;
	}
	if (!err && file) {
		char what[512];

		snprintf(what, sizeof(what), "'%s'", file);
		err = check_stext(k, what);
	}
	return err;
}

struct ksd_error *ksd_kernel_open(struct ksd_dump *dump,
				  const struct ksd_kernel_opts *opts,
				  struct ksd_kernel **ret)
{
	struct ksd_kernel *k = calloc(1, sizeof(*k));
	const struct ksd_sym *text, *end;
	struct ksd_error *err;

	if (!k)
		return &ksd_enomem;
	k->dump = dump;
	k->big_endian = ksd_dump_info(dump)->big_endian;
	err = find_vmcoreinfo(dump, &k->vi);
	if (err)
		goto fail;
	err = ksd_vmcoreinfo_hex(k->vi, "KERNELOFFSET", &k->kaslr_offset);
	ksd_error_destroy(err);
	err = setup_xlat(k);
	if (err) {
		k->xlat_problem = ksd_error_take_message(err);
		if (!k->xlat_problem) {
			err = &ksd_enomem;
			goto fail;
		}
	} else {
		k->has_xlat = true;
		k->kmem = (struct ksd_kmem){
			.read = kmem_read, .arg = k,
			.big_endian = k->big_endian, .ptr_size = 8,
		};
	}
	if (k->has_xlat)
		guess_image(k);
	err = load_symbols(k, opts);
	if (err)
		goto fail;
	if (k->syms && k->has_xlat) {
		text = ksd_symtab_by_name(k->syms, "_text");
		end = ksd_symtab_by_name(k->syms, "_end");
		if (text && end && text->addr < end->addr)
			aarch64_xlat_set_image(&k->xlat, text->addr, end->addr);
	}
	*ret = k;
	return NULL;
fail:
	ksd_kernel_destroy(k);
	return err;
}

void ksd_kernel_destroy(struct ksd_kernel *k)
{
	if (!k)
		return;
	ksd_vmcoreinfo_destroy(k->vi);
	ksd_symtab_destroy(k->syms);
	ksd_modules_destroy(k->mods);
	ksd_btf_destroy(k->btf);
	free(k->btf_problem);
	free(k->mods_problem);
	free(k->xlat_problem);
	free(k->syms_problem);
	free(k);
}

struct ksd_error *ksd_kernel_symbol(const struct ksd_kernel *k,
				    const char *name, uint64_t *ret)
{
	const struct ksd_sym *s = k->syms ? ksd_symtab_by_name(k->syms, name) : NULL;
	struct ksd_error *err;

	if (s) {
		*ret = s->addr;
		return NULL;
	}
	err = ksd_vmcoreinfo_symbol(k->vi, name, ret);
	if (err && err->code == KSD_ERR_NOT_FOUND) {
		ksd_error_destroy(err);
		return ksd_error_create(KSD_ERR_NOT_FOUND,
					"symbol %s is neither in %s nor in VMCOREINFO",
					name, k->syms ? ksd_symtab_source(k->syms) : "any symbol table");
	}
	return err;
}

/* Keep @err's message in *@where; only running out of memory fails. */
static struct ksd_error *keep_problem(struct ksd_error *err, char **where)
{
	*where = ksd_error_take_message(err);
	return *where ? NULL : &ksd_enomem;
}

/* The vmlinux BTF blob, kept in kernel memory between two linker symbols. */
static struct ksd_error *load_btf(struct ksd_kernel *k)
{
	uint64_t start, stop;
	struct ksd_error *err;
	uint8_t *buf;

	err = ksd_kernel_symbol(k, "__start_BTF", &start);
	if (!err)
		err = ksd_kernel_symbol(k, "__stop_BTF", &stop);
	if (err)
		return keep_problem(ksd_error_prefix(err, "no BTF"),
				    &k->btf_problem);
	if (stop <= start || stop - start > KSD_MAX_BTF_BYTES)
		return keep_problem(ksd_error_create(KSD_ERR_CORRUPT,
						     "__start_BTF 0x%llx and __stop_BTF 0x%llx do not bound a BTF blob of at most %u bytes",
						     (unsigned long long)start, (unsigned long long)stop,
						     KSD_MAX_BTF_BYTES),
				    &k->btf_problem);
	buf = malloc(stop - start);
	if (!buf)
		return &ksd_enomem;
	err = ksd_kernel_read(k, start, buf, stop - start);
	if (!err)
		err = ksd_btf_parse(buf, stop - start, "the kernel's BTF", &k->btf);
	free(buf);
	if (err == &ksd_enomem)
		return err;
	return err ? keep_problem(err, &k->btf_problem) : NULL;
}

struct ksd_error *ksd_kernel_modules(struct ksd_kernel *k,
				     struct ksd_modules **ret)
{
	struct ksd_error *err;
	uint64_t head;

	*ret = NULL;
	if (!k->mods_tried) {
		k->mods_tried = true;
		if (!k->has_xlat)
			return keep_problem(ksd_error_create(KSD_ERR_UNSUPPORTED,
							     "no address translation (%s)",
							     k->xlat_problem),
					    &k->mods_problem);
		err = ksd_kernel_symbol(k, "modules", &head);
		if (err)
			return keep_problem(err, &k->mods_problem);
		err = load_btf(k);
		if (!err && k->btf) {
			err = ksd_modules_load(&k->kmem, head, k->btf, &k->mods);
			/* A BTF without the structs we need: probe as without one. */
			if (err && err != &ksd_enomem) {
				err = keep_problem(err, &k->btf_problem);
				ksd_btf_destroy(k->btf);
				k->btf = NULL;
			}
		}
		if (!err && !k->mods)
			err = ksd_modules_load(&k->kmem, head, NULL, &k->mods);
		if (err && err != &ksd_enomem)
			err = keep_problem(ksd_error_prefix(err, "reading the module list"),
					   &k->mods_problem);
		if (err)
			return err;
	}
	*ret = k->mods;
	return NULL;
}

struct ksd_error *ksd_kernel_btf(struct ksd_kernel *k, const struct ksd_btf **ret)
{
	struct ksd_modules *mods;
	struct ksd_error *err = ksd_kernel_modules(k, &mods);

	*ret = err ? NULL : k->btf;
	return err;
}
