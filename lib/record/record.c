// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/record.h"
#include "util/cmdline.h"
#include "util/endian.h"
#include "util/grow.h"
#include "util/limits.h"
#include "util/number.h"

/* Longest LOADER=/OSRELEASE= value kept; utsname fields are 65 bytes. */
#define MAX_STRING 256

static const char *const fw_names[] = {
	[KSD_FW_UNKNOWN] = "unknown", [KSD_FW_NONE] = "none",
	[KSD_FW_DT] = "dt", [KSD_FW_ACPI] = "acpi",
};
static const char *const conduit_names[] = {
	[KSD_CONDUIT_UNKNOWN] = "unknown", [KSD_CONDUIT_SMC] = "smc",
	[KSD_CONDUIT_HVC] = "hvc",
};
static const char *const nmi_names[] = {
	[KSD_NMI_UNKNOWN] = "unknown", [KSD_NMI_ARMED] = "armed",
	[KSD_NMI_UNAVAILABLE] = "unavailable",
};
static const char *const pnmi_names[] = {
	[KSD_PNMI_UNKNOWN] = "unknown", [KSD_PNMI_ON] = "on",
	[KSD_PNMI_OFF] = "off",
};

#define NAME_OF(table, v) \
	((unsigned int)(v) < sizeof(table) / sizeof(table[0]) ? table[v] : "unknown")

const char *ksd_sdei_firmware_name(enum ksd_sdei_firmware fw)
{
	return NAME_OF(fw_names, fw);
}

const char *ksd_sdei_conduit_name(enum ksd_sdei_conduit c)
{
	return NAME_OF(conduit_names, c);
}

const char *ksd_sdei_nmi_name(enum ksd_sdei_nmi nmi)
{
	return NAME_OF(nmi_names, nmi);
}

const char *ksd_pseudo_nmi_name(enum ksd_pseudo_nmi p)
{
	return NAME_OF(pnmi_names, p);
}

/* Index of @s in @table, or 0 ("unknown") when it is not there. */
static int lookup_name(const char *const *table, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (table[i] && strcmp(table[i], s) == 0)
			return (int)i;
	return 0;
}

#define LOOKUP(table, s) lookup_name(table, sizeof(table) / sizeof(table[0]), s)

void ksd_record_init(struct ksd_record *rec)
{
	*rec = (struct ksd_record){ .version = KSD_RECORD_VERSION };
}

void ksd_record_deinit(struct ksd_record *rec)
{
	free(rec->loader);
	free(rec->osrelease);
	free(rec->evidence);
	free(rec->cpus);
	ksd_record_init(rec);
}

static struct ksd_error *set_string(char **field, const char *text)
{
	char *s = strndup(text, MAX_STRING);

	if (!s)
		return &ksd_enomem;
	free(*field);
	*field = s;
	return NULL;
}

struct ksd_error *ksd_record_set_loader(struct ksd_record *rec,
					const char *text)
{
	return set_string(&rec->loader, text);
}

struct ksd_error *ksd_record_set_osrelease(struct ksd_record *rec,
					   const char *text)
{
	return set_string(&rec->osrelease, text);
}

struct ksd_error *ksd_record_set_evidence(struct ksd_record *rec,
					  const char *text)
{
	return set_string(&rec->evidence, text);
}

struct ksd_error *ksd_record_set_cpu(struct ksd_record *rec, unsigned int cpu,
				     uint64_t mpidr, uint64_t notes,
				     uint64_t size)
{
	if (cpu >= KSD_MAX_CPUS)
		return ksd_error_create(KSD_ERR_LIMIT,
					"CPU %u exceeds the limit of %u CPUs (KSD_MAX_CPUS)",
					cpu, KSD_MAX_CPUS);
	if (cpu >= rec->ncpus) {
		struct ksd_record_cpu *v = rec->cpus;

		/*
		 * CPU lines come in ascending order: reallocating for each
		 * one made a record of KSD_MAX_CPUS lines quadratic wherever
		 * realloc() moves the block (minutes under ASan).  Only this
		 * function allocates @cpus, so its room is always
		 * ksd_grow_room(ncpus).
		 */
		if (cpu + 1 > ksd_grow_room(rec->ncpus)) {
			v = reallocarray(v, ksd_grow_room(cpu + 1), sizeof(*v));
			if (!v)
				return &ksd_enomem;
		}
		memset(v + rec->ncpus, 0, (cpu + 1 - rec->ncpus) * sizeof(*v));
		rec->cpus = v;
		rec->ncpus = cpu + 1;
	}
	rec->cpus[cpu] = (struct ksd_record_cpu){
		.present = true, .mpidr = mpidr, .notes = notes, .size = size,
	};
	return NULL;
}

