#!/bin/bash
# Unloading kips.ko with thousands of SAs and policies installed, in two
# namespaces, leaks nothing and warns nothing; so does deleting a namespace
# that holds thousands of SAs while the module stays.  Some SAs have
# lifetimes (timers armed), some are larval; some policies are bundles.
#
#   [...-c: N SAs, N policies] --ip netns del--> gone, module loaded
#   [...-a: N SAs, N policies]  [...-b: N SAs, N policies] --rmmod kips--> gone
#   insmod kips.ko: a and b are empty and work again
#
# What "leaks nothing" rests on: kips counts the SAs and policies it has
# not freed and WARNs at unload when any is left (kernel/sa.c, policy.c),
# which fails the VM run; kips' slab caches are gone after rmmod (by name
# in /proc/slabinfo, and as SLUB aliases in /sys/kernel/slab when merged).
# kmemleak would say more, but Debian's kernel is built without it
# (CONFIG_DEBUG_KMEMLEAK is not set); when the kernel has it, it is used.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_kernel.inc"
require_module
require_warm
require_cmd nsenter awk
mod=$(module_file)
[ -r "$mod" ] || skip_all "no kips.ko at $mod to reload afterwards"
N=${KIPS_UNLOAD_N:-5000}

ns a
ns b
ns c
k() { local w=$1; shift; nsenter --net="/run/netns/$KT_PREFIX-$w" "$KIPS" "$@"; }
count() { k "$1" stats | awk -v k="$2_count" '$1 == k { print $2 }'; }

# N SAs: a quarter IPv6, one in ten with soft and hard lifetimes (a timer
# each), one in ten enc+auth, the rest AES-GCM.  N policies, each with its
# own selector; one in ten a bundle of two templates, one in ten bypass.
awk -v n="$N" 'BEGIN {
	key = "0x0102030405060708090a0b0c0d0e0f1011121314"
	for (i = 0; i < n; i++) {
		if (i % 4 == 3)
			a = sprintf("src fd00::1 dst fd00:%x::%x", int(i / 65535) + 1, i % 65535 + 1)
		else
			a = sprintf("src 10.0.0.1 dst 10.%d.%d.%d", int(i / 65536) + 1, int(i / 256) % 256, i % 256)
		alg = (i % 10 == 5) ? "enc aes-cbc 0x00112233445566778899aabbccddeeff auth hmac-sha1-96 0x00112233445566778899aabbccddeeff00112233" : "aead aes-gcm " key
		lt = (i % 10 == 1) ? " soft time-add 3000 hard time-add 3600 bytes 100000000" : ""
		printf "sa add %s proto esp spi %d mode tunnel reqid %d %s replay-window 64%s\n", a, 4096 + i, i, alg, lt
	}
}' > "$KT_TMP/sas"
awk -v n="$N" 'BEGIN {
	for (i = 0; i < n; i++) {
		s = sprintf("dir out src 10.%d.%d.%d/32 dst 10.200.0.0/16 proto tcp dport %d", 100 + int(i / 65536), int(i / 256) % 256, i % 256, 1 + i % 60000)
		if (i % 10 == 3)
			printf "policy add %s action bypass\n", s
		else if (i % 10 == 7)
			printf "policy add %s tmpl proto ah mode transport tmpl proto esp mode tunnel src 10.0.0.1 dst 10.0.0.2 reqid %d\n", s, i
		else
			printf "policy add %s tmpl proto esp mode tunnel src 10.0.0.1 dst 10.0.0.2 reqid %d\n", s, i
	}
}' > "$KT_TMP/policies"

t0=$(date +%s)
for w in c a b; do
	check "$w: $N SAs with kips -batch" k $w -batch "$KT_TMP/sas"
	check "$w: $N policies with kips -batch" k $w -batch "$KT_TMP/policies"
	for i in 1 2 3; do
		k $w sa allocspi src 10.0.0.9 dst 10.0.0.1 proto esp min 0x100000 > /dev/null ||
			fail "$w: allocspi $i"
	done
	check_eq "$w: counts" "$((N + 3)) $N" "$(count $w sa) $(count $w policy)"
done
info "installed $((3 * (2 * N + 3))) objects in $(($(date +%s) - t0)) s"

# Where kips' caches are: by name in /proc/slabinfo (a cache of its own),
# and as a link in /sys/kernel/slab (SLUB names every cache that way; a
# merged one is only a link to the cache it shares).  The link of a merged
# cache outlives the module (kmem_cache_destroy() of it only drops a
# reference; mm/slub.c never removes the link), so after rmmod only
# slabinfo and real directories count; a leak in a merged cache is caught
# by the counters.
caches_of() {
	local c out=
	for c in kips_sa kips_policy; do
		grep -q "^$c " /proc/slabinfo && out+="$c(slabinfo) "
		if [ -L "/sys/kernel/slab/$c" ]; then
			[ "${1:-}" = own ] || out+="$c(alias) "
		elif [ -e "/sys/kernel/slab/$c" ]; then
			out+="$c(own) "
		fi
	done
	echo "$out"
}
out=$(caches_of)
info "loaded: $out"
check_output "loaded: both caches exist" "kips_sa.*kips_policy" echo "$out"
if grep -q '^kips_sa ' /proc/slabinfo; then
	active=$(awk '$1 == "kips_sa" { print $2 }' /proc/slabinfo)
	check_eq "loaded: kips_sa holds at least the $((3 * (N + 3))) SAs" yes \
		"$([ "$active" -ge $((3 * (N + 3))) ] && echo yes || echo "no ($active)")"
fi

# A namespace full of SAs goes while the module stays.
check "delete namespace c with its $N SAs and $N policies" ip netns del "$KT_PREFIX-c"
KT_NETNS=("$KT_PREFIX-a" "$KT_PREFIX-b")
check_eq "a is untouched by c's deletion" "$((N + 3)) $N" "$(count a sa) $(count a policy)"
check "a still takes SAs" k a sa add src 10.0.0.1 dst 10.0.0.2 proto esp spi 0x200000 aead aes-gcm \
	0x0102030405060708090a0b0c0d0e0f1011121314

# Everything still installed in a and b.
t0=$(date +%s)
check "rmmod kips with $((2 * (N + 4))) SAs and $((2 * N)) policies in place" rmmod kips
info "rmmod took $(($(date +%s) - t0)) s"
check_fails "no kips in /proc/modules" grep -q '^kips ' /proc/modules
check_eq "no kips slab cache left (slabinfo, /sys/kernel/slab)" "" "$(caches_of own)"
if [ -w /sys/kernel/debug/kmemleak ]; then
	echo scan > /sys/kernel/debug/kmemleak
	check_eq "kmemleak: nothing from kips" "" "$(grep -B2 -A12 'unreferenced object' /sys/kernel/debug/kmemleak | grep -m1 '\[kips\]')"
else
	skip "kmemleak: this kernel has none ($(uname -r); Debian builds without CONFIG_DEBUG_KMEMLEAK); the leak counters checked at unload stand in"
fi

check "insmod again" insmod "$mod"
check_eq "a is empty after the reload" "0 0" "$(count a sa) $(count a policy)"
check_eq "b is empty after the reload" "0 0" "$(count b sa) $(count b policy)"
check "a takes an SA again" k a sa add src 10.0.0.1 dst 10.0.0.2 proto esp spi 0x1000 aead aes-gcm \
	0x0102030405060708090a0b0c0d0e0f1011121314
check "a takes a policy again" k a policy add dir out tmpl proto esp
check_output "the reloaded module is live" "^live$" cat /sys/module/kips/initstate
finish
