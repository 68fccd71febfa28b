/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The dumped kernel's log (printk buffer), read from kernel memory with
 * nothing but VMCOREINFO.
 *
 * Two formats, chosen by the symbols VMCOREINFO exports:
 *   - the lockless ring buffer (5.10+, SYMBOL(prb)): a descriptor ring,
 *     a parallel array of struct printk_info and a text data ring;
 *   - the structured log (3.5-5.9, SYMBOL(log_first_idx)): variable-size
 *     struct printk_log records in one byte array.
 * The text-only log before 3.5 (log_end) is not supported.  docs/printk.md
 * describes both layouts, what is read and what is skipped.
 *
 * Records come out in sequence order, as vmcore-dmesg and makedumpfile
 * print them: committed and finalized records, data-less ones included.
 * A damaged part of the ring (a descriptor that was recycled, a data
 * block that lies outside the ring or carries another descriptor's id, a
 * record the crashed writer had not committed) is skipped and counted;
 * only a log that cannot be located or whose geometry is impossible is an
 * error.  Every count and size read from the dump is bounded
 * (lib/util/limits.h, docs/robustness.md), so a hostile dump costs bounded
 * time and memory.
 *
 * Dependency rule: lib/kernel reads memory only through struct ksd_kmem.
 */
#ifndef KSD_KERNEL_PRINTK_H
#define KSD_KERNEL_PRINTK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel/kmem.h"
#include "kernel/vmcoreinfo.h"
#include "util/error.h"

/*
 * Limits on the log's geometry as the dump states it (docs/robustness.md).
 * The kernel caps log_buf_len at 2 GiB (LOG_BUF_LEN_MAX) with one
 * descriptor per 32 bytes of text (PRB_AVGBITS = 5): 2^31 and 2^26.  Real
 * logs are far smaller (the default is 128 KiB plus 4 KiB per CPU beyond
 * the first: 16 MiB with 4096 CPUs), so a 256 MiB text ring and 8 Mi
 * descriptors are accepted and more is refused as KSD_ERR_LIMIT.  Records
 * and text then take at most about 650 MiB even if every descriptor of
 * such a ring held a valid record.  A structure VMCOREINFO sizes
 * (SIZE(printk_info) is 88 bytes) larger than KSD_MAX_PRINTK_STRUCT is
 * refused the same way.
 */
#define KSD_MAX_PRINTK_DESC_BITS	23
#define KSD_MAX_PRINTK_DATA_BITS	28
#define KSD_MAX_PRINTK_STRUCT		4096u

enum ksd_printk_format {
	KSD_PRINTK_LOCKLESS = 1,	/* printk_ringbuffer, 5.10+ */
	KSD_PRINTK_STRUCTURED,		/* struct printk_log, 3.5-5.9 */
};

/* Bit 31 of a caller id: the message came from CPU (not task) context. */
#define KSD_PRINTK_CALLER_CPU	0x80000000u

/* What is known about a record, in ksd_printk_record.rflags. */
enum ksd_printk_rec_flags {
	/* caller_id was read (always on 5.10+; 5.1-5.9 with PRINTK_CALLER) */
	KSD_PRINTK_REC_CALLER = 1u << 0,
	/* level and facility were read (their layout matched, see printk.md) */
	KSD_PRINTK_REC_LEVEL = 1u << 1,
	/* committed but not finalized: the writer could still have extended it */
	KSD_PRINTK_REC_UNFINALIZED = 1u << 2,
	/* no data block: an empty line, or the kernel failed to store the text */
	KSD_PRINTK_REC_DATALESS = 1u << 3,
	/* text_len claimed more than the data block holds; text was cut */
	KSD_PRINTK_REC_TRUNCATED = 1u << 4,
};

struct ksd_printk_record {
	/*
	 * The kernel's sequence number (lockless ring).  The structured log
	 * does not export its first sequence number, so there it is the
	 * position in the buffer, 0 for the oldest record
	 * (ksd_printk_log.seq_relative).
	 */
	uint64_t seq;
	uint64_t ts_nsec;	/* local_clock() at the printk, nanoseconds */
	uint32_t caller_id;	/* pid, or KSD_PRINTK_CALLER_CPU | cpu */
	uint8_t level;		/* 0 (emerg) .. 7 (debug) */
	uint8_t facility;	/* 0 kernel, 1 user (/dev/kmsg), ... */
	uint8_t log_flags;	/* the kernel's own: LOG_NEWLINE 2, LOG_CONT 8 */
	unsigned int rflags;	/* enum ksd_printk_rec_flags */
	size_t text_len;
	/*
	 * text_len bytes as stored (newlines of multi-line messages, and
	 * any byte at all), followed by a NUL that is not counted.
	 */
	const char *text;
};

