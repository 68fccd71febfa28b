// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kexec: load a kernel to boot later, or the capture kernel for kdump,
 * on arm64; a drop-in for kexec-tools' kexec as kdump services call it,
 * plus the SDEI readiness check and record.
 *
 * The only file that prints diagnostics or exits.  Exit status, as
 * kexec-tools:
 *   0    success
 *   1    usage error, or a precondition failed (no crash kernel
 *        reservation, nothing loaded for -e)
 *   255  no kernel named, the kernel refused, or a file could not be used
 *   253  -s, and kexec_file_load is missing or refused the image in a way
 *        -a would retry with kexec_load
 *   -S:  1 loaded, 0 not loaded (255 when the state cannot be read)
 *   --sdei-status: 0 armed, 2 not armed, 3 cannot tell
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "options.h"
#include "plan.h"
#include "sdei-report.h"
#include "syscalls.h"
#include "sysroot.h"
#include "util/sha256.h"

enum {
	EXIT_OK = 0,
	EXIT_USAGE = 1,
	EXIT_FAILED = 255,
	EXIT_NO_FALLBACK = 253,	/* kexec-tools' EFALLBACK (-3) */
	EXIT_SDEI_NOT_ARMED = 2,
	EXIT_SDEI_UNKNOWN = 3,
};

#define TOOL "kexec-sdei " PACKAGE_VERSION

static const char *prog = "kexec";

static void print_error(const struct ksd_error *err)
{
	/* kexec-tools prints this one as it is; scripts may look for it. */
	if (strcmp(err->message, NO_CRASHKERNEL_MESSAGE) == 0)
		fprintf(stderr, "%s\n", err->message);
	else
		fprintf(stderr, "%s: %s\n", prog, err->message);
}

static int fail(struct ksd_error *err)
{
	int status = err->code == KSD_ERR_INVALID_ARG ||
		     strcmp(err->message, NO_CRASHKERNEL_MESSAGE) == 0 ?
		     EXIT_USAGE : EXIT_FAILED;

	print_error(err);
	ksd_error_destroy(err);
	return status;
}

static int flush_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "%s: writing the output failed: %s\n", prog,
			strerror(errno));
		return EXIT_FAILED;
	}
	return EXIT_OK;
}

/*
 * LOADED= in the record.  SOURCE_DATE_EPOCH (the reproducible-builds
 * convention) fixes it, so test expectations can be exact.
 */
static int64_t load_time(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (s && *s) {
		errno = 0;
		v = strtoll(s, &end, 10);
		if (!errno && !*end && v >= 0)
			return v;
	}
	return (int64_t)time(NULL);
}

/*
 * The fresh kaslr-seed and rng-seed of a kexec_load DTB.  getrandom()
 * without GRND_NONBLOCK can wait for the pool only early in boot; kdump
 * services run later.  A --dry-run with SOURCE_DATE_EPOCH set (the
 * tests) takes seeds derived from it instead, so the plan it prints, the
 * DTB's digest included, is the same each time; a real load never does.
 */
static struct ksd_error *plan_inputs(const struct kexec_opts *o,
				     struct plan_inputs *in)
{
	uint8_t buf[sizeof(in->kaslr_seed) + sizeof(in->rng_seed)];
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	size_t done = 0;

	*in = (struct plan_inputs){ .loader = TOOL, .now = load_time() };
	if (o->dry_run && epoch && *epoch) {
		for (size_t i = 0; i < sizeof(buf); i += 32) {
			uint8_t d[32];
			char seed[64];

			snprintf(seed, sizeof(seed), "kexec-sdei dry-run seed %s %zu",
				 epoch, i);
			ksd_sha256(seed, strlen(seed), d);
			memcpy(buf + i, d, sizeof(buf) - i < 32 ? sizeof(buf) - i : 32);
		}
		done = sizeof(buf);
	}
	while (done < sizeof(buf)) {
		ssize_t r = getrandom(buf + done, sizeof(buf) - done, 0);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return ksd_error_errno(errno, "getrandom (for the DTB's kaslr-seed and rng-seed)");
		done += (size_t)r;
	}
	memcpy(in->kaslr_seed, buf, sizeof(in->kaslr_seed));
	memcpy(in->rng_seed, buf + sizeof(in->kaslr_seed), sizeof(in->rng_seed));
	return NULL;
}

/* --dump-segments=DIR: each segment's bytes (bufsz of them) as DIR/<what>.bin. */
static struct ksd_error *dump_segments(const struct plan *p, const char *dir)
{
	struct ksd_error *err = NULL;

