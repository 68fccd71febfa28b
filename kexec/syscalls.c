// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#ifdef KSD_KEXEC_NATIVE
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/reboot.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#endif

#include "syscalls.h"

/* include/uapi/linux/reboot.h */
#define LINUX_REBOOT_CMD_KEXEC 0x45584543

bool sys_kexec_native(void)
{
#ifdef KSD_KEXEC_NATIVE
	return true;
#else
	return false;
#endif
}

#ifndef KSD_KEXEC_NATIVE
static struct ksd_error *not_native(void)
{
	return ksd_error_create(KSD_ERR_UNSUPPORTED,
				"this kexec was built for a host other than arm64 and cannot make the kexec system calls (--dry-run shows what it would do)");
}
#endif

/*
 * kexec-tools' do_kexec_file_load() and kexec_file_unload(): signature
 * failures (EKEYREJECTED, ENOKEY, EBADMSG, ELIBBAD, ENOPKG, EMSGSIZE) are
 * final, like any errno not named here.  The rule is outside the arm64
 * part so that every build's tests check it.
 */
bool sys_file_load_falls_back(enum plan_action action, int e)
{
	if (action == PLAN_UNLOAD)
		return e == ENOSYS;
	return e == ENOSYS || e == EINVAL || e == ENOEXEC || e == EOPNOTSUPP;
}

#ifdef KSD_KEXEC_NATIVE
static bool signature_error(int e)
{
	return e == EKEYREJECTED || e == ENOKEY || e == EBADMSG ||
	       e == ELIBBAD || e == ENOPKG || e == EMSGSIZE;
}

static int file_load(int kernel_fd, int initrd_fd, unsigned long len,
		     const char *cmdline, unsigned long flags)
{
	return syscall(SYS_kexec_file_load, kernel_fd, initrd_fd, len, cmdline,
		       flags) == 0 ? 0 : errno;
}

/* include/uapi/linux/kexec.h */
struct kexec_segment_uapi {
	const void *buf;
	size_t bufsz;
	const void *mem;
	size_t memsz;
};

static int load_segments(const struct plan *p)
{
	struct kexec_segment_uapi segs[16];

	if (p->nsegments > 16)
		return E2BIG;
	for (unsigned int i = 0; i < p->nsegments; i++)
		segs[i] = (struct kexec_segment_uapi){
			.buf = p->segments[i].buf,
			.bufsz = (size_t)p->segments[i].bufsz,
			.mem = (const void *)(uintptr_t)p->segments[i].mem,
			.memsz = (size_t)p->segments[i].memsz,
		};
	return syscall(SYS_kexec_load, (unsigned long)p->load->entry,
		       (unsigned long)p->nsegments, segs,
		       p->fallback_flags) == 0 ? 0 : errno;
}

static int load_unload(unsigned long flags)
{
	return syscall(SYS_kexec_load, 0UL, 0UL, NULL, flags) == 0 ? 0 : errno;
}

static struct ksd_error *file_error(int e)
{
	if (e == ENOSYS)
		return ksd_error_create(KSD_ERR_UNSUPPORTED,
					"syscall kexec_file_load not available (kernel without CONFIG_KEXEC_FILE)");
	if (signature_error(e))
		return ksd_error_create(KSD_ERR_OS,
					"kexec_file_load failed: %s (the kernel rejected the image's signature)",
					strerror(e));
	return ksd_error_create(KSD_ERR_OS, "kexec_file_load failed: %s", strerror(e));
}
#endif

struct ksd_error *sys_execute_plan(const struct plan *p,
				   struct sys_outcome *out)
{
#ifdef KSD_KEXEC_NATIVE
	unsigned long flags = p->flags;
	bool retry;
	int e;