/* Why records were left out, for the report. */
struct ksd_printk_skipped {
	uint64_t recycled;	/* descriptor reused for a newer id (desc_miss) */
	uint64_t reserved;	/* still being written when the kernel stopped */
	uint64_t bad_block;	/* data block outside the ring or of another id */
	uint64_t unreadable;	/* descriptor, info or text not in the dump */
	uint64_t truncated;	/* kept, but text cut to its data block */
	uint64_t seq_gaps;	/* sequence numbers missing between kept records */
};

/* At most this many warning messages are kept; the rest are counted. */
#define KSD_PRINTK_MAX_WARNINGS 8

struct ksd_printk_log {
	enum ksd_printk_format format;
	bool seq_relative;	/* seq is a position, not the kernel's number */
	size_t nr_records;
	struct ksd_printk_record *records;
	struct ksd_printk_skipped skipped;
	/* Where the log was found (kernel virtual addresses), for messages. */
	uint64_t ring_va;	/* struct printk_ringbuffer, or log_buf */
	uint64_t ring_size;	/* text data ring / log_buf_len, bytes */
	uint64_t nr_descs;	/* descriptor count (lockless only) */
	/* Lines describing what was odd, e.g. "descriptor 17: ...". */
	size_t nr_warnings;	/* all of them, including ones not kept */
	char *warnings[KSD_PRINTK_MAX_WARNINGS];
	char *text_arena;	/* private: holds every record's text */
};

/**
 * ksd_printk_read() - read the whole kernel log of a dump
 * @m:   reads kernel virtual memory of the dumped kernel
 * @vi:  the dump's VMCOREINFO
 * @ret: on success, the log; free it with ksd_printk_log_destroy()
 *
 * Errors: KSD_ERR_NOT_FOUND when VMCOREINFO describes no log (no printk
 * symbols), KSD_ERR_UNSUPPORTED for the pre-3.5 text log, KSD_ERR_CORRUPT
 * or KSD_ERR_LIMIT for an impossible geometry (descriptor count, ring
 * size, offsets past their structures), and the reader's KSD_ERR_FAULT or
 * KSD_ERR_NOT_PRESENT when the ring's control structure cannot be read.
 * Every message starts with "kernel log: ".  Damage inside the ring is
 * not an error: see ksd_printk_log.skipped and .warnings.
 *
 * @m and @vi are used only during the call.
 */
struct ksd_error *ksd_printk_read(const struct ksd_kmem *m,
				  const struct ksd_vmcoreinfo *vi,
				  struct ksd_printk_log **ret);

/* Free @log and everything it points to (records, texts).  NULL is fine. */
void ksd_printk_log_destroy(struct ksd_printk_log *log);

/* How ksd_printk_format() lays out a record. */
enum ksd_printk_fmt_flags {
	/* "<N>" first, N = facility << 3 | level, as the kernel's syslog form */
	KSD_PRINTK_FMT_LEVEL = 1u << 0,
	/* "[%8s] " of "T<pid>" or "C<cpu>" after the time, as makedumpfile */
	KSD_PRINTK_FMT_CALLER = 1u << 1,
	/*
	 * Indent the continuation lines of a multi-line message under its
	 * text, as makedumpfile --dump-dmesg does.  Without it they follow
	 * the newline at column 0, as vmcore-dmesg prints them.
	 */
	KSD_PRINTK_FMT_INDENT = 1u << 2,
};

/**
 * ksd_printk_format() - one record as vmcore-dmesg prints it
 * @flags: enum ksd_printk_fmt_flags; 0 gives vmcore-dmesg's output
 *
 * The line is "[%5llu.%06llu] " (seconds, microseconds truncated), the
 * text with every byte that is neither printable ASCII nor whitespace
 * written as "\xNN", and a final newline; a data-less record gives just
 * the prefix and the newline.  Like snprintf(): writes at most @size
 * bytes including a terminating NUL and returns the length of the whole
 * line (without the NUL), so a first call with @size 0 measures it.
 */
size_t ksd_printk_format(const struct ksd_printk_record *r,
			 unsigned int flags, char *buf, size_t size);

/**
 * ksd_printk_format_all() - the whole log, one ksd_printk_format() each
 * @ret: on success, a NUL-terminated buffer the caller frees with free()
 * @len: on success, its length without the NUL
 */
struct ksd_error *ksd_printk_format_all(const struct ksd_printk_log *log,
					unsigned int flags, char **ret,
					size_t *len);

#endif /* KSD_KERNEL_PRINTK_H */