	for (unsigned int i = 0; !err && i < p->nsegments; i++) {
		const struct plan_segment *s = &p->segments[i];
		char *path;
		FILE *f;

		if (asprintf(&path, "%s/%s.bin", dir, s->what) < 0)
			return &ksd_enomem;
		f = fopen(path, "we");
		if (!f)
			err = ksd_error_errno(errno, "cannot create '%s'", path);
		else if (fwrite(s->buf, 1, (size_t)s->bufsz, f) != s->bufsz)
			err = ksd_error_errno(errno, "writing '%s'", path);
		if (f && fclose(f) != 0 && !err)
			err = ksd_error_errno(errno, "writing '%s'", path);
		free(path);
	}
	return err;
}

/* -S: the loaded state, from sysfs as kexec-tools reads it. */
static int status(const struct sysroot *sr, const struct kexec_opts *o)
{
	const char *path = o->status_kexec ? "/sys/kernel/kexec_loaded"
					   : "/sys/kernel/kexec_crash_loaded";
	struct ksd_error *err;
	char *line;
	int v;

	err = sysroot_read_line(sr, path, &line);
	if (err) {
		print_error(err);
		ksd_error_destroy(err);
		return EXIT_FAILED;
	}
	v = strcmp(line, "1") == 0 ? 1 : strcmp(line, "0") == 0 ? 0 : -1;
	if (v < 0)
		fprintf(stderr, "%s: %s holds '%.20s', not 0 or 1\n", prog, path, line);
	free(line);
	return v < 0 ? EXIT_FAILED : v;
}

static int sdei_status(const struct sysroot *sr, const struct kexec_opts *o)
{
	struct sdei_status st;
	struct ksd_error *err;
	int rc, r;

	err = sdei_detect(sr, TOOL, load_time(), &st);
	if (err)
		return fail(err);
	r = o->json ? sdei_print_json(stdout, &st, TOOL) : sdei_print_text(stdout, &st);
	rc = st.rec.nmi == KSD_NMI_ARMED ? EXIT_OK :
	     st.rec.nmi == KSD_NMI_UNAVAILABLE ? EXIT_SDEI_NOT_ARMED : EXIT_SDEI_UNKNOWN;
	sdei_status_deinit(&st);
	if (r < 0)
		return fail(&ksd_enomem);
	r = flush_stdout();
	return r ? r : rc;
}

static int print_ckr_size(const struct sysroot *sr)
{
	struct crash_range *r;
	struct ksd_error *err;
	unsigned int n;
	bool hidden;

	err = plan_crash_ranges(sr, &r, &n, &hidden);
	if (err)
		return fail(err);
	/*
	 * kexec-tools prints the range it loads into, the last one, and 0
	 * when it starts where it ends: so /proc/iomem read without root,
	 * every range shown as 0-0, gives 0, not 1.
	 */
	if (n && r[n - 1].end != r[n - 1].start)
		printf("%llu\n", (unsigned long long)(r[n - 1].end - r[n - 1].start + 1));
	else
		puts("0");
	free(r);
	return flush_stdout();
}

