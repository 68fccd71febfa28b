// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kexec_load half of the plan: every segment the loader itself
 * places and fills (kexec-arm64.md 1.5-1.8, docs/kexec-load.md).
 *
 *   kernel      the Image, at a 2 MiB aligned base + text_offset: for a
 *               crash kernel the start of the crash reservation, else the
 *               first free 2 MiB of RAM
 *   elfcorehdr  crash only: top-down at the end of the reservation
 *   initrd, dtb, purgatory   bottom-up above the kernel's image_size
 *
 * That is kexec-tools' order.  For a crash kernel everything lies in the
 * reservation the kernel calls crashk_res (the last "Crash kernel" range
 * of /proc/iomem): kexec_load refuses a crash segment anywhere else, even
 * in the crashkernel=,low range, which the capture kernel only gets as
 * usable memory.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "elfcorehdr.h"
#include "layout.h"
#include "plan.h"
#include "purgatory/blob.h"
#include "util/number.h"
#include "util/sha256.h"
#include "util/strv.h"

#define SZ_2M (2ull << 20)
/* arm64 kernels before 5.8 link at 0x80000; later ones at 0 */
#define LEGACY_TEXT_OFFSET 0x80000ull
/* kexec-tools' assumption for a pre-3.17 Image without image_size */
#define LEGACY_IMAGE_SIZE (16ull << 20)
/* The most a DTB may be (kexec-tools "dtb too big"; booting.rst). */
#define DTB_MAX (2u << 20)

/*
 * The bytes of @fd, read into memory: what is hashed is then what is
 * loaded, even if someone rewrites the file meanwhile (a mapping of it
 * would change under the digest).  @size was checked against the room
 * the segment has before this is called.
 */
static struct ksd_error *slurp(int fd, uint64_t size, const char *what,
			       uint8_t **ret)
{
	uint8_t *buf;
	size_t done = 0;

	*ret = NULL;
	if (size > SIZE_MAX)
		return ksd_error_create(KSD_ERR_LIMIT, "%s is too large", what);
	buf = malloc(size ? (size_t)size : 1);
	if (!buf)
		return &ksd_enomem;
	while (done < size) {
		ssize_t r = pread(fd, buf + done, (size_t)size - done, (off_t)done);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			free(buf);
			return r < 0 ? ksd_error_errno(errno, "reading %s", what) :
			       ksd_error_create(KSD_ERR_EOF,
						"%s shrank to %zu bytes while it was read",
						what, done);
		}
		done += (size_t)r;
	}
	*ret = buf;
	return NULL;
}

/*
 * text_offset and image_size from the Image header, checked: both come
 * from the file, and a lying header must not place the kernel over the
 * other segments or outside the reservation.
 */
static struct ksd_error *kernel_geometry(struct plan *p)
{
	const struct arm64_image_header *h = &p->kernel.header;
	struct plan_load *l = p->load;

	l->text_offset = h->text_offset;
	l->image_size = h->image_size;
	if (!l->image_size) {
		l->text_offset = LEGACY_TEXT_OFFSET;
		l->image_size = LEGACY_IMAGE_SIZE;
		if (p->kernel.size > l->image_size)
			l->image_size = p->kernel.size;
		return NULL;
	}
	if (l->text_offset >= SZ_2M || (l->text_offset & 0xfff))
		return ksd_error_create(KSD_ERR_CORRUPT,
					"kernel %s: text_offset 0x%llx in its Image header is not a 4 KiB multiple below 2 MiB",
					p->kernel.path,
					(unsigned long long)l->text_offset);
	if (l->image_size < p->kernel.size)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"kernel %s: its Image header says image_size 0x%llx, less than the %llu bytes of the Image",
					p->kernel.path,
					(unsigned long long)l->image_size,
					(unsigned long long)p->kernel.size);
	if (l->image_size > KSD_MAX_KERNEL_IMAGE * 4)
		return ksd_error_create(KSD_ERR_CORRUPT,
					"kernel %s: image_size 0x%llx in its Image header is not plausible",
					p->kernel.path,
					(unsigned long long)l->image_size);
	return NULL;
}

