// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

struct ksd_error ksd_enomem = {
	.code = KSD_ERR_NOMEM,
	.errnum = 0,
	.message = (char *)"out of memory",
};

static struct ksd_error *error_alloc(enum ksd_error_code code, int errnum,
				     char *message)
{
	struct ksd_error *err;

	if (!message)
		return &ksd_enomem;
	err = malloc(sizeof(*err));
	if (!err) {
		free(message);
		return &ksd_enomem;
	}
	err->code = code;
	err->errnum = errnum;
	err->message = message;
	return err;
}

static char *vformat(const char *fmt, va_list ap)
{
	char *s;

	if (vasprintf(&s, fmt, ap) < 0)
		return NULL;
	return s;
}

struct ksd_error *ksd_error_create(enum ksd_error_code code, const char *fmt,
				   ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = vformat(fmt, ap);
	va_end(ap);
	return error_alloc(code, 0, msg);
}

struct ksd_error *ksd_error_errno(int errnum, const char *fmt, ...)
{
	va_list ap;
	char *head, *msg = NULL;

	va_start(ap, fmt);
	head = vformat(fmt, ap);
	va_end(ap);
	if (head && asprintf(&msg, "%s: %s", head, strerror(errnum)) < 0)
		msg = NULL;
	free(head);
	return error_alloc(KSD_ERR_OS, errnum, msg);
}

struct ksd_error *ksd_error_prefix(struct ksd_error *err, const char *fmt, ...)
{
	va_list ap;
	char *head, *msg = NULL;

	if (!err || err == &ksd_enomem)
		return err;
	va_start(ap, fmt);
	head = vformat(fmt, ap);
	va_end(ap);
	/*
	 * If the longer message cannot be made, keep the original: losing
	 * context is better than losing the cause.
	 */
	if (head && asprintf(&msg, "%s: %s", head, err->message) >= 0) {
		free(err->message);
		err->message = msg;
	}
	free(head);
	return err;
}

void ksd_error_destroy(struct ksd_error *err)
{
	if (!err || err == &ksd_enomem)
		return;
	free(err->message);
	free(err);
}

char *ksd_error_take_message(struct ksd_error *err)
{
	char *s;

	if (!err)
		return NULL;
	if (err == &ksd_enomem)
		return strdup(err->message);
	s = err->message;
	free(err);
	return s;
}

const char *ksd_error_code_name(enum ksd_error_code code)
{
	switch (code) {
	case KSD_ERR_NOMEM:		return "nomem";
	case KSD_ERR_OS:		return "os";
	case KSD_ERR_EOF:		return "eof";
	case KSD_ERR_CORRUPT:		return "corrupt";
	case KSD_ERR_UNSUPPORTED:	return "unsupported";
	case KSD_ERR_INVALID_ARG:	return "invalid-argument";
	case KSD_ERR_NOT_FOUND:		return "not-found";
	case KSD_ERR_NOT_PRESENT:	return "not-present";
	case KSD_ERR_FAULT:		return "fault";
	case KSD_ERR_LIMIT:		return "limit";
	case KSD_ERR_INTERNAL:		return "internal";
	}
	return "unknown";
}
