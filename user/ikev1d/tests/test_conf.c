// SPDX-License-Identifier: GPL-2.0
/*
 * ikev1d.conf and the secrets file: good files read into the right
 * structures, bad ones refused with every error on its line, and secrets
 * never echoed in a message.
 */
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "conf_value.h"
#include "isakmp.h"
#include "secrets.h"
#include "test.h"

#define MAXMSG 64

struct collected {
	size_t n;
	unsigned int line[MAXMSG];
	enum conf_severity sev[MAXMSG];
	char file[MAXMSG][128];
	char msg[MAXMSG][512];
};

static struct collected got;

static void collect(void *ctx, enum conf_severity sev, const char *file,
		    unsigned int line, const char *msg)
{
	struct collected *c = ctx;

	if (c->n == MAXMSG)
		return;
	c->line[c->n] = line;
	c->sev[c->n] = sev;
	snprintf(c->file[c->n], sizeof(c->file[0]), "%s", file);
	snprintf(c->msg[c->n], sizeof(c->msg[0]), "%s", msg);
	c->n++;
}

static struct conf conf;
static struct conf_report rep;

static unsigned int load(const char *text)
{
	memset(&got, 0, sizeof(got));
	memset(&rep, 0, sizeof(rep));
	rep.fn = collect;
	rep.ctx = &got;
	conf_free(&conf);
	return conf_load_text("test.conf", text, strlen(text), &conf, &rep);
}

/* Whether an error on @line says @what. */
static bool has(unsigned int line, const char *what)
{
	size_t i;

	for (i = 0; i < got.n; i++)
		if (got.line[i] == line && strstr(got.msg[i], what))
			return true;
	return false;
}

static void dump_got(void)
{
	size_t i;

	for (i = 0; i < got.n; i++)
		fprintf(stderr, "  %s:%u: %s\n", got.file[i], got.line[i], got.msg[i]);
}

#define T_HAS(line, what) do {						\
	if (!has(line, what)) {						\
		dump_got();						\
		T_FAIL("no error on line %u saying \"%s\"", line, what); \
		return;							\
	}								\
} while (0)

static void full_example(void)
{
	const struct conf_conn *c;

	T_ASSERT_INT(load(
		"# a site-to-site tunnel\n"
		"conn office {\n"
		"	local = 192.0.2.1;\n"
		"	remote = 198.51.100.7;\n"
		"	local-id = @gw1.example.net;\n"
		"	remote-id = admin@example.net;\n"
		"	psk = \"a \\\"quoted\\\" secret\";\n"
		"	exchange = aggressive;\n"
		"	ike = aes256-sha256-modp2048, aes128-sha1-ecp256;\n"
		"	esp = aes128gcm16-modp3072, aes256-sha256-modp3072;\n"
		"	ike-lifetime = 4h;\n"
		"	lifetime = 20m;\n"
		"	lifebytes = 512M;\n"
		"	local-subnet = 10.1.0.0/16, fd00:1::/64[tcp/443];\n"
		"	remote-subnet = 10.2.0.1-10.2.0.99[udp], fd00:2::/64;\n"
		"	mode = tunnel;\n"
		"	start = start;\n"
		"}\n"), 0);
	T_ASSERT_INT(conf.nconns, 1);
	c = conf_find(&conf, "office");
	T_ASSERT(c);
	T_ASSERT_INT(c->line, 2);
	T_ASSERT_INT(c->local.family, AF_INET);
	T_ASSERT_INT(c->local.bytes[3], 1);
	T_ASSERT_INT(c->remote.bytes[0], 198);
	T_ASSERT_INT(c->local_id.type, IPSEC_ID_FQDN);
	T_ASSERT_MEM(c->local_id.data, c->local_id.len, "gw1.example.net", 15);
	T_ASSERT_INT(c->remote_id.type, IPSEC_ID_USER_FQDN);
	T_ASSERT_MEM(c->psk, c->psk_len, "a \"quoted\" secret", 17);
	T_ASSERT_INT(c->exchange, CONF_AGGRESSIVE);
	T_ASSERT_INT(c->ike.n, 2);
	T_ASSERT_INT(c->ike.p[1].group[0], IKE_GROUP_ECP256);
	T_ASSERT_INT(c->ipsec_protocol, ISAKMP_PROTO_ESP);
	T_ASSERT_INT(c->ipsec.n, 2);
	T_ASSERT_INT(c->pfs_group, IKE_GROUP_MODP3072);
	T_ASSERT_INT(c->ike_lifetime, 4 * 3600);
	T_ASSERT_INT(c->lifetime, 1200);
	T_ASSERT_INT(c->lifebytes, 512ULL << 20);
	T_ASSERT_INT(c->nlocal_ts, 2);
	T_ASSERT_INT(c->local_ts[0].net.prefixlen, 16);
	T_ASSERT_INT(c->local_ts[1].net.family, AF_INET6);
	T_ASSERT_INT(c->local_ts[1].proto, 6);
	T_ASSERT_INT(c->local_ts[1].port, 443);
	T_ASSERT_INT(c->remote_ts[0].last.family, AF_INET);
	T_ASSERT_INT(c->remote_ts[0].last.bytes[3], 99);
	T_ASSERT_INT(c->remote_ts[0].proto, 17);
	T_ASSERT_INT(c->remote_ts[0].port, 0);
	T_ASSERT_INT(c->mode, KIPS_MODE_TUNNEL);
	T_ASSERT(c->auto_start);
	T_ASSERT(!c->allow_legacy);
}

