// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * printk-dump: print the kernel log of a dump, for the tests.
 *
 * A test-only driver of lib/kernel/printk and lib/kernel/stoplog until
 * vmcore-sdei grows --log: it opens a dump with lib/dump, parses its
 * VMCOREINFO, translates kernel addresses with lib/arch/translate.h (the
 * kernel image by kimage_voffset, the linear map by PHYS_OFFSET, the rest
 * by walking swapper_pg_dir) and prints the log as vmcore-dmesg does.
 *
 * Usage: printk-dump [--level] [--caller] [--indent] [--stoplog] DUMP
 *   --stoplog prints the ksd_stoplog_scan() result as KEY=VALUE lines
 *   instead of the log.  Warnings and the skip counts go to stderr.
 * Exit: 0 read, 1 usage, 2 the dump or its log cannot be read.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch/translate.h"
#include "dump/dump.h"
#include "dump/notes.h"
#include "kernel/kmem.h"
#include "kernel/printk.h"
#include "kernel/stoplog.h"
#include "kernel/vmcoreinfo.h"

struct ctx {
	struct ksd_dump *dump;
	struct ksd_vmcoreinfo *vi;
	struct aarch64_xlat x;
};

static struct ksd_error *read_phys(void *arg, uint64_t pa, void *buf,
				   size_t len)
{
	return ksd_dump_read_phys(arg, pa, buf, len, NULL);
}

/* Read page by page: a range need not be physically contiguous. */
static struct ksd_error *read_virt(void *arg, uint64_t va, void *buf,
				   size_t len)
{
	struct ctx *c = arg;
	uint64_t psize = 1ull << c->x.p.page_shift;
	uint8_t *out = buf;

	while (len) {
		size_t n = (size_t)(psize - (va & (psize - 1)));
		struct ksd_error *err;
		uint64_t pa;

		if (n > len)
			n = len;
		err = aarch64_vtop(&c->x, va, &pa);
		if (!err)
			err = ksd_dump_read_phys(c->dump, pa, out, n, NULL);
		if (err)
			return ksd_error_prefix(err, "reading 0x%llx",
						(unsigned long long)va);
		va += n;
		out += n;
		len -= n;
	}
	return NULL;
}

static struct ksd_error *find_vmcoreinfo(struct ctx *c)
{
	const struct ksd_dump_info *di = ksd_dump_info(c->dump);
	struct ksd_note_iter it;
	const uint8_t *buf;
	size_t len;

	ksd_dump_notes(c->dump, &buf, &len);
	ksd_note_iter_init(&it, buf, len, di->big_endian);
	for (;;) {
		struct ksd_note n;
		struct ksd_error *err;
		bool end;

		err = ksd_note_next(&it, &n, &end);
		if (err)
			return err;
		if (end)
			return ksd_error_create(KSD_ERR_NOT_FOUND,
						"no VMCOREINFO note");
		if (ksd_note_is(&n, "VMCOREINFO", 0))
			return ksd_vmcoreinfo_parse((const char *)n.desc,
						    n.desc_len, &c->vi);
	}
}

static uint64_t opt(const struct ksd_vmcoreinfo *vi,
		    struct ksd_error *(*fn)(const struct ksd_vmcoreinfo *,
					    const char *, uint64_t *),
		    const char *name, uint64_t dflt)
{
	uint64_t v;
	struct ksd_error *err = fn(vi, name, &v);

	ksd_error_destroy(err);
	return err ? dflt : v;
}

static struct ksd_error *setup_xlat(struct ctx *c)
{
	const struct ksd_vmcoreinfo *vi = c->vi;
	struct aarch64_xlat_params p = { 0 };
	uint64_t page, t1sz;
	struct ksd_error *err;

	err = ksd_vmcoreinfo_decimal(vi, "PAGESIZE", &page);
	if (err)
		return err;
	for (p.page_shift = 12; p.page_shift < 17; p.page_shift++)
		if (1ull << p.page_shift == page)
			break;
	p.va_bits = (unsigned int)opt(vi, ksd_vmcoreinfo_number, "VA_BITS", 48);
	t1sz = opt(vi, ksd_vmcoreinfo_number, "TCR_EL1_T1SZ", 0);
	p.vabits_actual = t1sz ? 64 - (unsigned int)t1sz : p.va_bits;
	p.pa_bits = (unsigned int)opt(vi, ksd_vmcoreinfo_number,
				      "MAX_PHYSMEM_BITS", 48);
	p.kimage_voffset = opt(vi, ksd_vmcoreinfo_number, "kimage_voffset", 0);
	p.phys_offset = opt(vi, ksd_vmcoreinfo_number, "PHYS_OFFSET", 0);
	p.swapper_pg_dir = opt(vi, ksd_vmcoreinfo_symbol, "swapper_pg_dir", 0);
	p.stext = opt(vi, ksd_vmcoreinfo_symbol, "_stext", 0);
	p.big_endian = ksd_dump_info(c->dump)->big_endian;
	if (!p.stext)
		return ksd_error_create(KSD_ERR_NOT_FOUND,
					"VMCOREINFO has no SYMBOL(_stext)");
	err = aarch64_xlat_init(&c->x, &p, read_phys, c->dump);
	if (err)
		return err;
	/*
	 * _end is not in VMCOREINFO; the kernel image (text, data, bss) of
	 * a 6.x arm64 kernel is well under 256 MiB past the 2 MiB-aligned
	 * load address.  Good enough for a test tool; the real kernel view
	 * takes the bounds from kallsyms.
	 */
	aarch64_xlat_set_image(&c->x, p.stext & ~0x1fffffull,
			       (p.stext & ~0x1fffffull) + (256ull << 20));
	return NULL;
}

