// SPDX-License-Identifier: GPL-2.0
/* Every payload of a message through its decoder. */
#include <stdlib.h>

#include "payload.h"
#include "sa_payload.h"
#include "validate.h"

static int validate_one(const struct isakmp_payload *p, struct isakmp_sa *sa,
			struct isakmp_cfg *cfg, struct isakmp_err *err)
{
	struct isakmp_notification n;
	struct isakmp_delete d;
	struct isakmp_natoa oa;
	struct isakmp_cert c;
	struct isakmp_blob b;
	struct isakmp_id id;

	switch (p->type) {
	case ISAKMP_NP_SA:
		return isakmp_sa_parse(p, sa, err);
	case ISAKMP_NP_KE:
		return isakmp_ke_parse(p, 0, &b, err);
	case ISAKMP_NP_ID:
		return isakmp_id_parse(p, &id, err);
	case ISAKMP_NP_CERT:
		return isakmp_cert_parse(p, &c, err);
	case ISAKMP_NP_CR:
		return isakmp_cr_parse(p, &c, err);
	case ISAKMP_NP_HASH:
		return isakmp_hash_parse(p, 0, &b, err);
	case ISAKMP_NP_SIG:
		return isakmp_sig_parse(p, &b, err);
	case ISAKMP_NP_NONCE:
		return isakmp_nonce_parse(p, &b, err);
	case ISAKMP_NP_N:
		return isakmp_notify_parse(p, &n, err);
	case ISAKMP_NP_D:
		return isakmp_delete_parse(p, &d, err);
	case ISAKMP_NP_VID:
	case ISAKMP_NP_NATD:
	case ISAKMP_NP_NATD_DRAFT:
		return isakmp_data_parse(p, &b, err);
	case ISAKMP_NP_NATOA:
	case ISAKMP_NP_NATOA_DRAFT:
		return isakmp_natoa_parse(p, &oa, err);
	case ISAKMP_NP_ATTR:
		return isakmp_cfg_parse(p, cfg, err);
	}
	/* The generic layer lets no other type through. */
	return isakmp_fail(err, ISAKMP_E_PAYLOAD_TYPE, p->type, p->offset,
			   "no decoder for this payload type");
}

int isakmp_validate(const struct isakmp_msg *msg, struct isakmp_err *err)
{
	struct isakmp_sa *sa = malloc(sizeof(*sa));
	struct isakmp_cfg *cfg = malloc(sizeof(*cfg));
	int ret = 0;
	size_t i;

	if (!sa || !cfg) {
		ret = isakmp_fail(err, ISAKMP_E_NOMEM, 0, 0, "out of memory");
		goto out;
	}
	for (i = 0; i < msg->n && !ret; i++)
		ret = validate_one(&msg->pl[i], sa, cfg, err);
out:
	free(sa);
	free(cfg);
	return ret;
}
