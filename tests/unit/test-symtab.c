// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * lib/kernel/symtab.c: lookups at symbol boundaries, aliases, guessed
 * sizes, and System.map parsing (KASLR offset, hostile lines).
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "kernel/symtab.h"
#include "check-error.h"

#define T0 0xffff800080010000ull

static struct ksd_symtab *table(void)
{
	struct ksd_symtab *t;

	check_ok(ksd_symtab_create("test", &t));
	/* Added out of order: finish() sorts. */
	check_ok(ksd_symtab_add(t, "vfs_write", T0 + 0x200, 0x180, 't'));
	check_ok(ksd_symtab_add(t, "_stext", T0, 0, 'T'));
	check_ok(ksd_symtab_add(t, "gic_handle_irq", T0, 0, 't'));
	check_ok(ksd_symtab_add(t, "ksys_write", T0 + 0x380, 0, 't'));
	check_ok(ksd_symtab_add(t, "__per_cpu_start", T0 + 0x100000, 0, 'D'));
	check_ok(ksd_symtab_add(t, "irq_stack_ptr", T0 + 0x100000, 8, 'D'));
	ksd_symtab_finish(t);
	return t;
}

static const char *at(const struct ksd_symtab *t, uint64_t a, uint64_t *off)
{
	const struct ksd_sym *s = ksd_symtab_by_addr(t, a, off);

	return s ? s->name : NULL;
}

static void test_boundaries_with_sizes(void **state)
{
	struct ksd_symtab *t = table();
	uint64_t off;

	(void)state;
	assert_string_equal(at(t, T0 + 0x200, &off), "vfs_write");
	assert_int_equal(off, 0);
	assert_string_equal(at(t, T0 + 0x37f, &off), "vfs_write");
	assert_int_equal(off, 0x17f);
	/* One past its size: the next symbol starts there. */
	assert_string_equal(at(t, T0 + 0x380, &off), "ksys_write");
	assert_null(ksd_symtab_by_addr(t, T0 - 1, &off));
	ksd_symtab_destroy(t);
}

/* Without a size a symbol runs to the next one: gic_handle_irq to 0x200. */
static void test_guessed_sizes(void **state)
{
	struct ksd_symtab *t = table();
	uint64_t off;

	(void)state;
	assert_string_equal(at(t, T0 + 0x1ff, &off), "gic_handle_irq");
	assert_int_equal(off, 0x1ff);
	/* ksys_write has no size and the next symbol is 1 MiB away: capped. */
	assert_string_equal(at(t, T0 + 0x380 + KSD_SYM_MAX_GUESSED_SIZE - 1, &off),
			    "ksys_write");
	assert_null(ksd_symtab_by_addr(t, T0 + 0x380 + KSD_SYM_MAX_GUESSED_SIZE, &off));
	ksd_symtab_destroy(t);
}

/*
 * At one address, name it as the kernel does (scripts/kallsyms.c sorts
 * aliases so that %pS picks the first): code over data, real symbols
 * over linker-script markers (__start_X, __X_start, __X_end...), then
 * fewer leading underscores.  The triple is real 6.12.
 */
static void test_aliases(void **state)
{
	struct ksd_symtab *t = table();
	uint64_t off;

	(void)state;
	assert_string_equal(at(t, T0 + 0x10, &off), "gic_handle_irq");
	assert_string_equal(ksd_symtab_by_name(t, "_stext")->name, "_stext");
	assert_string_equal(at(t, T0 + 0x100004, &off), "irq_stack_ptr");
	ksd_symtab_destroy(t);

	check_ok(ksd_symtab_create("test", &t));
	check_ok(ksd_symtab_add(t, "__irqentry_text_end", T0 + 0x2c0, 0, 'T'));
	check_ok(ksd_symtab_add(t, "__softirqentry_text_start", T0 + 0x2c0, 0, 'T'));
	check_ok(ksd_symtab_add(t, "__do_softirq", T0 + 0x2c0, 0, 't'));
	check_ok(ksd_symtab_add(t, "__entry_text_start", T0 + 0x2d8, 0, 'T'));
	ksd_symtab_finish(t);
	assert_string_equal(at(t, T0 + 0x2c4, &off), "__do_softirq");
	ksd_symtab_destroy(t);
}

