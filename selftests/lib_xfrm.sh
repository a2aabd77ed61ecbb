#!/bin/bash
# selftests/lib_xfrm.sh: configure the kernel's own XFRM as the peer of a
# kips endpoint, with the same algorithms and keys.  Sourced after lib.sh.
#
# kips names algorithms as include/uapi/linux/kips.h does; XFRM uses crypto
# API names and ICV lengths in bits.  These helpers translate, so a scenario
# states one algorithm set and configures both sides from it.

# xfrm_alg_args KIND ALG KEY [ICV_BYTES]: the `ip xfrm state` arguments for
# one algorithm of kind enc, auth or aead, one per line (the null cipher's
# key is an empty line), for `mapfile -t` into an argument array.
xfrm_alg_args() {
	local kind=$1 alg=$2 key=$3 icv=${4:-}
	case $kind:$alg in
	enc:null) printf '%s\n' enc 'ecb(cipher_null)' '' ;;
	enc:aes-cbc) printf '%s\n' enc 'cbc(aes)' "$key" ;;
	enc:aes-ctr) printf '%s\n' enc 'rfc3686(ctr(aes))' "$key" ;;
	enc:3des-cbc) printf '%s\n' enc 'cbc(des3_ede)' "$key" ;;
	auth:hmac-md5-96) printf '%s\n' auth-trunc 'hmac(md5)' "$key" 96 ;;
	auth:hmac-sha1-96) printf '%s\n' auth-trunc 'hmac(sha1)' "$key" 96 ;;
	auth:hmac-sha256-128) printf '%s\n' auth-trunc 'hmac(sha256)' "$key" 128 ;;
	auth:hmac-sha384-192) printf '%s\n' auth-trunc 'hmac(sha384)' "$key" 192 ;;
	auth:hmac-sha512-256) printf '%s\n' auth-trunc 'hmac(sha512)' "$key" 256 ;;
	auth:aes-xcbc-96) printf '%s\n' auth-trunc 'xcbc(aes)' "$key" 96 ;;
	auth:aes-cmac-96) printf '%s\n' auth-trunc 'cmac(aes)' "$key" 96 ;;
	aead:aes-gcm) printf '%s\n' aead 'rfc4106(gcm(aes))' "$key" $(( ${icv:-16} * 8 )) ;;
	aead:aes-gmac) printf '%s\n' aead 'rfc4543(gcm(aes))' "$key" 128 ;;
	aead:chacha20-poly1305) printf '%s\n' aead 'rfc7539esp(chacha20,poly1305)' "$key" 128 ;;
	*) echo "lib_xfrm: no XFRM name for $kind algorithm '$alg'" >&2; return 1 ;;
	esac
}

# hexkey BYTES [SEED]: a deterministic key of BYTES bytes, as 0x... hex.
hexkey() {
	local n=$1 seed=${2:-1} i out=0x
	for ((i = 0; i < n; i++)); do
		out+=$(printf '%02x' $(( (i * 7 + seed * 13 + 1) & 0xff )))
	done
	echo "$out"
}
