/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The one error type of kexec-sdei.
 *
 * Every fallible function in lib/ and kexec/ returns a struct ksd_error *,
 * NULL meaning success.  An error carries a code (what kind of failure, so
 * main() can map it to an exit status) and a message that gains context as
 * it climbs: each layer prefixes what it was doing, so the final text reads
 * from the outermost operation to the root cause, e.g.
 *   "reading crash_notes of cpu 5: physical address 0x4f001000: not in dump".
 *
 * Nothing in lib/ prints or exits; only a program's main() does.
 *
 * Ownership: the caller of a function that returned an error owns it and
 * must pass it on or release it with ksd_error_destroy().  The static
 * out-of-memory error is never freed and never modified, so it can be
 * returned when allocating a new error is impossible.
 */
#ifndef KSD_UTIL_ERROR_H
#define KSD_UTIL_ERROR_H

#include <stdarg.h>

enum ksd_error_code {
	KSD_ERR_NOMEM = 1,	/* an allocation failed */
	KSD_ERR_OS,		/* a system call failed; errnum is set */
	KSD_ERR_EOF,		/* input ended before a structure did */
	KSD_ERR_CORRUPT,	/* input is malformed or inconsistent */
	KSD_ERR_UNSUPPORTED,	/* valid input this build cannot handle */
	KSD_ERR_INVALID_ARG,	/* the caller passed something wrong */
	KSD_ERR_NOT_FOUND,	/* a looked-up item does not exist */
	KSD_ERR_NOT_PRESENT,	/* an address is not in the dump */
	KSD_ERR_FAULT,		/* a virtual address is not mapped */
	KSD_ERR_LIMIT,		/* input exceeds a documented limit */
	KSD_ERR_INTERNAL,	/* a bug in kexec-sdei */
};

struct ksd_error {
	enum ksd_error_code code;
	int errnum;		/* errno for KSD_ERR_OS, else 0 */
	char *message;
};

/* Returned when memory for an error itself cannot be had. */
extern struct ksd_error ksd_enomem;

/**
 * ksd_error_create() - make an error with a printf-style message
 *
 * Return: the new error, or &ksd_enomem if it cannot be allocated.
 */
struct ksd_error *ksd_error_create(enum ksd_error_code code, const char *fmt,
				   ...) __attribute__((format(printf, 2, 3)));

/**
 * ksd_error_errno() - make a KSD_ERR_OS error from @errnum
 *
 * The message is the formatted text followed by ": " and strerror(@errnum).
 */
struct ksd_error *ksd_error_errno(int errnum, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/**
 * ksd_error_prefix() - prepend context to @err and return it
 *
 * Keeps the code and errnum.  @err may be NULL (then NULL is returned), so
 * callers can write "return ksd_error_prefix(f(), ...)".  &ksd_enomem is
 * returned unchanged.
 */
struct ksd_error *ksd_error_prefix(struct ksd_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Free @err; NULL and &ksd_enomem are accepted and ignored. */
void ksd_error_destroy(struct ksd_error *err);

/*
 * Keep only @err's message, for a problem that is reported rather than
 * returned: @err is released and its message, a string the caller frees,
 * returned.  NULL if @err is NULL or no memory was left for a copy of
 * &ksd_enomem's.
 */
char *ksd_error_take_message(struct ksd_error *err);

/* A short name for a code, e.g. "corrupt", used in JSON output. */
const char *ksd_error_code_name(enum ksd_error_code code);

#endif /* KSD_UTIL_ERROR_H */