static void defaults(void)
{
	const struct conf_conn *c;

	T_ASSERT_INT(load("conn h { local = 2001:db8::1; remote = 2001:db8::2;"
			  " psk = 0x0011223344; }"), 0);
	c = &conf.conns[0];
	T_ASSERT_INT(c->exchange, CONF_MAIN);
	T_ASSERT_INT(c->mode, KIPS_MODE_TUNNEL);
	T_ASSERT(!c->auto_start);
	T_ASSERT_INT(c->ike.n, 1);
	T_ASSERT_INT(c->ike.p[0].encr[0]->key_bits, 256);
	T_ASSERT_INT(c->ike.p[0].hash[0]->id, IKE_HASH_SHA2_256);
	T_ASSERT_INT(c->ike.p[0].group[0], IKE_GROUP_MODP2048);
	T_ASSERT_INT(c->ipsec.n, 2);
	T_ASSERT_INT(c->ipsec.p[0].encr[0]->id, IPSEC_ESP_AES_GCM_16);
	T_ASSERT_INT(c->pfs_group, 0);
	T_ASSERT_INT(c->ike_lifetime, 28800);
	T_ASSERT_INT(c->lifetime, 3600);
	T_ASSERT_INT(c->lifebytes, 0);
	T_ASSERT_INT(c->local_id.type, IPSEC_ID_IPV6_ADDR);
	T_ASSERT_INT(c->remote_id.len, 16);
	T_ASSERT_INT(c->nlocal_ts, 1);
	T_ASSERT_INT(c->local_ts[0].net.prefixlen, 128);
	T_ASSERT_INT(c->psk_len, 5);
	T_ASSERT_INT(c->psk[4], 0x44);
}

