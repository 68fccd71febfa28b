// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The module list (kernel/module/main.c, kernel/module/kallsyms.c):
 *
 *   struct module {
 *     enum module_state state;        +0   LIVE 0, COMING 1, GOING 2, UNFORMED 3
 *     struct list_head list;          +8   on `modules`
 *     char name[MODULE_NAME_LEN];     +24
 *     ...
 *     struct module_memory mem[];     6.4+: {void *base; unsigned int size; ...}
 *                                     MOD_TEXT = 0, MOD_INIT_TEXT = 4
 *     (before 6.4: struct module_layout core_layout, init_layout:
 *      {void *base; unsigned int size, text_size; ...})
 *     ...
 *     struct mod_kallsyms *kallsyms;  the table in use
 *     struct mod_kallsyms core_kallsyms;  what it points to once live
 *   };
 *   struct mod_kallsyms { Elf_Sym *symtab; unsigned int num_symtab;
 *                         char *strtab; char *typetab; };
 *   Elf64_Sym: u32 st_name, u8 st_info, u8 st_other, u16 st_shndx,
 *              u64 st_value, u64 st_size (24 bytes)
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/modules.h"
#include "util/endian.h"

#define MOD_TEXT	0
#define MOD_INIT_TEXT	4
#define ELF64_SYM_SIZE	24
#define STT_FUNC	2
#define KSYM_NAME_LEN	512
/* Bytes of struct module searched when probing (6.12 arm64: about 1 KiB). */
#define PROBE_SPAN	4096u
/* sizeof(struct module) accepted from BTF. */
#define MAX_STRUCT	65536u
/* A module's text region larger than this is not believed. */
#define MAX_TEXT	(1ull << 30)

struct layout {
	bool probed;
	uint64_t span;
	uint64_t state, list, name;
	bool has_text, has_init;
	uint64_t text_base, text_size, init_base, init_size;
	unsigned int size_len;
	uint64_t kallsyms;
	uint64_t ks_symtab, ks_num, ks_strtab;
	unsigned int ks_num_len;
};

struct ksd_modules {
	const struct ksd_kmem *m;
	struct layout l;
	struct ksd_module *mods;
	size_t n;
	char *problem;
};

static uint64_t get(const struct ksd_kmem *m, const uint8_t *buf, uint64_t off,
		    unsigned int len)
{
	switch (len) {
	case 4:
		return ksd_load32(buf + off, m->big_endian);
	case 8:
		return ksd_load64(buf + off, m->big_endian);
	default:
		return 0;
	}
}

/* ---- layouts ---- */

static struct ksd_error *member(const struct ksd_btf *b, const char *s,
				const char *name, struct ksd_btf_member *r)
{
	return ksd_btf_member(b, s, name, r);
}

static struct ksd_error *btf_regions(const struct ksd_btf *b, struct layout *l)
{
	struct ksd_btf_member mem, base, size, core, init;
	struct ksd_error *err;

	err = member(b, "module", "mem", &mem);
	if (!err) {
		/* 6.4+ (commit ac3b43283923 "module: replace module_layout with module_memory") */
		err = member(b, "module_memory", "base", &base);
		if (!err)
			err = member(b, "module_memory", "size", &size);
		if (err)
			return err;
		if (!mem.is_array || mem.nelems <= MOD_INIT_TEXT || !mem.elem_size)
			return ksd_error_create(KSD_ERR_CORRUPT,
						"BTF: module.mem is not an array of at least %d module_memory",
						MOD_INIT_TEXT + 1);
		l->text_base = mem.offset + base.offset;
		l->text_size = mem.offset + size.offset;
		l->init_base = l->text_base + MOD_INIT_TEXT * mem.elem_size;
		l->init_size = l->text_size + MOD_INIT_TEXT * mem.elem_size;
	} else if (err->code == KSD_ERR_NOT_FOUND) {
		ksd_error_destroy(err);
		err = member(b, "module", "core_layout", &core);
		if (!err)
			err = member(b, "module", "init_layout", &init);
		if (!err)
			err = member(b, "module_layout", "base", &base);
		if (!err)
			err = member(b, "module_layout", "text_size", &size);
		if (err)
			return err;
		l->text_base = core.offset + base.offset;
		l->text_size = core.offset + size.offset;
		l->init_base = init.offset + base.offset;
		l->init_size = init.offset + size.offset;
	} else {
		return err;
	}
	if (base.size != 8 || (size.size != 4 && size.size != 8))
		return ksd_error_create(KSD_ERR_CORRUPT, "BTF: module text base/size of %llu/%llu bytes",
					(unsigned long long)base.size,
					(unsigned long long)size.size);
	l->size_len = (unsigned int)size.size;
	l->has_text = l->has_init = true;
	return NULL;
}