static int unpack(const struct sysroot *sr, const struct kexec_opts *o)
{
	struct kernel_image img;
	struct ksd_error *err;
	int fd;

	if (!o->kernel)
		return fail(ksd_error_create(KSD_ERR_INVALID_ARG,
					     "--unpack needs a kernel file"));
	err = image_open(sr, o->kernel, IMAGE_ALLOW_VMLINUX, &img);
	if (err)
		return fail(err);
	fd = open(o->unpack, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		err = ksd_error_errno(errno, "cannot create '%s'", o->unpack);
	else
		err = image_copy_to(&img, fd, o->unpack);
	if (fd >= 0 && close(fd) < 0 && !err)
		err = ksd_error_errno(errno, "writing '%s'", o->unpack);
	image_close(&img);
	return err ? fail(err) : EXIT_OK;
}

/*
 * -a, and the kernel refused the file: make the kexec_load plan now and
 * load it.
 */
static struct ksd_error *fall_back(const struct sysroot *sr,
				   const struct kexec_opts *o,
				   const struct plan_inputs *in, struct plan *p,
				   int file_errno)
{
	struct ksd_error *err;

	err = plan_prepare_load(sr, o, in, p);
	if (err)
		return ksd_error_prefix(err, "kexec_file_load failed: %s; the kexec_load fallback",
					strerror(file_errno));
	if (o->debug)
		plan_print_text(stderr, p);
	if (o->dump_segments) {
		err = dump_segments(p, o->dump_segments);
		if (err)
			return err;
	}
	return sys_kexec_load(p, file_errno);
}

/* Run one plan: print it (--dry-run), or carry it out. */
static int run_plan(const struct sysroot *sr, const struct kexec_opts *o)
{
	struct ksd_error *err;
	struct sys_outcome outcome;
	struct plan_inputs in;
	struct plan p;
	int r;

	err = plan_inputs(o, &in);
	if (!err)
		err = plan_build(sr, o, &in, &p);
	if (err)
		return fail(err);
	if (o->dump_segments && p.nsegments) {
		err = dump_segments(&p, o->dump_segments);
		if (err) {
			plan_deinit(&p);
			return fail(err);
		}
	}
	if (o->dry_run) {
		r = o->json ? plan_print_json(stdout, &p, TOOL) : plan_print_text(stdout, &p);
		plan_deinit(&p);
		return r < 0 ? fail(&ksd_enomem) : flush_stdout();
	}
	for (unsigned int i = 0; i < p.nwarnings; i++)
		fprintf(stderr, "%s: warning: %s\n", prog, p.warnings[i]);
	if (o->debug)
		plan_print_text(stderr, &p);
	err = sys_execute_plan(&p, &outcome);
	if (outcome.dropped_debug)
		fprintf(stderr, "%s: warning: the kernel does not take KEXEC_FILE_DEBUG (it predates Linux 6.7); called again without it\n",
			prog);
	if (!err && outcome.want_load) {
		if (o->debug)
			fprintf(stderr, "%s: kexec_file_load failed: %s; using kexec_load\n",
				prog, strerror(outcome.file_errno));
		err = fall_back(sr, o, &in, &p, outcome.file_errno);
	}
	if (!err && outcome.fell_back && o->debug)
		fprintf(stderr, "%s: kexec_file_load cannot unload here; used kexec_load\n",
			prog);
	plan_deinit(&p);
	if (err && outcome.no_fallback) {
		print_error(err);
		ksd_error_destroy(err);
		return EXIT_NO_FALLBACK;
	}
	return err ? fail(err) : EXIT_OK;
}

/* kexec-tools: do not reboot unless something is there to reboot into. */
static int check_loaded(const struct sysroot *sr)
{
	struct kexec_opts o = { .status_kexec = true };

	if (status(sr, &o) == 1)
		return EXIT_OK;
	fprintf(stderr, "Nothing has been loaded!\n");
	return EXIT_USAGE;
}

static int run(const struct sysroot *sr, const struct kexec_opts *o)
{
	struct ksd_error *err;
	int rc;

	if (o->sdei_status)
		return sdei_status(sr, o);
	if (o->do_status)
		return status(sr, o);
	if (o->print_ckr_size)
		return print_ckr_size(sr);
	if (o->unpack)
		return unpack(sr, o);
	/*
	 * A plan made from a fake tree describes another machine: never
	 * hand it to this machine's kernel (nor reboot into anything).
	 */
	if (!sysroot_is_real(sr) && !o->dry_run &&
	    (o->do_load || o->do_unload || o->do_exec || o->do_shutdown)) {
		fprintf(stderr, "%s: --root reads a fake machine tree; add --dry-run\n", prog);
		return EXIT_USAGE;
	}
	if (o->do_unload) {
		rc = run_plan(sr, o);
		if (rc)
			return rc;
	}
	if (o->do_load) {
		struct kexec_opts load = *o;

		load.do_unload = false;
		rc = run_plan(sr, &load);
		if (rc || o->dry_run)
			return rc;
	} else if (o->dry_run) {
		if (!o->do_exec)
			return EXIT_OK;
		rc = check_loaded(sr);
		if (!rc && !o->json)
			puts("kexec plan: boot the loaded kernel now (-e)");
		return rc ? rc : flush_stdout();
	}
	if (!o->do_exec && !o->do_shutdown)
		return EXIT_OK;
	rc = check_loaded(sr);
	if (rc)
		return rc;
	err = o->do_shutdown ? sys_shutdown_reboot()
			     : sys_exec_loaded(!o->skip_sync, !o->skip_ifdown);
	return fail(err);
}

int main(int argc, char **argv)
{
	struct kexec_opts opts;
	struct ksd_error *err;
	struct sysroot sr;
	int rc;

	err = options_parse(argc, argv, &opts);
	if (err) {
		print_error(err);
		ksd_error_destroy(err);
		fprintf(stderr, "Try '%s --help' for more information.\n", prog);
		return EXIT_USAGE;
	}
	if (opts.help) {
		fputs(options_usage, stdout);
		return flush_stdout();
	}
	if (opts.version) {
		puts("kexec (" PACKAGE_NAME ") " PACKAGE_VERSION);
		return flush_stdout();
	}
	if (opts.json && !opts.dry_run && !opts.sdei_status) {
		fprintf(stderr, "%s: --json goes with --dry-run or --sdei-status\n", prog);
		return EXIT_USAGE;
	}
	err = sysroot_init(&sr, opts.root);
	if (err) {
		sysroot_deinit(&sr);
		err->code = KSD_ERR_INVALID_ARG;
		return fail(err);
	}
	rc = run(&sr, &opts);
	sysroot_deinit(&sr);
	return rc;
}