/* A growing string; on allocation failure it remembers and stops. */
struct sbuf {
	char *s;
	size_t len, cap;
	bool failed;
};

static void sbuf_printf(struct sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void sbuf_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->failed)
		return;
	va_start(ap, fmt);
	n = vsnprintf(b->s ? b->s + b->len : NULL, b->s ? b->cap - b->len : 0,
		      fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = true;
		return;
	}
	if (!b->s || b->len + (size_t)n >= b->cap) {
		size_t ncap = (b->cap + (size_t)n + 1) * 2;
		char *ns = realloc(b->s, ncap);

		if (!ns) {
			b->failed = true;
			return;
		}
		b->s = ns;
		b->cap = ncap;
		va_start(ap, fmt);
		vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

struct ksd_error *ksd_record_format(const struct ksd_record *rec, char **ret,
				   size_t *len)
{
	struct sbuf b = { 0 };

	sbuf_printf(&b, "VERSION=%u\n", rec->version);
	if (rec->loader)
		sbuf_printf(&b, "LOADER=%s\n", rec->loader);
	if (rec->osrelease)
		sbuf_printf(&b, "OSRELEASE=%s\n", rec->osrelease);
	if (rec->has_loaded)
		sbuf_printf(&b, "LOADED=%lld\n", (long long)rec->loaded);
	sbuf_printf(&b, "SDEI_FIRMWARE=%s\n", ksd_sdei_firmware_name(rec->firmware));
	sbuf_printf(&b, "SDEI_CONDUIT=%s\n", ksd_sdei_conduit_name(rec->conduit));
	sbuf_printf(&b, "SDEI_NMI=%s\n", ksd_sdei_nmi_name(rec->nmi));
	sbuf_printf(&b, "PSEUDO_NMI=%s\n", ksd_pseudo_nmi_name(rec->pseudo_nmi));
	if (rec->evidence)
		sbuf_printf(&b, "EVIDENCE=%s\n", rec->evidence);
	if (rec->has_nr_cpus)
		sbuf_printf(&b, "NR_CPUS=%u\n", rec->nr_cpus);
	for (unsigned int i = 0; i < rec->ncpus; i++) {
		const struct ksd_record_cpu *c = &rec->cpus[i];

		if (c->present)
			sbuf_printf(&b, "CPU(%u)=mpidr:0x%llx,notes:0x%llx,size:0x%llx\n",
				    i, (unsigned long long)c->mpidr,
				    (unsigned long long)c->notes,
				    (unsigned long long)c->size);
	}
	if (b.failed) {
		free(b.s);
		return &ksd_enomem;
	}
	*ret = b.s;
	*len = b.len;
	return NULL;
}

/* Parse "0x<hex>" exactly, as the CPU lines write them. */
static int parse_hex(const char *s, size_t n, uint64_t *ret)
{
	if (n < 2 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
		return -1;
	return ksd_parse_u64n(s, n, 16, ret);
}

/* The highest VERSION= a record (and v<N> a token) may claim. */
#define MAX_VERSION 1000000u

static int parse_uint(const char *s, uint64_t max, uint64_t *ret)
{
	return ksd_parse_u64(s, 10, ret) < 0 || *ret > max ? -1 : 0;
}

/* "mpidr:0x..,notes:0x..,size:0x.." */
static struct ksd_error *parse_cpu_value(const char *v, uint64_t out[3])
{
	static const char *const keys[3] = { "mpidr:", "notes:", "size:" };
	const char *p = v;

	for (int i = 0; i < 3; i++) {
		size_t klen = strlen(keys[i]), n;

		if (strncmp(p, keys[i], klen) != 0)
			return ksd_error_create(KSD_ERR_CORRUPT,
						"expected '%s' in '%s'", keys[i], v);
		p += klen;
		n = strcspn(p, ",");
		if (parse_hex(p, n, &out[i]) < 0)
			return ksd_error_create(KSD_ERR_CORRUPT,
						"%.*s value '%.*s' is not 0x-prefixed hex",
						(int)klen - 1, keys[i], (int)n, p);
		p += n;
		if (i < 2) {
			if (*p != ',')
				return ksd_error_create(KSD_ERR_CORRUPT,
							"expected ',' after %.*s in '%s'",
							(int)klen - 1, keys[i], v);
			p++;
		}
	}
	if (*p)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"trailing text '%s' in '%s'", p, v);
	return NULL;
}

static struct ksd_error *parse_cpu_line(struct ksd_record *rec,
					const char *key, const char *value)
{
	uint64_t cpu, v[3];
	char num[16];
	size_t n = strlen(key);
	struct ksd_error *err;

	/* key is "CPU(<n>)" */
	if (n < 6 || key[n - 1] != ')' || n - 5 >= sizeof(num))
		return ksd_error_create(KSD_ERR_CORRUPT, "malformed key '%s'", key);
	memcpy(num, key + 4, n - 5);
	num[n - 5] = '\0';
	if (parse_uint(num, KSD_MAX_CPUS - 1, &cpu) < 0)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"CPU number '%s' is not a number below %u",
					num, KSD_MAX_CPUS);
	if (cpu < rec->ncpus && rec->cpus[cpu].present)
		return ksd_error_create(KSD_ERR_CORRUPT, "CPU(%llu) is given twice",
					(unsigned long long)cpu);
	err = parse_cpu_value(value, v);
	if (err)
		return err;
	return ksd_record_set_cpu(rec, (unsigned int)cpu, v[0], v[1], v[2]);
}

