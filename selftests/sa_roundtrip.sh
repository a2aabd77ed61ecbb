#!/bin/bash
# SAs through the kips command and back: every algorithm of the table with
# each key length it allows (and each ICV length of the AEADs), IPv4 and
# IPv6, ESP and AH, with and without ESN; get with and without keys, show
# as text and JSON, update (lifetimes, encapsulation), delete, flush, and
# SPI allocation completed by 'sa set'.  Each add allocates the crypto
# transform, so an algorithm the kernel cannot set up fails here.
#
# The first SA of each transform makes the crypto API look for modules
# (modprobe, slow under emulation), so encryption and integrity algorithms
# are paired rather than crossed: each appears with several partners.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_cli.sh"
. "$(dirname "$0")/lib_kernel.inc"
require_module
require_cmd python3

ns a
K() { n a timeout 60 "$KIPS" "$@"; }

ENC=(null: aes-cbc:16 aes-cbc:24 aes-cbc:32 aes-ctr:20 aes-ctr:28 aes-ctr:36 3des-cbc:24)
AUTH=(hmac-md5-96:16 hmac-sha1-96:20 hmac-sha256-128:32 hmac-sha384-192:48
      hmac-sha512-256:64 aes-xcbc-96:16 aes-cmac-96:16)
AEAD=(aes-gcm:20:16 aes-gcm:20:12 aes-gcm:20:8 aes-gcm:28:16 aes-gcm:28:12 aes-gcm:28:8
      aes-gcm:36:16 aes-gcm:36:12 aes-gcm:36:8 aes-gmac:20:16 aes-gmac:28:16 aes-gmac:36:16
      chacha20-poly1305:36:16)

added=0
# add WHAT ARGS...: one SA through the command; counted when it worked.
add() {
	local what=$1; shift
	if K sa add "$@" > "$KT_TMP/out" 2>&1; then
		added=$((added + 1))
		pass "$what: add"
	else
		fail "$what: add: $(head -n 2 "$KT_TMP/out" | tr '\n' ' ')"
	fi
}

spi=4096 i=0
for fam in 4 6; do
	if [ $fam = 4 ]; then S=10.0.0.1 D=10.0.0.2; else S=fd00::1 D=fd00::2; fi
	sel="d['dst'] == '$D' and d['spi'] == "
	# Each encryption key length with two integrity algorithms, and so
	# each integrity algorithm with two or three encryption ones.
	for e in "${!ENC[@]}"; do
		IFS=: read -r ealg elen <<< "${ENC[$e]}"
		for a in $((e % 7)) $(((e + 3) % 7)); do
			IFS=: read -r aalg alen <<< "${AUTH[$a]}"
			spi=$((spi + 1)) i=$((i + 1))
			ekey=$(hexkey "${elen:-0}" $i) akey=$(hexkey "$alen" $((i + 50)))
			mode=transport; [ $((i % 2)) = 0 ] && mode=tunnel
			if [ "$ealg" = null ]; then earg=(enc null) ekey_py=None
			else earg=(enc "$ealg" "$ekey") ekey_py="'$ekey'"; fi
			what="IPv$fam esp $ealg/${elen:-0} + $aalg"
			add "$what" src $S dst $D proto esp spi $spi mode $mode reqid $i \
				"${earg[@]}" auth "$aalg" "$akey" replay-window $((i * 16))
			expect_json "$what reads back" "$sel$spi" "d['src'] == '$S' and d['proto'] == 'esp' and d['mode'] == '$mode' and d['reqid'] == $i and d['state'] == 'mature' and d['enc']['alg'] == '$ealg' and d['enc'].get('key') == $ekey_py and d['auth'] == {'alg': '$aalg', 'key': '$akey'} and d['replay_window'] == $((i * 16)) and not d['esn'] and 'aead' not in d"
		done
	done
	# ESN (authencesn) with each encryption algorithm.
	for e in 0 1 4 7; do
		IFS=: read -r ealg elen <<< "${ENC[$e]}"
		IFS=: read -r aalg alen <<< "${AUTH[$((e % 7))]}"
		spi=$((spi + 1)) i=$((i + 1))
		earg=(enc "$ealg"); [ "$ealg" = null ] || earg+=("$(hexkey "$elen" $i)")
		add "IPv$fam esp esn $ealg + $aalg" src $S dst $D proto esp spi $spi "${earg[@]}" \
			auth "$aalg" "$(hexkey "$alen" $i)" replay-window 4096 esn
		expect_json "IPv$fam esp esn $ealg + $aalg reads back" \
			"$sel$spi" "d['esn'] and d['flags'] == 1 and d['replay_window'] == 4096 and d['enc']['alg'] == '$ealg'"
	done
	# AH with every integrity algorithm.
	for a in "${AUTH[@]}"; do
		IFS=: read -r aalg alen <<< "$a"
		spi=$((spi + 1)) i=$((i + 1))
		akey=$(hexkey "$alen" $i)
		add "IPv$fam ah $aalg" src $S dst $D proto ah spi $spi auth "$aalg" "$akey"
		expect_json "IPv$fam ah $aalg reads back" \
			"$sel$spi" "d['proto'] == 'ah' and d['auth'] == {'alg': '$aalg', 'key': '$akey'} and 'enc' not in d and 'aead' not in d"
	done
	# Every AEAD key length and ICV length.
	for x in "${AEAD[@]}"; do
		IFS=: read -r alg klen icv <<< "$x"
		spi=$((spi + 1)) i=$((i + 1))
		key=$(hexkey "$klen" $i)
		add "IPv$fam esp $alg/$klen icv $icv" src $S dst $D proto esp spi $spi aead "$alg" "$key" icv "$icv"
		expect_json "IPv$fam esp $alg/$klen icv $icv reads back" \
			"$sel$spi" "d['aead'] == {'alg': '$alg', 'key': '$key'} and d['icv'] == $icv and 'enc' not in d and 'auth' not in d"
	done
	# An AEAD without an ICV length gets the largest; ESN with an AEAD.
	spi=$((spi + 1))
	add "IPv$fam aes-gcm, default ICV, esn" src $S dst $D proto esp spi $spi aead aes-gcm "$(hexkey 20 1)" \
		replay-window 32 esn
	expect_json "IPv$fam aes-gcm's default ICV is 16" "$sel$spi" "d['icv'] == 16 and d['esn']"