static void print_stoplog(const struct ksd_printk_log *log,
			  const struct ksd_stoplog *s)
{
	const struct {
		const char *name;
		const struct ksd_stoplog_cpus *set;
	} sets[] = {
		{ "nmi_retry", &s->nmi_retry },
		{ "sdei_retry", &s->sdei_retry },
		{ "failed", &s->failed },
	};

	printf("records=%zu\n", log->nr_records);
	printf("stopping=%s\n", s->stopping != KSD_STOPLOG_NONE ? "yes" : "no");
	for (size_t i = 0; i < 3; i++) {
		const char *sep = "";

		if (sets[i].set->rec == KSD_STOPLOG_NONE) {
			printf("%s=none\n", sets[i].name);
			continue;
		}
		printf("%s=", sets[i].name);
		for (unsigned int cpu = 0; cpu < s->nr_cpus; cpu++)
			if (ksd_stoplog_has(s, sets[i].set, cpu)) {
				printf("%s%u", sep, cpu);
				sep = ",";
			}
		printf("\n");
	}
	for (size_t i = 0; i < s->nr_signal_failures; i++)
		printf("signal_failure=%u:%d\n", s->signal_failures[i].cpu,
		       s->signal_failures[i].err);
	printf("sdei_nmi_boot=%s\n",
	       s->sdei_nmi_boot != KSD_STOPLOG_NONE ? "yes" : "no");
	for (size_t i = 0; i < s->nr_nmi_errors; i++)
		printf("sdei_nmi_error=%s:%d\n", s->nmi_errors[i].call,
		       s->nmi_errors[i].err);
	printf("stale=%s\n", s->stale != KSD_STOPLOG_NONE ? "yes" : "no");
	printf("panic=%s\n", s->panic != KSD_STOPLOG_NONE ?
	       log->records[s->panic].text : "none");
	printf("panic_cpu=%d\n", s->panic_cpu);
	printf("panic_cpu_source=%s\n",
	       (const char *[]){ "unknown", "caller", "banner-after",
				 "banner-before" }[s->panic_cpu_source]);
	printf("panic_pid=%d\n", s->panic_pid);
	printf("panic_cpu_conflict=%s\n", s->panic_cpu_conflict ? "yes" : "no");
	printf("unparsed=%zu\n", s->nr_unparsed);
}

static void report_skips(const struct ksd_printk_log *log)
{
	const struct ksd_printk_skipped *k = &log->skipped;

	for (size_t i = 0; i < log->nr_warnings && i < KSD_PRINTK_MAX_WARNINGS; i++)
		fprintf(stderr, "printk-dump: warning: %s\n",
			log->warnings[i] ? log->warnings[i] : "(no memory)");
	if (log->nr_warnings > KSD_PRINTK_MAX_WARNINGS)
		fprintf(stderr, "printk-dump: %zu more warnings\n",
			log->nr_warnings - KSD_PRINTK_MAX_WARNINGS);
	fprintf(stderr,
		"printk-dump: %s, %zu records; skipped: recycled=%llu reserved=%llu bad_block=%llu unreadable=%llu truncated=%llu seq_gaps=%llu\n",
		log->format == KSD_PRINTK_LOCKLESS ? "lockless" : "structured",
		log->nr_records, (unsigned long long)k->recycled,
		(unsigned long long)k->reserved,
		(unsigned long long)k->bad_block,
		(unsigned long long)k->unreadable,
		(unsigned long long)k->truncated,
		(unsigned long long)k->seq_gaps);
}

int main(int argc, char **argv)
{
	struct ctx c = { 0 };
	struct ksd_printk_log *log = NULL;
	struct ksd_error *err;
	unsigned int flags = 0;
	bool stoplog = false;
	int i, status = 0;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--level"))
			flags |= KSD_PRINTK_FMT_LEVEL;
		else if (!strcmp(argv[i], "--caller"))
			flags |= KSD_PRINTK_FMT_CALLER;
		else if (!strcmp(argv[i], "--indent"))
			flags |= KSD_PRINTK_FMT_INDENT;
		else if (!strcmp(argv[i], "--stoplog"))
			stoplog = true;
		else
			break;
	}
	if (i != argc - 1) {
		fprintf(stderr, "usage: printk-dump [--level] [--caller] [--indent] [--stoplog] DUMP\n");
		return 1;
	}
	err = ksd_dump_open(argv[i], &c.dump);
	if (!err)
		err = find_vmcoreinfo(&c);
	if (!err)
		err = setup_xlat(&c);
	if (!err) {
		struct ksd_kmem m = {
			.read = read_virt, .arg = &c,
			.big_endian = ksd_dump_info(c.dump)->big_endian,
			.ptr_size = ksd_dump_info(c.dump)->elf_class == 32 ? 4 : 8,
		};

		err = ksd_printk_read(&m, c.vi, &log);
	}
	if (!err) {
		report_skips(log);
		if (stoplog) {
			struct ksd_stoplog s;

			err = ksd_stoplog_scan(log, &s);
			if (!err) {
				print_stoplog(log, &s);
				ksd_stoplog_deinit(&s);
			}
		} else {
			char *text;
			size_t len;

			err = ksd_printk_format_all(log, flags, &text, &len);
			if (!err) {
				fwrite(text, 1, len, stdout);
				free(text);
			}
		}
	}
	if (err) {
		fprintf(stderr, "printk-dump: %s: %s\n", argv[i], err->message);
		ksd_error_destroy(err);
		status = 2;
	}
	ksd_printk_log_destroy(log);
	ksd_vmcoreinfo_destroy(c.vi);
	ksd_dump_destroy(c.dump);
	return status;
}
