#!/bin/bash
# Bad requests through the kips command: each must be refused by the kernel
# with its own extack message (which the command prints), and leave every
# SA and policy, keys included, as it was.  Raw requests the command cannot
# express are in nl_raw.sh.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_kernel.inc"
require_module
require_cmd python3

ns a
snap_serve a
K="$KIPS"
A=10.0.0.1 B=10.0.0.2
CBC=$(hexkey 16 1) SHA=$(hexkey 32 2) GCM=$(hexkey 20 3)
ESP="src $A dst $B proto esp"
AUTH="auth hmac-sha256-128 $SHA"

# Something to keep unchanged: SAs of both families and protocols, policies.
check "baseline SA (esp, tunnel)" n a $K sa add $ESP spi 0x1000 mode tunnel reqid 1 enc aes-cbc $CBC $AUTH replay-window 64
check "baseline SA (ah, IPv6)" n a $K sa add src fd00::1 dst fd00::2 proto ah spi 0x1001 auth hmac-sha1-96 $(hexkey 20 4)
check "baseline SA (aead)" n a $K sa add $ESP spi 0x1002 aead aes-gcm $GCM icv 16
check "baseline policy" n a $K policy add dir out src 10.1.0.0/16 dst 10.2.0.0/16 proto tcp dport 443 index 7 tmpl proto esp mode tunnel src $A dst $B reqid 1
check "baseline bypass" n a $K policy add dir in action bypass priority 5
state=$(snap a)
check_eq "baseline holds 3 SAs and 2 policies" "3 2" \
	"$(grep -c '^sa ' <<< "$state") $(grep -c '^policy ' <<< "$state")"

# SAs
refused a "key length (aes-cbc, 15 bytes)" 'key length does not fit aes-cbc \(16, 24 or 32 bytes\)' \
	$K sa add $ESP spi 0x2000 enc aes-cbc $(hexkey 15 1) $AUTH
refused a "key length (aes-gcm without its salt)" 'key length does not fit aes-gcm \(20, 28 or 36 bytes' \
	$K sa add $ESP spi 0x2000 aead aes-gcm $(hexkey 16 1)
refused a "key length (3des-cbc, 16 bytes)" 'key length does not fit 3des-cbc \(24 bytes\)' \
	$K sa add $ESP spi 0x2000 enc 3des-cbc $(hexkey 16 1) $AUTH
refused a "key length (hmac-sha1-96, 32 bytes)" 'key length does not fit hmac-sha1-96 \(20 bytes\)' \
	$K sa add $ESP spi 0x2000 enc aes-cbc $CBC auth hmac-sha1-96 $SHA
refused a "duplicate SA (dst, SPI, proto)" 'an SA with this destination, SPI and protocol exists' \
	$K sa add $ESP spi 0x1000 enc aes-cbc $CBC $AUTH
refused a "soft byte limit above hard" 'soft byte limit above the hard limit' \
	$K sa add $ESP spi 0x2000 enc aes-cbc $CBC $AUTH soft bytes 2000 hard bytes 1000
refused a "soft packet limit above hard" 'soft packet limit above the hard limit' \
	$K sa add $ESP spi 0x2000 enc aes-cbc $CBC $AUTH soft packets 20 hard packets 10
refused a "soft time limit above hard" 'soft time limit \(since add\) above the hard limit' \
	$K sa add $ESP spi 0x2000 enc aes-cbc $CBC $AUTH soft time-add 600 hard time-add 300
refused a "ICV length not allowed (aes-gcm 10)" 'ICV length not allowed for aes-gcm \(16, 12 or 8 bytes\)' \
	$K sa add $ESP spi 0x2000 aead aes-gcm $GCM icv 10
refused a "ICV length not allowed (chacha20-poly1305 8)" 'ICV length not allowed for chacha20-poly1305 \(16 bytes\)' \
	$K sa add $ESP spi 0x2000 aead chacha20-poly1305 $(hexkey 36 1) icv 8
refused a "ESP without integrity" 'ESP without an AEAD needs an integrity algorithm' \
	$K sa add $ESP spi 0x2000 enc aes-cbc $CBC