/* Every error of a file, each on its own line, and reading goes on. */
static void errors_with_lines(void)
{
	unsigned int n = load(
		"conn a {\n"				/* 1 */
		"	local = 192.0.2.300;\n"		/* 2 */
		"	remote = 198.51.100.7\n"	/* 3: no ';' */
		"	ike = aes256-sha256;\n"		/* 4 */
		"	esp = aes128gcm16-sha1;\n"	/* 5 */
		"	psk = \"k\";\n"			/* 6 */
		"	lifetime = 3x;\n"		/* 7 */
		"	colour = blue;\n"		/* 8 */
		"	mode = tunnel, transport;\n"	/* 9 */
		"	ike = aes128-sha1-modp2048;\n"	/* 10 */
		"	start = now;\n"			/* 11 */
		"}\n"					/* 12 */
		"conn a { local = 192.0.2.1; remote = 192.0.2.2; psk = \"x\"; }\n" /* 13 */
		"bogus = 1;\n"				/* 14 */
		"conn b {\n"				/* 15 */
		"	local = 192.0.2.1;\n"		/* 16 */
		"	remote 192.0.2.9;\n"		/* 17: no '=' */
		"	ah = sha256;\n"			/* 18 */
		"	esp = aes128-sha1;\n"		/* 19 */
		"	pfs = modp5000;\n"		/* 20 */
		"	psk = \"y\";\n"			/* 21 */
		"	remote = 192.0.2.9;\n"		/* 22 */
		"}\n"					/* 23 */
		"conn c { local = 192.0.2.1; remote = fd00::1; psk = \"z\";\n" /* 24 */
		"  lifetime = 0; local-subnet = 10.0.0.0/33; }\n"		/* 25 */
		"conn d { local = 10.0.0.1; remote = %any; start = start;\n"	/* 26 */
		"  psk = \"q\"; esp = aes128-sha1-modp2048; pfs = ecp256; }\n"	/* 27 */
		"conn e { local = 10.0.0.1; remote = 10.0.0.2; psk = \"q\";\n"	/* 28 */
		"  ike = 3des-md5-modp1024; esp = 3des-sha1; }\n"		/* 29 */
		"conn f { local = 10.0.0.1; remote = 10.0.0.2; psk = \"q\";\n"	/* 30 */
		"  mode = transport; local-subnet = 10.1.0.0/16; }\n"		/* 31 */
		"conn g { local = 10.0.0.1; remote = 10.0.0.2; psk = \"q\";\n"	/* 32 */
		"  local-subnet = fd00::/64; remote-subnet = 10.2.0.0/16; }\n"	/* 33 */
		"conn h { local = 10.0.0.1; remote = 10.0.0.2;\n"		/* 34 */
		"  local-id = nodots; }\n"					/* 35 */
		"conn i {\n"							/* 36 */
		"	psk = \"unterminated;\n"				/* 37 */
		"}\n");								/* 38 */

	T_HAS(2, "local: '192.0.2.300' is not an IP address");
	T_HAS(3, "missing ';' after the value of 'remote'");
	T_HAS(4, "ike: 'aes256-sha256' has no Diffie-Hellman group");
	T_HAS(5, "an AEAD cipher takes no integrity algorithm");
	T_HAS(7, "lifetime: not a duration");
	T_HAS(8, "unknown setting 'colour' in conn a");
	T_HAS(9, "'mode' takes one value");
	T_HAS(10, "'ike' is set twice in conn a (first on line 4)");
	T_HAS(11, "start: 'now' is not one of add, start");
	T_HAS(13, "connection 'a' is defined twice (first on line 1)");
	T_HAS(14, "unknown global setting 'bogus'");
	T_HAS(17, "expected '=' after 'remote'");
	T_HAS(18, "sets both 'esp' and 'ah'");
	T_HAS(20, "pfs: 'modp5000' is not a Diffie-Hellman group");
	T_HAS(24, "local and remote are of different address families");
	T_HAS(25, "lifetime: a lifetime of 0 seconds");
	T_HAS(25, "local-subnet: '10.0.0.0/33' is not an address, prefix or range");
	T_HAS(26, "start = start needs a remote address");
	T_HAS(27, "pfs = ecp256 contradicts the group in the proposals (modp2048)");
	T_HAS(29, "ike: '3des' is a legacy algorithm");
	T_HAS(29, "esp: '3des' is a legacy algorithm");
	T_HAS(31, "local-subnet must be the local address");
	T_HAS(33, "local-subnet 1 has no remote-subnet of its address family");
	T_HAS(34, "conn h has no pre-shared key");
	T_HAS(35, "local-id: not an address, @name, user@name, @#keyid or a DN");
	T_HAS(37, "unterminated string");
	T_HAS(36, "conn i needs 'local'");
	/* "remote" of conn b was read after its broken first try. */
	T_ASSERT(!has(15, "needs 'remote'"));
	T_ASSERT_INT(n, got.n);
	T_ASSERT_INT(n, 29);
}

