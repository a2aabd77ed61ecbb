/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The configuration of ikev1d (Documentation/ikev1d.conf.5): global
 * settings and connections, read strictly.  Every error is reported with
 * its file and line, and reading goes on to find the others; a file with
 * any error is not used.  Pre-shared keys are never part of a message.
 */
#ifndef IKEV1D_CONF_H
#define IKEV1D_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "proposal.h"

#define CONF_NAME_MAX	64
#define CONF_PSK_MAX	256
#define CONF_ID_MAX	255
#define CONF_TS_MAX	8
#define CONF_XAUTH_NAME_MAX	128
#define CONF_IFNAME_MAX	16	/* IFNAMSIZ */

struct cert_creds;		/* cert.h */

enum conf_severity {
	CONF_ERROR,
	CONF_WARNING,
};

/* Where problems go: by default "FILE:LINE: message" on stderr. */
struct conf_report {
	void (*fn)(void *ctx, enum conf_severity sev, const char *file,
		   unsigned int line, const char *msg);
	void *ctx;
	unsigned int errors;
	unsigned int warnings;
};

/* An IKE identity (ID payload type and data); type 0: not configured. */
struct conf_id {
	uint8_t type;		/* enum ipsec_id_type */
	size_t len;
	uint8_t data[CONF_ID_MAX];
};

/* One side of a traffic selector (a proxy ID of quick mode). */
struct conf_ts {
	struct kips_addr net;	/* address and prefix length */
	struct kips_addr last;	/* a range's last address; family 0: prefix */
	uint8_t proto;		/* 0: any */
	uint16_t port;		/* 0: any */
	bool dynamic;		/* the peer's address, known when it connects */
};

/* NAT traversal (RFC 3947): off, when a NAT is seen, or always. */
enum conf_natt {
	CONF_NATT_YES = 0,
	CONF_NATT_NO,
	CONF_NATT_FORCE,
};

enum conf_exchange {
	CONF_MAIN = 1,
	CONF_AGGRESSIVE = 2,
};

/* Dead Peer Detection (dpd.h): what to do once the peer is found dead. */
enum conf_dpd_action {
	CONF_DPD_CLEAR,		/* forget the connection */
	CONF_DPD_HOLD,		/* trap its traffic: the next packet renegotiates */
	CONF_DPD_RESTART,	/* renegotiate at once */
};

struct conf_dpd {
	uint32_t delay;		/* seconds of silence before asking; 0: off */
	uint32_t timeout;	/* seconds without an answer: dead */
	enum conf_dpd_action action;
};

struct conf_conn {
	char name[CONF_NAME_MAX];
	const char *file;	/* for messages about it later */
	unsigned int line;
	struct kips_addr local;
	struct kips_addr remote;	/* family 0: %any */
	struct conf_id local_id, remote_id;
	enum conf_exchange exchange;
	struct ike_proposals ike;
	uint8_t ipsec_protocol;		/* ISAKMP_PROTO_ESP or _AH */
	struct ipsec_proposals ipsec;
	uint16_t pfs_group;		/* 0: no PFS */
	uint32_t ike_lifetime;		/* seconds */
	uint32_t lifetime;		/* seconds */
	uint64_t lifebytes;		/* 0: no limit */
	size_t nlocal_ts, nremote_ts;
	struct conf_ts local_ts[CONF_TS_MAX], remote_ts[CONF_TS_MAX];
	uint8_t mode;			/* KIPS_MODE_TUNNEL or _TRANSPORT */
	bool auto_start;		/* start = start */
	bool trap;			/* start = trap */
	bool allow_legacy;
	struct conf_dpd dpd;
	enum conf_natt nat_traversal;
	uint32_t nat_keepalive;		/* seconds between keepalives, 0: none */
	/* How phase 1 authenticates: IKE_AUTH_PSK or IKE_AUTH_RSA_SIG. */
	uint16_t auth;
	/* RSA signatures: our certificate and key, the CAs we trust for the
	 * peer.  The conf owns them.
	 */
	struct cert_creds *creds;
	/* Remote access as a client (remote_access.h): XAUTH as
	 * @xauth_identity (its password is in the secrets file), mode config
	 * pulling an address that goes on @sourceip_dev.
	 */
	bool xauth;			/* xauth = client */
	char xauth_identity[CONF_XAUTH_NAME_MAX + 1];
	bool modecfg;			/* modecfg = pull / local-sourceip = %config */
	bool sourceip;			/* local-sourceip = %config */
	char sourceip_dev[CONF_IFNAME_MAX];
	/* The pre-shared key, inline or from the secrets file. */
	size_t psk_len;
	uint8_t psk[CONF_PSK_MAX];
};

/* A secret of the secrets file: a pre-shared key for a peer address or
 * IKE identity, or an XAUTH password for a user name.
 */
struct conf_secret {
	bool xauth;			/* XAUTH: @id.data is the user name */
	struct kips_addr addr;		/* family 0: by identity */
	struct conf_id id;
	size_t psk_len;
	uint8_t psk[CONF_PSK_MAX];
};

struct conf {
	char *secrets_path;
	size_t nconns;
	struct conf_conn *conns;
	size_t nsecrets;
	struct conf_secret *secrets;
	/* File names that messages and connections point to. */
	size_t nfiles;
	char **files;
};

/* Reads @path into @c.  Returns the number of errors (0: usable); each was
 * given to @r (NULL: stderr).  @c must be conf_free()d either way.
 */
unsigned int conf_load(const char *path, struct conf *c, struct conf_report *r);

/* The same from text in memory, as if read from a file named @name;
 * relative paths in it (secrets) are taken from the current directory.
 */
unsigned int conf_load_text(const char *name, const char *text, size_t len,
			    struct conf *c, struct conf_report *r);

/* Wipes the keys and frees everything. */
void conf_free(struct conf *c);

const struct conf_conn *conf_find(const struct conf *c, const char *name);

/* The secret for a peer: by identity first, then by address. */
const struct conf_secret *conf_secret_for(const struct conf *c,
					  const struct conf_id *id,
					  const struct kips_addr *addr);

/* The XAUTH password of user @name, or NULL. */
const struct conf_secret *conf_xauth_secret(const struct conf *c,
					    const char *name);

/* Keeps a copy of the file name @name for as long as @c lives. */
const char *conf_intern(struct conf *c, const char *name);

/* Reports a problem through @r (or stderr) and counts it. */
void conf_reportf(struct conf_report *r, enum conf_severity sev,
		  const char *file, unsigned int line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

#endif /* IKEV1D_CONF_H */
