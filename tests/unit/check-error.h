/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Shared by the unit tests: error text is part of the tested API
 * (docs style 7.4), so a failure is checked by its code and by fragments
 * of its message together, never by "it failed" alone.
 *
 * Include after <cmocka.h>.
 */
#ifndef KSD_TESTS_UNIT_CHECK_ERROR_H
#define KSD_TESTS_UNIT_CHECK_ERROR_H

#include <stdarg.h>
#include <string.h>

#include "util/error.h"

/*
 * Assert that @err has @code and that its message contains every string
 * of the NULL-terminated list that follows; then destroy @err.  Use it
 * through check_err(), which adds the NULL.
 */
static inline void check_error(struct ksd_error *err,
			       enum ksd_error_code code, ...)
{
	const char *frag;
	va_list ap;

	if (!err)
		fail_msg("expected a %s error, got success",
			 ksd_error_code_name(code));
	if (err->code != code)
		fail_msg("expected a %s error, got %s: '%s'",
			 ksd_error_code_name(code),
			 ksd_error_code_name(err->code), err->message);
	va_start(ap, code);
	while ((frag = va_arg(ap, const char *))) {
		if (!strstr(err->message, frag)) {
			va_end(ap);
			fail_msg("message '%s' lacks '%s'", err->message, frag);
		}
	}
	va_end(ap);
	ksd_error_destroy(err);
}

#define check_err(err, code, ...) \
	check_error((err), (code), __VA_ARGS__, (const char *)NULL)

/* Assert success, printing the message if not. */
static inline void check_ok(struct ksd_error *err)
{
	if (err)
		fail_msg("unexpected %s error: '%s'",
			 ksd_error_code_name(err->code), err->message);
}

#endif /* KSD_TESTS_UNIT_CHECK_ERROR_H */