/* An alias's guessed size runs to the next address, not the next alias. */
static void test_alias_guessed_size(void **state)
{
	struct ksd_symtab *t;
	char buf[64];

	(void)state;
	check_ok(ksd_symtab_create("test", &t));
	check_ok(ksd_symtab_add(t, "__irqentry_text_end", T0 + 0x2c0, 0, 'T'));
	check_ok(ksd_symtab_add(t, "__softirqentry_text_start", T0 + 0x2c0, 0, 'T'));
	check_ok(ksd_symtab_add(t, "__do_softirq", T0 + 0x2c0, 0, 't'));
	check_ok(ksd_symtab_add(t, "__entry_text_start", T0 + 0x2d8, 0, 'T'));
	ksd_symtab_finish(t);
	assert_string_equal(ksd_symtab_describe(t, T0 + 0x2c4, buf, sizeof(buf)),
			    "__do_softirq+0x4/0x18");
	ksd_symtab_destroy(t);
}

static void test_describe(void **state)
{
	struct ksd_symtab *t = table();
	char buf[64];

	(void)state;
	assert_string_equal(ksd_symtab_describe(t, T0 + 0x244, buf, sizeof(buf)),
			    "vfs_write+0x44/0x180");
	assert_string_equal(ksd_symtab_describe(t, 0x1234, buf, sizeof(buf)), "0x1234");
	assert_string_equal(ksd_symtab_describe(NULL, 0x1234, buf, sizeof(buf)), "0x1234");
	/* Truncated like snprintf, never overrun. */
	assert_string_equal(ksd_symtab_describe(t, T0 + 0x244, buf, 8), "vfs_wri");
	ksd_symtab_destroy(t);
}

static void test_in_address_order(void **state)
{
	struct ksd_symtab *t = table();

	(void)state;
	assert_int_equal(ksd_symtab_count(t), 6);
	for (size_t i = 1; i < ksd_symtab_count(t); i++)
		assert_true(ksd_symtab_at(t, i - 1)->addr <= ksd_symtab_at(t, i)->addr);
	ksd_symtab_destroy(t);
}

/* ---- System.map ---- */

static char path[64];

static void write_map(const char *text)
{
	FILE *f;

	strcpy(path, "/tmp/test-symtab.XXXXXX");
	assert_true(mkstemp(path) >= 0);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int cleanup(void **state)
{
	(void)state;
	if (path[0])
		unlink(path);
	path[0] = '\0';
	return 0;
}

static void test_system_map_kaslr(void **state)
{
	struct ksd_symtab *t;

	(void)state;
	write_map("ffff800080000000 T _text\n"
		  "ffff800080010000 T _stext\n"
		  "ffff800080010000 t gic_handle_irq\n"
		  "ffff8000812c0000 B _end\n");
	check_ok(ksd_symtab_load_system_map(path, 0x3abe8f000000ull, &t));
	assert_string_equal(ksd_symtab_source(t), "System.map");
	assert_int_equal(ksd_symtab_count(t), 4);
	assert_int_equal(ksd_symtab_by_name(t, "_stext")->addr,
			 0xffff800080010000ull + 0x3abe8f000000ull);
	assert_int_equal(ksd_symtab_by_name(t, "_end")->type, 'B');
	ksd_symtab_destroy(t);
}

static void test_system_map_hostile(void **state)
{
	struct ksd_symtab *t = NULL;
	char *long_line;

	(void)state;
	write_map("ffff800080000000 T _text\nthis is not a map line\n");
	check_err(ksd_symtab_load_system_map(path, 0, &t), KSD_ERR_CORRUPT,
		  path, "line 2 is not 'ADDRESS TYPE NAME'");
	cleanup(NULL);
	write_map("");
	check_err(ksd_symtab_load_system_map(path, 0, &t), KSD_ERR_CORRUPT,
		  path, "holds no symbols");
	cleanup(NULL);
	long_line = malloc(10000);
	assert_non_null(long_line);
	memset(long_line, 'a', 9998);
	memcpy(long_line, "ffff800080000000 T ", 19);
	long_line[9998] = '\n';
	long_line[9999] = '\0';
	write_map(long_line);
	free(long_line);
	check_err(ksd_symtab_load_system_map(path, 0, &t), KSD_ERR_CORRUPT,
		  "line 1 is longer than 4096 bytes");
	check_err(ksd_symtab_load_system_map("/nonexistent/System.map", 0, &t),
		  KSD_ERR_OS, "cannot open '/nonexistent/System.map'");
	assert_null(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boundaries_with_sizes),
		cmocka_unit_test(test_guessed_sizes),
		cmocka_unit_test(test_aliases),
		cmocka_unit_test(test_alias_guessed_size),
		cmocka_unit_test(test_describe),
		cmocka_unit_test(test_in_address_order),
		cmocka_unit_test_teardown(test_system_map_kaslr, cleanup),
		cmocka_unit_test_teardown(test_system_map_hostile, cleanup),
	};

	return cmocka_run_group_tests_name("symtab", tests, NULL, NULL);
}
