/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A minimal JSON writer for `-j` output: objects, arrays, strings (escaped),
 * integers and booleans, with commas placed for the caller.
 */
#ifndef KIPS_JSON_H
#define KIPS_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JW_MAX_DEPTH 16

struct jw {
	FILE *out;
	int depth;
	bool need_comma[JW_MAX_DEPTH];
};

void jw_init(struct jw *w, FILE *out);
/* @key is NULL for a value inside an array or at the top. */
void jw_obj_open(struct jw *w, const char *key);
void jw_obj_close(struct jw *w);
void jw_arr_open(struct jw *w, const char *key);
void jw_arr_close(struct jw *w);
void jw_str(struct jw *w, const char *key, const char *val);
void jw_u64(struct jw *w, const char *key, uint64_t val);
void jw_i64(struct jw *w, const char *key, int64_t val);
void jw_bool(struct jw *w, const char *key, bool val);
void jw_null(struct jw *w, const char *key);
/* Ends a top-level value with a newline (JSON lines). */
void jw_end(struct jw *w);

#endif /* KIPS_JSON_H */
