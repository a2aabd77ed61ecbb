/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The credentials of a connection with authby = rsasig, read while the
 * configuration is: our certificate and key, the CAs that vouch for the
 * peer, and our identity checked against the certificate (by default it
 * is the certificate's subject).  Problems are reported on the lines that
 * name the files; a key's contents never appear.
 */
#ifndef IKEV1D_CONF_AUTH_H
#define IKEV1D_CONF_AUTH_H

#include "conf.h"

struct conf_auth_paths {
	char *cert, *key, *ca;		/* ca: a PEM file or a directory */
};

struct conf_auth_report {
	struct conf_report *r;
	const char *file;
	unsigned int cert_line, key_line, ca_line;
	unsigned int local_id_line;	/* 0: local-id was not set */
};

/* Fills @cn->creds and, unless local-id was set, @cn->local_id. */
void conf_auth_load(struct conf_conn *cn, const struct conf_auth_paths *paths,
		    const struct conf_auth_report *ar);

#endif /* IKEV1D_CONF_AUTH_H */
