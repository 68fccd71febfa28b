// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmdline.h"
#include "iomem.h"
#include "plan.h"
#include "util/strv.h"

/* A message for the plan's warnings list. */
#define warn(x, ...) ksd_strv_appendf(&(x)->warnings, &(x)->nwarnings, __VA_ARGS__)

const char *plan_syscall_name(enum plan_syscall s)
{
	return s == PLAN_FILE_LOAD ? "kexec_file_load" : "kexec_load";
}

void plan_flag_names(const struct plan *p, char *buf, size_t len)
{
	static const struct { unsigned long bit; const char *name; } file[] = {
		{ KEXEC_FILE_UNLOAD, "KEXEC_FILE_UNLOAD" },
		{ KEXEC_FILE_ON_CRASH, "KEXEC_FILE_ON_CRASH" },
		{ KEXEC_FILE_NO_INITRAMFS, "KEXEC_FILE_NO_INITRAMFS" },
		{ KEXEC_FILE_DEBUG, "KEXEC_FILE_DEBUG" },
		{ KEXEC_FILE_NO_CMA, "KEXEC_FILE_NO_CMA" },
	}, load[] = {
		{ KEXEC_ON_CRASH, "KEXEC_ON_CRASH" },
		{ KEXEC_ARCH_ARM64, "KEXEC_ARCH_ARM64" },
	};
	const bool is_file = p->syscall == PLAN_FILE_LOAD;
	size_t n = is_file ? sizeof(file) / sizeof(*file) : sizeof(load) / sizeof(*load);
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		unsigned long bit = is_file ? file[i].bit : load[i].bit;
		const char *name = is_file ? file[i].name : load[i].name;

		if ((p->flags & bit) != bit)
			continue;
		used += (size_t)snprintf(buf + used, used < len ? len - used : 0,
					 "%s%s", used ? "|" : "", name);
	}
	if (!used)
		snprintf(buf, len, "0");
}

struct ksd_error *plan_crash_ranges(const struct sysroot *sr,
				    struct crash_range **ret, unsigned int *n,
				    bool *hidden)
{
	struct crash_range *v = NULL;
	struct ksd_error *err;
	struct iomem io;
	unsigned int count = 0;

	err = iomem_read(sr, &io);
	if (err)
		return err;
	for (size_t i = iomem_find(&io, IOMEM_CRASH_KERNEL, 0); i < io.n;
	     i = iomem_find(&io, IOMEM_CRASH_KERNEL, i + 1)) {
		struct crash_range *nv = reallocarray(v, count + 1, sizeof(*v));

		if (!nv) {
			free(v);
			iomem_deinit(&io);
			return &ksd_enomem;
		}
		v = nv;
		v[count++] = (struct crash_range){ io.ranges[i].start, io.ranges[i].end };
	}
	*hidden = io.hidden;
	iomem_deinit(&io);
	*ret = v;
	*n = count;
	return NULL;
}

static struct ksd_error *crash_preconditions(const struct sysroot *sr,
					     struct plan *p)
{
	struct ksd_error *err;

	err = plan_crash_ranges(sr, &p->crash_ranges, &p->ncrash, &p->crash_hidden);
	if (err)
		return ksd_error_prefix(err, "looking for the crash kernel reservation");
	if (!p->ncrash)
		return ksd_error_create(KSD_ERR_NOT_FOUND, NO_CRASHKERNEL_MESSAGE);
	for (unsigned int i = 0; i < p->ncrash; i++)
		p->crash_size += p->crash_ranges[i].end - p->crash_ranges[i].start + 1;
	if (p->crash_hidden)
		return warn(p, "/proc/iomem shows every address as zero (not root?): the size of the crash kernel reservation is unknown");
	return NULL;
}

static struct ksd_error *open_initrd(const struct sysroot *sr, const char *path,
				     struct plan *p)
{
	struct ksd_error *err;
	struct stat st;

	err = sysroot_open(sr, path, O_RDONLY, SYSROOT_FILE, &p->initrd_fd);
	if (err)
		return ksd_error_prefix(err, "initrd");
	if (fstat(p->initrd_fd, &st) < 0)
		return ksd_error_errno(errno, "initrd %s", path);
	p->initrd_size = (uint64_t)st.st_size;
	p->initrd_path = strdup(path);
	return p->initrd_path ? NULL : &ksd_enomem;
}

/*
 * What each kexec_load-only option would have done, for the warning; with
 * kexec_load itself, the options it does not implement.
 */
