// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>

#include "json.h"

void jw_init(struct jw *w, FILE *out)
{
	w->out = out;
	w->depth = 0;
	w->need_comma[0] = false;
}

static void put_escaped(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', f);
	for (; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\t': fputs("\\t", f); break;
		default:
			if (*p < 0x20)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
		}
	}
	fputc('"', f);
}

static void begin_value(struct jw *w, const char *key)
{
	if (w->need_comma[w->depth])
		fputc(',', w->out);
	w->need_comma[w->depth] = true;
	if (key) {
		put_escaped(w->out, key);
		fputc(':', w->out);
	}
}

static void open(struct jw *w, const char *key, char c)
{
	begin_value(w, key);
	fputc(c, w->out);
	if (w->depth < JW_MAX_DEPTH - 1)
		w->depth++;
	w->need_comma[w->depth] = false;
}

static void close_(struct jw *w, char c)
{
	fputc(c, w->out);
	if (w->depth > 0)
		w->depth--;
}

void jw_obj_open(struct jw *w, const char *key) { open(w, key, '{'); }
void jw_obj_close(struct jw *w) { close_(w, '}'); }
void jw_arr_open(struct jw *w, const char *key) { open(w, key, '['); }
void jw_arr_close(struct jw *w) { close_(w, ']'); }

void jw_str(struct jw *w, const char *key, const char *val)
{
	begin_value(w, key);
	put_escaped(w->out, val);
}

void jw_u64(struct jw *w, const char *key, uint64_t val)
{
	begin_value(w, key);
	fprintf(w->out, "%" PRIu64, val);
}

void jw_i64(struct jw *w, const char *key, int64_t val)
{
	begin_value(w, key);
	fprintf(w->out, "%" PRId64, val);
}

void jw_bool(struct jw *w, const char *key, bool val)
{
	begin_value(w, key);
	fputs(val ? "true" : "false", w->out);
}

void jw_null(struct jw *w, const char *key)
{
	begin_value(w, key);
	fputs("null", w->out);
}

void jw_end(struct jw *w)
{
	fputc('\n', w->out);
	w->depth = 0;
	w->need_comma[0] = false;
	fflush(w->out);
}
