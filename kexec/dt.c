// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dt.h"
#include "fdt-check.h"
#include "util/endian.h"
#include "util/grow.h"
#include "util/limits.h"

#define SDEI_COMPATIBLE "arm,sdei-1.0"

void dt_facts_deinit(struct dt_facts *dt)
{
	free(dt->cpus);
	memset(dt, 0, sizeof(*dt));
}

static enum ksd_sdei_conduit conduit_of(const char *method)
{
	if (strcmp(method, "smc") == 0)
		return KSD_CONDUIT_SMC;
	if (strcmp(method, "hvc") == 0)
		return KSD_CONDUIT_HVC;
	return KSD_CONDUIT_UNKNOWN;
}

/* Keep a property's string if it is one, NUL-terminated and short. */
static void set_method(struct dt_facts *dt, const char *val, int len)
{
	if (len <= 0 || len > (int)sizeof(dt->method) || val[len - 1]) {
		strcpy(dt->method, "?");
		dt->conduit = KSD_CONDUIT_UNKNOWN;
		return;
	}
	memcpy(dt->method, val, (size_t)len);
	dt->conduit = conduit_of(dt->method);
}

static struct ksd_error *add_cpu(struct dt_facts *dt, uint64_t mpidr,
				 const char *what)
{
	uint64_t *v;

	if (dt->ncpus >= KSD_MAX_CPUS)
		return ksd_error_create(KSD_ERR_LIMIT,
					"%s: more than %u cpu nodes, the most accepted",
					what, KSD_MAX_CPUS);
	v = ksd_grow(dt->cpus, dt->ncpus, sizeof(*v));
	if (!v)
		return &ksd_enomem;
	dt->cpus = v;
	v[dt->ncpus++] = mpidr & MPIDR_HWID_BITMASK;
	return NULL;
}

/* MPIDR from a reg property of @cells 32-bit big-endian cells. */
static int reg_mpidr(const uint8_t *reg, int len, int cells, uint64_t *ret)
{
	if (cells < 1 || cells > 2 || len < cells * 4)
		return -1;
	*ret = cells == 2 ? ksd_load64(reg, true) : ksd_load32(reg, true);
	return 0;
}

static bool failed_status(const char *status, int len)
{
	return status && len >= 4 && strncmp(status, "fail", 4) == 0;
}

static struct ksd_error *fdt_cpus(const void *fdt, const char *what,
				  struct dt_facts *dt)
{
	const uint8_t *p;
	int cpus, node, len, cells = 2;

	cpus = fdt_path_offset(fdt, "/cpus");
	if (cpus < 0)
		return NULL;
	p = fdt_getprop(fdt, cpus, "#address-cells", &len);
	if (p && len == 4)
		cells = (int)ksd_load32(p, true);
	fdt_for_each_subnode(node, fdt, cpus) {
		const char *type = fdt_getprop(fdt, node, "device_type", &len);
		const char *status;
		uint64_t mpidr;
		struct ksd_error *err;
		int slen;

		if (!type || len != sizeof("cpu") || strcmp(type, "cpu") != 0)
			continue;
		status = fdt_getprop(fdt, node, "status", &slen);
		if (failed_status(status, slen))
			continue;
		p = fdt_getprop(fdt, node, "reg", &len);
		if (!p || reg_mpidr(p, len, cells, &mpidr) < 0)
			return ksd_error_create(KSD_ERR_CORRUPT,
						"%s: cpu node '%s' has no usable reg (#address-cells %d)",
						what, fdt_get_name(fdt, node, NULL), cells);
		err = add_cpu(dt, mpidr, what);
		if (err)
			return err;
	}
	return NULL;
}

struct ksd_error *dt_parse_fdt(const void *buf, size_t len, const char *what,
			       struct dt_facts *ret)
{
	struct dt_facts dt = { .source = DT_FDT };
	struct ksd_error *err;
	const char *val;
	int node, plen;

	err = fdt_blob_check(buf, len, what);
	if (err)
		return err;
	node = fdt_path_offset(buf, "/firmware/sdei");
	if (node >= 0) {
		dt.sdei_node = true;
		val = fdt_getprop(buf, node, "compatible", &plen);
		dt.sdei_compatible = val && plen > 0 &&
			fdt_stringlist_contains(val, plen, SDEI_COMPATIBLE);
		val = fdt_getprop(buf, node, "method", &plen);
		if (val)
			set_method(&dt, val, plen);
	}
	err = fdt_cpus(buf, what, &dt);
	if (err) {
		dt_facts_deinit(&dt);
		return err;
	}
	*ret = dt;
	return NULL;
}