static struct ksd_error *add_segment(struct plan *p, const char *what,
				     uint64_t mem, uint64_t memsz,
				     const void *buf, uint64_t bufsz)
{
	struct plan_segment *v = reallocarray(p->segments, p->nsegments + 1,
					      sizeof(*v));
	struct ksd_sha256 ctx;
	unsigned int i;

	if (!v)
		return &ksd_enomem;
	p->segments = v;
	for (i = p->nsegments; i > 0 && v[i - 1].mem > mem; i--)
		v[i] = v[i - 1];
	v[i] = (struct plan_segment){
		.what = what, .mem = mem, .memsz = memsz, .bufsz = bufsz,
		.buf = buf,
	};
	ksd_sha256_init(&ctx, NULL);
	ksd_sha256_update(&ctx, buf, (size_t)bufsz);
	ksd_sha256_update_zeros(&ctx, memsz - bufsz);
	ksd_sha256_final(&ctx, v[i].sha256);
	p->nsegments++;
	return NULL;
}

static struct ksd_error *place_kernel(struct plan *p, struct layout *lay,
				      uint64_t *end)
{
	struct plan_load *l = p->load;
	uint64_t memsz = layout_page_up(lay, l->image_size), mem;
	struct ksd_error *err;

	if (p->crash) {
		const struct mem_range *r = &lay->regions[0];

		l->kernel_base = (r->start + SZ_2M - 1) & ~(SZ_2M - 1);
		mem = l->kernel_base + l->text_offset;
		if (l->kernel_base < r->start || mem > r->end ||
		    memsz > r->end - mem + 1)
			return ksd_error_create(KSD_ERR_LIMIT,
						"the kernel (image_size 0x%llx at text_offset 0x%llx) does not fit the crash kernel reservation 0x%llx-0x%llx",
						(unsigned long long)l->image_size,
						(unsigned long long)l->text_offset,
						(unsigned long long)r->start,
						(unsigned long long)r->end);
		err = layout_claim(lay, "kernel", mem, memsz);
	} else {
		err = layout_place(lay, "kernel", l->text_offset + memsz, SZ_2M,
				   0, LAYOUT_BOTTOM_UP, &l->kernel_base);
		/* the space below text_offset stays free, as in kexec-tools */
		mem = l->kernel_base + l->text_offset;
	}
	if (err)
		return err;
	l->kernel_entry = mem;
	*end = mem + memsz;
	err = slurp(p->kernel.fd, p->kernel.size, p->kernel.path, &l->kernel_buf);
	if (err)
		return err;
	return add_segment(p, "kernel", mem, memsz, l->kernel_buf, p->kernel.size);
}

static struct ksd_error *place_initrd(struct plan *p, struct layout *lay,
				      uint64_t min, uint64_t *start)
{
	struct plan_load *l = p->load;
	struct ksd_error *err;

	err = layout_place(lay, "initrd", p->initrd_size, 0, min,
			   LAYOUT_BOTTOM_UP, start);
	if (!err)
		err = slurp(p->initrd_fd, p->initrd_size, p->initrd_path,
			    &l->initrd_buf);
	if (!err)
		err = add_segment(p, "initrd", *start,
				  layout_page_up(lay, p->initrd_size),
				  l->initrd_buf, p->initrd_size);
	return err;
}

static struct ksd_error *read_cpus(const struct sysroot *sr, struct plan *p,
				   struct cpu_map *own)
{
	static const struct kmsg_facts no_log;

	if (p->have_sdei) {
		p->load->cpus = &p->sdei.in.cpus;
		return NULL;
	}
	p->load->cpus = own;
	return cpu_map_read(sr, &no_log, NULL, 0, MPIDR_UNKNOWN, own);
}

static struct ksd_error *place_elfcorehdr(const struct sysroot *sr,
					  struct plan *p, struct layout *lay,
					  uint64_t *addr, uint64_t *memsz)
{
	struct plan_load *l = p->load;
	struct elfcorehdr_input in = { .mm = &l->mm };
	struct cpu_map own = { 0 };
	struct ksd_error *err;
	uint8_t *note = NULL;
	size_t note_len = 0, text_len;

	err = read_cpus(sr, p, &own);
	if (!err && p->have_sdei)
		err = ksd_record_note(&p->sdei.rec, false, &note, &note_len);
	if (!err && p->have_sdei)
		err = ksd_record_format(&p->sdei.rec, &l->record_text, &text_len);
	if (err)
		goto out;
	in.cpus = l->cpus;
	in.record_note = note;
	in.record_len = note_len;
	if (!in.cpus->n)
		err = ksd_error_create(KSD_ERR_NOT_FOUND,
				       "no possible CPU has a crash_notes buffer in /sys/devices/system/cpu: the dump would hold no registers");
	/* its size does not depend on where it goes: build, place, rebuild */
	if (!err)
		err = elfcorehdr_build(&in, 0, &l->elfcorehdr, &l->elfcorehdr_len);
	if (!err) {
		free(l->elfcorehdr);
		l->elfcorehdr = NULL;
		*memsz = layout_page_up(lay, l->elfcorehdr_len);
		err = layout_place(lay, "elfcorehdr", l->elfcorehdr_len, 0, 0,
				   LAYOUT_TOP_DOWN, addr);
	}
	if (!err)
		err = elfcorehdr_build(&in, *addr, &l->elfcorehdr,
				       &l->elfcorehdr_len);
	if (!err) {
		l->record_offset = note ? elfcorehdr_record_offset(&in) : 0;
		err = add_segment(p, "elfcorehdr", *addr, *memsz, l->elfcorehdr,
				  l->elfcorehdr_len);
	}
out:
	free(note);
	if (l->cpus == &own) {
		cpu_map_deinit(&own);
		l->cpus = NULL;
	}
	return err;
}