	*out = (struct sys_outcome){ 0 };
	if (p->action == PLAN_LOAD && p->syscall == PLAN_KEXEC_LOAD)
		return sys_kexec_load(p, 0);
	if (p->action == PLAN_UNLOAD && p->syscall == PLAN_KEXEC_LOAD) {
		e = load_unload(p->fallback_flags);
		return e ? ksd_error_create(KSD_ERR_OS, "kexec_load failed: %s",
					    strerror(e)) : NULL;
	}
	if (p->action == PLAN_UNLOAD)
		e = file_load(-1, -1, 0, NULL, flags);
	else
		e = file_load(p->kernel.fd, p->initrd_fd, p->cmdline_len,
			      p->cmdline, flags);
	if (e == EINVAL && (flags & KEXEC_FILE_DEBUG)) {
		flags &= ~(unsigned long)KEXEC_FILE_DEBUG;
		if (p->action == PLAN_UNLOAD)
			e = file_load(-1, -1, 0, NULL, flags);
		else
			e = file_load(p->kernel.fd, p->initrd_fd, p->cmdline_len,
				      p->cmdline, flags);
		out->dropped_debug = e != EINVAL;
	}
	if (!e)
		return NULL;
	retry = sys_file_load_falls_back(p->action, e);
	if (p->action == PLAN_UNLOAD && p->fallback && retry) {
		out->fell_back = true;
		e = load_unload(p->fallback_flags);
		return e ? ksd_error_create(KSD_ERR_OS, "kexec_load failed: %s",
					    strerror(e)) : NULL;
	}
	if (p->action == PLAN_LOAD && p->fallback && retry) {
		out->want_load = true;
		out->file_errno = e;
		return NULL;
	}
	out->no_fallback = retry && !p->fallback;
	return file_error(e);
#else
	(void)p;
	*out = (struct sys_outcome){ 0 };
	return not_native();
#endif
}

struct ksd_error *sys_kexec_load(const struct plan *p, int after_file_errno)
{
#ifdef KSD_KEXEC_NATIVE
	int e;

	if (!p->load || !p->nsegments)
		return ksd_error_create(KSD_ERR_INTERNAL, "kexec_load without segments");
	e = load_segments(p);
	if (!e)
		return NULL;
	if (after_file_errno)
		return ksd_error_create(KSD_ERR_OS,
					"kexec_file_load failed: %s; kexec_load failed: %s",
					strerror(after_file_errno), strerror(e));
	if (e == ENOSYS)
		return ksd_error_create(KSD_ERR_UNSUPPORTED,
					"syscall kexec_load not available (kernel without CONFIG_KEXEC)");
	if (e == EPERM)
		return ksd_error_create(KSD_ERR_OS,
					"kexec_load failed: %s (not root, kexec_load_disabled, or the kernel is locked down: lockdown allows kexec_file_load only, -s)",
					strerror(e));
	return ksd_error_create(KSD_ERR_OS, "kexec_load failed: %s", strerror(e));
#else
	(void)p;
	(void)after_file_errno;
	return not_native();
#endif
}

#ifdef KSD_KEXEC_NATIVE
/* Take every interface but loopback down, as kexec-tools' ifdown() does. */
static void interfaces_down(void)
{
	struct if_nameindex *ifs = if_nameindex();
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (!ifs || s < 0)
		goto out;
	for (struct if_nameindex *i = ifs; i->if_index; i++) {
		struct ifreq ifr;

		memset(&ifr, 0, sizeof(ifr));
		memcpy(ifr.ifr_name, i->if_name, strnlen(i->if_name, IFNAMSIZ - 1));
		if (ioctl(s, SIOCGIFFLAGS, &ifr) < 0 || (ifr.ifr_flags & IFF_LOOPBACK))
			continue;
		ifr.ifr_flags &= ~IFF_UP;
		ioctl(s, SIOCSIFFLAGS, &ifr);
	}
out:
	if (s >= 0)
		close(s);
	if (ifs)
		if_freenameindex(ifs);
}
#endif

struct ksd_error *sys_exec_loaded(bool sync_first, bool ifdown)
{
#ifdef KSD_KEXEC_NATIVE
	if (sync_first)
		sync();
	if (ifdown)
		interfaces_down();
	reboot(LINUX_REBOOT_CMD_KEXEC);
	return ksd_error_errno(errno, "kexec failed");
#else
	(void)sync_first;
	(void)ifdown;
	return not_native();
#endif
}

struct ksd_error *sys_shutdown_reboot(void)
{
#ifdef KSD_KEXEC_NATIVE
	char *const args[] = { (char *)"shutdown", (char *)"-r", (char *)"now", NULL };

	execv("/sbin/shutdown", args);
	execv("/etc/shutdown", args);
	execv("/bin/shutdown", args);
	return ksd_error_errno(errno, "shutdown");
#else
	return not_native();
#endif
}