static struct ksd_error *btf_layout(const struct ksd_btf *b, struct layout *l)
{
	struct ksd_btf_member state, list, name, ks, symtab, num, strtab;
	struct ksd_error *err;
	uint64_t size;
	uint32_t id;

	err = ksd_btf_struct(b, "module", &id, &size);
	if (!err)
		err = member(b, "module", "state", &state);
	if (!err)
		err = member(b, "module", "list", &list);
	if (!err)
		err = member(b, "module", "name", &name);
	if (!err)
		err = member(b, "module", "kallsyms", &ks);
	if (!err)
		err = member(b, "mod_kallsyms", "symtab", &symtab);
	if (!err)
		err = member(b, "mod_kallsyms", "num_symtab", &num);
	if (!err)
		err = member(b, "mod_kallsyms", "strtab", &strtab);
	if (!err)
		err = btf_regions(b, l);
	if (err)
		return err;
	if (size > MAX_STRUCT || state.size != 4 || name.size == 0 ||
	    ks.size != 8 || symtab.size != 8 || strtab.size != 8 ||
	    (num.size != 4 && num.size != 8) ||
	    state.offset + 4 > size || list.offset + 16 > size ||
	    name.offset + name.size > size || ks.offset + 8 > size ||
	    l->text_base + 8 > size || l->init_size + l->size_len > size)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"BTF: struct module (%llu bytes) has members of unexpected sizes or beyond its end",
					(unsigned long long)size);
	l->span = size;
	l->state = state.offset;
	l->list = list.offset;
	l->name = name.offset;
	l->kallsyms = ks.offset;
	l->ks_symtab = symtab.offset;
	l->ks_num = num.offset;
	l->ks_num_len = (unsigned int)num.size;
	l->ks_strtab = strtab.offset;
	return NULL;
}

/* The fields struct module has begun with since 2.6; the rest is probed. */
static void probe_layout(struct layout *l)
{
	*l = (struct layout){
		.probed = true, .span = PROBE_SPAN,
		.state = 0, .list = 8, .name = 24,
		.ks_symtab = 0, .ks_num = 8, .ks_num_len = 4, .ks_strtab = 16,
	};
}

/* ---- one module ---- */

/*
 * Read struct module at @addr: all of it with BTF, else as much of the
 * probe span as is mapped (it may end at an unmapped page).
 */
static struct ksd_error *read_struct(const struct ksd_modules *mods, uint64_t addr,
				     uint8_t *buf, uint64_t *got)
{
	const struct layout *l = &mods->l;
	struct ksd_error *err;
	uint64_t done = 0;

	if (!l->probed) {
		*got = l->span;
		return ksd_kmem_read(mods->m, addr, buf, l->span);
	}
	while (done < l->span) {
		uint64_t n = 4096 - ((addr + done) & 4095);

		if (n > l->span - done)
			n = l->span - done;
		err = ksd_kmem_read(mods->m, addr + done, buf + done, n);
		if (err && done < 64)
			return err;
		if (err) {
			/* What was read holds list and name; the probe stops there. */
			ksd_error_destroy(err);
			break;
		}
		done += n;
	}
	memset(buf + done, 0, l->span - done);
	*got = done;
	return NULL;
}

/*
 * Probe: the kallsyms pointer is followed by core_kallsyms, which it
 * points to once the module is live: the one word equal to its own
 * address plus 8 whose target looks like a mod_kallsyms.
 */