static void legacy_opt_in(void)
{
	T_ASSERT_INT(load("conn e { local = 10.0.0.1; remote = 10.0.0.2; psk = \"q\";\n"
			  "  allow-legacy = yes; ike = 3des-md5-modp1024;\n"
			  "  esp = 3des-sha1; pfs = modp1536; }\n"), 0);
	T_ASSERT_INT(conf.conns[0].ike.p[0].group[0], IKE_GROUP_MODP1024);
	T_ASSERT_INT(conf.conns[0].pfs_group, IKE_GROUP_MODP1536);
	T_ASSERT_INT(conf.conns[0].ipsec.p[0].pfs_group, IKE_GROUP_MODP1536);
	T_ASSERT(load("conn e { local = 10.0.0.1; remote = 10.0.0.2; psk = \"q\";\n"
		      "  allow-legacy = maybe; }\n") == 1);
	T_HAS(2, "allow-legacy: not yes or no");
}

static void aggressive_groups(void)
{
	T_ASSERT_INT(load("conn a { local = 10.0.0.1; remote = 10.0.0.2; psk = \"q\";\n"
			  "  exchange = aggressive; ike = aes256-sha256-modp2048-ecp256; }\n"), 0);
	T_ASSERT_INT(got.n, 1);
	T_ASSERT(got.sev[0] == CONF_WARNING);
	T_HAS(2, "aggressive mode offers only the first group, modp2048");
	T_ASSERT_INT(load("conn a { local = 10.0.0.1; remote = 10.0.0.2; psk = \"q\";\n"
			  "  exchange = aggressive; ike = aes256-sha256-modp2048, aes128-sha1-modp2048; }\n"), 0);
	T_ASSERT_INT(got.n, 0);
}

static void syntax_odds(void)
{
	T_ASSERT(load("conn x {\n local = 10.0.0.1;\n") >= 1);
	T_HAS(3, "missing '}' at the end of conn x (opened on line 1)");
	T_ASSERT(load("conn { }\n") >= 1);
	T_HAS(1, "expected a connection name after 'conn'");
	T_ASSERT(load("conn y local = 1; }\n") >= 1);
	T_HAS(1, "expected '{' after 'conn y'");
	T_ASSERT(load("conn z { psk = \"a\\tb\"; }\n") >= 1);
	T_HAS(1, "only \\\" and \\\\ may be escaped");
	T_ASSERT(load("\x01") == 1);
	T_HAS(1, "unexpected character 0x01");
	T_ASSERT(load(";") == 1);
	T_HAS(1, "expected a setting or 'conn', found ';'");
	/* Comments and blank lines are nothing. */
	T_ASSERT_INT(load("# nothing\n\n   # at all\n"), 0);
	T_ASSERT_INT(conf.nconns, 0);
}

/* No message may contain a key, whatever is wrong with it or around it. */
static void secrets_never_echoed(void)
{
	static const char *const files[] = {
		"conn a { local = 10.0.0.1; remote = 10.0.0.2; psk = Sup3rSecretKey; }",
		"conn a { local = 10.0.0.1; remote = 10.0.0.2; psk = \"Sup3rSecretKey\", \"Sup3rSecretKey\"; }",
		"conn a { local = 10.0.0.1; remote = 10.0.0.2; psk = \"Sup3rSecretKey\" }",
		"conn a { local = 10.0.0.1; remote = 10.0.0.2; psk \"Sup3rSecretKey\"; }",
		"conn a { local = 10.0.0.1; remote = 10.0.0.2; psk = \"Sup3rSecretKey\"; psk = \"Sup3rSecretKey\"; }",
		"conn a { psk = 0xSup3rSecretKey; }",
		"Sup3rSecretKey = 1;",
	};
	size_t i, j;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		if (!load(files[i])) {
			T_FAIL("file %zu accepted", i);
			return;
		}
		for (j = 0; j < got.n; j++)
			if (strstr(got.msg[j], "Sup3rSecretKey") && i != 6) {
				T_FAIL("file %zu: message \"%s\" shows the key", i,
				       got.msg[j]);
				return;
			}
	}
	memset(&got, 0, sizeof(got));
	secrets_load_text("s", "1.2.3.4 : PSK Sup3rSecretKey\n", 29, &conf, &rep);
	T_ASSERT_INT(got.n, 1);
	T_ASSERT(!strstr(got.msg[0], "Sup3rSecretKey"));
}