refused a "AH with encryption" 'AH takes an integrity algorithm only' \
	$K sa add src $A dst $B proto ah spi 0x2000 enc aes-cbc $CBC $AUTH
refused a "AH without integrity" 'AH needs an integrity algorithm' \
	$K sa add src $A dst $B proto ah spi 0x2000
refused a "AEAD with an integrity algorithm" 'an AEAD algorithm excludes separate encryption and integrity algorithms' \
	$K sa add $ESP spi 0x2000 aead aes-gcm $GCM $AUTH
refused a "UDP encapsulation of AH" 'UDP encapsulation is for ESP only' \
	$K sa add src $A dst $B proto ah spi 0x2000 $AUTH encap udp 4500 4500
refused a "ESN without a replay window" 'ESN needs a replay window' \
	$K sa add $ESP spi 0x2000 enc aes-cbc $CBC $AUTH esn
refused a "transport SA with an IPv6 selector" "a transport mode SA's selector must be of the SA's address family" \
	$K sa add $ESP spi 0x2000 enc aes-cbc $CBC $AUTH sel src fd00::/64 dst fd01::/64
refused a "selector port range without protocol" 'port selector needs protocol tcp, udp, sctp or udplite' \
	$K sa add $ESP spi 0x2000 mode tunnel enc aes-cbc $CBC $AUTH sel src 10.9.0.0/16 proto gre dport 80
refused a "SA_SET on a missing SA" 'no SA with this destination, SPI and protocol' \
	$K sa set $ESP spi 0x2fff hard bytes 100
refused a "SA_SET changing the mode" 'only the lifetimes and encapsulation ports of a complete SA can change' \
	$K sa set $ESP spi 0x1000 mode transport hard bytes 100
refused a "SA_SET changing a key" 'only the lifetimes and encapsulation ports of a complete SA can change' \
	$K sa set $ESP spi 0x1000 enc aes-cbc $(hexkey 16 9) $AUTH
refused a "SA_SET making soft above hard" 'soft byte limit above the hard limit' \
	$K sa set $ESP spi 0x1000 soft bytes 300 hard bytes 200
refused a "SA_DEL of a missing SA" 'no SA with this destination, SPI and protocol' \
	$K sa del dst $B proto esp spi 0x2fff
refused a "allocspi with a reversed range" 'SPI range reversed' \
	$K sa allocspi $ESP min 0x3000 max 0x2000
refused a "allocspi in a full range" 'no free SPI in the range' \
	$K sa allocspi $ESP min 0x1000 max 0x1000

# Policies
refused a "tunnel template without addresses" "tunnel mode needs the SA's addresses" \
	$K policy add dir out src 10.3.0.0/16 tmpl proto esp mode tunnel
refused a "transport template with addresses" 'a transport mode template takes its addresses from the packet' \
	$K policy add dir out src 10.3.0.0/16 tmpl proto esp mode transport src $A dst $B
refused a "protect without a template" 'a protect policy needs a template' \
	$K policy add dir out src 10.3.0.0/16 action protect
refused a "bypass with a template" 'bypass and discard policies take no template' \
	$K policy add dir out src 10.3.0.0/16 action bypass tmpl proto esp
refused a "three templates" 'at most 2 templates' \
	$K policy add dir out src 10.3.0.0/16 tmpl proto esp tmpl proto ah tmpl proto esp
refused a "duplicate policy (dir, selector, priority)" 'a policy with this direction, selector and priority exists' \
	$K policy add dir in action bypass priority 5
refused a "policy index in use" 'policy index in use' \
	$K policy add dir fwd index 7 action discard
refused a "POLICY_SET of a missing index" 'no policy with this index' \
	$K policy set index 99 dir out action discard
refused a "POLICY_SET onto another policy's selector" 'another policy has this direction, selector and priority' \
	$K policy set index 7 dir in action bypass priority 5
refused a "POLICY_DEL of a missing policy" 'no policy with this direction, selector and priority' \
	$K policy del dir fwd src 10.4.0.0/16
refused a "template address families differ" 'address families differ' \
	$K policy add dir out src 10.3.0.0/16 tmpl proto esp mode tunnel src $A dst fd00::2
finish