static struct ksd_error *parse_line(struct ksd_record *rec, char *line,
				    bool *saw_version)
{
	uint64_t u;
	char *value = strchr(line, '=');

	if (!value)
		return line[0] ? ksd_error_create(KSD_ERR_CORRUPT,
						  "no '=' in '%s'", line) : NULL;
	*value++ = '\0';
	if (strcmp(line, "VERSION") == 0) {
		if (parse_uint(value, MAX_VERSION, &u) < 0 || u == 0)
			return ksd_error_create(KSD_ERR_CORRUPT,
						"VERSION '%s' is not a positive number", value);
		rec->version = (unsigned int)u;
		*saw_version = true;
	} else if (strcmp(line, "LOADER") == 0) {
		return ksd_record_set_loader(rec, value);
	} else if (strcmp(line, "OSRELEASE") == 0) {
		return ksd_record_set_osrelease(rec, value);
	} else if (strcmp(line, "LOADED") == 0) {
		if (parse_uint(value, INT64_MAX, &u) < 0)
			return ksd_error_create(KSD_ERR_CORRUPT,
						"LOADED '%s' is not a unix time", value);
		rec->has_loaded = true;
		rec->loaded = (int64_t)u;
	} else if (strcmp(line, "SDEI_FIRMWARE") == 0) {
		rec->firmware = LOOKUP(fw_names, value);
	} else if (strcmp(line, "SDEI_CONDUIT") == 0) {
		rec->conduit = LOOKUP(conduit_names, value);
	} else if (strcmp(line, "SDEI_NMI") == 0) {
		rec->nmi = LOOKUP(nmi_names, value);
	} else if (strcmp(line, "PSEUDO_NMI") == 0) {
		rec->pseudo_nmi = LOOKUP(pnmi_names, value);
	} else if (strcmp(line, "EVIDENCE") == 0) {
		return ksd_record_set_evidence(rec, value);
	} else if (strcmp(line, "NR_CPUS") == 0) {
		if (parse_uint(value, KSD_MAX_CPUS, &u) < 0)
			return ksd_error_create(KSD_ERR_CORRUPT,
						"NR_CPUS '%s' is not a number up to %u",
						value, KSD_MAX_CPUS);
		rec->has_nr_cpus = true;
		rec->nr_cpus = (unsigned int)u;
	} else if (strncmp(line, "CPU(", 4) == 0) {
		return parse_cpu_line(rec, line, value);
	}
	return NULL;
}

