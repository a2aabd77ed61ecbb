#!/bin/bash
# Each network namespace has its own kips state: SAs and policies added in
# one are counted there and nowhere else, and a namespace can be deleted
# with state in it.
#
#   [init netns: nothing]   [kt-...-a: 3 SAs]   [kt-...-b: 1 policy]
. "$(dirname "$0")/lib.sh"
require_module
ns a
ns b

for spi in 0x1001 0x1002 0x1003; do
	n a "$KIPS" sa add src 10.0.0.1 dst 10.0.0.2 proto esp spi $spi mode transport \
		aead aes-gcm 0x0102030405060708090a0b0c0d0e0f1011121314 icv 16 ||
		fail "cannot add SA $spi in namespace a"
done
n b "$KIPS" policy add dir out src 10.1.0.0/16 dst 10.2.0.0/16 action bypass ||
	fail "cannot add a policy in namespace b"

check_output "namespace a counts its 3 SAs, no policy" "SAs 3, policies 0" n a "$KIPS" version
check_output "namespace b counts its policy, no SA" "SAs 0, policies 1" n b "$KIPS" version
check_output "the initial namespace sees neither" "SAs 0, policies 0" "$KIPS" version

check "delete namespace a with its SAs in place" ip netns del "$KT_PREFIX-a"
KT_NETNS=("$KT_PREFIX-b")
check_output "namespace b is unaffected" "SAs 0, policies 1" n b "$KIPS" version
finish
