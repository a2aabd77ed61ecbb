#!/bin/bash
# Two network namespaces holding SAs and policies under the same identities
# (destination, SPI, protocol; policy index; direction and selector) each
# see only their own: show, get by SPI or index (keys included), delete and
# flush act on one namespace only, and a monitor in one hears nothing of
# the other.  The initial namespace sees neither.  (netns_state.sh counts;
# this looks at the objects.)
#
#   [kt-netns_isolation-...-a: reqid 1, keys A]   [...-b: reqid 2, keys B, a monitor]
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_cli.sh"
require_module
require_warm
require_cmd python3 nsenter
ns a
ns b
# nsenter: ip netns exec's mount namespace set-up is slow in the VM.
na() { nsenter --net="/run/netns/$KT_PREFIX-a" "$KIPS" "$@"; }
nb() { nsenter --net="/run/netns/$KT_PREFIX-b" "$KIPS" "$@"; }
KA=0x0101010101010101010101010101010101010101 KB=0x0202020202020202020202020202020202020202
MON=$KT_TMP/b-events.json

nb -j monitor > "$MON" 2> "$KT_TMP/mon.err" &
on_exit "kill $!"
ready=
for _ in $(seq 1 50); do
	nb policy add dir fwd src 10.99.0.0/16 action bypass > /dev/null 2>&1
	nb policy del dir fwd src 10.99.0.0/16 > /dev/null 2>&1
	grep -q '10.99.0.0/16' "$MON" && { ready=1; break; }
	sleep 0.1
done
[ -n "$ready" ] || { fail "the monitor in b reported nothing within 5 s"; finish; }

# The same identities in both, told apart by reqid, keys and selectors.
for x in a:1:$KA b:2:$KB; do
	IFS=: read -r w r key <<< "$x"
	k=n$w
	check "$w: IPv4 SA spi 0x1000" $k sa add src 10.0.0.1 dst 10.0.0.2 proto esp spi 0x1000 mode tunnel \
		reqid "$r" aead aes-gcm "$key"
	check "$w: IPv6 SA spi 0x1000" $k sa add src fd00::1 dst fd00::2 proto esp spi 0x1000 reqid "$r" \
		aead aes-gcm "$key"
	check "$w: policy index 7" $k policy add dir out src "10.$r.0.0/16" dst 10.0.0.0/8 index 7 \
		tmpl proto esp mode tunnel src 10.0.0.1 dst 10.0.0.2 reqid "$r"
	check "$w: policy, same selector in both" $k policy add dir in src 10.50.0.0/16 priority "$r" action bypass
done
check "a: an SA only a has" na sa add src 10.0.0.1 dst 10.0.0.3 proto esp spi 0x2000 reqid 1 aead aes-gcm $KA

for x in a:1:$KA:3 b:2:$KB:2; do
	IFS=: read -r w r key nsa <<< "$x"
	k=n$w
	expect_json "$w: sa show lists its $nsa SAs, all of reqid $r" \
		"len(d) == $nsa and all(s['reqid'] == $r for s in d)" $k -j sa show
	expect_json "$w: sa show keys: its keys only" \
		"all(s['aead']['key'] == '$key' for s in d)" $k -j sa show keys
	expect_json "$w: get IPv4 SPI 0x1000: its own" "d['reqid'] == $r and d['aead']['key'] == '$key'" \
		$k -j sa get dst 10.0.0.2 proto esp spi 0x1000 keys
	expect_json "$w: get IPv6 SPI 0x1000: its own" "d['reqid'] == $r and d['aead']['key'] == '$key'" \
		$k -j sa get dst fd00::2 proto esp spi 0x1000 keys
	expect_json "$w: policy show: its 2 policies" \
		"len(d) == 2 and 7 in [p['index'] for p in d] and [p for p in d if p['index'] == 7][0]['sel']['src'] == '10.$r.0.0/16'" \
		$k -j policy show
	expect_json "$w: policy get index 7: its own" \
		"d['sel']['src'] == '10.$r.0.0/16' and d['tmpls'][0]['reqid'] == $r" $k -j policy get index 7
	expect_json "$w: policy get by selector: its own priority" \
		"d['priority'] == $r and d['action'] == 'bypass'" $k -j policy get dir in src 10.50.0.0/16 priority "$r"