/* One CPU line, as check_cpus() sorts them. */
struct cpu_key {
	uint64_t key, size;
	unsigned int cpu;
};

static int cmp_key(const void *a, const void *b)
{
	const struct cpu_key *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->cpu < y->cpu ? -1 : x->cpu > y->cpu;
}

/* The CPU lines present, keyed by MPIDR (@by_notes false) or buffer. */
static size_t cpu_keys(const struct ksd_record *rec, struct cpu_key *v,
		       bool by_notes)
{
	size_t n = 0;

	for (unsigned int i = 0; i < rec->ncpus; i++) {
		const struct ksd_record_cpu *c = &rec->cpus[i];

		if (!c->present)
			continue;
		v[n++] = (struct cpu_key){
			.key = by_notes ? c->notes : c->mpidr,
			.size = c->size, .cpu = i,
		};
	}
	qsort(v, n, sizeof(*v), cmp_key);
	return n;
}

/*
 * Lines that contradict each other: no two CPUs have one MPIDR (it is
 * the hardware's affinity identifier) and no two crash_notes buffers
 * overlap (each is a per-CPU allocation), so a record saying otherwise
 * is damaged and none of its CPU map can be trusted.  Sorting keeps this
 * O(n log n) for KSD_MAX_CPUS lines.
 */
static struct ksd_error *check_cpus(const struct ksd_record *rec)
{
	struct ksd_error *err = NULL;
	struct cpu_key *v;
	size_t n;

	if (!rec->ncpus)
		return NULL;
	v = calloc(rec->ncpus, sizeof(*v));
	if (!v)
		return &ksd_enomem;
	n = cpu_keys(rec, v, false);
	for (size_t i = 1; i < n && !err; i++)
		if (v[i].key == v[i - 1].key)
			err = ksd_error_create(KSD_ERR_CORRUPT,
					       "SDEI record: CPU(%u) has the MPIDR 0x%llx of CPU(%u)",
					       v[i].cpu, (unsigned long long)v[i].key,
					       v[i - 1].cpu);
	n = err ? 0 : cpu_keys(rec, v, true);
	for (size_t i = 0; i < n && !err; i++) {
		if (v[i].size > UINT64_MAX - v[i].key)
			err = ksd_error_create(KSD_ERR_CORRUPT,
					       "SDEI record: CPU(%u)'s crash_notes buffer (0x%llx bytes at 0x%llx) wraps past the end of the address space",
					       v[i].cpu, (unsigned long long)v[i].size,
					       (unsigned long long)v[i].key);
		else if (i && v[i - 1].key + v[i - 1].size > v[i].key)
			err = ksd_error_create(KSD_ERR_CORRUPT,
					       "SDEI record: the crash_notes buffers of CPU(%u) (0x%llx bytes at 0x%llx) and CPU(%u) (at 0x%llx) overlap",
					       v[i - 1].cpu, (unsigned long long)v[i - 1].size,
					       (unsigned long long)v[i - 1].key, v[i].cpu,
					       (unsigned long long)v[i].key);
	}
	free(v);
	return err;
}

struct ksd_error *ksd_record_parse(const char *text, size_t len,
				   struct ksd_record *rec)
{
	bool saw_version = false;
	struct ksd_error *err = NULL;
	unsigned int lineno = 0;
	char *copy, *line, *next;

	if (len > KSD_MAX_RECORD_BYTES)
		return ksd_error_create(KSD_ERR_LIMIT,
					"SDEI record is %zu bytes, more than the limit of %u (KSD_MAX_RECORD_BYTES)",
					len, KSD_MAX_RECORD_BYTES);
	len = strnlen(text, len);
	copy = strndup(text, len);
	if (!copy)
		return &ksd_enomem;
	for (line = copy; line && !err; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		err = parse_line(rec, line, &saw_version);
	}
	free(copy);
	if (err)
		return ksd_error_prefix(err, "SDEI record line %u", lineno);
	if (!saw_version)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"SDEI record has no VERSION line");
	return check_cpus(rec);
}

