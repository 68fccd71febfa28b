/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The SDEI record: what the loader knew about the crash-stop ladder when
 * it loaded the capture kernel, written down so the dump can say it.
 * This one module writes and parses it, for kexec and vmcore-sdei alike;
 * the format is specified in man/kexec-sdei-record.5.
 *
 * Text form, one KEY=VALUE per line (unknown keys are ignored by readers):
 *   VERSION=1
 *   LOADER=kexec-sdei 0.1.0
 *   OSRELEASE=6.12.107
 *   LOADED=1764083000
 *   SDEI_FIRMWARE=dt|acpi|none
 *   SDEI_CONDUIT=smc|hvc|unknown
 *   SDEI_NMI=armed|unavailable|unknown
 *   PSEUDO_NMI=on|off|unknown
 *   EVIDENCE=dt-node,driver-bound,stop-symbols,nmi-boot-line,...
 *   NR_CPUS=2
 *   CPU(0)=mpidr:0x0,notes:0x43f7a000,size:0x1a4
 *
 * It travels as an ELF note named "KEXEC-SDEI", type 1 (kexec_load), or as
 * the compact command-line token
 *   kexec_sdei.record=v1,<firmware>-<conduit>,<nmi>,pnmi-<on|off>
 * (kexec_file_load), which carries no CPU map.
 */
#ifndef KSD_RECORD_RECORD_H
#define KSD_RECORD_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

#define KSD_RECORD_NOTE_NAME "KEXEC-SDEI"
#define KSD_RECORD_NOTE_TYPE 1u
#define KSD_RECORD_PARAM "kexec_sdei.record"
#define KSD_RECORD_TOKEN KSD_RECORD_PARAM "="
#define KSD_RECORD_VERSION 1u

enum ksd_sdei_firmware {
	KSD_FW_UNKNOWN,
	KSD_FW_NONE,
	KSD_FW_DT,
	KSD_FW_ACPI,
};

enum ksd_sdei_conduit {
	KSD_CONDUIT_UNKNOWN,
	KSD_CONDUIT_SMC,
	KSD_CONDUIT_HVC,
};

enum ksd_sdei_nmi {
	KSD_NMI_UNKNOWN,
	KSD_NMI_ARMED,
	KSD_NMI_UNAVAILABLE,
};

enum ksd_pseudo_nmi {
	KSD_PNMI_UNKNOWN,
	KSD_PNMI_ON,
	KSD_PNMI_OFF,
};

struct ksd_record_cpu {
	bool present;
	uint64_t mpidr;
	uint64_t notes;		/* physical address of the crash_notes buffer */
	uint64_t size;		/* its size in bytes */
};

struct ksd_record {
	unsigned int version;
	char *loader;
	char *osrelease;
	bool has_loaded;
	int64_t loaded;		/* unix time of the load */
	enum ksd_sdei_firmware firmware;
	enum ksd_sdei_conduit conduit;
	enum ksd_sdei_nmi nmi;
	enum ksd_pseudo_nmi pseudo_nmi;
	char *evidence;		/* what the loader saw, comma-separated */
	bool has_nr_cpus;
	unsigned int nr_cpus;	/* as declared by NR_CPUS= */
	struct ksd_record_cpu *cpus;	/* indexed by CPU number */
	unsigned int ncpus;	/* length of @cpus: highest CPU + 1 */
	bool from_token;	/* parsed from the command-line token */
};

void ksd_record_init(struct ksd_record *rec);
void ksd_record_deinit(struct ksd_record *rec);

/* Set @text (copied) as the loader or osrelease string. */
struct ksd_error *ksd_record_set_loader(struct ksd_record *rec,
					const char *text);
struct ksd_error *ksd_record_set_osrelease(struct ksd_record *rec,
					   const char *text);
/* Set the EVIDENCE= list (copied; a comma-separated list of words). */
struct ksd_error *ksd_record_set_evidence(struct ksd_record *rec,
					  const char *text);
/* Describe CPU @cpu; grows the CPU map as needed. */
struct ksd_error *ksd_record_set_cpu(struct ksd_record *rec, unsigned int cpu,
				     uint64_t mpidr, uint64_t notes,
				     uint64_t size);

/* The record as text; *@ret is malloc'd and NUL-terminated. */
struct ksd_error *ksd_record_format(const struct ksd_record *rec, char **ret,
				   size_t *len);

/*
 * Parse the text form into @rec (initialised by the caller).  Errors name
 * the line.  Unknown keys are skipped; unknown values of known keys read
 * as "unknown".
 */
struct ksd_error *ksd_record_parse(const char *text, size_t len,
				   struct ksd_record *rec);

/* The record as a complete ELF note (header, name, text), 4-byte padded. */
struct ksd_error *ksd_record_note(const struct ksd_record *rec,
				  bool big_endian, uint8_t **ret, size_t *len);

/* The compact token, "kexec_sdei.record=v1,dt-smc,armed,pnmi-off". */
int ksd_record_token_format(const struct ksd_record *rec, char *buf,
			    size_t len);

/*
 * Find the token in a kernel command line and parse it into @rec.
 * KSD_ERR_NOT_FOUND if the command line has none.
 */
struct ksd_error *ksd_record_token_parse(const char *cmdline,
					 struct ksd_record *rec);

const char *ksd_sdei_firmware_name(enum ksd_sdei_firmware fw);
const char *ksd_sdei_conduit_name(enum ksd_sdei_conduit c);
const char *ksd_sdei_nmi_name(enum ksd_sdei_nmi nmi);
const char *ksd_pseudo_nmi_name(enum ksd_pseudo_nmi p);

#endif /* KSD_RECORD_RECORD_H */
