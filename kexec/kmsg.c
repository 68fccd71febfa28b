// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kmsg.h"
#include "util/limits.h"

/* /dev/kmsg returns one record per read(); records are under 8 KiB. */
#define READ_CHUNK (16u << 10)
#define MAX_LINE (16u << 10)

void kmsg_facts_init(struct kmsg_facts *f)
{
	memset(f, 0, sizeof(*f));
}

void kmsg_facts_deinit(struct kmsg_facts *f)
{
	free(f->secondaries);
	free(f->slot);
	kmsg_facts_init(f);
}

bool kmsg_secondary_mpidr(const struct kmsg_facts *f, unsigned int cpu,
			  uint64_t *mpidr)
{
	if (!f->slot || cpu >= KSD_MAX_CPUS || !f->slot[cpu])
		return false;
	*mpidr = f->secondaries[f->slot[cpu] - 1].mpidr;
	return true;
}

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void keep(char *dst, const char *src)
{
	snprintf(dst, KMSG_TEXT_MAX, "%s", src);
}

static struct ksd_error *add_secondary(struct kmsg_facts *f, unsigned int cpu,
				       uint64_t mpidr)
{
	struct kmsg_cpu *v;

	if (!f->slot) {
		f->slot = calloc(KSD_MAX_CPUS, sizeof(*f->slot));
		if (!f->slot)
			return &ksd_enomem;
	}
	if (f->slot[cpu]) {
		/* A CPU brought up again (hotplug): the latest counts. */
		f->secondaries[f->slot[cpu] - 1].mpidr = mpidr;
		return NULL;
	}
	/* At most one entry per CPU number, so at most KSD_MAX_CPUS. */
	if (f->nsecondaries == f->cap) {
		unsigned int cap = f->cap ? f->cap * 2 : 16;

		v = reallocarray(f->secondaries, cap, sizeof(*v));
		if (!v)
			return &ksd_enomem;
		f->secondaries = v;
		f->cap = cap;
	}
	f->secondaries[f->nsecondaries] = (struct kmsg_cpu){ .cpu = cpu, .mpidr = mpidr };
	f->slot[cpu] = ++f->nsecondaries;
	return NULL;
}

/* 1-16 hex digits at @p, then no more: the kernel prints %010lx. */
static bool hex64(const char *p, uint64_t *ret)
{
	uint64_t v = 0;
	int n = 0;

	for (; isxdigit((unsigned char)*p); p++) {
		if (++n > 16)
			return false;
		v = v << 4 | (uint64_t)(isdigit((unsigned char)*p) ? *p - '0' :
					(tolower((unsigned char)*p) - 'a' + 10));
	}
	*ret = v;
	return n > 0;
}

/*
 * "CPU%u: Booted secondary processor 0x%010lx [0x%08x]" (smp.c), read
 * strictly: sscanf's %u would take "-1" and wrap 4294967296 to CPU 0.
 */
static bool secondary_line(const char *text, unsigned int *cpu, uint64_t *mpidr)
{
	static const char rest[] = ": Booted secondary processor 0x";
	unsigned long v = 0;
	const char *p;

	if (strncmp(text, "CPU", 3) != 0 || !isdigit((unsigned char)text[3]))
		return false;
	for (p = text + 3; isdigit((unsigned char)*p); p++) {
		v = v * 10 + (unsigned long)(*p - '0');
		if (v >= KSD_MAX_CPUS)
			return false;
	}
	if (strncmp(p, rest, sizeof(rest) - 1) != 0 ||
	    !hex64(p + sizeof(rest) - 1, mpidr))
		return false;
	*cpu = (unsigned int)v;
	return true;
}

/* The "sdei: ..." lines after which the firmware interface is not used. */
static const char *const sdei_failures[] = {
	"sdei: Not supported on this hardware/boot configuration",
	"sdei: Failed to get SDEI version",
	"sdei: Conflicting SDEI version detected",
	"sdei: disabling SDEI firmware interface",
	"sdei: missing \"method\" property",
	"sdei: invalid \"method\" property",
};

struct ksd_error *kmsg_scan_text(struct kmsg_facts *f, const char *text)
{
	static const char boot[] = "Booting Linux on physical CPU 0x";
	unsigned int cpu, major, minor;
	uint64_t mpidr;

