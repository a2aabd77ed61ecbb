// SPDX-License-Identifier: GPL-2.0
/* NAT traversal in ikev1ctl's status, as text and JSON. */
#include <stdio.h>

#include "ike.h"
#include "json.h"
#include "natt_status.h"

static const char *variant_name(enum natt_variant v)
{
	return v == NATT_RFC ? "RFC 3947" : v == NATT_DRAFT ? "draft 02/03" : "none";
}

static const char *where(const struct ike_sa *sa)
{
	if (sa->natt.nat_here && sa->natt.nat_there)
		return "NAT on both sides";
	if (sa->natt.nat_here)
		return "NAT here";
	if (sa->natt.nat_there)
		return "NAT there";
	return sa->conn->nat_traversal == CONF_NATT_FORCE ? "forced" : "no NAT";
}

void natt_status_text(const struct ike_sa *sa, FILE *out)
{
	if (natt_in_use(sa))
		fprintf(out, ", NAT-T in use (%s, %s), UDP %u -> %u",
			variant_name(sa->natt.variant), where(sa), sa->local.port,
			sa->remote.port);
}

void natt_status_json(const struct ike_sa *sa, struct jw *w)
{
	jw_obj_open(w, "nat_t");
	jw_str(w, "variant", sa->natt.variant == NATT_RFC ? "rfc3947" :
	       sa->natt.variant == NATT_DRAFT ? "draft" : "none");
	jw_bool(w, "in_use", natt_in_use(sa));
	jw_bool(w, "nat_here", sa->natt.nat_here);
	jw_bool(w, "nat_there", sa->natt.nat_there);
	jw_u64(w, "local_port", sa->local.port);
	jw_u64(w, "remote_port", sa->remote.port);
	jw_obj_close(w);
}
