#!/bin/bash
# Policies through the kips command and back, IPv4 and IPv6: every
# direction and action, selectors with a protocol and port ranges (or ICMP
# type and code), one template and two (AH+ESP), transport and tunnel,
# template SPIs; add, get (by index and by selector), show (text and
# JSON, filtered by direction), set (selector, action, templates, even the
# direction), delete both ways, flush by direction and all.  And the text
# of `policy show`, being in the words of `policy add`, adds back the same
# policies.  (SAs: sa_roundtrip.sh.)
#
#   [kt-policy_roundtrip-...-a: policies only, no traffic]
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_cli.sh"
require_module
require_cmd python3 nsenter
ns a
K() { nsenter --net="/run/netns/$KT_PREFIX-a" "$KIPS" "$@"; }
count() { K stats | awk '$1 == "policy_count" { print $2 }'; }
# Python starts slowly in the VM: every JSON expectation is judged at the
# end, by verify_json, in one run.
check_json() { expect_json "$@"; }
T4="tmpl proto esp mode tunnel src 192.0.2.1 dst 192.0.2.2"
T6="tmpl proto esp mode tunnel src 2001:db8::1 dst 2001:db8::2"

# index | add arguments after "policy add" | JSON expectation about d
POLICIES=(
"101|dir out src 10.1.0.0/16 dst 10.2.0.0/24 proto tcp sport 1024-65535 dport 443 priority 10 index 101 $T4 reqid 1|d['dir'] == 'out' and d['action'] == 'protect' and d['priority'] == 10 and d['sel'] == {'src': '10.1.0.0/16', 'dst': '10.2.0.0/24', 'proto': 'tcp', 'sport_min': 1024, 'sport_max': 65535, 'dport_min': 443, 'dport_max': 443} and [(t['proto'], t['mode'], t['src'], t['dst'], t['reqid']) for t in d['tmpls']] == [('esp', 'tunnel', '192.0.2.1', '192.0.2.2', 1)]"
"102|dir in src 10.2.0.0/24 dst 10.1.0.0/16 proto udp dport 4500 index 102 tmpl proto ah mode transport reqid 2 $T4 reqid 3 spi 0x1234|d['dir'] == 'in' and d['sel']['proto'] == 'udp' and d['sel']['dport_min'] == d['sel']['dport_max'] == 4500 and 'sport_min' not in d['sel'] and [(t['proto'], t['mode'], t['reqid']) for t in d['tmpls']] == [('ah', 'transport', 2), ('esp', 'tunnel', 3)] and d['tmpls'][1]['spi'] == 0x1234 and 'src' not in d['tmpls'][0]"
"103|dir fwd src 10.0.0.0/8 action discard priority 7 index 103|d['dir'] == 'fwd' and d['action'] == 'discard' and d['sel']['src'] == '10.0.0.0/8' and 'proto' not in d['sel'] and d['tmpls'] == []"
"104|dir out dst 192.0.2.0/24 proto icmp type 8 code 0 action bypass index 104|d['action'] == 'bypass' and d['sel']['proto'] == 'icmp' and d['sel']['type'] == 8 and d['sel']['code'] == 0 and d['sel']['dst'] == '192.0.2.0/24' and d['tmpls'] == []"
"105|dir out src 2001:db8:1::/48 dst 2001:db8:2::/64 proto tcp dport 443 priority 3 index 105 $T6 reqid 5|d['sel'] == {'src': '2001:db8:1::/48', 'dst': '2001:db8:2::/64', 'proto': 'tcp', 'dport_min': 443, 'dport_max': 443} and d['priority'] == 3 and [(t['src'], t['dst'], t['reqid']) for t in d['tmpls']] == [('2001:db8::1', '2001:db8::2', 5)]"
"106|dir in proto ipv6-icmp type 135 code 0 action bypass index 106|d['sel']['proto'] == 'ipv6-icmp' and d['sel']['type'] == 135 and d['sel']['code'] == 0 and d['action'] == 'bypass'"
"107|dir fwd src fd00:1::/32 dst fd00:2::1/128 proto sctp sport 1000-2000 dport 3000-3999 action discard index 107|d['sel'] == {'src': 'fd00:1::/32', 'dst': 'fd00:2::1/128', 'proto': 'sctp', 'sport_min': 1000, 'sport_max': 2000, 'dport_min': 3000, 'dport_max': 3999} and d['action'] == 'discard'"
"108|dir in src fd00:2::/64 dst fd00:1::/64 index 108 tmpl proto ah mode transport reqid 8 tmpl proto esp mode transport reqid 8|[(t['proto'], t['mode']) for t in d['tmpls']] == [('ah', 'transport'), ('esp', 'transport')] and d['sel']['src'] == 'fd00:2::/64' and 'proto' not in d['sel']"
"109|dir out src 10.3.0.0/16 proto gre index 109 $T4 reqid 9|d['sel']['proto'] == 'gre' and 'sport_min' not in d['sel'] and 'dport_min' not in d['sel']"
"110|dir out src fd00:3::/64 proto udplite sport 53 priority 4294967295 index 110 $T6|d['sel']['proto'] == 'udplite' and d['sel']['sport_min'] == d['sel']['sport_max'] == 53 and d['priority'] == 4294967295 and d['tmpls'][0].get('reqid', 0) == 0"
)
for p in "${POLICIES[@]}"; do
	IFS='|' read -r idx args expr <<< "$p"
	check "add $idx: ${args%% index*}" K policy add $args