/* A small property file of /proc/device-tree; NULL when absent. */
static struct ksd_error *read_prop(const struct sysroot *sr, const char *path,
				   char **buf, size_t *len)
{
	struct ksd_error *err = sysroot_read(sr, path, 4096, buf, len);

	if (err && err->code == KSD_ERR_NOT_FOUND) {
		ksd_error_destroy(err);
		*buf = NULL;
		return NULL;
	}
	return err;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static struct ksd_error *procfs_cpus(const struct sysroot *sr,
				     struct dt_facts *dt)
{
	struct ksd_error *err;
	struct dirent *de;
	char *buf = NULL, path[512];
	size_t len;
	int cells = 2;
	DIR *d;

	err = read_prop(sr, "/proc/device-tree/cpus/#address-cells", &buf, &len);
	if (err)
		return err;
	if (buf && len == 4)
		cells = (int)ksd_load32(buf, true);
	free(buf);
	err = sysroot_opendir(sr, "/proc/device-tree/cpus", &d);
	if (err && err->code == KSD_ERR_NOT_FOUND) {
		ksd_error_destroy(err);
		return NULL;
	}
	if (err)
		return err;
	while (!err && (de = readdir(d))) {
		char *type = NULL, *status = NULL, *reg = NULL;
		size_t tlen = 0, slen = 0, rlen = 0;
		uint64_t mpidr;

		if (de->d_name[0] == '.' || strlen(de->d_name) > 200)
			continue;
		snprintf(path, sizeof(path), "/proc/device-tree/cpus/%s/device_type",
			 de->d_name);
		err = read_prop(sr, path, &type, &tlen);
		if (!err && type && tlen == 4 && memcmp(type, "cpu", 4) == 0) {
			snprintf(path, sizeof(path), "/proc/device-tree/cpus/%s/status",
				 de->d_name);
			err = read_prop(sr, path, &status, &slen);
			if (!err && !failed_status(status, (int)slen)) {
				snprintf(path, sizeof(path), "/proc/device-tree/cpus/%s/reg",
					 de->d_name);
				err = read_prop(sr, path, &reg, &rlen);
				if (!err && (!reg || reg_mpidr((uint8_t *)reg, (int)rlen,
							       cells, &mpidr) < 0))
					err = ksd_error_create(KSD_ERR_CORRUPT,
							       "/proc/device-tree: cpu node '%s' has no usable reg (#address-cells %d)",
							       de->d_name, cells);
				if (!err)
					err = add_cpu(dt, mpidr, "/proc/device-tree/cpus");
			}
		}
		free(type);
		free(status);
		free(reg);
	}
	closedir(d);
	if (!err && dt->ncpus)
		qsort(dt->cpus, dt->ncpus, sizeof(*dt->cpus), cmp_u64);
	return err;
}

static struct ksd_error *dt_read_procfs(const struct sysroot *sr,
					struct dt_facts *dt)
{
	struct ksd_error *err;
	char *buf = NULL;
	size_t len = 0;

	dt->source = DT_PROCFS;
	if (sysroot_exists(sr, "/proc/device-tree/firmware/sdei")) {
		dt->sdei_node = true;
		err = read_prop(sr, "/proc/device-tree/firmware/sdei/compatible",
				&buf, &len);
		if (err)
			return err;
		dt->sdei_compatible = buf && len &&
			fdt_stringlist_contains(buf, (int)len, SDEI_COMPATIBLE);
		free(buf);
		err = read_prop(sr, "/proc/device-tree/firmware/sdei/method",
				&buf, &len);
		if (err)
			return err;
		if (buf)
			set_method(dt, buf, (int)len);
		free(buf);
	}
	return procfs_cpus(sr, dt);
}

struct ksd_error *dt_read(const struct sysroot *sr, struct dt_facts *ret)
{
	struct dt_facts dt = { .source = DT_NONE };
	struct ksd_error *err;
	char *buf, *full;
	size_t len;

	err = sysroot_read(sr, "/sys/firmware/fdt", KSD_MAX_DTB_BYTES, &buf, &len);
	if (!err) {
		full = sysroot_path(sr, "/sys/firmware/fdt");
		err = dt_parse_fdt(buf, len, full ? full : "/sys/firmware/fdt", ret);
		free(full);
		free(buf);
		return err;
	}
	if (err->code != KSD_ERR_NOT_FOUND && err->code != KSD_ERR_OS)
		return err;
	/* Missing or unreadable (not root): try the unflattened tree. */
	ksd_error_destroy(err);
	if (!sysroot_exists(sr, "/proc/device-tree")) {
		*ret = dt;
		return NULL;
	}
	err = dt_read_procfs(sr, &dt);
	if (err) {
		dt_facts_deinit(&dt);
		return err;
	}
	*ret = dt;
	return NULL;
}
