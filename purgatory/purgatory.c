// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The purgatory: between a crash (or kexec -e) and the next kernel.
 * entry.S calls purgatory_main() on a private stack with the MMU and the
 * caches off; when it returns, entry.S enters the kernel with the two
 * values it returns (x0 = DTB, x1-x3 = 0).  On any failure it never
 * returns: the CPU is parked here, which keeps a corrupted kernel from
 * running and leaves the evidence in memory for a debugger.
 */
#include "purgatory/abi.h"
#include "purgatory/console.h"
#include "purgatory/sha256-arm64.h"
#include "purgatory/verify.h"

/*
 * The parameter block, filled in by the loader (abi.h).  Initialised, so
 * it is PROGBITS data the loader can patch, in a section of its own so
 * the loader can also find it without symbols.
 */
struct ksd_purgatory_params ksd_purgatory_params
	__attribute__((section(KSD_PURGATORY_PARAMS_SECTION), aligned(16))) = {
	.magic = KSD_PURGATORY_MAGIC,
	.version = KSD_PURGATORY_VERSION,
	.size = sizeof(struct ksd_purgatory_params),
};

/* Returned in x0 and x1 (AAPCS64: a 16-byte composite). */
struct boot_args {
	uint64_t entry;
	uint64_t dtb;
};

struct boot_args purgatory_main(void);

static __attribute__((noreturn)) void park(struct console *con,
					   uint32_t status)
{
	ksd_purgatory_params.status = status;
	console_puts(con, "purgatory: not entering the kernel; CPU parked\n");
	console_flush(con);
	for (;;)
		__asm__ volatile("wfi" : : : "memory");
}

struct boot_args purgatory_main(void)
{
	struct ksd_purgatory_params *p = &ksd_purgatory_params;
	struct sha256_engine eng;
	struct console con;
	bool ok;

	p->status = KSD_PURGATORY_RUNNING;
	console_init(&con, &p->console);
	console_puts(&con, "purgatory: kexec-sdei " PURGATORY_VERSION "\n");
	if (!purgatory_params_ok(p, &con))
		park(&con, KSD_PURGATORY_BAD_PARAMS);

	if (p->flags & KSD_PURGATORY_SKIP_CHECKS) {
		console_puts(&con, "purgatory: checks skipped as the loader asked\n");
	} else {
		sha256_engine_start(&eng, !(p->flags & KSD_PURGATORY_NO_SHA_INSN));
		ok = purgatory_verify_regions(p, &con, eng.blocks, eng.name);
		sha256_engine_stop(&eng);
		if (!ok)
			park(&con, KSD_PURGATORY_MISMATCH);
	}

	console_puts(&con, "purgatory: entering the kernel at ");
	console_put_hex(&con, p->kernel_entry);
	console_puts(&con, ", dtb at ");
	console_put_hex(&con, p->dtb);
	console_puts(&con, "\n");
	console_flush(&con);
	p->status = KSD_PURGATORY_BOOTING;
	return (struct boot_args){ .entry = p->kernel_entry, .dtb = p->dtb };
}