	if (starts(text, "Linux version ")) {
		f->from_boot = true;
	} else if (starts(text, boot)) {
		if (hex64(text + sizeof(boot) - 1, &mpidr)) {
			f->have_boot_mpidr = true;
			f->boot_mpidr = mpidr;
		}
	} else if (secondary_line(text, &cpu, &mpidr)) {
		return add_secondary(f, cpu, mpidr);
	} else if (sscanf(text, "sdei: SDEIv%u.%u", &major, &minor) == 2) {
		f->sdei_probed = true;
		snprintf(f->sdei_version, sizeof(f->sdei_version), "%u.%u",
			 major, minor);
	} else if (starts(text, "sdei_nmi: using SDEI cross-CPU NMI")) {
		f->nmi_up = true;
	} else if (starts(text, "sdei_nmi: sdei_event_register(0) failed") ||
		   starts(text, "sdei_nmi: sdei_event_enable(0) failed")) {
		f->nmi_failed = true;
		keep(f->nmi_failure, text);
	} else if (starts(text, "GICv3: Pseudo-NMIs enabled")) {
		f->pnmi_enabled = true;
	} else if (starts(text, "CPU features: Pseudo-NMI disabled")) {
		f->pnmi_refused = true;
	} else if (starts(text, "sdei: ")) {
		for (size_t i = 0; i < sizeof(sdei_failures) / sizeof(*sdei_failures); i++)
			if (starts(text, sdei_failures[i])) {
				f->sdei_failed = true;
				keep(f->sdei_failure, text);
			}
	}
	return NULL;
}

struct ksd_error *kmsg_scan_line(struct kmsg_facts *f, const char *line)
{
	unsigned long long seq;
	unsigned int prio;
	const char *text;

	/* Continuation lines carry the record's dictionary, not its text. */
	if (line[0] == ' ' || !line[0])
		return NULL;
	text = strchr(line, ';');
	if (!text)
		return NULL;
	f->records++;
	if (!f->have_first_seq && sscanf(line, "%u,%llu,", &prio, &seq) == 2) {
		f->have_first_seq = true;
		f->first_seq = seq;
		if (seq == 0)
			f->from_boot = true;
	}
	return kmsg_scan_text(f, text + 1);
}

/* Feed complete lines of @buf to the scanner; keep the rest in @line. */
static struct ksd_error *feed(struct kmsg_facts *f, char *line, size_t *llen,
			      const char *buf, size_t n)
{
	struct ksd_error *err;

	for (size_t i = 0; i < n; i++) {
		if (buf[i] != '\n') {
			/* Overlong lines are cut; their start is what matters. */
			if (*llen < MAX_LINE - 1)
				line[(*llen)++] = buf[i] ? buf[i] : ' ';
			continue;
		}
		line[*llen] = '\0';
		err = kmsg_scan_line(f, line);
		*llen = 0;
		if (err)
			return err;
	}
	return NULL;
}

struct ksd_error *kmsg_read(const struct sysroot *sr, struct kmsg_facts *f,
			    struct ksd_error **why_unreadable)
{
	struct ksd_error *err;
	char *buf, *line;
	size_t llen = 0;
	uint64_t total = 0;
	int fd;

	*why_unreadable = NULL;
	err = sysroot_open(sr, "/dev/kmsg", O_RDONLY | O_NONBLOCK,
			   SYSROOT_FILE_OR_CHARDEV, &fd);
	if (err) {
		*why_unreadable = err;
		return NULL;
	}
	buf = malloc(READ_CHUNK);
	line = malloc(MAX_LINE);
	if (!buf || !line) {
		free(buf);
		free(line);
		close(fd);
		return &ksd_enomem;
	}
	f->readable = true;
	for (;;) {
		ssize_t r = read(fd, buf, READ_CHUNK);

		if (r < 0 && errno == EINTR)
			continue;
		/* EPIPE: a record was overwritten under us; go on. */
		if (r < 0 && errno == EPIPE)
			continue;
		if (r < 0 && errno == EAGAIN)
			break;
		if (r < 0) {
			if (!f->records) {
				f->readable = false;
				*why_unreadable = ksd_error_errno(errno, "reading /dev/kmsg");
			}
			break;
		}
		if (r == 0)
			break;
		total += (uint64_t)r;
		if (total > KSD_MAX_KMSG_BYTES) {
			f->truncated = true;
			break;
		}
		err = feed(f, line, &llen, buf, (size_t)r);
		if (err)
			break;
	}
	if (!err && llen) {
		line[llen] = '\0';
		err = kmsg_scan_line(f, line);
	}
	free(buf);
	free(line);
	close(fd);
	return err;
}
