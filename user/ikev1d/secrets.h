/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The secrets file: pre-shared keys by peer, in ipsec.secrets' familiar
 * shape,
 *
 *   # SELECTOR... : PSK SECRET
 *   198.51.100.7 : PSK "correct horse battery staple"
 *   @gw.example.net alice@example.net : PSK 0x5a0b7c...
 *   %any : PSK "the key for everyone else"
 *   alice : XAUTH "alice's password"
 *
 * A PSK's selector is a peer address, an identity (as conf_parse_id()
 * reads it) or %any; an XAUTH secret's the user name as the connection's
 * xauth-identity gives it.  The secret is a "quoted string" or 0x and hex
 * digits.
 */
#ifndef IKEV1D_SECRETS_H
#define IKEV1D_SECRETS_H

#include "conf.h"

/* Appends the secrets of @path to @c, reporting problems through @r.
 * Returns -1 (errno set) if the file cannot be read at all, else 0.
 */
int secrets_load(const char *path, struct conf *c, struct conf_report *r);

/* The same from text in memory, for tests. */
void secrets_load_text(const char *name, const char *text, size_t len,
		       struct conf *c, struct conf_report *r);

#endif /* IKEV1D_SECRETS_H */
