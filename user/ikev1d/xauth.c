// SPDX-License-Identifier: GPL-2.0
/*
 * XAUTH as a client (draft-beaulieu-ike-xauth-02): the server asks for a
 * user name and password (REQUEST), we answer (REPLY) with the connection's
 * xauth-identity and its password from the secrets file, the server says
 * whether it liked them (SET with XAUTH-STATUS), we acknowledge (ACK).
 * Only the generic type (user name and password) is spoken: one-time
 * passwords, challenges and new PINs are refused.  The password is never
 * logged; copies of it live only in the message being built, which is
 * wiped when it is freed.
 */
#include <ctype.h>
#include <string.h>

#include <openssl/crypto.h>

#include "ike.h"
#include "log.h"
#include "payload.h"

const uint8_t xauth_vendor_id[XAUTH_VID_LEN] = {
	0x09, 0x00, 0x26, 0x89, 0xdf, 0xd6, 0xb7, 0x12,
};

void xauth_put_vid(const struct ike_sa *sa, struct isakmp_builder *b)
{
	if (sa->conn->xauth)
		isakmp_blob_put(b, ISAKMP_NP_VID, xauth_vendor_id, XAUTH_VID_LEN);
}

/* The server's XAUTH-MESSAGE, for the log: printable characters only. */
static void log_message(const struct ike_sa *sa, const struct isakmp_attr *a)
{
	char text[128];
	size_t i, n = 0;

	if (!a || !a->tlv)
		return;
	for (i = 0; i < a->len && n + 1 < sizeof(text); i++)
		text[n++] = isprint(a->val[i]) ? (char)a->val[i] : '?';
	text[n] = 0;
	log_info("%s: the XAUTH server says \"%s\"", ike_sa_name(sa), text);
}

static int take_request(struct exchange *x, const struct isakmp_cfg *cfg)
{
	struct ike_sa *sa = x->sa;
	bool name = false, password = false;
	size_t i;

	for (i = 0; i < cfg->nattrs; i++) {
		const struct isakmp_attr *a = &cfg->attrs[i];

		switch (a->type) {
		case XAUTH_TYPE:
			if (a->tlv || a->basic != XAUTH_TYPE_GENERIC) {
				log_error("%s: XAUTH type %u asked for: only the "
					  "generic type (user name and password) "
					  "is supported", ike_sa_name(sa),
					  a->tlv ? 0xffffu : a->basic);
				return STEP_FAIL;
			}
			x->cfg_xauth_type = true;
			break;
		case XAUTH_USER_NAME:
			name = true;
			break;
		case XAUTH_USER_PASSWORD:
			password = true;
			break;
		case XAUTH_MESSAGE:
			log_message(sa, a);
			break;
		case XAUTH_DOMAIN:
			break;	/* a hint; we have no domain to give */
		case XAUTH_PASSCODE:
		case XAUTH_CHALLENGE:
		case XAUTH_NEXT_PIN:
		case XAUTH_ANSWER:
			log_error("%s: the XAUTH server asks for attribute %u "
				  "(passcode, challenge or PIN): not supported",
				  ike_sa_name(sa), a->type);
			return STEP_FAIL;
		default:
			log_debug("%s: XAUTH request: attribute %u ignored",
				  ike_sa_name(sa), a->type);
		}
	}
	if (!name || !password) {
		log_error("%s: the XAUTH request asks for %s: a user name and a "
			  "password is all ikev1d answers", ike_sa_name(sa),
			  name ? "no password" : "no user name");
		return STEP_FAIL;
	}
	log_info("%s: XAUTH request from the server: answering as user '%s'",
		 ike_sa_name(sa), sa->conn->xauth_identity);
	x->cfg_answer = ISAKMP_CFG_REPLY;
	x->cfg_id = cfg->identifier;
	return 0;
}