static struct ksd_error *read_dtb(const struct sysroot *sr,
				  const struct kexec_opts *o, struct plan *p,
				  char **blob, size_t *len)
{
	struct ksd_error *err;

	p->load->dtb_source = o->dtb ? o->dtb : "/sys/firmware/fdt";
	err = sysroot_read(sr, p->load->dtb_source, KSD_MAX_DTB_BYTES, blob, len);
	if (err && err->code == KSD_ERR_NOT_FOUND && !o->dtb)
		return ksd_error_prefix(err,
					"no device tree to give the new kernel (kexec_load needs /sys/firmware/fdt, or --dtb)");
	return err ? ksd_error_prefix(err, "the device tree") : NULL;
}

static struct ksd_error *place_dtb(const struct sysroot *sr,
				   const struct kexec_opts *o,
				   const struct plan_inputs *pin, struct plan *p,
				   struct layout *lay, uint64_t min,
				   const struct dtb_edits *base)
{
	struct plan_load *l = p->load;
	struct dtb_edits e = *base;
	struct ksd_error *err;
	uint64_t addr, align;
	size_t len;
	char *blob;

	err = read_dtb(sr, o, p, &blob, &len);
	if (err)
		return err;
	e.bootargs_action = p->cmdline ? DTB_BOOTARGS_SET : DTB_BOOTARGS_KEEP;
	e.bootargs = p->cmdline;
	e.kaslr_seed = true;
	memcpy(e.kaslr_seed_bytes, pin->kaslr_seed, sizeof(e.kaslr_seed_bytes));
	e.rng_seed = pin->rng_seed;
	e.rng_seed_len = sizeof(pin->rng_seed);
	e.memreserve = true;
	e.max_size = DTB_MAX;
	err = dtb_edit(blob, len, l->dtb_source, &e, &l->dtb);
	free(blob);
	if (err)
		return err;
	l->have_dtb = true;
	/*
	 * A power of two at least its size (up to 2 MiB): the DTB then
	 * never crosses a 2 MiB boundary, which older kernels required.
	 */
	for (align = 4096; align < l->dtb.size && align < SZ_2M; align <<= 1)
		;
	err = layout_place(lay, "dtb", l->dtb.size, align, min,
			   LAYOUT_BOTTOM_UP, &addr);
	if (!err)
		err = add_segment(p, "dtb", addr, layout_page_up(lay, l->dtb.size),
				  l->dtb.blob, l->dtb.size);
	return err;
}

static struct ksd_error *fill_purgatory(struct plan *p, uint64_t dtb_addr)
{
	struct plan_load *l = p->load;
	struct ksd_purgatory_params params = {
		.kernel_entry = l->kernel_entry,
		.dtb = dtb_addr,
		.flags = l->skip_checks ? KSD_PURGATORY_SKIP_CHECKS : 0,
		.console = l->console,
	};
	struct ksd_error *err = NULL;

	for (unsigned int i = 0; !err && i < p->nsegments; i++) {
		const struct plan_segment *s = &p->segments[i];

		if (l->skip_checks)
			break;
		if (params.nr_regions == KSD_PURGATORY_MAX_REGIONS)
			return ksd_error_create(KSD_ERR_LIMIT,
						"more than %u segments to check",
						KSD_PURGATORY_MAX_REGIONS);
		/* add_segment() hashed buf and the zeroes up to memsz already */
		params.regions[params.nr_regions] = (struct ksd_purgatory_region){
			.start = s->mem, .len = s->memsz,
		};
		memcpy(params.regions[params.nr_regions++].sha256, s->sha256,
		       sizeof(s->sha256));
	}
	if (!err)
		err = purgatory_set_params(&l->purgatory, &params);
	return err;
}

