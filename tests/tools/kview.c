// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kview: the kernel view of a dump (lib/kernel, lib/arch), for tests.
 *
 * Usage: kview [--system-map FILE | --vmlinux FILE] DUMP COMMAND [ARG...]
 *   params          the translation parameters read from VMCOREINFO
 *   vtop ADDR...    translate by the cheapest method (image, linear, walk)
 *   walk ADDR...    translate by walking swapper_pg_dir
 *   syms            the symbol table: "ADDRESS TYPE NAME" lines
 *   lookup ADDR...  "name+0xoff/0xsize" for each address
 *   percpu          the crash-stop state in memory, a line per item
 *   read ADDR LEN   LEN bytes of kernel memory, in hex
 *
 * Translations print "0xVA pa 0xPA" or "0xVA error CODE: MESSAGE", one
 * line per address, so scripts can compare them with the generator's
 * layout and with libaddrxlat.  Exit status: 0, 1 usage, 2 the dump or
 * kernel view cannot be had.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dump/dump.h"
#include "kernel/kernel.h"
#include "kernel/percpu.h"

static int usage(void)
{
	fputs("usage: kview [--system-map FILE | --vmlinux FILE] DUMP "
	      "params|vtop|walk|syms|lookup|percpu|read [ARG...]\n", stderr);
	return 1;
}

static bool parse_addr(const char *s, uint64_t *ret)
{
	char *end;

	*ret = strtoull(s, &end, 0);
	return end != s && !*end;
}

static void print_xlat(uint64_t va, struct ksd_error *err, uint64_t pa)
{
	if (err) {
		printf("0x%" PRIx64 " error %s: %s\n", va,
		       ksd_error_code_name(err->code), err->message);
		ksd_error_destroy(err);
	} else {
		printf("0x%" PRIx64 " pa 0x%" PRIx64 "\n", va, pa);
	}
}

static int translate(struct ksd_kernel *k, bool walk, int argc, char **argv)
{
	for (int i = 0; i < argc; i++) {
		struct ksd_error *err;
		uint64_t va, pa = 0;

		if (!parse_addr(argv[i], &va))
			return usage();
		if (!k->has_xlat) {
			printf("0x%" PRIx64 " error unsupported: %s\n", va, k->xlat_problem);
			continue;
		}
		err = walk ? aarch64_walk(&k->xlat, va, &pa)
			   : aarch64_vtop(&k->xlat, va, &pa);
		print_xlat(va, err, pa);
	}
	return 0;
}

static int params(const struct ksd_kernel *k)
{
	static const char *const desc[] = { "48", "lpa", "lpa2" };
	const struct aarch64_xlat *x = &k->xlat;

	if (!k->has_xlat) {
		printf("no translation: %s\n", k->xlat_problem);
		return 0;
	}
	printf("page_shift %u\nva_bits %u\nvabits_actual %u\npa_bits %u\n"
	       "levels %u\nwalk_bits %u\ndesc %s\nflipped %d\n",
	       x->p.page_shift, x->p.va_bits, x->p.vabits_actual, x->p.pa_bits,
	       x->levels, x->walk_bits, desc[x->desc], x->flipped);
	printf("page_offset 0x%" PRIx64 "\npage_end 0x%" PRIx64 "\n"
	       "image 0x%" PRIx64 " 0x%" PRIx64 "\nkimage_voffset 0x%" PRIx64
	       "\nphys_offset 0x%" PRIx64 "\nkaslr 0x%" PRIx64 "\n",
	       x->page_offset, x->page_end, x->image_start, x->image_end,
	       x->p.kimage_voffset, x->p.phys_offset, k->kaslr_offset);
	return 0;
}

static int syms(const struct ksd_kernel *k)
{
	const struct ksd_symtab *t = k->syms;

	if (!t) {
		fprintf(stderr, "kview: no symbols: %s\n", k->syms_problem);
		return 2;
	}
	for (size_t i = 0; i < ksd_symtab_count(t); i++) {
		const struct ksd_sym *s = ksd_symtab_at(t, i);

		printf("%016" PRIx64 " %c %s\n", s->addr, s->type, s->name);
	}
	return 0;
}

