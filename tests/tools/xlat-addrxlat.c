// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * xlat-addrxlat: translate kernel virtual addresses of an arm64 dump with
 * libkdumpfile's libaddrxlat, the independent peer that the address
 * translation of lib/arch is compared with (tests/integration/t2100).
 *
 * Usage: xlat-addrxlat --auto|--pgt DUMP ADDR...
 *   --auto  libkdumpfile's own set-up from VMCOREINFO (its whole model of
 *           the arm64 kernel layout);
 *   --pgt   libaddrxlat's page-table walker alone, given swapper_pg_dir,
 *           the descriptor format and the level layout the kernel uses
 *           (so its walker is compared even where its set-up differs).
 * Prints "0xVA pa 0xPA" or "0xVA error MESSAGE" per address, and the
 * method on stderr.  Exit status: 0, 1 usage, 2 the dump cannot be read.
 *
 * The --pgt geometry is the kernel's, from the 6.12 sources:
 *   - walk width: 64 - TCR_EL1_T1SZ with 4K/16K pages (an LPA2 kernel on
 *     48-bit hardware folds a level), VA_BITS with 64K pages (TTBR1 is
 *     offset into a PGD laid out for 52 bits, offset_ttbr1 in
 *     arch/arm64/include/asm/assembler.h);
 *   - descriptors: LPA (64K, MAX_PHYSMEM_BITS 52), LPA2 (4K/16K walking
 *     52 bits), else the 48-bit format.
 */
#include "config.h"

#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libkdumpfile/addrxlat.h>
#include <libkdumpfile/kdumpfile.h>

static int usage(void)
{
	fputs("usage: xlat-addrxlat --auto|--pgt DUMP ADDR...\n", stderr);
	return 1;
}

static int vmcoreinfo_num(kdump_ctx_t *ctx, const char *key, int base,
			  uint64_t *ret)
{
	char *val = NULL;
	int rc = -1;

	if (kdump_vmcoreinfo_line(ctx, key, &val) == KDUMP_OK && val) {
		char *end;

		*ret = strtoull(val, &end, base);
		rc = end == val ? -1 : 0;
	}
	free(val);
	return rc;
}

static int setup_pgt(kdump_ctx_t *ctx, addrxlat_meth_t *m)
{
	uint64_t psize, va_bits, t1sz = 0, pa_bits = 48, kvoff, root;
	unsigned int ps = 0, walk, bits;

	if (vmcoreinfo_num(ctx, "PAGESIZE", 10, &psize) ||
	    vmcoreinfo_num(ctx, "NUMBER(VA_BITS)", 0, &va_bits) ||
	    vmcoreinfo_num(ctx, "NUMBER(kimage_voffset)", 0, &kvoff) ||
	    kdump_vmcoreinfo_symbol(ctx, "swapper_pg_dir", &root) != KDUMP_OK) {
		fputs("xlat-addrxlat: VMCOREINFO lacks the arm64 translation keys\n", stderr);
		return -1;
	}
	vmcoreinfo_num(ctx, "NUMBER(TCR_EL1_T1SZ)", 0, &t1sz);
	vmcoreinfo_num(ctx, "NUMBER(MAX_PHYSMEM_BITS)", 0, &pa_bits);
	while ((1ull << ps) < psize)
		ps++;
	walk = ps == 16 || !t1sz ? (unsigned int)va_bits : 64 - (unsigned int)t1sz;

	memset(m, 0, sizeof(*m));
	m->kind = ADDRXLAT_PGT;
	m->target_as = ADDRXLAT_KPHYSADDR;
	m->param.pgt.root.as = ADDRXLAT_KPHYSADDR;
	m->param.pgt.root.addr = root - kvoff;
	if (ps == 16)
		m->param.pgt.pf.pte_format = pa_bits == 52 ? ADDRXLAT_PTE_AARCH64_LPA
							   : ADDRXLAT_PTE_AARCH64;
	else
		m->param.pgt.pf.pte_format = walk == 52 ? ADDRXLAT_PTE_AARCH64_LPA2
							: ADDRXLAT_PTE_AARCH64;
	/* Fields from the page offset up; the top level takes what is left. */
	bits = walk;
	m->param.pgt.pf.fieldsz[m->param.pgt.pf.nfields++] = (unsigned short)ps;
	bits -= ps;
	while (bits) {
		unsigned int f = bits < ps - 3 ? bits : ps - 3;

		m->param.pgt.pf.fieldsz[m->param.pgt.pf.nfields++] = (unsigned short)f;
		bits -= f;
	}
	fprintf(stderr, "pgt: root 0x%" PRIx64 " format %s fields",
		root - kvoff, addrxlat_pte_format_name(m->param.pgt.pf.pte_format));
	for (unsigned int i = 0; i < m->param.pgt.pf.nfields; i++)
		fprintf(stderr, " %u", m->param.pgt.pf.fieldsz[i]);
	fputc('\n', stderr);
	return 0;
}