static struct ksd_error *warn_legacy(struct plan *p, const struct kexec_opts *o)
{
	static const struct { unsigned int bit; const char *text; } ignored[] = {
		{ LEGACY_TYPE, "--type is ignored: the file's format is recognised" },
		{ LEGACY_MEM_MIN, "--mem-min is ignored: the segments are placed in the crash kernel reservation, or in free RAM" },
		{ LEGACY_MEM_MAX, "--mem-max is ignored: the segments are placed in the crash kernel reservation, or in free RAM" },
		{ LEGACY_REUSEINITRD, "--reuseinitrd is not supported" },
		{ LEGACY_HOTPLUG, "--hotplug is not supported: arm64 reloads the capture kernel on hotplug" },
		{ LEGACY_FORCE_DTB, "--force-dtb has no effect on arm64, where the kernel always gets a device tree" },
	};
	static const struct { unsigned int bit; const char *text; } legacy[] = {
		{ LEGACY_DTB, "--dtb has no effect with kexec_file_load: the kernel gives the new kernel its own device tree" },
		{ LEGACY_SERIAL, "--serial has no effect with kexec_file_load: there is no purgatory to print" },
		{ LEGACY_TYPE, "--type has no effect with kexec_file_load: the file's format is recognised" },
		{ LEGACY_MEM_MIN, "--mem-min has no effect with kexec_file_load: the kernel places the segments" },
		{ LEGACY_MEM_MAX, "--mem-max has no effect with kexec_file_load: the kernel places the segments" },
		{ LEGACY_NO_CHECKS, "--no-checks has no effect with kexec_file_load: there is no purgatory digest check" },
		{ LEGACY_REUSEINITRD, "--reuseinitrd has no effect with kexec_file_load" },
		{ LEGACY_HOTPLUG, "--hotplug has no effect with kexec_file_load: the kernel decides whether the elfcorehdr follows hotplug" },
		{ LEGACY_FORCE_DTB, "--force-dtb has no effect on arm64, where the kernel always passes a device tree" },
	};
	struct ksd_error *err = NULL;

	if (p->syscall == PLAN_KEXEC_LOAD) {
		for (size_t i = 0; !err && i < sizeof(ignored) / sizeof(*ignored); i++)
			if (o->legacy & ignored[i].bit)
				err = warn(p, "%s", ignored[i].text);
		return err;
	}
	for (size_t i = 0; !err && i < sizeof(legacy) / sizeof(*legacy); i++)
		if (o->legacy & legacy[i].bit)
			err = warn(p, "%s%s", legacy[i].text,
				   p->fallback ? " (it applies if the kernel refuses the file and kexec_load is used)" : "");
	return err;
}

/* Load options given to -u, -e or -S do nothing there. */
static struct ksd_error *warn_unused_load_opts(struct plan *p,
					       const struct kexec_opts *o,
					       const char *mode)
{
	struct ksd_error *err = NULL;

	if (o->kernel)
		err = warn(p, "the kernel file %s is not used with %s", o->kernel, mode);
	if (!err && o->initrd)
		err = warn(p, "--initrd has no effect with %s", mode);
	if (!err && (o->command_line || o->reuse_cmdline))
		err = warn(p, "the command line options have no effect with %s", mode);
	return err;
}

static struct ksd_error *check_image(struct plan *p)
{
	const struct arm64_image_header *h = &p->kernel.header;

	/* arch/arm64/kernel/kexec_image.c image_load(): -EINVAL otherwise. */
	if (!h->image_size && p->syscall == PLAN_FILE_LOAD && !p->fallback)
		return ksd_error_create(KSD_ERR_UNSUPPORTED,
					"kernel %s: image_size is 0 (a kernel older than 3.17): kexec_file_load cannot place it",
					p->kernel.path);
	if (!h->image_size) {
		struct ksd_error *err = warn(p, "kernel %s has image_size 0 (a kernel older than 3.17): kexec_load assumes text_offset 0x80000 and 16 MiB, as kexec-tools does",
					     p->kernel.path);

		if (err)
			return err;
	}
	if (arm64_image_big_endian(h))
		return warn(p, "kernel %s is a big-endian Image; a little-endian kernel loads it only on CPUs with mixed-endian support",
			    p->kernel.path);
	return NULL;
}

/* The crash kernel must fit the reservation with room for the rest. */
static struct ksd_error *check_fit(struct plan *p)
{
	uint64_t need = p->kernel.header.image_size + p->initrd_size;

	if (!p->crash || p->crash_hidden || need <= p->crash_size)
		return NULL;
	return warn(p, "the kernel (image_size %llu bytes) and initrd (%llu bytes) need more than the %llu-byte crash kernel reservation",
		    (unsigned long long)p->kernel.header.image_size,
		    (unsigned long long)p->initrd_size,
		    (unsigned long long)p->crash_size);
}

