// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ELF notes as a dump's PT_NOTE holds them, and the arm64 NT_PRSTATUS
 * descriptors among them: the first byte picks the byte order, the rest
 * is the note list.  Each register set is decoded and described as the
 * report would.
 */
#include "config.h"

#include "arch/aarch64.h"
#include "dump/notes.h"
#include "fuzz.h"

FUZZ_TARGET(notes)
{
	struct ksd_note_iter it;
	bool be;

	if (size < 1)
		return 0;
	be = data[0] & 1;
	ksd_note_iter_init(&it, data + 1, size - 1, be);
	for (;;) {
		struct aarch64_prstatus prs;
		struct aarch64_pstate ps;
		struct ksd_note n;
		struct ksd_error *err;
		char buf[256];
		bool end;

		err = ksd_note_next(&it, &n, &end);
		if (err || end) {
			fuzz_drop(err);
			break;
		}
		(void)ksd_note_is(&n, "VMCOREINFO", 0);
		if (!ksd_note_is(&n, "CORE", NT_PRSTATUS_TYPE))
			continue;
		err = aarch64_prstatus_parse(n.desc, n.desc_len, be, &prs);
		if (err) {
			fuzz_drop(err);
			continue;
		}
		aarch64_pstate_decode(prs.regs.pstate, &ps);
		aarch64_pstate_describe(&ps, buf, sizeof(buf));
		for (unsigned int i = 0; i < AARCH64_NGREG; i++) {
			(void)aarch64_reg_name(i);
			(void)aarch64_reg_value(&prs.regs, i);
		}
	}
	return 0;
}