static struct ksd_error *place_purgatory(struct plan *p, struct layout *lay,
					 uint64_t min, uint64_t dtb_addr)
{
	struct plan_load *l = p->load;
	struct ksd_error *err;
	uint64_t addr, align;
	size_t size;

	if (!purgatory_blob_size)
		return ksd_error_create(KSD_ERR_UNSUPPORTED,
					"this kexec was built without the aarch64 purgatory (no cross compiler at configure time), which kexec_load needs; use -s");
	err = purgatory_layout(purgatory_blob, purgatory_blob_size, "purgatory",
			       &size, &align);
	if (!err)
		err = layout_place(lay, "purgatory", size, align, min,
				   LAYOUT_BOTTOM_UP, &addr);
	if (!err)
		err = purgatory_link(purgatory_blob, purgatory_blob_size,
				     "purgatory", addr, &l->purgatory);
	if (err)
		return err;
	l->have_purgatory = true;
	err = fill_purgatory(p, dtb_addr);
	if (!err)
		err = add_segment(p, "purgatory", addr, layout_page_up(lay, size),
				  l->purgatory.buf, l->purgatory.size);
	l->entry = l->purgatory.entry;
	return err;
}

/* A sysfs value of tty @name, parsed as an unsigned number in @base. */
static struct ksd_error *tty_attr(const struct sysroot *sr, const char *name,
				  const char *attr, unsigned int base,
				  uint64_t *ret)
{
	struct ksd_error *err;
	char path[128], *line;

	snprintf(path, sizeof(path), "/sys/class/tty/%s/%s", name, attr);
	err = sysroot_read_line(sr, path, &line);
	if (err)
		return err;
	if (ksd_parse_u64(base == 16 && strncmp(line, "0x", 2) == 0 ? line + 2 : line,
			  base, ret) < 0)
		err = ksd_error_create(KSD_ERR_CORRUPT, "%s: '%.40s' is not a number",
				       path, line);
	free(line);
	return err;
}

/*
 * --serial=TTY: the purgatory's console, from the serial core's sysfs
 * attributes (drivers/tty/serial/serial_core.c): iomem_base, and for an
 * 8250 iomem_reg_shift and io_type (UPIO_MEM 2: byte registers,
 * UPIO_MEM32 3: 32-bit).  ttyAMA is a PL011, ttyS an 8250.
 */
static struct ksd_error *serial_console(const struct sysroot *sr,
					const char *name,
					struct ksd_purgatory_console *c)
{
	uint64_t base, shift = 0, io_type = 2;
	struct ksd_error *err;

	if (strchr(name, '/') || strlen(name) > 32)
		return ksd_error_create(KSD_ERR_INVALID_ARG,
					"--serial=%s is not a tty name", name);
	if (strncmp(name, "ttyAMA", 6) == 0)
		c->type = KSD_PURGATORY_CONSOLE_PL011;
	else if (strncmp(name, "ttyS", 4) == 0)
		c->type = KSD_PURGATORY_CONSOLE_8250;
	else
		return ksd_error_create(KSD_ERR_UNSUPPORTED,
					"--serial=%s: the purgatory drives PL011 (ttyAMA*) and 8250 (ttyS*) UARTs only",
					name);
	err = tty_attr(sr, name, "iomem_base", 16, &base);
	if (!err && c->type == KSD_PURGATORY_CONSOLE_8250) {
		err = tty_attr(sr, name, "iomem_reg_shift", 10, &shift);
		if (!err)
			err = tty_attr(sr, name, "io_type", 10, &io_type);
		if (!err && (shift > 3 || (io_type != 2 && io_type != 3)))
			err = ksd_error_create(KSD_ERR_UNSUPPORTED,
					       "--serial=%s: io_type %llu, reg_shift %llu is not a memory-mapped UART the purgatory can drive",
					       name, (unsigned long long)io_type,
					       (unsigned long long)shift);
	}
	if (!err && !base)
		err = ksd_error_create(KSD_ERR_UNSUPPORTED,
				       "--serial=%s has no memory-mapped registers", name);
	if (err)
		return ksd_error_prefix(err, "--serial");
	c->base = base;
	c->reg_shift = (uint8_t)shift;
	c->reg_width = c->type == KSD_PURGATORY_CONSOLE_PL011 ? 4 :
		       io_type == 3 ? 4 : 1;
	return NULL;
}

