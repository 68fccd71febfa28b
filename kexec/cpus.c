// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpus.h"
#include "util/limits.h"
#include "util/number.h"

void cpu_map_deinit(struct cpu_map *m)
{
	free(m->cpus);
	memset(m, 0, sizeof(*m));
}

const char *mpidr_source_name(enum mpidr_source s)
{
	switch (s) {
	case MPIDR_FROM_LOG:  return "log";
	case MPIDR_FROM_DT:   return "dt";
	case MPIDR_FROM_ACPI: return "acpi";
	case MPIDR_UNKNOWN:   break;
	}
	return "unknown";
}

/* A CPU number at *@p, below KSD_MAX_CPUS; *@p moves past its digits. */
static int parse_num(const char **p, unsigned long *ret)
{
	size_t n = strspn(*p, "0123456789");
	uint64_t v;

	if (ksd_parse_u64n(*p, n, 10, &v) < 0 || v >= KSD_MAX_CPUS)
		return -1;
	*ret = (unsigned long)v;
	*p += n;
	return 0;
}

struct ksd_error *cpulist_parse(const char *text, const char *what,
				unsigned int **ret, unsigned int *n)
{
	unsigned int *v = NULL, count = 0, cap = 0;
	const char *p = text;
	unsigned long lo, hi;

	while (*p && *p != '\n') {
		if (parse_num(&p, &lo) < 0)
			goto bad;
		hi = lo;
		if (*p == '-') {
			p++;
			if (parse_num(&p, &hi) < 0 || hi < lo)
				goto bad;
		}
		for (unsigned long c = lo; c <= hi; c++) {
			unsigned int *nv;

			if (count && c <= v[count - 1])
				goto bad;	/* not ascending */
			/*
			 * Grow by doubling: one realloc per CPU made "0-65535"
			 * cost 65536 copies of a growing array (seconds, and
			 * gigabytes under ASan; the cpus fuzz harness).
			 */
			if (count == cap) {
				cap = cap ? 2 * cap : 64;
				nv = reallocarray(v, cap, sizeof(*v));
				if (!nv) {
					free(v);
					return &ksd_enomem;
				}
				v = nv;
			}
			v[count++] = (unsigned int)c;
		}
		if (*p == ',')
			p++;
		else if (*p && *p != '\n')
			goto bad;
	}
	if (!count)
		goto bad;
	*ret = v;
	*n = count;
	return NULL;
bad:
	free(v);
	return ksd_error_create(KSD_ERR_CORRUPT,
				"%s: '%.64s' is not a CPU list below %u (like \"0-3,6\")",
				what, text, KSD_MAX_CPUS);
}

static struct ksd_error *read_notes(const struct sysroot *sr,
				    struct cpu_info *c)
{
	struct ksd_error *err;
	char path[96], *addr, *size, *full;
	uint64_t a, s;

	snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%u/crash_notes",
		 c->cpu);
	err = sysroot_read_line(sr, path, &addr);
	if (err && (err->code == KSD_ERR_NOT_FOUND || err->code == KSD_ERR_OS)) {
		ksd_error_destroy(err);
		return NULL;	/* not present, or not readable: say so later */
	}
	if (err)
		return err;
	if (ksd_parse_u64(addr, 16, &a) < 0) {
		full = sysroot_path(sr, path);
		err = ksd_error_create(KSD_ERR_CORRUPT, "'%s': '%.32s' is not a hex address",
				       full ? full : path, addr);
		free(full);
		free(addr);
		return err;
	}
	free(addr);
	snprintf(path, sizeof(path),
		 "/sys/devices/system/cpu/cpu%u/crash_notes_size", c->cpu);
	err = sysroot_read_line(sr, path, &size);
	if (err && err->code == KSD_ERR_NOT_FOUND) {
		/* Before 4.10 there was no size file; kexec-tools assumes 1024. */
		ksd_error_destroy(err);
		size = strdup("1024");
		if (!size)
			return &ksd_enomem;
	} else if (err) {
		return err;
	}
	if (ksd_parse_u64(size, 10, &s) < 0 || !s || s > (1u << 20)) {
		full = sysroot_path(sr, path);
		err = ksd_error_create(KSD_ERR_CORRUPT,
				       "'%s': '%.32s' is not a note buffer size in bytes",
				       full ? full : path, size);
		free(full);
		free(size);
		return err;
	}
	free(size);
	c->have_notes = true;
	c->notes = a;
	c->notes_size = s;
	return NULL;
}

/* Number the firmware's CPUs as Linux does: boot CPU first. */
static void assign_firmware(struct cpu_map *m, const struct kmsg_facts *log,
			    const uint64_t *fw, unsigned int nfw,
			    enum mpidr_source src)
{
	unsigned int boot = 0;