static struct ksd_error *sdei_for_crash(const struct sysroot *sr,
					const struct kexec_opts *o,
					const char *loader, int64_t now,
					struct plan *p)
{
	struct ksd_error *err;
	char *line;

	err = sdei_detect(sr, loader, now, &p->sdei);
	if (err) {
		/* A kdump load must not fail because the mark cannot be made. */
		struct ksd_error *w = warn(p, "%s; the capture kernel gets no SDEI record",
					   err->message);

		ksd_error_destroy(err);
		return w;
	}
	p->have_sdei = true;
	if (p->sdei.rec.nmi != KSD_NMI_UNAVAILABLE &&
	    !cmdline_cpu_limit(p->cmdline ? p->cmdline : "")) {
		err = warn(p, "SDEI may park CPUs that stop on a crash, and an SMP capture kernel cannot bring them back online: add nr_cpus=1 to its command line");
		if (err)
			return err;
	}
	if (o->no_sdei_record)
		return NULL;
	if (!p->cmdline)
		return warn(p, "no command line given, so the SDEI record token is not added (the kernel would otherwise drop the capture kernel's default command line)");
	if (cmdline_open_quote(p->cmdline))
		return warn(p, "the command line ends inside a double quote, so the SDEI record token is not added (the kernel would read it as part of the quoted value)");
	p->token = sdei_status_token(&p->sdei);
	if (!p->token)
		return &ksd_enomem;
	err = cmdline_add_token(p->cmdline, p->token, &line);
	if (err)
		return err;
	if (strlen(line) + 1 > ARM64_COMMAND_LINE_SIZE) {
		free(line);
		free(p->token);
		p->token = NULL;
		return warn(p, "the SDEI record token would make the command line longer than %u bytes, so it is not added",
			    ARM64_COMMAND_LINE_SIZE - 1);
	}
	free(p->cmdline);
	p->cmdline = line;
	return NULL;
}

static struct ksd_error *build_cmdline(const struct sysroot *sr,
				       const struct kexec_opts *o, struct plan *p)
{
	struct ksd_error *err;
	char *proc = NULL;

	if (o->reuse_cmdline) {
		err = cmdline_read_proc(sr, &proc);
		if (err)
			return ksd_error_prefix(err, "--reuse-cmdline");
	}
	err = cmdline_build(proc, o->reuse_cmdline, p->crash, o->command_line,
			    &p->cmdline);
	if (!err && proc && cmdline_open_quote(proc))
		err = warn(p, "/proc/cmdline ends inside a double quote: it is closed, so that what follows is not read as part of the quoted value");
	free(proc);
	if (err)
		return err;
	if (p->cmdline && strlen(p->cmdline) + 1 > ARM64_COMMAND_LINE_SIZE)
		return ksd_error_create(KSD_ERR_LIMIT,
					"the command line is %zu bytes; the arm64 kernel takes at most %u (COMMAND_LINE_SIZE %u, with its NUL)",
					strlen(p->cmdline), ARM64_COMMAND_LINE_SIZE - 1,
					ARM64_COMMAND_LINE_SIZE);
	return NULL;
}

/*
 * -a: the kexec_load plan is made only when the kernel refuses the file,
 * except for --dry-run, which shows it; if it cannot be made, the dry
 * run says why instead of failing, as the real run would only fail when
 * the fallback is needed.
 */
static struct ksd_error *dry_run_fallback(const struct sysroot *sr,
					  const struct kexec_opts *o,
					  const struct plan_inputs *in,
					  struct plan *p)
{
	struct ksd_error *err = plan_prepare_load(sr, o, in, p);

	if (!err || err == &ksd_enomem)
		return err;
	p->load_error = ksd_error_take_message(err);
	return p->load_error ? NULL : &ksd_enomem;
}

static struct ksd_error *plan_load(const struct sysroot *sr,
				   const struct kexec_opts *o,
				   const struct plan_inputs *in,
				   struct plan *p)
{
	struct ksd_error *err = NULL;