static void by_pgt(addrxlat_ctx_t *axctx, addrxlat_sys_t *axsys,
		   const addrxlat_meth_t *m, uint64_t va)
{
	/* addrxlat_walk() launches the walk itself from step.base. */
	addrxlat_step_t step = {
		.ctx = axctx, .sys = axsys, .meth = m,
		.base = { .addr = va, .as = ADDRXLAT_KVADDR },
	};

	if (addrxlat_walk(&step) == ADDRXLAT_OK)
		printf("0x%" PRIx64 " pa 0x%" PRIx64 "\n", va, (uint64_t)step.base.addr);
	else
		printf("0x%" PRIx64 " error %s\n", va, addrxlat_ctx_get_err(axctx));
	addrxlat_ctx_clear_err(axctx);
}

static void by_sys(addrxlat_ctx_t *axctx, addrxlat_sys_t *axsys, uint64_t va)
{
	addrxlat_fulladdr_t a = { .addr = va, .as = ADDRXLAT_KVADDR };

	if (addrxlat_fulladdr_conv(&a, ADDRXLAT_KPHYSADDR, axctx, axsys) == ADDRXLAT_OK)
		printf("0x%" PRIx64 " pa 0x%" PRIx64 "\n", va, (uint64_t)a.addr);
	else
		printf("0x%" PRIx64 " error %s\n", va, addrxlat_ctx_get_err(axctx));
	addrxlat_ctx_clear_err(axctx);
}

int main(int argc, char **argv)
{
	addrxlat_ctx_t *axctx;
	addrxlat_sys_t *axsys;
	addrxlat_meth_t meth;
	kdump_ctx_t *ctx;
	bool autom;
	int fd, rc = 0;

	if (argc < 3 || (strcmp(argv[1], "--auto") && strcmp(argv[1], "--pgt")))
		return usage();
	/* A line at a time: an abnormal exit must not lose what was printed. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	autom = !strcmp(argv[1], "--auto");
	fd = open(argv[2], O_RDONLY);
	if (fd < 0) {
		perror(argv[2]);
		return 2;
	}
	ctx = kdump_new();
	if (!ctx || kdump_open_fd(ctx, fd) != KDUMP_OK ||
	    kdump_set_string_attr(ctx, KDUMP_ATTR_OSTYPE, "linux") != KDUMP_OK ||
	    kdump_get_addrxlat(ctx, &axctx, &axsys) != KDUMP_OK) {
		fprintf(stderr, "xlat-addrxlat: %s: %s\n", argv[2],
			ctx ? kdump_get_err(ctx) : "out of memory");
		rc = 2;
		goto out;
	}
	if (autom) {
		const addrxlat_meth_t *m = addrxlat_sys_get_meth(axsys, ADDRXLAT_SYS_METH_PGT);

		fprintf(stderr, "auto: format %s, %u fields\n",
			addrxlat_pte_format_name(m->param.pgt.pf.pte_format),
			m->param.pgt.pf.nfields);
	} else if (setup_pgt(ctx, &meth)) {
		rc = 2;
		goto put;
	}
	for (int i = 3; i < argc; i++) {
		char *end;
		uint64_t va = strtoull(argv[i], &end, 0);

		if (end == argv[i] || *end) {
			rc = usage();
			break;
		}
		if (autom)
			by_sys(axctx, axsys, va);
		else
			by_pgt(axctx, axsys, &meth, va);
	}
put:
	addrxlat_sys_decref(axsys);
	addrxlat_ctx_decref(axctx);
out:
	if (ctx)
		kdump_free(ctx);
	close(fd);
	return rc;
}
