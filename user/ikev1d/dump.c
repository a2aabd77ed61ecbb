// SPDX-License-Identifier: GPL-2.0
/* Describing messages, payload by payload, for debug logs. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "dump.h"
#include "names.h"
#include "payload.h"
#include "sa_payload.h"
#include "wire.h"

struct out {
	char *buf;
	size_t len, used;
};

static void add(struct out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void add(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->used >= o->len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->used, o->len - o->used, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->used += (size_t)n;
}

static void sa_summary(struct out *o, const struct isakmp_payload *p)
{
	struct isakmp_sa *sa = malloc(sizeof(*sa));
	struct isakmp_err err;
	size_t i;

	if (!sa || isakmp_sa_parse(p, sa, &err)) {
		add(o, "(bad)");
		free(sa);
		return;
	}
	add(o, "(");
	for (i = 0; i < sa->nprops; i++) {
		const struct isakmp_proposal *pr = &sa->props[i];

		add(o, "%s#%u %s", i ? ", " : "", pr->num,
		    isakmp_protocol_str(pr->protocol));
		if (pr->spi_size == 4)
			add(o, " spi 0x%08x", get_be32(pr->spi));
		add(o, ": %zu xform%s", pr->nxforms, pr->nxforms == 1 ? "" : "s");
	}
	add(o, ")");
	free(sa);
}

const char *isakmp_describe(const struct isakmp_msg *m, char *buf, size_t len)
{
	struct out o = { buf, len, 0 };
	size_t i;

	buf[0] = 0;
	add(&o, "%s M-ID 0x%08x%s:", isakmp_exchange_str(m->hdr.exchange),
	    m->hdr.msgid, m->hdr.flags & ISAKMP_FLAG_ENC ? " (encrypted)" : "");
	for (i = 0; i < m->n; i++) {
		const struct isakmp_payload *p = &m->pl[i];
		struct isakmp_notification n;
		struct isakmp_delete d;
		struct isakmp_err err;
		struct isakmp_id id;

		add(&o, " %s", isakmp_payload_str(p->type));
		switch (p->type) {
		case ISAKMP_NP_SA:
			sa_summary(&o, p);
			break;
		case ISAKMP_NP_N:
			if (!isakmp_notify_parse(p, &n, &err))
				add(&o, "(%s)", isakmp_notify_str(n.type));
			break;
		case ISAKMP_NP_D:
			if (!isakmp_delete_parse(p, &d, &err))
				add(&o, "(%s, %u SPI%s)", isakmp_protocol_str(d.protocol),
				    d.nspis, d.nspis == 1 ? "" : "s");
			break;
		case ISAKMP_NP_ID:
			if (!isakmp_id_parse(p, &id, &err))
				add(&o, "(%s, %zu bytes)", ipsec_id_type_name(id.type),
				    id.len);
			break;
		default:
			add(&o, "(%zu)", isakmp_body_len(p));
		}
	}
	return buf;
}