done
check_expected n a timeout 60 "$KIPS" -j -k sa show
check_eq "the namespace counts every SA" "$added" "$(count_of a sa)"
total=$added

# Keys only when asked for.
check_json "get without keys shows no key" \
	"'key' not in d['enc'] and 'key' not in d['auth'] and d['enc']['alg'] == 'aes-cbc'" \
	n a "$KIPS" -j sa get dst 10.0.0.2 proto esp spi 4099
check_output "get with keys shows them" 'enc aes-cbc 0x[0-9a-f]{32}' \
	n a "$KIPS" sa get dst 10.0.0.2 proto esp spi 4099 keys

# show, text and JSON: every SA, no keys unless asked.
out=$(K sa show 2>&1); rc=$?
check_eq "text show exits 0" 0 $rc
check_eq "text show has a line per SA" "$total" "$(grep -c '^src .* spi 0x' <<< "$out")"
check_output "text show names the algorithms" 'aead chacha20-poly1305' printf '%s' "$out"
check_eq "text show has no key" 0 "$(grep -c '0x[0-9a-f]\{32\}' <<< "$out")"
check_json "JSON show lists every SA, without keys" \
	"len(d) == $total and all('key' not in x.get(k, {}) for x in d for k in ('enc', 'auth', 'aead'))" \
	n a timeout 60 "$KIPS" -j sa show
check_json "show filtered by protocol" "len(d) == 14 and all(x['proto'] == 'ah' for x in d)" \
	n a timeout 60 "$KIPS" -j sa show proto ah

# Update: lifetimes and encapsulation of a complete SA.
check "set lifetimes and encapsulation" \
	K sa set dst 10.0.0.2 proto esp spi 4097 soft bytes 1000 packets 10 hard bytes 2000 packets 20 time-add 3600 encap udp 4500 4501
expect_json "set: lifetimes and ports read back" \
	"d['dst'] == '10.0.0.2' and d['spi'] == 4097" "d['lifetime']['soft']['bytes'] == 1000 and d['lifetime']['soft']['packets'] == 10 and d['lifetime']['hard']['bytes'] == 2000 and d['lifetime']['hard']['time_add'] == 3600 and d['encap'] == {'type': 'udp', 'sport': 4500, 'dport': 4501}"
expect_json "set: the rest is unchanged" \
	"d['dst'] == '10.0.0.2' and d['spi'] == 4097" "d['enc']['alg'] == 'null' and d['auth']['alg'] == 'hmac-md5-96' and d['mode'] == 'transport' and d['reqid'] == 1"
check_expected n a timeout 60 "$KIPS" -j sa show
check "set repeating unchanged attributes" \
	K sa set src 10.0.0.1 dst 10.0.0.2 proto esp spi 4097 mode transport reqid 1 hard bytes 3000
check_json "set: a hard nest replaces the hard limits, the soft ones stay" \
	"d['lifetime']['hard'].get('bytes') == 3000 and not d['lifetime']['hard'].get('packets') and d['lifetime']['soft']['bytes'] == 1000" \
	n a "$KIPS" -j sa get dst 10.0.0.2 proto esp spi 4097

# SPI allocation, then completion.
out=$(K -j sa allocspi src 10.0.0.9 dst 10.0.0.2 proto esp reqid 77 min 0x50000 max 0x50003 2>&1)
check_json "allocspi returns a larval SA in the range" \
	"d['state'] == 'larval' and 0x50000 <= d['spi'] <= 0x50003 and d['reqid'] == 77 and 'enc' not in d" \
	printf '%s' "$out"
lspi=$(printf '%s' "$out" | grep -o '"spi": *[0-9]*' | grep -o '[0-9]*$')
check "set completes the larval SA" \
	K sa set src 10.0.0.9 dst 10.0.0.2 proto esp spi "${lspi:-0}" mode tunnel reqid 77 aead aes-gcm "$(hexkey 20 5)"
check_json "the completed SA is mature" \
	"d['state'] == 'mature' and d['mode'] == 'tunnel' and d['aead']['alg'] == 'aes-gcm' and d['reqid'] == 77" \
	n a "$KIPS" -j sa get dst 10.0.0.2 proto esp spi "${lspi:-0}"
total=$((total + 1))

# Delete, flush by protocol, flush.
check "del" K sa del dst 10.0.0.2 proto esp spi 4098
check_error "get after del" 'no SA with this destination, SPI and protocol' \
	K sa get dst 10.0.0.2 proto esp spi 4098
check_eq "one SA fewer" "$((total - 1))" "$(count_of a sa)"
check "flush ah" K sa flush proto ah
check_json "only ESP is left" "len(d) == $((total - 15)) and all(x['proto'] == 'esp' for x in d)" \
	n a timeout 60 "$KIPS" -j sa show
check "flush" K sa flush
check_eq "nothing is left" 0 "$(count_of a sa)"
check_json "show of nothing is an empty list" "d == []" n a timeout 60 "$KIPS" -j sa show
finish