struct ksd_error *ksd_record_note(const struct ksd_record *rec,
				  bool big_endian, uint8_t **ret, size_t *len)
{
	static const char name[] = KSD_RECORD_NOTE_NAME;
	size_t namesz = sizeof(name), textlen, total, descsz;
	struct ksd_error *err;
	uint8_t *note;
	char *text;

	err = ksd_record_format(rec, &text, &textlen);
	if (err)
		return err;
	/* The descriptor keeps a NUL so a reader can treat it as a string. */
	descsz = textlen + 1;
	total = 12 + ((namesz + 3) & ~3ul) + ((descsz + 3) & ~3ul);
	note = calloc(1, total);
	if (!note) {
		free(text);
		return &ksd_enomem;
	}
	ksd_store32(note, (uint32_t)namesz, big_endian);
	ksd_store32(note + 4, (uint32_t)descsz, big_endian);
	ksd_store32(note + 8, KSD_RECORD_NOTE_TYPE, big_endian);
	memcpy(note + 12, name, namesz);
	memcpy(note + 12 + ((namesz + 3) & ~3ul), text, textlen);
	free(text);
	*ret = note;
	*len = total;
	return NULL;
}

int ksd_record_token_format(const struct ksd_record *rec, char *buf,
			    size_t len)
{
	return snprintf(buf, len, KSD_RECORD_TOKEN "v%u,%s-%s,%s,pnmi-%s",
			rec->version, ksd_sdei_firmware_name(rec->firmware),
			ksd_sdei_conduit_name(rec->conduit),
			ksd_sdei_nmi_name(rec->nmi),
			ksd_pseudo_nmi_name(rec->pseudo_nmi));
}

static struct ksd_error *parse_token_value(const char *v, struct ksd_record *rec)
{
	char fw[16], conduit[16], nmi[16], pnmi[16];
	size_t digits = v[0] == 'v' ? strspn(v + 1, "0123456789") : 0;
	uint64_t version;
	int used = 0;

	/*
	 * The version strictly, as the text form's VERSION= is read: %u
	 * would take "v-2" for 4294967294 and "v 1" for 1, and the record
	 * would then say a version its text form cannot carry.
	 */
	if (!digits || ksd_parse_u64n(v + 1, digits, 10, &version) < 0 ||
	    sscanf(v + 1 + digits, ",%15[a-z]-%15[a-z],%15[a-z],pnmi-%15[a-z]%n",
		   fw, conduit, nmi, pnmi, &used) != 4 || v[1 + digits + used])
		return ksd_error_create(KSD_ERR_CORRUPT,
					"malformed " KSD_RECORD_TOKEN " token '%.80s'", v);
	if (version == 0 || version > MAX_VERSION)
		return ksd_error_create(KSD_ERR_CORRUPT,
					KSD_RECORD_TOKEN " token has version %llu, not 1 to %u",
					(unsigned long long)version, MAX_VERSION);
	rec->version = (unsigned int)version;
	rec->firmware = LOOKUP(fw_names, fw);
	rec->conduit = LOOKUP(conduit_names, conduit);
	rec->nmi = LOOKUP(nmi_names, nmi);
	rec->pseudo_nmi = LOOKUP(pnmi_names, pnmi);
	rec->from_token = true;
	return NULL;
}

struct ksd_error *ksd_record_token_parse(const char *cmdline,
					 struct ksd_record *rec)
{
	/* "v1,dt-smc,armed,pnmi-off" and room to say a longer one is wrong. */
	char v[96];
	const char *val;
	size_t vlen;

	/* Split as the kernel splits; its last occurrence wins, as here. */
	if (!ksd_cmdline_get(cmdline, KSD_RECORD_PARAM, &val, &vlen) || !val)
		return ksd_error_create(KSD_ERR_NOT_FOUND,
					"no " KSD_RECORD_TOKEN " token on the command line");
	if (vlen >= sizeof(v))
		return ksd_error_create(KSD_ERR_CORRUPT,
					"malformed " KSD_RECORD_TOKEN " token: its value is %zu bytes long",
					vlen);
	memcpy(v, val, vlen);
	v[vlen] = '\0';
	return parse_token_value(v, rec);
}
