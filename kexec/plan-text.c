// SPDX-License-Identifier: GPL-2.0-or-later
/* The load plan in words, for --dry-run and -d. */
#include "config.h"

#include <string.h>

#include "plan.h"
#include "plan-load-print.h"
#include "sdei-report.h"

static const char *title(const struct plan *p)
{
	if (p->action == PLAN_UNLOAD)
		return p->crash ? "unload the capture kernel" : "unload the kexec kernel";
	return p->crash ? "load the capture kernel (kdump)" : "load a kernel for kexec";
}

static void print_size(FILE *out, uint64_t n)
{
	if (n && !(n & ((1u << 20) - 1)))
		fprintf(out, "%llu MiB", (unsigned long long)(n >> 20));
	else
		fprintf(out, "%llu bytes", (unsigned long long)n);
}

static void print_kernel(FILE *out, const struct kernel_image *k, bool load)
{
	const struct arm64_image_header *h = &k->header;
	unsigned int ps = arm64_image_page_size(h);

	fprintf(out, "  kernel:       %s (%s, %llu bytes)\n", k->path,
		image_format_name(k), (unsigned long long)k->file_size);
	if (k->format == IMAGE_ZBOOT)
		fprintf(out, "                zboot payload: '%s', %u bytes at offset 0x%x\n",
			k->zboot.comp_name, k->zboot.payload_size,
			k->zboot.payload_offset);
	fprintf(out, "                Image: %llu bytes, text_offset 0x%llx, image_size 0x%llx, ",
		(unsigned long long)k->size, (unsigned long long)h->text_offset,
		(unsigned long long)h->image_size);
	if (ps)
		fprintf(out, "%uK pages, ", ps >> 10);
	else
		fputs("page size unspecified, ", out);
	fprintf(out, "%s-endian\n", arm64_image_big_endian(h) ? "big" : "little");
	fprintf(out, "                passed as: %s\n",
		load ? "the bytes of the kernel segment" :
		k->memfd ? "a sealed memfd holding the unpacked Image" : "the file itself");
}

static void print_cmdline(FILE *out, const struct plan *p)
{
	if (!p->cmdline) {
		fputs("  command line: none (the kernel removes /chosen/bootargs)\n", out);
		return;
	}
	fputs("  command line: \"", out);
	for (const char *c = p->cmdline; *c; c++) {
		if (*c == '"' || *c == '\\')
			fputc('\\', out);
		fputc(*c, out);
	}
	fprintf(out, "\" (%zu bytes with the NUL)\n", p->cmdline_len);
}

static void print_crash(FILE *out, const struct plan *p)
{
	fputs("  crash kernel: ", out);
	for (unsigned int i = 0; i < p->ncrash; i++)
		fprintf(out, "%s0x%llx-0x%llx", i ? ", " : "",
			(unsigned long long)p->crash_ranges[i].start,
			(unsigned long long)p->crash_ranges[i].end);
	if (p->crash_hidden) {
		fputs(" (addresses hidden)\n", out);
		return;
	}
	fputs(" (", out);
	print_size(out, p->crash_size);
	fputs(")\n", out);
}

static int print_sdei(FILE *out, const struct plan *p)
{
	if (!p->have_sdei) {
		fputs("  SDEI:         not checked\n", out);
		return 0;
	}
	fprintf(out, "  SDEI:         %s; ", sdei_state_word(&p->sdei));
	if (p->token)
		fprintf(out, "record token added: %s\n", p->token);
	else
		fputs("no record token added\n", out);
	return sdei_print_details(out, &p->sdei, "    ");
}

int plan_print_text(FILE *out, const struct plan *p)
{
	char flags[160];

	plan_flag_names(p, flags, sizeof(flags));
	fprintf(out, "kexec plan: %s\n", title(p));
	fprintf(out, "  system call:  %s", plan_syscall_name(p->syscall));
	if (p->fallback && p->action == PLAN_LOAD)
		fputs(", then kexec_load if the kernel refuses the file", out);
	else if (p->fallback)
		fputs(", then kexec_load if the kernel has no kexec_file_load", out);
	fprintf(out, "\n  flags:        0x%lx (%s)\n", p->flags, flags);
	if (p->action == PLAN_LOAD) {
		print_kernel(out, &p->kernel, p->syscall == PLAN_KEXEC_LOAD);
		if (p->initrd_path)
			fprintf(out, "  initrd:       %s (%llu bytes)\n", p->initrd_path,
				(unsigned long long)p->initrd_size);
		else
			fputs("  initrd:       none\n", out);
		print_cmdline(out, p);
		if (p->crash) {
			print_crash(out, p);
			if (print_sdei(out, p) < 0)
				return -1;
		}
		if (p->syscall == PLAN_KEXEC_LOAD) {
			plan_load_print_text(out, p);
		} else {
			fputs("  segments:     placed by the kernel\n", out);
			if (p->load) {
				fputs("fallback (kexec_load, flags ", out);
				fprintf(out, "0x%lx):\n", p->fallback_flags);
				plan_load_print_text(out, p);
			} else if (p->load_error) {
				fprintf(out, "fallback (kexec_load): cannot be prepared: %s\n",
					p->load_error);
			}
		}
		if (p->after == AFTER_EXEC)
			fputs("  then:         boot it at once (-f)\n", out);
		else if (p->after == AFTER_SHUTDOWN)
			fputs("  then:         reboot into it through shutdown -r now\n", out);
	}
	if (p->nwarnings) {
		fputs("warnings:\n", out);
		for (unsigned int i = 0; i < p->nwarnings; i++)
			fprintf(out, "  %s\n", p->warnings[i]);
	}
	return 0;
}