	if (!nfw)
		return;
	if (log->have_boot_mpidr)
		for (unsigned int i = 0; i < nfw; i++)
			if (fw[i] == (log->boot_mpidr & 0xff00ffffffull)) {
				boot = i;
				break;
			}
	for (unsigned int i = 0; i < m->n; i++) {
		struct cpu_info *c = &m->cpus[i];
		unsigned int idx;

		if (c->cpu == 0) {
			idx = boot;
		} else {
			/* Logical CPU k is the k-th non-boot firmware CPU. */
			if (c->cpu >= nfw)
				continue;
			idx = c->cpu - 1 < boot ? c->cpu - 1 : c->cpu;
		}
		if (idx >= nfw)
			continue;
		c->have_mpidr = true;
		c->mpidr = fw[idx];
		c->mpidr_source = src;
	}
}

static void assign_log(struct cpu_map *m, const struct kmsg_facts *log)
{
	for (unsigned int i = 0; i < m->n; i++) {
		struct cpu_info *c = &m->cpus[i];

		if (c->cpu == 0 && log->have_boot_mpidr) {
			c->have_mpidr = true;
			c->mpidr = log->boot_mpidr & 0xff00ffffffull;
			c->mpidr_source = MPIDR_FROM_LOG;
			continue;
		}
		if (kmsg_secondary_mpidr(log, c->cpu, &c->mpidr)) {
			c->have_mpidr = true;
			c->mpidr &= 0xff00ffffffull;
			c->mpidr_source = MPIDR_FROM_LOG;
		}
	}
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * A firmware-order MPIDR is a guess (Linux numbers CPUs in firmware order
 * only while every one comes up in turn).  When the log gives that MPIDR
 * to another CPU, the guess is wrong: drop it rather than give two CPUs
 * one MPIDR.
 */
static struct ksd_error *drop_contradicted(struct cpu_map *m)
{
	uint64_t *seen = malloc((m->n ? m->n : 1) * sizeof(*seen));
	unsigned int n = 0;

	if (!seen)
		return &ksd_enomem;
	for (unsigned int i = 0; i < m->n; i++)
		if (m->cpus[i].have_mpidr && m->cpus[i].mpidr_source == MPIDR_FROM_LOG)
			seen[n++] = m->cpus[i].mpidr;
	qsort(seen, n, sizeof(*seen), cmp_u64);
	for (unsigned int i = 0; i < m->n; i++) {
		struct cpu_info *c = &m->cpus[i];

		if (!c->have_mpidr || c->mpidr_source == MPIDR_FROM_LOG ||
		    !bsearch(&c->mpidr, seen, n, sizeof(*seen), cmp_u64))
			continue;
		c->have_mpidr = false;
		c->mpidr = 0;
		c->mpidr_source = MPIDR_UNKNOWN;
	}
	free(seen);
	return NULL;
}

struct ksd_error *cpu_map_read(const struct sysroot *sr,
			       const struct kmsg_facts *log,
			       const uint64_t *fw, unsigned int nfw,
			       enum mpidr_source fw_source,
			       struct cpu_map *ret)
{
	struct cpu_map m = { 0 };
	struct ksd_error *err;
	unsigned int *list, n;
	char *text, *full;

	err = sysroot_read_line(sr, "/sys/devices/system/cpu/possible", &text);
	if (err && err->code == KSD_ERR_NOT_FOUND) {
		ksd_error_destroy(err);
		*ret = m;
		return NULL;
	}
	if (err)
		return err;
	full = sysroot_path(sr, "/sys/devices/system/cpu/possible");
	err = cpulist_parse(text, full ? full : "possible", &list, &n);
	free(full);
	free(text);
	if (err)
		return err;
	m.have_possible = true;
	m.cpus = calloc(n, sizeof(*m.cpus));
	if (!m.cpus) {
		free(list);
		return &ksd_enomem;
	}
	m.n = n;
	for (unsigned int i = 0; i < n; i++)
		m.cpus[i].cpu = list[i];
	free(list);
	for (unsigned int i = 0; i < n && !err; i++) {
		err = read_notes(sr, &m.cpus[i]);
		if (!err && !m.cpus[i].have_notes)
			m.notes_missing++;
	}
	if (err) {
		cpu_map_deinit(&m);
		return err;
	}
	assign_firmware(&m, log, fw, nfw, fw_source);
	assign_log(&m, log);
	err = drop_contradicted(&m);
	if (err) {
		cpu_map_deinit(&m);
		return err;
	}
	*ret = m;
	return NULL;
}
