/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A tiny unit-test helper.  Each case prints one line,
 *
 *   PASS: <suite>: <case>
 *   FAIL: <suite>: <case>: <file>:<line>: <why>
 *
 * and the binary exits 1 if any case failed.  A case is a function, run
 * with T_RUN(fn), or any stretch of code between t_begin() and t_end() (for
 * tables).  The first failed check of a case is the one reported.
 */
#ifndef IKEV1D_TEST_H
#define IKEV1D_TEST_H

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct t_state {
	const char *suite;
	bool failed;
	char why[512];
	int passed, failures;
};
static struct t_state t_state;

static inline void t_init(const char *suite)
{
	t_state.suite = suite;
	setvbuf(stdout, NULL, _IOLBF, 0);
}

static inline void t_begin(void)
{
	t_state.failed = false;
	t_state.why[0] = 0;
}

static inline void t_end(const char *name)
{
	if (t_state.failed) {
		t_state.failures++;
		printf("FAIL: %s: %s: %s\n", t_state.suite, name, t_state.why);
	} else {
		t_state.passed++;
		printf("PASS: %s: %s\n", t_state.suite, name);
	}
}

static inline void t_fail_at(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static inline void t_fail_at(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t_state.failed)
		return;
	t_state.failed = true;
	n = snprintf(t_state.why, sizeof(t_state.why), "%s:%d: ", file, line);
	if (n < 0 || (size_t)n >= sizeof(t_state.why))
		return;
	va_start(ap, fmt);
	vsnprintf(t_state.why + n, sizeof(t_state.why) - n, fmt, ap);
	va_end(ap);
}

/* The exit status, for `return t_done();`: 0 all passed, 1 some failed. */
static inline int t_done(void)
{
	return t_state.failures ? 1 : 0;
}

#define T_RUN(fn) do { t_begin(); fn(); t_end(#fn); } while (0)

#define T_FAIL(...) t_fail_at(__FILE__, __LINE__, __VA_ARGS__)

/* Checks that stop the case (a function returning void) when they fail. */
#define T_ASSERT(cond) do {						\
	if (!(cond)) {							\
		T_FAIL("%s", #cond);					\
		return;							\
	}								\
} while (0)

#define T_ASSERT_INT(a, b) do {						\
	long long a_ = (long long)(a), b_ = (long long)(b);		\
	if (a_ != b_) {							\
		T_FAIL("%s == %lld, expected %s == %lld", #a, a_, #b, b_); \
		return;							\
	}								\
} while (0)

#define T_ASSERT_STR(a, b) do {						\
	const char *a_ = (a), *b_ = (b);				\
	if (!a_ || !b_ || strcmp(a_, b_)) {				\
		T_FAIL("%s is \"%s\", expected \"%s\"", #a,		\
		       a_ ? a_ : "(null)", b_ ? b_ : "(null)");		\
		return;							\
	}								\
} while (0)

/* Compares @alen bytes at @a with @blen at @b; names the first difference. */
static inline bool t_mem_eq(const char *file, int line, const char *what,
			    const void *a, size_t alen, const void *b, size_t blen)
{
	const uint8_t *x = a, *y = b;
	size_t i;

	if (alen != blen) {
		t_fail_at(file, line, "%s: %zu bytes, expected %zu", what, alen,
			  blen);
		return false;
	}
	for (i = 0; i < alen; i++)
		if (x[i] != y[i]) {
			t_fail_at(file, line,
				  "%s: byte %zu is 0x%02x, expected 0x%02x",
				  what, i, x[i], y[i]);
			return false;
		}
	return true;
}

#define T_ASSERT_MEM(a, alen, b, blen) do {				\
	if (!t_mem_eq(__FILE__, __LINE__, #a, a, alen, b, blen))	\
		return;							\
} while (0)

/* Decodes @hex (white space allowed) into @out; returns the byte count, or
 * exits on a malformed vector (a bug in the test itself).
 */
static inline size_t t_unhex(const char *hex, uint8_t *out, size_t max)
{
	size_t n = 0;
	int hi = -1;

	for (; *hex; hex++) {
		int v;

		if (isspace((unsigned char)*hex))
			continue;
		if (!isxdigit((unsigned char)*hex))
			goto bad;
		v = isdigit((unsigned char)*hex) ? *hex - '0' :
			tolower((unsigned char)*hex) - 'a' + 10;
		if (hi < 0) {
			hi = v;
			continue;
		}
		if (n == max)
			goto bad;
		out[n++] = hi << 4 | v;
		hi = -1;
	}
	if (hi < 0)
		return n;
bad:
	fprintf(stderr, "test vector is not valid hex: %.40s\n", hex);
	exit(2);
}

#endif /* IKEV1D_TEST_H */