done
check "add without an index" K policy add dir in src 10.9.0.0/16 dst 10.8.0.0/16 proto tcp action bypass
K -j policy show > "$KT_TMP/show.json"
for p in "${POLICIES[@]}"; do
	IFS='|' read -r idx args expr <<< "$p"
	expect_json "$idx reads back" "(lambda d: $expr)([p for p in d if p['index'] == $idx][0])" cat "$KT_TMP/show.json"
done
expect_json "the kernel chose an index, not one of ours" \
	"[p['index'] for p in d if p['sel'].get('src') == '10.9.0.0/16'][0] not in [0] + list(range(101, 111))" \
	cat "$KT_TMP/show.json"
total=$(( ${#POLICIES[@]} + 1 ))
check_eq "the namespace counts $total policies" "$total" "$(count)"

# get, by index and by selector (the selector and priority of add)
check_json "get index 105 (IPv6)" "d['index'] == 105 and d['tmpls'][0]['mode'] == 'tunnel'" K -j policy get index 105
check_json "get by selector (IPv6, priority 3)" "d['index'] == 105" \
	K -j policy get dir out src 2001:db8:1::/48 dst 2001:db8:2::/64 proto tcp dport 443 priority 3
check_json "get by selector (IPv4, ports)" "d['index'] == 101" \
	K -j policy get dir out src 10.1.0.0/16 dst 10.2.0.0/24 proto tcp sport 1024-65535 dport 443 priority 10
check_error "get by selector with another priority: none" 'no policy with this direction, selector and priority' \
	K policy get dir out src 10.1.0.0/16 dst 10.2.0.0/24 proto tcp sport 1024-65535 dport 443

# show: JSON filtered, and text
check_json "show dir fwd: the 2 fwd ones" "sorted(p['index'] for p in d) == [103, 107]" K -j policy show dir fwd
check_json "show dir in: the 4 in ones" "len(d) == 4 and all(p['dir'] == 'in' for p in d)" K -j policy show dir in
out=$(K policy show 2>&1)
check_eq "text show: a block per policy" "$total" "$(grep -c '^dir ' <<< "$out")"
check_output "text: IPv4 ports and priority" \
	"^dir out src 10\.1\.0\.0/16 dst 10\.2\.0\.0/24 proto tcp sport 1024-65535 dport 443 priority 10 index 101$" printf '%s' "$out"
bundle=$'\ttmpl proto ah mode transport reqid 2\n\ttmpl proto esp mode tunnel src 192.0.2.1 dst 192.0.2.2 reqid 3 spi 0x00001234\n'
if [[ $out == *"$bundle"* ]]; then
	pass "text: bundle, inner template first, SPI"
else
	fail "text: bundle, inner template first, SPI: no '$bundle' in: $(grep -A3 'index 102$' <<< "$out" | tr '\n' ' ')"
fi
check_output "text: IPv6 ICMP" "^dir in proto ipv6-icmp type 135 code 0 priority 0 index 106$" printf '%s' "$out"
check_output "text: IPv6 ports" "^dir fwd src fd00:1::/32 dst fd00:2::1/128 proto sctp sport 1000-2000 dport 3000-3999 priority 0 index 107$" \
	printf '%s' "$out"
check_output "text: action" "^	action discard$" printf '%s' "$out"

# show's text, read as policy add lines, adds back the same policies.
K -j policy show > "$KT_TMP/before.json"
awk '/^dir / { if (l) print l; l = "policy add " $0; next }
     /^\t/ { sub(/^\t/, ""); l = l " " $0 }
     END { if (l) print l }' <<< "$out" > "$KT_TMP/readd"
check "flush" K policy flush
check "the text of show, as a batch of policy add" K -batch "$KT_TMP/readd"
check_json "... gives back the same policies (JSON equal)" \
	"len(d) == $total and sorted(d, key=lambda p: p['index']) == sorted(__import__('json').load(open('$KT_TMP/before.json')), key=lambda p: p['index'])" K -j policy show

# set: in one step, the selector, action, priority, templates, direction
check "set 101: bypass, another selector" K policy set index 101 dir out src 10.1.0.0/16 dst 10.5.0.0/16 proto udp priority 20 action bypass
check_json "set 101 reads back" \
	"d['action'] == 'bypass' and d['priority'] == 20 and d['sel']['dst'] == '10.5.0.0/16' and d['sel']['proto'] == 'udp' and 'dport_min' not in d['sel'] and d['tmpls'] == []" \
	K -j policy get index 101
check_error "the old selector of 101 is gone" 'no policy' \
	K policy get dir out src 10.1.0.0/16 dst 10.2.0.0/24 proto tcp sport 1024-65535 dport 443 priority 10
check "set 103: discard becomes a protect bundle" K policy set index 103 dir fwd src 10.0.0.0/8 priority 7 \
	tmpl proto ah mode transport $T4 reqid 33
check_json "set 103 reads back" \
	"d['action'] == 'protect' and [t['proto'] for t in d['tmpls']] == ['ah', 'esp'] and d['tmpls'][1]['reqid'] == 33" \
	K -j policy get index 103
check "set 105 (IPv6): direction in, one transport template" K policy set index 105 dir in \
	src 2001:db8:2::/64 dst 2001:db8:1::/48 proto tcp sport 443 tmpl proto esp mode transport reqid 55
check_json "set 105 reads back" \
	"d['dir'] == 'in' and d['sel'] == {'src': '2001:db8:2::/64', 'dst': '2001:db8:1::/48', 'proto': 'tcp', 'sport_min': 443, 'sport_max': 443} and d['priority'] == 0 and [(t['mode'], t['reqid']) for t in d['tmpls']] == [('transport', 55)]" \
	K -j policy get index 105
check_json "set left the others alone" "[p for p in d if p['index'] == 107][0]['action'] == 'discard' and len(d) == $total" \
	K -j policy show
check_output "a set shows in text" "^dir in src 2001:db8:2::/64 dst 2001:db8:1::/48 proto tcp sport 443 priority 0 index 105$" \
	K policy get index 105

# delete, both ways
check "del by index (IPv4)" K policy del index 104
check "del by selector (IPv6)" K policy del dir fwd src fd00:1::/32 dst fd00:2::1/128 proto sctp sport 1000-2000 dport 3000-3999
check_error "get 104 after del" 'no policy with this index' K policy get index 104
check_error "get 107 after del" 'no policy with this index' K policy get index 107
check_eq "two fewer" "$((total - 2))" "$(count)"

# flush by direction, then all
check "flush dir in" K policy flush dir in
check_json "no in policy is left, the others are" "len(d) > 0 and all(p['dir'] != 'in' for p in d)" K -j policy show
check "flush" K policy flush
check_eq "nothing is left" 0 "$(count)"
check_json "show of nothing: []" "d == []" K -j policy show
check_eq "show of nothing, text: nothing" "" "$(K policy show)"
verify_json
finish