done
check_error "b: no SA 0x2000 (only a has it)" 'no SA with this destination, SPI and protocol' \
	nb sa get dst 10.0.0.3 proto esp spi 0x2000
check_error "b: a's policy priority is not found in b" 'no policy' \
	nb policy get dir in src 10.50.0.0/16 priority 1
expect_json "the initial namespace: no SA" 'd == []' "$KIPS" -j sa show
expect_json "the initial namespace: no policy" 'd == []' "$KIPS" -j policy show

# Changes in a: b keeps its own and hears nothing.
check "a: del IPv4 SPI 0x1000" na sa del dst 10.0.0.2 proto esp spi 0x1000
check "a: del policy index 7" na policy del index 7
check "a: set the IPv6 SA's lifetimes" na sa set dst fd00::2 proto esp spi 0x1000 hard bytes 1000000
expect_json "b: IPv4 SPI 0x1000 is still there, untouched" \
	"d['reqid'] == 2 and d['aead']['key'] == '$KB'" nb -j sa get dst 10.0.0.2 proto esp spi 0x1000 keys
expect_json "b: its IPv6 SA has no lifetime set by a" \
	"d['reqid'] == 2 and not d.get('lifetime', {}).get('hard')" nb -j sa get dst fd00::2 proto esp spi 0x1000
expect_json "b: policy index 7 is still there" "d['sel']['src'] == '10.2.0.0/16'" nb -j policy get index 7
check "a: sa flush" na sa flush
check "a: policy flush" na policy flush
expect_json "a: empty after the flushes (SAs)" 'd == []' na -j sa show
expect_json "a: empty after the flushes (policies)" 'd == []' na -j policy show
expect_json "b: both SAs left after a's flush" \
	"len(d) == 2 and all(s['reqid'] == 2 and s['aead']['key'] == '$KB' for s in d)" nb -j sa show keys
expect_json "b: both policies left after a's flush" 'len(d) == 2' nb -j policy show

# Last, a change in b, which b's monitor must report (so its silence about
# a meant something): everything before it is in the file by then.
check "b: del its IPv6 SA" nb sa del dst fd00::2 proto esp spi 0x1000
for _ in $(seq 1 50); do
	grep -q '"sa-del"' "$MON" && break
	sleep 0.1
done
sleep 0.2
ev() { echo "[e for e in d if e['event'] == '$1' and ($2)]"; }
expect_json_lines "b's monitor: its own adds (2 SAs, 2 policies)" \
	"len($(ev sa-add "e['sa']['reqid'] == 2")) == 2 and len($(ev policy-add "e['policy'].get('index') == 7 or e['policy']['action'] == 'bypass' and e['policy'].get('sel', {}).get('src') == '10.50.0.0/16'")) == 2" "$MON"
expect_json_lines "b's monitor: its own delete, seen" "len($(ev sa-del "e['sa']['dst'] == 'fd00::2'")) == 1" "$MON"
expect_json_lines "b's monitor: nothing from a (no reqid 1, no SPI 0x2000)" \
	"$(ev sa-add "e['sa']['reqid'] == 1 or e['sa']['spi'] == 0x2000") == [] and $(ev policy-add "e['policy'].get('sel', {}).get('src') == '10.1.0.0/16'") == []" "$MON"
expect_json_lines "b's monitor: no set, flush or other delete (those were a's)" \
	"$(ev sa-set True) == [] and $(ev sa-flush True) == [] and $(ev policy-flush True) == [] and len($(ev sa-del True)) == 1 and len($(ev policy-del "e['policy'].get('sel', {}).get('src') != '10.99.0.0/16'")) == 0" "$MON"
check_eq "b's monitor reported no error" "" "$(cat "$KT_TMP/mon.err")"
verify_json
finish