static bool probe_kallsyms(const struct ksd_modules *mods, uint64_t addr,
			   const uint8_t *buf, uint64_t got, uint64_t *ret)
{
	for (uint64_t o = 80; o + 8 + 24 <= got; o += 8) {
		uint64_t symtab, num, strtab;

		if (get(mods->m, buf, o, 8) != addr + o + 8)
			continue;
		symtab = get(mods->m, buf, o + 8, 8);
		num = get(mods->m, buf, o + 16, 4);
		strtab = get(mods->m, buf, o + 24, 8);
		if (symtab && !(symtab & 7) && strtab && num && num <= KSD_MAX_MODULE_SYMS) {
			*ret = o;
			return true;
		}
	}
	return false;
}

static bool is_mapping_symbol(const char *s)
{
	/* As the kernel's is_mapping_symbol(): "$x", "$d", ".L..", "L0.." */
	return s[0] == '$' || (s[0] == '.' && s[1] == 'L') || (s[0] == 'L' && s[1] == '0');
}

static int sym_cmp(const void *x, const void *y)
{
	const struct ksd_module_sym *a = x, *b = y;

	if (a->addr != b->addr)
		return a->addr < b->addr ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

/* Read [va, va + len) until the first unreadable page; returns bytes read. */
static size_t read_some(const struct ksd_kmem *m, uint64_t va, uint8_t *buf,
			size_t len)
{
	size_t done = 0;

	while (done < len) {
		size_t n = 4096 - ((va + done) & 4095);
		struct ksd_error *err;

		if (n > len - done)
			n = len - done;
		err = ksd_kmem_read(m, va + done, buf + done, n);
		if (err) {
			ksd_error_destroy(err);
			break;
		}
		done += n;
	}
	return done;
}

/* Record why something could not be read: only running out of memory fails. */
static struct ksd_error *problem(char **where, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static struct ksd_error *problem(char **where, const char *fmt, ...)
{
	va_list ap;
	int n;

	free(*where);
	va_start(ap, fmt);
	n = vasprintf(where, fmt, ap);
	va_end(ap);
	if (n < 0) {
		*where = NULL;
		return &ksd_enomem;
	}
	return NULL;
}

/* Keep the defined, named symbols; names come from the strtab copy @st. */
static struct ksd_error *keep_syms(const struct ksd_kmem *m, struct ksd_module *mod,
				   const uint8_t *tab, uint64_t num,
				   const uint8_t *st, size_t stlen)
{
	mod->syms = calloc(num ? num : 1, sizeof(*mod->syms));
	if (!mod->syms)
		return &ksd_enomem;
	for (uint64_t i = 1; i < num; i++) {
		const uint8_t *s = tab + ELF64_SYM_SIZE * i;
		uint32_t name = ksd_load32(s, m->big_endian);
		const char *p = (const char *)st + name;
		size_t n;

		if (ksd_load16(s + 6, m->big_endian) == 0 || name >= stlen)
			continue;	/* undefined, or a name we could not read */
		n = strnlen(p, stlen - name < KSYM_NAME_LEN ? stlen - name : KSYM_NAME_LEN);
		if (n == 0 || n == KSYM_NAME_LEN || name + n >= stlen || is_mapping_symbol(p))
			continue;
		mod->syms[mod->nsyms] = (struct ksd_module_sym){
			.addr = ksd_load64(s + 8, m->big_endian),
			.elf_size = ksd_load64(s + 16, m->big_endian),
			.elf_info = s[4],
			.index = (uint32_t)i,
			.name = strndup(p, n),
		};
		if (!mod->syms[mod->nsyms].name)
			return &ksd_enomem;
		mod->nsyms++;
	}
	qsort(mod->syms, mod->nsyms, sizeof(*mod->syms), sym_cmp);
	return NULL;
}

static struct ksd_error *load_syms(struct ksd_modules *mods, struct ksd_module *mod)
{
	const struct ksd_kmem *m = mods->m;
	uint8_t ks[32], *tab = NULL, *st = NULL;
	uint64_t symtab, num, strtab, max_name = 0;
	struct ksd_error *err;
	size_t stlen;

	mod->syms_loaded = true;
	if (!mod->kallsyms)
		return problem(&mod->syms_problem, "its kallsyms pointer is NULL");
	err = ksd_kmem_read(m, mod->kallsyms, ks, sizeof(ks));
	if (err) {
		err = ksd_error_prefix(err, "its mod_kallsyms at 0x%llx",
				       (unsigned long long)mod->kallsyms);
		mod->syms_problem = ksd_error_take_message(err);
		return mod->syms_problem ? NULL : &ksd_enomem;
	}
	if (mods->l.ks_strtab + 8 > sizeof(ks) || mods->l.ks_symtab + 8 > sizeof(ks) ||
	    mods->l.ks_num + mods->l.ks_num_len > sizeof(ks))
		return problem(&mod->syms_problem, "struct mod_kallsyms larger than %zu bytes",
			       sizeof(ks));
	symtab = get(m, ks, mods->l.ks_symtab, 8);
	num = get(m, ks, mods->l.ks_num, mods->l.ks_num_len);
	strtab = get(m, ks, mods->l.ks_strtab, 8);
	if (num > KSD_MAX_MODULE_SYMS)
		return problem(&mod->syms_problem, "num_symtab %llu is over KSD_MAX_MODULE_SYMS (%u)",
			       (unsigned long long)num, KSD_MAX_MODULE_SYMS);
	tab = malloc(num ? num * ELF64_SYM_SIZE : 1);
	if (!tab)
		return &ksd_enomem;
	err = ksd_kmem_read(m, symtab, tab, num * ELF64_SYM_SIZE);
	if (err) {
		free(tab);
		err = ksd_error_prefix(err, "its symtab (%llu symbols at 0x%llx)",
				       (unsigned long long)num, (unsigned long long)symtab);
		mod->syms_problem = ksd_error_take_message(err);
		return mod->syms_problem ? NULL : &ksd_enomem;
	}
	for (uint64_t i = 1; i < num; i++) {
		uint32_t name = ksd_load32(tab + ELF64_SYM_SIZE * i, m->big_endian);

		if (name > max_name)
			max_name = name;
	}
	if (max_name + KSYM_NAME_LEN > KSD_MAX_MODULE_STRTAB) {
		free(tab);
		return problem(&mod->syms_problem,
			       "a symbol name at strtab offset %llu, over KSD_MAX_MODULE_STRTAB (%u)",
			       (unsigned long long)max_name, KSD_MAX_MODULE_STRTAB);
	}
	st = malloc(max_name + KSYM_NAME_LEN);
	if (!st) {
		free(tab);
		return &ksd_enomem;
	}
	/* Names near the end of the table may run into an unmapped page. */
	stlen = read_some(m, strtab, st, max_name + KSYM_NAME_LEN);
	err = keep_syms(m, mod, tab, num, st, stlen);
	free(tab);
	free(st);
	if (!err && !mod->nsyms)
		err = problem(&mod->syms_problem, "none of its %llu symbols could be read",
			      (unsigned long long)num);
	return err;
}

/*
 * Probe the core text region: the first {base, size} word pair before
 * the kallsyms pointer holding every function symbol; failing that, the
 * span of the function symbols themselves.
 */
static void probe_text(const struct ksd_modules *mods, struct ksd_module *mod,
		       const uint8_t *buf, uint64_t ks_off)
{
	uint64_t lo = UINT64_MAX, hi = 0;

	for (size_t i = 0; i < mod->nsyms; i++) {
		const struct ksd_module_sym *s = &mod->syms[i];

		if ((s->elf_info & 0xf) != STT_FUNC || !s->elf_size || s->elf_size >= MAX_TEXT)
			continue;
		if (s->addr < lo)
			lo = s->addr;
		if (s->addr + s->elf_size > hi)
			hi = s->addr + s->elf_size;
	}
	if (lo >= hi)
		return;
	for (uint64_t o = 80; o + 12 <= ks_off; o += 8) {
		uint64_t base = get(mods->m, buf, o, 8), size = get(mods->m, buf, o + 8, 4);

		if (base && !(base & 4095) && size && size <= MAX_TEXT &&
		    base <= lo && hi <= base + size) {
			mod->text_lo = base;
			mod->text_hi = base + size;
			return;
		}
	}
	mod->text_lo = lo;
	mod->text_hi = hi;
}

static void set_region(uint64_t base, uint64_t size, uint64_t *lo, uint64_t *hi)
{
	if (base && size && size <= MAX_TEXT && base + size > base) {
		*lo = base;
		*hi = base + size;
	}
}

static struct ksd_error *add_module(struct ksd_modules *mods, uint64_t addr,
				    const uint8_t *buf, uint64_t got)
{
	const struct layout *l = &mods->l;
	struct ksd_module *mod;
	uint64_t ks_off = l->kallsyms;
	struct ksd_error *err;

	if (!(mods->n & (mods->n - 1)) || !mods->n) {
		struct ksd_module *p = realloc(mods->mods, (mods->n ? 2 * mods->n : 8) * sizeof(*p));

		if (!p)
			return &ksd_enomem;
		mods->mods = p;
	}
	mod = &mods->mods[mods->n++];
	*mod = (struct ksd_module){ .addr = addr };
	memcpy(mod->name, buf + l->name, KSD_MODULE_NAME_LEN);
	mod->name[KSD_MODULE_NAME_LEN] = '\0';
	for (char *c = mod->name; *c; c++)
		if (*c < 0x20 || *c > 0x7e)
			*c = '?';	/* a name is printed: no control bytes */
	if (!l->probed) {
		mod->kallsyms = get(mods->m, buf, l->kallsyms, 8);
		set_region(get(mods->m, buf, l->text_base, 8),
			   get(mods->m, buf, l->text_size, l->size_len),
			   &mod->text_lo, &mod->text_hi);
		set_region(get(mods->m, buf, l->init_base, 8),
			   get(mods->m, buf, l->init_size, l->size_len),
			   &mod->init_lo, &mod->init_hi);
		return NULL;
	}
	if (!probe_kallsyms(mods, addr, buf, got, &ks_off))
		return problem(&mod->syms_problem,
			       "no kallsyms pointer found in its first %llu bytes (no BTF to say where)",
			       (unsigned long long)got);
	mod->kallsyms = addr + ks_off + 8;
	err = load_syms(mods, mod);
	if (!err)
		probe_text(mods, mod, buf, ks_off);
	return err;
}

/* ---- the list ---- */

static bool seen(const uint64_t *v, size_t n, uint64_t x)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

static struct ksd_error *walk(struct ksd_modules *mods, uint64_t head)
{
	const struct ksd_kmem *m = mods->m;
	const struct layout *l = &mods->l;
	uint64_t *visited = NULL, prev = head, node, got;
	uint8_t hb[16], *buf;
	struct ksd_error *err;
	size_t nvisited = 0;

	err = ksd_kmem_read(m, head, hb, sizeof(hb));
	if (err)
		return ksd_error_prefix(err, "the modules list head at 0x%llx",
					(unsigned long long)head);
	node = ksd_load64(hb, m->big_endian);
	buf = malloc(l->span);
	visited = malloc(KSD_MAX_MODULES * sizeof(*visited));
	if (!buf || !visited) {
		err = &ksd_enomem;
		goto out;
	}
	while (node != head) {
		uint64_t addr = node - l->list, next, back;

		if (nvisited == KSD_MAX_MODULES) {
			err = problem(&mods->problem, "more than KSD_MAX_MODULES (%u) modules; stopped at 0x%llx",
				      KSD_MAX_MODULES, (unsigned long long)node);
			break;
		}
		/* A loop that misses the head: each entry is entered once. */
		if (seen(visited, nvisited, node)) {
			err = problem(&mods->problem, "the list loops back to 0x%llx after %zu entries",
				      (unsigned long long)node, nvisited);
			break;
		}
		visited[nvisited++] = node;
		err = read_struct(mods, addr, buf, &got);
		if (err) {
			err = ksd_error_prefix(err, "struct module at 0x%llx", (unsigned long long)addr);
			mods->problem = ksd_error_take_message(err);
			err = mods->problem ? NULL : &ksd_enomem;
			break;
		}
		next = get(m, buf, l->list, 8);
		back = get(m, buf, l->list + 8, 8);
		if (back != prev) {
			err = problem(&mods->problem, "entry 0x%llx does not point back to 0x%llx (list corrupt)",
				      (unsigned long long)node, (unsigned long long)prev);
			break;
		}
		/* MODULE_STATE_UNFORMED: still being loaded, nothing to read yet. */
		if (get(m, buf, l->state, 4) != 3) {
			err = add_module(mods, addr, buf, got);
			if (err)
				break;
		}
		prev = node;
		node = next;
	}
out:
	free(buf);
	free(visited);
	return err;
}

struct ksd_error *ksd_modules_load(const struct ksd_kmem *m, uint64_t head,
				   const struct ksd_btf *btf,
				   struct ksd_modules **ret)
{
	struct ksd_modules *mods = calloc(1, sizeof(*mods));
	struct ksd_error *err;

	if (!mods)
		return &ksd_enomem;
	mods->m = m;
	if (btf) {
		err = btf_layout(btf, &mods->l);
		if (err) {
			ksd_modules_destroy(mods);
			return ksd_error_prefix(err, "struct module layout");
		}
	} else {
		probe_layout(&mods->l);
	}
	err = walk(mods, head);
	if (err) {
		ksd_modules_destroy(mods);
		return err;
	}
	*ret = mods;
	return NULL;
}

void ksd_modules_destroy(struct ksd_modules *mods)
{
	if (!mods)
		return;
	for (size_t i = 0; i < mods->n; i++) {
		for (size_t j = 0; j < mods->mods[i].nsyms; j++)
			free(mods->mods[i].syms[j].name);
		free(mods->mods[i].syms);
		free(mods->mods[i].syms_problem);
	}
	free(mods->mods);
	free(mods->problem);
	free(mods);
}

size_t ksd_modules_count(const struct ksd_modules *mods)
{
	return mods->n;
}

struct ksd_module *ksd_modules_at(struct ksd_modules *mods, size_t i)
{
	return i < mods->n ? &mods->mods[i] : NULL;
}

const char *ksd_modules_layout_source(const struct ksd_modules *mods)
{
	return mods->l.probed ? "probed" : "BTF";
}

const char *ksd_modules_problem(const struct ksd_modules *mods)
{
	return mods->problem;
}

struct ksd_module *ksd_modules_find(struct ksd_modules *mods, uint64_t addr)
{
	for (size_t i = 0; i < mods->n; i++) {
		struct ksd_module *mod = &mods->mods[i];

		if ((addr >= mod->text_lo && addr < mod->text_hi) ||
		    (addr >= mod->init_lo && addr < mod->init_hi))
			return mod;
	}
	return NULL;
}

struct ksd_error *ksd_module_symbol(struct ksd_modules *mods,
				    struct ksd_module *mod, uint64_t addr,
				    const char **name, uint64_t *off,
				    uint64_t *size)
{
	bool init = addr >= mod->init_lo && addr < mod->init_hi;
	uint64_t lo = init ? mod->init_lo : mod->text_lo;
	uint64_t hi = init ? mod->init_hi : mod->text_hi;
	size_t l = 0, r, best;
	struct ksd_error *err;
	uint64_t next;

	*name = NULL;
	if (!mod->syms_loaded) {
		err = load_syms(mods, mod);
		if (err)
			return err;
	}
	/* The last symbol at or below addr, then the first of its address. */
	r = mod->nsyms;
	while (l < r) {
		size_t mid = l + (r - l) / 2;

		if (mod->syms[mid].addr <= addr)
			l = mid + 1;
		else
			r = mid;
	}
	if (l == 0)
		return NULL;
	best = l - 1;
	while (best > 0 && mod->syms[best - 1].addr == mod->syms[best].addr)
		best--;
	if (mod->syms[best].addr < lo)
		return NULL;
	next = hi ? hi : UINT64_MAX;
	if (l < mod->nsyms && mod->syms[l].addr < next)
		next = mod->syms[l].addr;
	if (next == UINT64_MAX)
		next = mod->syms[best].addr + mod->syms[best].elf_size;
	if (addr >= next)
		return NULL;
	*off = addr - mod->syms[best].addr;
	*size = next - mod->syms[best].addr;
	*name = mod->syms[best].name;
	return NULL;
}
