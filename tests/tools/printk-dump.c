// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * printk-dump: print the kernel log of a dump, for the tests.
 *
 * A test-only driver of lib/kernel/printk and lib/kernel/stoplog: it
 * opens a dump and its kernel view (lib/kernel/kernel.h) and prints the
 * log as vmcore-dmesg does, or what the stop-line scan found.
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
#include "kernel/kernel.h"
#include "kernel/printk.h"
#include "kernel/stoplog.h"

/*
 * The kernel view vmcore-sdei uses.  The log-only fixtures carry no
 * kallsyms and no page tables, so when kallsyms gave no _end the tool
 * assumes the image: a 6.x arm64 kernel's text, data and bss stay
 * well under 256 MiB past the 2 MiB-aligned _stext.
 */
static struct ksd_error *open_kernel(struct ksd_dump *dump,
				     struct ksd_kernel **ret)
{
	struct ksd_error *err = ksd_kernel_open(dump, NULL, ret);
	struct ksd_kernel *k;
	uint64_t base;

	if (err)
		return err;
	k = *ret;
	if (!k->has_xlat)
		return ksd_error_create(KSD_ERR_UNSUPPORTED, "%s", k->xlat_problem);
	if (!k->syms || !ksd_symtab_by_name(k->syms, "_end")) {
		base = k->xlat.p.stext & ~0x1fffffull;
		aarch64_xlat_set_image(&k->xlat, base, base + (256ull << 20));
	}
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
	struct ksd_dump *dump = NULL;
	struct ksd_kernel *k = NULL;
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
	err = ksd_dump_open(argv[i], &dump);
	if (!err)
		err = open_kernel(dump, &k);
	if (!err)
		err = ksd_printk_read(&k->kmem, k->vi, &log);
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
	ksd_kernel_destroy(k);
	ksd_dump_destroy(dump);
	return status;
}