static int lookup(const struct ksd_kernel *k, int argc, char **argv)
{
	for (int i = 0; i < argc; i++) {
		char buf[600];
		uint64_t a;

		if (!parse_addr(argv[i], &a))
			return usage();
		printf("0x%" PRIx64 " %s\n", a, ksd_symtab_describe(k->syms, a, buf,
								   sizeof(buf)));
	}
	return 0;
}

static int percpu(struct ksd_kernel *k)
{
	struct ksd_percpu_state *s;
	struct ksd_error *err = ksd_percpu_read(k, &s);

	if (err) {
		printf("error %s: %s\n", ksd_error_code_name(err->code), err->message);
		ksd_error_destroy(err);
		return 0;
	}
	printf("nr_cpu_ids %u\nmasks %d present %d active %d\n", s->nr_cpu_ids,
	       s->has_masks, s->has_present, s->has_active);
	if (s->has_panic_cpu)
		printf("panic_cpu %d\n", s->panic_cpu);
	if (s->has_sdei_available)
		printf("sdei_nmi_available %d\n", s->sdei_available);
	if (s->has_sdei_stopping)
		printf("sdei_nmi_stopping %d\n", s->sdei_stopping);
	for (unsigned int c = 0; c < s->nr_cpu_ids; c++) {
		const struct ksd_percpu_cpu *p = &s->cpus[c];

		printf("cpu %u possible %d present %d online %d active %d", c,
		       p->possible, p->present, p->online, p->active);
		if (p->has_offset)
			printf(" offset 0x%" PRIx64, p->offset);
		if (p->has_crash_notes)
			printf(" notes 0x%" PRIx64 " 0x%" PRIx64, p->crash_notes_va,
			       p->crash_notes_pa);
		if (p->has_sdei_active)
			printf(" sdei 0x%" PRIx64, p->sdei_active_normal);
		putchar('\n');
	}
	for (size_t i = 0; i < s->nproblems; i++)
		printf("problem %s\n", s->problems[i]);
	ksd_percpu_destroy(s);
	return 0;
}

static int readmem(struct ksd_kernel *k, int argc, char **argv)
{
	uint64_t va, len;
	uint8_t buf[4096];
	struct ksd_error *err;

	if (argc != 2 || !parse_addr(argv[0], &va) || !parse_addr(argv[1], &len) ||
	    len > sizeof(buf))
		return usage();
	err = ksd_kernel_read(k, va, buf, (size_t)len);
	if (err) {
		print_xlat(va, err, 0);
		return 0;
	}
	for (uint64_t i = 0; i < len; i++)
		printf("%02x", buf[i]);
	putchar('\n');
	return 0;
}

int main(int argc, char **argv)
{
	struct ksd_kernel_opts opts = { 0 };
	struct ksd_kernel *k = NULL;
	struct ksd_dump *dump = NULL;
	struct ksd_error *err;
	const char *cmd;
	int i = 1, rc;

	for (; i + 1 < argc && !strncmp(argv[i], "--", 2); i += 2) {
		if (!strcmp(argv[i], "--system-map"))
			opts.system_map = argv[i + 1];
		else if (!strcmp(argv[i], "--vmlinux"))
			opts.vmlinux = argv[i + 1];
		else
			return usage();
	}
	if (argc - i < 2)
		return usage();
	cmd = argv[i + 1];
	err = ksd_dump_open(argv[i], &dump);
	if (!err)
		err = ksd_kernel_open(dump, &opts, &k);
	if (err) {
		fprintf(stderr, "kview: %s\n", err->message);
		ksd_error_destroy(err);
		ksd_dump_destroy(dump);
		return 2;
	}
	argc -= i + 2;
	argv += i + 2;
	if (!strcmp(cmd, "params"))
		rc = params(k);
	else if (!strcmp(cmd, "vtop") || !strcmp(cmd, "walk"))
		rc = translate(k, cmd[0] == 'w', argc, argv);
	else if (!strcmp(cmd, "syms"))
		rc = syms(k);
	else if (!strcmp(cmd, "lookup"))
		rc = lookup(k, argc, argv);
	else if (!strcmp(cmd, "percpu"))
		rc = percpu(k);
	else if (!strcmp(cmd, "read"))
		rc = readmem(k, argc, argv);
	else
		rc = usage();
	ksd_kernel_destroy(k);
	ksd_dump_destroy(dump);
	return rc;
}