static int take_set(struct exchange *x, const struct isakmp_cfg *cfg)
{
	const struct isakmp_attr *st = isakmp_attr_find(cfg->attrs, cfg->nattrs,
							XAUTH_STATUS);
	uint64_t v;

	if (!st || !isakmp_attr_number(st, &v) ||
	    (v != XAUTH_STATUS_OK && v != XAUTH_STATUS_FAIL)) {
		log_warn("%s: XAUTH SET without an XAUTH-STATUS of 0 or 1, dropped",
			 ike_sa_name(x->sa));
		return STEP_FAIL;
	}
	log_message(x->sa, isakmp_attr_find(cfg->attrs, cfg->nattrs,
					    XAUTH_MESSAGE));
	x->cfg_answer = ISAKMP_CFG_ACK;
	x->cfg_id = cfg->identifier;
	x->cfg_has_status = true;
	x->cfg_status = (uint16_t)v;
	return 0;
}

int xauth_take(struct exchange *x, const struct isakmp_cfg *cfg)
{
	int r;

	if (!x->sa->conn->xauth) {
		log_warn("%s: XAUTH from the server, but conn %s has no xauth = client",
			 ike_sa_name(x->sa), x->sa->conn->name);
		return STEP_FAIL;
	}
	r = cfg->type == ISAKMP_CFG_REQUEST ? take_request(x, cfg) :
					      take_set(x, cfg);
	/* The server is at work: it has as long again for its next step. */
	if (!r)
		x->sa->ra.deadline = x->sa->e->now + RA_XAUTH_WAIT_MS;
	return r;
}

int xauth_put_answer(struct exchange *x, struct isakmp_builder *b)
{
	const struct conf_conn *c = x->sa->conn;
	struct isakmp_cfg *cfg = calloc(1, sizeof(*cfg));
	const struct conf_secret *s;
	int r;

	if (!cfg)
		return STEP_FAIL;
	cfg->type = x->cfg_answer;
	cfg->identifier = x->cfg_id;
	if (x->cfg_answer == ISAKMP_CFG_ACK) {
		cfg->attrs[cfg->nattrs++] = (struct isakmp_attr){
			.type = XAUTH_STATUS, .basic = x->cfg_status,
		};
	} else {
		s = conf_xauth_secret(x->sa->e->conf, c->xauth_identity);
		if (!s) {
			log_error("%s: no XAUTH password for '%s'",
				  ike_sa_name(x->sa), c->xauth_identity);
			free(cfg);
			return STEP_FAIL;
		}
		if (x->cfg_xauth_type)
			cfg->attrs[cfg->nattrs++] = (struct isakmp_attr){
				.type = XAUTH_TYPE, .basic = XAUTH_TYPE_GENERIC,
			};
		cfg->attrs[cfg->nattrs++] = (struct isakmp_attr){
			.type = XAUTH_USER_NAME, .tlv = true,
			.len = (uint16_t)strlen(c->xauth_identity),
			.val = (const uint8_t *)c->xauth_identity,
		};
		cfg->attrs[cfg->nattrs++] = (struct isakmp_attr){
			.type = XAUTH_USER_PASSWORD, .tlv = true,
			.len = (uint16_t)s->psk_len, .val = s->psk,
		};
	}
	/* The builder's buffer holds the password until it is wiped. */
	r = transaction_put_answer(x, b, cfg);
	OPENSSL_cleanse(cfg, sizeof(*cfg));
	free(cfg);
	return r;
}

void xauth_finished(struct exchange *x)
{
	struct ike_sa *sa = x->sa;

	if (x->cfg_answer != ISAKMP_CFG_ACK || sa->ra.phase != RA_XAUTH)
		return;
	if (x->cfg_status != XAUTH_STATUS_OK) {
		char why[CONF_XAUTH_NAME_MAX + 96];

		snprintf(why, sizeof(why), "XAUTH failed: the server refused user "
			 "'%s' (XAUTH-STATUS FAIL; wrong password?)",
			 sa->conn->xauth_identity);
		ra_fail(sa, why);
		return;
	}
	sa->ra.xauth_ok = true;
	sa->ra.deadline = 0;
	log_info("%s: XAUTH as user '%s' succeeded", ike_sa_name(sa),
		 sa->conn->xauth_identity);
	if (sa->conn->modecfg) {
		if (modecfg_start(sa))
			ra_fail(sa, "cannot start mode config");
		return;
	}
	sa->ra.phase = RA_READY;
	phase1_start_children(sa);
}