	p->syscall = o->syscall == SYSCALL_LOAD ? PLAN_KEXEC_LOAD : PLAN_FILE_LOAD;
	p->fallback = o->syscall == SYSCALL_AUTO;
	if (p->crash)
		err = crash_preconditions(sr, p);
	/*
	 * kexec-tools returns -1 (exit 255) here, not its usage status 1:
	 * not KSD_ERR_INVALID_ARG, which main() exits 1 for.
	 */
	if (!err && !o->kernel)
		err = ksd_error_create(KSD_ERR_NOT_FOUND, "No kernel specified");
	if (!err && o->extra_args)
		err = warn(p, "ignoring %d argument(s) after the kernel %s",
			   o->extra_args, o->kernel);
	if (!err)
		err = image_open(sr, o->kernel,
				 o->syscall == SYSCALL_FILE ? 0 : IMAGE_ALLOW_VMLINUX,
				 &p->kernel);
	if (err)
		return err;
	p->have_kernel = true;
	if (p->kernel.format == IMAGE_VMLINUX && p->syscall == PLAN_FILE_LOAD) {
		/* as kexec-tools: kexec_file_load takes no vmlinux, -a goes on */
		p->syscall = PLAN_KEXEC_LOAD;
		p->fallback = false;
		err = warn(p, "kernel %s is a vmlinux, which kexec_file_load does not take: using kexec_load",
			   p->kernel.path);
		if (err)
			return err;
	}
	err = check_image(p);
	if (!err && o->initrd)
		err = open_initrd(sr, o->initrd, p);
	if (!err)
		err = build_cmdline(sr, o, p);
	if (!err && p->crash)
		err = sdei_for_crash(sr, o, in->loader, in->now, p);
	if (!err)
		err = check_fit(p);
	if (!err)
		err = warn_legacy(p, o);
	if (err)
		return err;
	p->cmdline_len = p->cmdline ? strlen(p->cmdline) + 1 : 0;
	p->fallback_flags = (p->crash ? KEXEC_ON_CRASH : 0) | KEXEC_ARCH_ARM64;
	if (p->syscall == PLAN_KEXEC_LOAD) {
		p->flags = p->fallback_flags;
		return plan_prepare_load(sr, o, in, p);
	}
	p->flags = (p->crash ? KEXEC_FILE_ON_CRASH : 0) |
		   (p->initrd_fd < 0 ? KEXEC_FILE_NO_INITRAMFS : 0) |
		   (o->debug ? KEXEC_FILE_DEBUG : 0) |
		   (o->no_cma ? KEXEC_FILE_NO_CMA : 0);
	if (p->fallback && o->dry_run)
		return dry_run_fallback(sr, o, in, p);
	return NULL;
}

static struct ksd_error *plan_unload(const struct kexec_opts *o, struct plan *p)
{
	struct ksd_error *err;

	p->action = PLAN_UNLOAD;
	/*
	 * Unloading through kexec_load needs no segments, no elfcorehdr
	 * and no purgatory, so it works with -c and as -a's fallback.
	 */
	p->syscall = o->syscall == SYSCALL_LOAD ? PLAN_KEXEC_LOAD : PLAN_FILE_LOAD;
	p->fallback = o->syscall == SYSCALL_AUTO;
	p->fallback_flags = (p->crash ? KEXEC_ON_CRASH : 0) | KEXEC_ARCH_ARM64;
	p->flags = p->syscall == PLAN_KEXEC_LOAD ? p->fallback_flags :
		   KEXEC_FILE_UNLOAD | (p->crash ? KEXEC_FILE_ON_CRASH : 0) |
		   (o->debug ? KEXEC_FILE_DEBUG : 0);
	err = warn_unused_load_opts(p, o, "-u");
	return err;
}

struct ksd_error *plan_build(const struct sysroot *sr,
			     const struct kexec_opts *o,
			     const struct plan_inputs *in, struct plan *ret)
{
	struct ksd_error *err;

	memset(ret, 0, sizeof(*ret));
	ret->initrd_fd = -1;
	ret->kernel.fd = -1;
	ret->crash = o->crash;
	if (!o->do_unload)
		ret->after = o->do_exec ? AFTER_EXEC :
			     o->do_shutdown ? AFTER_SHUTDOWN : AFTER_NOTHING;
	if (o->do_unload)
		err = plan_unload(o, ret);
	else
		err = plan_load(sr, o, in, ret);
	if (err)
		plan_deinit(ret);
	return err;
}

void plan_deinit(struct plan *p)
{
	if (p->have_kernel)
		image_close(&p->kernel);
	if (p->initrd_fd >= 0)
		close(p->initrd_fd);
	free(p->initrd_path);
	free(p->cmdline);
	free(p->crash_ranges);
	if (p->have_sdei)
		sdei_status_deinit(&p->sdei);
	free(p->token);
	plan_load_destroy(p);
	free(p->load_error);
	for (unsigned int i = 0; i < p->nwarnings; i++)
		free(p->warnings[i]);
	free(p->warnings);
	memset(p, 0, sizeof(*p));
	p->initrd_fd = -1;
}