static struct ksd_error *regions(struct plan *p, struct layout *lay)
{
	const struct memmap *mm = &p->load->mm;
	struct mem_range *free_ram;
	struct ksd_error *err;
	size_t n;

	if (p->crash) {
		if (!mm->ncrash)
			return ksd_error_create(KSD_ERR_NOT_FOUND, NO_CRASHKERNEL_MESSAGE);
		return layout_init(lay, &mm->crash[mm->ncrash - 1], 1, mm->page_size);
	}
	err = memmap_free_ranges(mm, &free_ram, &n);
	if (err)
		return err;
	err = layout_init(lay, free_ram, n, mm->page_size);
	free(free_ram);
	return err;
}

static struct ksd_error *warn_guesses(struct plan *p)
{
	const struct memmap *mm = &p->load->mm;

	for (unsigned int i = 0; i < mm->nguesses; i++) {
		struct ksd_error *err = ksd_strv_appendf(&p->warnings, &p->nwarnings,
							 "kexec_load: %s",
							 mm->guesses[i]);

		if (err)
			return err;
	}
	return NULL;
}

/* The address of the segment named @what (the DTB for the purgatory). */
static uint64_t segment_addr(const struct plan *p, const char *what)
{
	for (unsigned int i = 0; i < p->nsegments; i++)
		if (strcmp(p->segments[i].what, what) == 0)
			return p->segments[i].mem;
	return 0;
}

static struct ksd_error *build(const struct sysroot *sr,
			       const struct kexec_opts *o,
			       const struct plan_inputs *in, struct plan *p)
{
	struct plan_load *l = p->load;
	struct dtb_edits e = { 0 };
	struct ksd_error *err;
	uint64_t end = 0, initrd = 0, hdr = 0, hdr_size = 0;
	struct layout lay;

	err = o->serial ? serial_console(sr, o->serial, &l->console) : NULL;
	if (!err)
		err = memmap_read(sr, &l->mm);
	if (!err)
		err = warn_guesses(p);
	if (!err)
		err = kernel_geometry(p);
	if (err)
		return err;
	err = regions(p, &lay);
	if (err)
		return err;
	err = place_kernel(p, &lay, &end);
	if (!err && p->crash)
		err = place_elfcorehdr(sr, p, &lay, &hdr, &hdr_size);
	if (!err && p->initrd_fd >= 0)
		err = place_initrd(p, &lay, end, &initrd);
	if (!err) {
		e.initrd = p->initrd_fd >= 0;
		e.initrd_start = initrd;
		e.initrd_end = initrd + p->initrd_size;
		e.elfcorehdr = p->crash;
		e.elfcorehdr_range = (struct dtb_range){ hdr, hdr_size };
		e.nr_usable = p->crash ? l->mm.ncrash : 0;
		for (unsigned int i = 0; i < e.nr_usable; i++)
			e.usable[i] = (struct dtb_range){
				l->mm.crash[i].start,
				l->mm.crash[i].end - l->mm.crash[i].start + 1,
			};
		err = place_dtb(sr, o, in, p, &lay, end, &e);
	}
	if (!err)
		err = place_purgatory(p, &lay, end, segment_addr(p, "dtb"));
	layout_deinit(&lay);
	return err;
}

struct ksd_error *plan_prepare_load(const struct sysroot *sr,
				    const struct kexec_opts *o,
				    const struct plan_inputs *in, struct plan *p)
{
	struct ksd_error *err;

	plan_load_destroy(p);
	p->load = calloc(1, sizeof(*p->load));
	if (!p->load)
		return &ksd_enomem;
	p->load->skip_checks = o->legacy & LEGACY_NO_CHECKS;
	err = build(sr, o, in, p);
	if (err) {
		plan_load_destroy(p);
		return ksd_error_prefix(err, "kexec_load");
	}
	return NULL;
}

void plan_load_destroy(struct plan *p)
{
	struct plan_load *l = p->load;

	free(p->segments);
	p->segments = NULL;
	p->nsegments = 0;
	if (!l)
		return;
	memmap_deinit(&l->mm);
	free(l->kernel_buf);
	free(l->initrd_buf);
	free(l->elfcorehdr);
	free(l->record_text);
	if (l->have_dtb)
		dtb_edit_result_deinit(&l->dtb);
	if (l->have_purgatory)
		purgatory_image_deinit(&l->purgatory);
	free(l);
	p->load = NULL;
}