static void values(void)
{
	struct conf_id id;
	struct conf_ts ts;
	uint32_t d;
	uint64_t b;

	T_ASSERT(!conf_parse_duration("90", &d) && d == 90);
	T_ASSERT(!conf_parse_duration("2d", &d) && d == 172800);
	T_ASSERT(conf_parse_duration("h", &d));
	T_ASSERT(conf_parse_duration("-5m", &d));
	T_ASSERT(conf_parse_duration("50000d", &d));	/* past 2^32 s */
	T_ASSERT(!conf_parse_bytes("4k", &b) && b == 4096);
	T_ASSERT(!conf_parse_bytes("0", &b) && b == 0);
	T_ASSERT(conf_parse_bytes("1T", &b));
	T_ASSERT(!conf_parse_id("@#00ff10", &id) && id.type == IPSEC_ID_KEY_ID &&
		 id.len == 3 && id.data[1] == 0xff);
	T_ASSERT(conf_parse_id("@#0", &id));
	T_ASSERT(!conf_parse_id("vpn.example.net", &id) && id.type == IPSEC_ID_FQDN);
	T_ASSERT(conf_parse_id("@", &id));
	T_ASSERT(!conf_parse_ts("10.0.0.0/8[icmp]", &ts) && ts.proto == 1);
	T_ASSERT(conf_parse_ts("10.0.0.0/8[icmp/8]", &ts));
	T_ASSERT(!conf_parse_ts("10.0.0.0/8[tcp/%any]", &ts) && ts.port == 0);
	T_ASSERT(conf_parse_ts("10.0.0.9-10.0.0.1", &ts));
	T_ASSERT(conf_parse_ts("10.0.0.1-fd00::1", &ts));
	T_ASSERT(conf_parse_ts("10.0.0.0/8[tcp", &ts));
	T_ASSERT(conf_parse_ts("10.0.0.0/8[nosuchproto]", &ts));
}

static char dir[64];

static void write_file(const char *name, const char *text, mode_t mode)
{
	char path[160];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f)
		abort();
	fputs(text, f);
	fclose(f);
	chmod(path, mode);
}

/* A real pair of files: the secrets path is relative to the configuration,
 * keys are found by identity, by address and by %any.
 */
