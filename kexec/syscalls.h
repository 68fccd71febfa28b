/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The system calls that change the machine: kexec_file_load(2),
 * kexec_load(2), reboot(LINUX_REBOOT_CMD_KEXEC),
 * and the preparations of kexec -e (sync, interfaces down, shutdown).
 *
 * They are made only by a build for arm64 (configure defines
 * KSD_KEXEC_NATIVE); elsewhere each returns a clear KSD_ERR_UNSUPPORTED
 * error, so the rest of the loader (--dry-run) works on any host.
 */
#ifndef KSD_KEXEC_SYSCALLS_H
#define KSD_KEXEC_SYSCALLS_H

#include <stdbool.h>

#include "plan.h"

/* Whether this build can make the kexec system calls at all. */
bool sys_kexec_native(void);

/* What happened besides success or failure, for main() to tell. */
struct sys_outcome {
	bool fell_back;		/* -a used kexec_load (unload) */
	/*
	 * -a: kexec_file_load refused the load in a way that allows
	 * kexec_load; the caller prepares the segments and calls
	 * sys_kexec_load().  @file_errno is why.
	 */
	bool want_load;
	int file_errno;
	bool dropped_debug;	/* the kernel refused KEXEC_FILE_DEBUG */
	/*
	 * kexec_file_load failed in a way -a would retry with kexec_load,
	 * but -s allowed no retry: kexec-tools' EFALLBACK, exit 253.
	 */
	bool no_fallback;
};

/*
 * Whether kexec-tools' -a goes on to kexec_load after kexec_file_load
 * failed with @e.  A load does on ENOSYS, EINVAL, ENOEXEC and EOPNOTSUPP
 * (the kernel lacks the call, or does not take this image or these
 * flags); signature errors and everything else are final.  An unload
 * does on ENOSYS alone.
 */
bool sys_file_load_falls_back(enum plan_action action, int e);

/*
 * Carry out @p (a load or an unload) with the system calls it names,
 * falling back as -a allows.  Messages follow kexec-tools'
 * ("kexec_file_load failed: ...").
 *
 * Kernels before 6.7 refuse the KEXEC_FILE_DEBUG flag (-d) with EINVAL,
 * which would fail "kexec -d -p -s" (older kdumpctl) outright: the call
 * is then made again without it, and @out says so.
 */
struct ksd_error *sys_execute_plan(const struct plan *p,
				   struct sys_outcome *out);

/*
 * kexec_load(@p->load->entry, the segments, @p->fallback_flags): the
 * segments were checked when they were placed (layout.c); the kernel
 * checks them again.  @after_file_errno, when not 0, is the error of the
 * kexec_file_load this falls back from, for the message.
 */
struct ksd_error *sys_kexec_load(const struct plan *p, int after_file_errno);

/* Boot the loaded kernel now (kexec -e); returns only on failure. */
struct ksd_error *sys_exec_loaded(bool sync_first, bool ifdown);

/* kexec's default mode: reboot through shutdown(8), which runs kexec -e. */
struct ksd_error *sys_shutdown_reboot(void);

#endif /* KSD_KEXEC_SYSCALLS_H */
