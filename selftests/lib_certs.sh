#!/bin/bash
# selftests/lib_certs.sh: a small PKI made with the openssl command, for
# RSA signature authentication tests.  No library needed beyond bash.
#
#   certs_make DIR   writes into DIR (keys mode 0600):
#     ca.pem ca.key          "C=CH, O=kips test, CN=kips test CA"
#     rogue.pem rogue.key    "C=CH, O=rogue, CN=rogue CA" (trusted by nobody)
#     a.pem a.key            "C=CH, O=kips test, CN=a.kips.test" from ca,
#                            subjectAltName IP 10.9.0.1, DNS a.kips.test
#     b.pem b.key            "C=CH, O=kips test, CN=b.kips.test" from ca,
#                            subjectAltName IP 10.9.0.2, DNS b.kips.test
#     b-rogue.pem            b's subject and key, issued by rogue
# RSA 2048 throughout; a leaf's key usage is digitalSignature.
CERT_DN_CA="C=CH, O=kips test, CN=kips test CA"
CERT_DN_A="C=CH, O=kips test, CN=a.kips.test"
CERT_DN_B="C=CH, O=kips test, CN=b.kips.test"

# "C=CH, O=x, CN=y" as openssl -subj wants it: "/C=CH/O=x/CN=y".
cert_subj() { printf '/%s' "$(printf '%s' "$1" | sed 's/, */\//g')"; }

cert_key() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2> /dev/null && chmod 600 "$1"; }

cert_ca() {
	openssl req -x509 -new -key "$1.key" -subj "$(cert_subj "$2")" -days 2 \
		-addext basicConstraints=critical,CA:TRUE \
		-addext keyUsage=critical,keyCertSign,cRLSign -out "$1.pem" 2> /dev/null
}

# cert_leaf DIR NAME KEY CA DN IP DNS
cert_leaf() {
	local d=$1
	printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nsubjectAltName=IP:%s,DNS:%s\n' \
		"$6" "$7" > "$d/$2.ext"
	openssl req -new -key "$d/$3.key" -subj "$(cert_subj "$5")" -out "$d/$2.csr" 2> /dev/null &&
	openssl x509 -req -in "$d/$2.csr" -CA "$d/$4.pem" -CAkey "$d/$4.key" \
		-CAcreateserial -days 1 -extfile "$d/$2.ext" -out "$d/$2.pem" 2> /dev/null
}

certs_make() {
	local d=$1
	mkdir -p "$d"
	cert_key "$d/ca.key" && cert_key "$d/rogue.key" && cert_key "$d/a.key" &&
	cert_key "$d/b.key" &&
	cert_ca "$d/ca" "$CERT_DN_CA" && cert_ca "$d/rogue" "C=CH, O=rogue, CN=rogue CA" &&
	cert_leaf "$d" a a ca "$CERT_DN_A" 10.9.0.1 a.kips.test &&
	cert_leaf "$d" b b ca "$CERT_DN_B" 10.9.0.2 b.kips.test &&
	cert_leaf "$d" b-rogue b rogue "$CERT_DN_B" 10.9.0.2 b.kips.test
}