static void secrets_file(void)
{
	const struct conf_secret *s;
	struct conf_id id;
	struct kips_addr a;
	char path[160];

	write_file("ikev1d.conf",
		   "secrets = ikev1d.secrets;\n"
		   "conn byaddr { local = 10.0.0.1; remote = 10.0.0.2; }\n"
		   "conn byid { local = 10.0.0.1; remote = 10.0.0.3;"
		   " remote-id = @peer.example.net; }\n"
		   "conn byany { local = 10.0.0.1; remote = %any; exchange = aggressive; }\n",
		   0600);
	write_file("ikev1d.secrets",
		   "# peers\n"
		   "10.0.0.2 : PSK \"key for two\"\n"
		   "@peer.example.net bob@example.net : PSK 0x0102030405\n"
		   "%any : PSK \"fallback\"\n",
		   0600);
	snprintf(path, sizeof(path), "%s/ikev1d.conf", dir);
	memset(&got, 0, sizeof(got));
	conf_free(&conf);
	T_ASSERT_INT(conf_load(path, &conf, &rep), 0);
	T_ASSERT_INT(got.n, 0);
	T_ASSERT_INT(conf.nsecrets, 4);
	T_ASSERT_MEM(conf_find(&conf, "byaddr")->psk,
		     conf_find(&conf, "byaddr")->psk_len, "key for two", 11);
	T_ASSERT_INT(conf_find(&conf, "byid")->psk_len, 5);
	T_ASSERT_MEM(conf_find(&conf, "byany")->psk,
		     conf_find(&conf, "byany")->psk_len, "fallback", 8);
	/* Lookups the engine will make once a peer shows its ID. */
	T_ASSERT(!conf_parse_id("bob@example.net", &id));
	s = conf_secret_for(&conf, &id, NULL);
	T_ASSERT(s && s->psk_len == 5);
	T_ASSERT(kips_addr_parse("10.9.9.9", &a));
	s = conf_secret_for(&conf, NULL, &a);
	T_ASSERT(s && s->psk_len == 8);
	conf_free(&conf);

	/* Problems of the secrets file are its own, by line. */
	write_file("ikev1d.secrets",
		   "10.0.0.2 : PSK \"key for two\"\n"
		   "10.0.0.2 : PSK \"again\"\n"
		   "10.0.0.4 : RSA \"x\"\n"
		   "10.0.0.5 PSK \"y\"\n"
		   "10.0.0.6 : PSK\n",
		   0644);
	memset(&got, 0, sizeof(got));
	memset(&rep, 0, sizeof(rep));
	rep.fn = collect;
	rep.ctx = &got;
	T_ASSERT(conf_load(path, &conf, &rep) >= 4);
	T_ASSERT(strstr(got.file[0], "ikev1d.secrets"));
	T_ASSERT(got.sev[0] == CONF_WARNING && strstr(got.msg[0], "readable by others"));
	T_HAS(2, "a secret for '10.0.0.2' is given twice");
	T_HAS(3, "only PSK and XAUTH secrets are supported");
	T_HAS(4, "expected 'SELECTOR... : PSK SECRET' on one line");
	T_HAS(5, "the secret is missing after PSK");
	T_HAS(3, "conn byid has no pre-shared key");
	conf_free(&conf);

	/* A secrets file that is not there. */
	snprintf(path, sizeof(path), "%s/ikev1d.secrets", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/ikev1d.conf", dir);
	memset(&got, 0, sizeof(got));
	T_ASSERT(conf_load(path, &conf, &rep) >= 1);
	T_HAS(1, "secrets: cannot read");
	conf_free(&conf);
	memset(&got, 0, sizeof(got));
	snprintf(path, sizeof(path), "%s/missing.conf", dir);
	T_ASSERT_INT(conf_load(path, &conf, &rep), 1);
	T_ASSERT(strstr(got.msg[0], "cannot open"));
}

/* Dead Peer Detection: off by default; its settings checked on their lines. */
static void dpd_settings(void)
{
	const struct conf_conn *c;
	unsigned int n;

	T_ASSERT_INT(load("conn a { local = 10.0.0.1; remote = 10.0.0.2; psk = \"k\"; }\n"
			  "conn b { local = 10.0.0.1; remote = 10.0.0.3; psk = \"k\";\n"
			  "  dpddelay = 30s; dpdtimeout = 2m; dpdaction = restart; }\n"
			  "conn c { local = 10.0.0.1; remote = 10.0.0.4; psk = \"k\";\n"
			  "  dpddelay = 10; dpdaction = hold; }\n"
			  "conn d { local = 10.0.0.1; remote = 10.0.0.5; psk = \"k\";\n"
			  "  dpddelay = 0; }\n"), 0);
	c = conf_find(&conf, "a");
	T_ASSERT_INT(c->dpd.delay, 0);
	c = conf_find(&conf, "b");
	T_ASSERT_INT(c->dpd.delay, 30);
	T_ASSERT_INT(c->dpd.timeout, 120);
	T_ASSERT_INT(c->dpd.action, CONF_DPD_RESTART);
	c = conf_find(&conf, "c");
	T_ASSERT_INT(c->dpd.delay, 10);
	T_ASSERT_INT(c->dpd.timeout, 150);
	T_ASSERT_INT(c->dpd.action, CONF_DPD_HOLD);
	T_ASSERT_INT(conf_find(&conf, "d")->dpd.delay, 0);

	n = load("conn a {\n"					/* 1 */
		 "  local = 10.0.0.1; remote = %any; psk = \"k\";\n"	/* 2 */
		 "  dpddelay = soon;\n"				/* 3 */
		 "  dpdtimeout = 0;\n"				/* 4 */
		 "  dpdaction = panic;\n"				/* 5 */
		 "}\n"						/* 6 */
		 "conn b {\n"						/* 7 */
		 "  local = 10.0.0.1; remote = %any; psk = \"k\";\n"	/* 8 */
		 "  dpddelay = 30; dpdtimeout = 10;\n"		/* 9 */
		 "  dpdaction = restart;\n"				/* 10 */
		 "}\n"						/* 11 */
		 "conn c { local = 10.0.0.1; remote = 10.0.0.2; psk = \"k\";\n" /* 12 */
		 "  dpdtimeout = 60; dpdaction = hold; }\n");		/* 13 */
	T_ASSERT_INT(n, 4);
	T_HAS(3, "dpddelay: not a duration");
	T_HAS(4, "dpdtimeout: 0 s would find every peer dead at once");
	T_HAS(5, "dpdaction: 'panic' is not one of clear, hold, restart");
	T_HAS(9, "dpdtimeout (10 s) is shorter than dpddelay (30 s)");
	T_HAS(10, "dpdaction = restart needs a remote address, not %any");
	T_HAS(13, "dpdtimeout does nothing without dpddelay");
	T_HAS(13, "dpdaction does nothing without dpddelay");
	if (rep.warnings != 3)
		dump_got();
	T_ASSERT_INT(rep.warnings, 3);
}

/* NAT traversal: on by default with 20 s keepalives; off, forced, other
 * intervals, no keepalives; nonsense refused on its line.
 */
static void nat_traversal(void)
{
	T_ASSERT_INT(load("conn a { local = 192.0.2.1; remote = 192.0.2.2; psk = \"k\"; }\n"
			  "conn b { local = 192.0.2.1; remote = 192.0.2.3; psk = \"k\";\n"
			  " nat-traversal = force; nat-keepalive = 1m; }\n"
			  "conn c { local = 192.0.2.1; remote = 192.0.2.4; psk = \"k\";\n"
			  " nat-traversal = no; nat-keepalive = no; }\n"), 0);
	T_ASSERT_INT(conf.conns[0].nat_traversal, CONF_NATT_YES);
	T_ASSERT_INT(conf.conns[0].nat_keepalive, 20);
	T_ASSERT_INT(conf.conns[1].nat_traversal, CONF_NATT_FORCE);
	T_ASSERT_INT(conf.conns[1].nat_keepalive, 60);
	T_ASSERT_INT(conf.conns[2].nat_traversal, CONF_NATT_NO);
	T_ASSERT_INT(conf.conns[2].nat_keepalive, 0);
	T_ASSERT_INT(load("conn a { local = 192.0.2.1; remote = 192.0.2.2; psk = \"k\";\n"
			  " nat-traversal = sometimes;\n"
			  " nat-keepalive = -3; }\n"), 2);
	T_ASSERT(has(2, "nat-traversal: 'sometimes' is not one of yes, no, force"));
	T_ASSERT(has(3, "nat-keepalive: "));
}

/* xauth, xauth-identity, modecfg, local-sourceip, sourceip-device and
 * XAUTH secrets.
 */
static void remote_access_settings(void)
{
	const struct conf_conn *c;
	const struct conf_secret *s;
	char path[160];
	unsigned int n;

	write_file("ra.secrets",
		   "10.0.0.2 : PSK \"group key\"\n"
		   "alice : XAUTH \"alice's password\"\n"
		   "bob carol : XAUTH 0x0102\n",
		   0600);
	write_file("ra.conf",
		   "secrets = ra.secrets;\n"
		   "conn rw { local = 10.0.0.1; remote = 10.0.0.2;\n"
		   "  remote-subnet = 10.2.0.0/16;\n"
		   "  xauth = client; xauth-identity = alice;\n"
		   "  local-sourceip = %config; }\n"
		   "conn plain { local = 10.0.0.1; remote = 10.0.0.2; }\n",
		   0600);
	snprintf(path, sizeof(path), "%s/ra.conf", dir);
	memset(&got, 0, sizeof(got));
	conf_free(&conf);
	T_ASSERT_INT(conf_load(path, &conf, &rep), 0);
	if (got.n)
		dump_got();
	T_ASSERT_INT(got.n, 0);
	c = conf_find(&conf, "rw");
	T_ASSERT(c->xauth && c->modecfg && c->sourceip);
	T_ASSERT(!strcmp(c->xauth_identity, "alice"));
	T_ASSERT(!strcmp(c->sourceip_dev, "lo"));
	T_ASSERT(c->nlocal_ts == 1 && c->local_ts[0].dynamic);
	/* The XAUTH password is no pre-shared key, and the other way round. */
	T_ASSERT_MEM(c->psk, c->psk_len, "group key", 9);
	s = conf_xauth_secret(&conf, "alice");
	T_ASSERT(s && s->xauth);
	T_ASSERT_MEM(s->psk, s->psk_len, "alice's password", 16);
	s = conf_xauth_secret(&conf, "carol");
	T_ASSERT(s && s->psk_len == 2);
	T_ASSERT(!conf_xauth_secret(&conf, "10.0.0.2"));
	T_ASSERT(!conf_xauth_secret(&conf, "alic"));
	c = conf_find(&conf, "plain");
	T_ASSERT(!c->xauth && !c->modecfg);
	conf_free(&conf);

	write_file("ra.conf",
		   "secrets = ra.secrets;\n"				/* 1 */
		   "conn a { local = 10.0.0.1; remote = 10.0.0.2;\n"	/* 2 */
		   "  xauth = server;\n"				/* 3 */
		   "  modecfg = push;\n"				/* 4 */
		   "  local-sourceip = 10.9.9.9; }\n"			/* 5 */
		   "conn b { local = 10.0.0.1; remote = 10.0.0.2;\n"	/* 6 */
		   "  xauth = client; }\n"				/* 7 */
		   "conn c { local = 10.0.0.1; remote = 10.0.0.2;\n"	/* 8 */
		   "  xauth = client; xauth-identity = mallory;\n"	/* 9 */
		   "  local-subnet = 10.1.0.0/16;\n"			/* 10 */
		   "  local-sourceip = %config;\n"			/* 11 */
		   "  sourceip-device = a/b; }\n"			/* 12 */
		   "conn d { local = 10.0.0.1; remote = %any;\n"	/* 13 */
		   "  modecfg = pull;\n"				/* 14 */
		   "  xauth-identity = alice; }\n",			/* 15 */
		   0600);
	memset(&got, 0, sizeof(got));
	memset(&rep, 0, sizeof(rep));
	rep.fn = collect;
	rep.ctx = &got;
	n = conf_load(path, &conf, &rep);
	T_HAS(3, "xauth = server: ikev1d is an XAUTH client only");
	T_HAS(4, "modecfg = push is not supported yet");
	T_HAS(5, "local-sourceip: '10.9.9.9' is not %config");
	T_HAS(6, "xauth = client needs xauth-identity");
	T_HAS(9, "no XAUTH password for 'mallory'");
	T_HAS(10, "local-subnet and local-sourceip = %config");
	T_HAS(12, "sourceip-device: 'a/b' is not an interface name");
	T_HAS(13, "needs the server's address, not %any");
	T_HAS(15, "xauth-identity does nothing without xauth = client");
	T_HAS(13, "conn d has no pre-shared key");
	T_ASSERT_INT(n, 9);
	conf_free(&conf);
}

int main(void)
{
	int ret;

	snprintf(dir, sizeof(dir), "/tmp/ikev1d-test-conf.XXXXXX");
	if (!mkdtemp(dir))
		return 2;
	t_init("conf");
	T_RUN(full_example);
	T_RUN(defaults);
	T_RUN(errors_with_lines);
	T_RUN(legacy_opt_in);
	T_RUN(aggressive_groups);
	T_RUN(syntax_odds);
	T_RUN(secrets_never_echoed);
	T_RUN(values);
	T_RUN(secrets_file);
	T_RUN(dpd_settings);
	T_RUN(nat_traversal);
	T_RUN(remote_access_settings);
	conf_free(&conf);
	ret = t_done();
	{
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
		if (system(cmd))
			ret = ret ? ret : 0;
	}
	return ret;
}
