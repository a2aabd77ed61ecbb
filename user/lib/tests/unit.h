/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The smallest unit-test harness: each check prints
 *   PASS: <suite>: <case>     or     FAIL: <suite>: <case>: <why>
 * and unit_exit() returns non-zero when any failed.  Header-only, so a test
 * is one .c file.
 */
#ifndef KIPS_UNIT_H
#define KIPS_UNIT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static const char *unit_suite = "unit";
static unsigned int unit_passed, unit_failed;

static inline bool unit_check(bool ok, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Records one case; @fmt explains a failure. */
static inline bool unit_check(bool ok, const char *name, const char *fmt, ...)
{
	va_list ap;

	if (ok) {
		printf("PASS: %s: %s\n", unit_suite, name);
		unit_passed++;
		return true;
	}
	printf("FAIL: %s: %s: ", unit_suite, name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	unit_failed++;
	return false;
}

#define CHECK(name, cond) unit_check((cond), (name), "%s", #cond " is false")

#define CHECK_STR(name, want, got)                                           \
	do {                                                                 \
		const char *w_ = (want), *g_ = (got);                        \
		unit_check(g_ && !strcmp(w_, g_), (name),                    \
			   "expected '%s', got '%s'", w_, g_ ? g_ : "(null)"); \
	} while (0)

#define CHECK_U64(name, want, got)                                           \
	do {                                                                 \
		unsigned long long w_ = (want), g_ = (got);                  \
		unit_check(w_ == g_, (name), "expected %llu, got %llu", w_, g_); \
	} while (0)

static inline int unit_exit(void)
{
	printf("# %s: %u passed, %u failed\n", unit_suite, unit_passed, unit_failed);
	return unit_failed ? 1 : 0;
}

#endif /* KIPS_UNIT_H */
