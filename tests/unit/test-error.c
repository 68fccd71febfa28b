// SPDX-License-Identifier: GPL-2.0-or-later
/* lib/util/error: creating errors, chaining context, the static ENOMEM. */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/error.h"

static void test_create_formats_message(void **state)
{
	struct ksd_error *err;

	(void)state;
	err = ksd_error_create(KSD_ERR_CORRUPT, "bad %s at 0x%x (%d)", "field",
			       0x1c, -3);
	assert_non_null(err);
	assert_ptr_not_equal(err, &ksd_enomem);
	assert_int_equal(err->code, KSD_ERR_CORRUPT);
	assert_int_equal(err->errnum, 0);
	assert_string_equal(err->message, "bad field at 0x1c (-3)");
	ksd_error_destroy(err);
}

static void test_errno_appends_strerror(void **state)
{
	struct ksd_error *err;
	char want[256];

	(void)state;
	err = ksd_error_errno(ENOENT, "cannot open '%s'", "/no/such");
	assert_non_null(err);
	assert_int_equal(err->code, KSD_ERR_OS);
	assert_int_equal(err->errnum, ENOENT);
	snprintf(want, sizeof(want), "cannot open '/no/such': %s",
		 strerror(ENOENT));
	assert_string_equal(err->message, want);
	ksd_error_destroy(err);
}

/*
 * Each layer prefixes what it was doing, so the text reads from the
 * outermost operation to the root cause, and the same object climbs.
 */
static void test_prefix_chains_outer_to_inner(void **state)
{
	struct ksd_error *err, *inner;

	(void)state;
	inner = ksd_error_create(KSD_ERR_NOT_PRESENT, "not in dump");
	err = ksd_error_prefix(inner, "physical address 0x%x", 0x4f001000);
	assert_ptr_equal(err, inner);
	err = ksd_error_prefix(err, "reading crash_notes of cpu %d", 5);
	assert_ptr_equal(err, inner);
	assert_int_equal(err->code, KSD_ERR_NOT_PRESENT);
	assert_int_equal(err->errnum, 0);
	assert_string_equal(err->message,
			    "reading crash_notes of cpu 5: physical address 0x4f001000: not in dump");
	ksd_error_destroy(err);
}

static void test_prefix_keeps_code_and_errnum(void **state)
{
	struct ksd_error *err;
	char want[256];

	(void)state;
	err = ksd_error_errno(EACCES, "read of %d bytes failed", 12);
	err = ksd_error_prefix(err, "note header");
	err = ksd_error_prefix(err, "'%s'", "vmcore");
	assert_int_equal(err->code, KSD_ERR_OS);
	assert_int_equal(err->errnum, EACCES);
	snprintf(want, sizeof(want),
		 "'vmcore': note header: read of 12 bytes failed: %s",
		 strerror(EACCES));
	assert_string_equal(err->message, want);
	ksd_error_destroy(err);
}

/* "return ksd_error_prefix(f(), ...)" must pass success through. */
static void test_prefix_null_is_null(void **state)
{
	(void)state;
	assert_null(ksd_error_prefix(NULL, "context %d", 1));
}

static void test_enomem_is_static_and_unchanged(void **state)
{
	const char *msg = ksd_enomem.message;
	struct ksd_error *err;

	(void)state;
	assert_int_equal(ksd_enomem.code, KSD_ERR_NOMEM);
	assert_int_equal(ksd_enomem.errnum, 0);
	assert_string_equal(ksd_enomem.message, "out of memory");

	err = ksd_error_prefix(&ksd_enomem, "reading cpu %d", 3);
	assert_ptr_equal(err, &ksd_enomem);
	err = ksd_error_prefix(err, "outer");
	assert_ptr_equal(err, &ksd_enomem);
	/* Neither the pointer nor the text may change: it is shared. */
	assert_ptr_equal(ksd_enomem.message, msg);
	assert_string_equal(ksd_enomem.message, "out of memory");
	assert_int_equal(ksd_enomem.code, KSD_ERR_NOMEM);

	/* Destroying it is a no-op, so it stays usable afterwards. */
	ksd_error_destroy(&ksd_enomem);
	ksd_error_destroy(&ksd_enomem);
	ksd_error_destroy(NULL);
	assert_ptr_equal(ksd_enomem.message, msg);
	assert_string_equal(ksd_enomem.message, "out of memory");
}

/* The message outlives the error; the static &ksd_enomem is copied. */
static void test_take_message(void **state)
{
	char *m;

	(void)state;
	m = ksd_error_take_message(ksd_error_create(KSD_ERR_CORRUPT, "bad %d", 7));
	assert_string_equal(m, "bad 7");
	free(m);
	m = ksd_error_take_message(&ksd_enomem);
	assert_string_equal(m, "out of memory");
	assert_ptr_not_equal(m, ksd_enomem.message);
	free(m);
	assert_string_equal(ksd_enomem.message, "out of memory");
	assert_null(ksd_error_take_message(NULL));
}

static void test_code_names(void **state)
{
	static const struct {
		enum ksd_error_code code;
		const char *name;
	} names[] = {
		{ KSD_ERR_NOMEM, "nomem" },
		{ KSD_ERR_OS, "os" },
		{ KSD_ERR_EOF, "eof" },
		{ KSD_ERR_CORRUPT, "corrupt" },
		{ KSD_ERR_UNSUPPORTED, "unsupported" },
		{ KSD_ERR_INVALID_ARG, "invalid-argument" },
		{ KSD_ERR_NOT_FOUND, "not-found" },
		{ KSD_ERR_NOT_PRESENT, "not-present" },
		{ KSD_ERR_FAULT, "fault" },
		{ KSD_ERR_LIMIT, "limit" },
		{ KSD_ERR_INTERNAL, "internal" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		assert_string_equal(ksd_error_code_name(names[i].code),
				    names[i].name);
	/* Every code, including ones added later, has a name of its own. */
	for (int c = KSD_ERR_NOMEM; c <= KSD_ERR_INTERNAL; c++) {
		const char *name = ksd_error_code_name((enum ksd_error_code)c);

		assert_string_not_equal(name, "unknown");
		for (int d = KSD_ERR_NOMEM; d < c; d++)
			assert_string_not_equal(name,
				ksd_error_code_name((enum ksd_error_code)d));
	}
	/* Codes start at 1 so a zeroed struct is not mistaken for one. */
	assert_string_equal(ksd_error_code_name((enum ksd_error_code)0),
			    "unknown");
	assert_string_equal(ksd_error_code_name((enum ksd_error_code)999),
			    "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_formats_message),
		cmocka_unit_test(test_errno_appends_strerror),
		cmocka_unit_test(test_prefix_chains_outer_to_inner),
		cmocka_unit_test(test_prefix_keeps_code_and_errnum),
		cmocka_unit_test(test_prefix_null_is_null),
		cmocka_unit_test(test_enomem_is_static_and_unchanged),
		cmocka_unit_test(test_take_message),
		cmocka_unit_test(test_code_names),
	};

	return cmocka_run_group_tests_name("error", tests, NULL, NULL);
}
