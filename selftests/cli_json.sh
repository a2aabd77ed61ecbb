#!/bin/bash
# Every show/get command of kips prints JSON with -j that python3 -m
# json.tool accepts and that carries what was configured: SAs of each kind
# (IPv4 tunnel AEAD with selector, lifetimes and NAT-T ports; IPv6
# transport enc+auth with ESN; AH), keys only when asked for, counters with
# -s; policies with templates and ICMP selectors; allocspi, stats, version.
# The text forms are checked for the same values.
#
#   [kt-cli_json-...-a: SAs and policies, no links]
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_cli.sh"
require_module
require_warm
require_cmd python3
ns a

k() { n a "$KIPS" "$@"; }
GCM_KEY=0x0102030405060708090a0b0c0d0e0f1011121314
CBC_KEY=0x00112233445566778899aabbccddeeff
SHA256_KEY=0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
SHA1_KEY=0x00112233445566778899aabbccddeeff00112233

check "add IPv4 tunnel AEAD SA" k sa add src 192.0.2.1 dst 192.0.2.2 proto esp spi 0x1001 \
	mode tunnel reqid 7 aead aes-gcm $GCM_KEY icv 12 replay-window 64 \
	encap udp 4500 4500 soft bytes 1000000 time-add 3000 hard bytes 2000000 time-add 3600 \
	sel src 10.1.0.0/24 dst 10.2.0.0/24 proto tcp sport 1024-65535 dport 443
check "add IPv6 transport enc+auth ESN SA" k sa add src fd00::1 dst fd00::2 proto esp spi 4096 \
	enc aes-cbc $CBC_KEY auth hmac-sha256-128 $SHA256_KEY replay-window 128 esn
check "add AH SA" k sa add src 192.0.2.1 dst 192.0.2.3 proto ah spi 0x2000 auth hmac-sha1-96 $SHA1_KEY

# --- sa show: an array of every SA
expect_json "sa show: an array of 3" 'isinstance(d, list) and len(d) == 3' k -j sa show
expect_json "sa show: SPIs and protocols" \
	'sorted((s["spi"], s["proto"]) for s in d) == [(4096, "esp"), (0x1001, "esp"), (0x2000, "ah")]' \
	k -j sa show
expect_json "sa show: no keys without asking" 'all("key" not in s.get(a, {}) for s in d for a in ("enc", "auth", "aead"))' \
	k -j sa show
expect_json "-netns NAME: the named namespace's SAs" 'len(d) == 3' "$KIPS" -netns "$KT_PREFIX-a" -j sa show
expect_json "-n /run/netns/NAME: by path" 'len(d) == 3' "$KIPS" -n "/run/netns/$KT_PREFIX-a" -j sa show
expect_json "sa show proto ah: filtered by the kernel" 'len(d) == 1 and d[0]["spi"] == 0x2000' k -j sa show proto ah
expect_json "sa show dst: filtered" 'len(d) == 1 and d[0]["dst"] == "fd00::2"' k -j sa show dst fd00::2
expect_json "sa show reqid: filtered" 'len(d) == 1 and d[0]["reqid"] == 7' k -j sa show reqid 7
expect_json "sa show with no match: an empty array" 'd == []' k -j sa show spi 0x9999

# --- sa get: one object with every field that was set
GET4="dst 192.0.2.2 proto esp spi 0x1001"
expect_json "sa get: an object" 'isinstance(d, dict)' k -j sa get $GET4
expect_json "sa get: identity" 'd["src"] == "192.0.2.1" and d["dst"] == "192.0.2.2" and d["proto"] == "esp" and d["spi"] == 4097' \
	k -j sa get $GET4
expect_json "sa get: mode, reqid, state" 'd["mode"] == "tunnel" and d["reqid"] == 7 and d["state"] == "mature"' \
	k -j sa get $GET4
expect_json "sa get: aead and icv" 'd["aead"]["alg"] == "aes-gcm" and d["icv"] == 12 and "key" not in d["aead"] and "enc" not in d' \
	k -j sa get $GET4
expect_json "sa get: replay window" 'd["replay_window"] == 64' k -j sa get $GET4
expect_json "sa get: encap" 'd["encap"] == {"type": "udp", "sport": 4500, "dport": 4500}' k -j sa get $GET4
expect_json "sa get: lifetimes" \
	'd["lifetime"]["soft"]["bytes"] == 1000000 and d["lifetime"]["soft"]["time_add"] == 3000 and d["lifetime"]["hard"]["bytes"] == 2000000 and d["lifetime"]["hard"]["time_add"] == 3600' \
	k -j sa get $GET4
expect_json "sa get: selector" \
	'd["sel"]["src"] == "10.1.0.0/24" and d["sel"]["dst"] == "10.2.0.0/24" and d["sel"]["proto"] == "tcp" and d["sel"]["sport_min"] == 1024 and d["sel"]["sport_max"] == 65535 and d["sel"]["dport_min"] == 443 and d["sel"]["dport_max"] == 443' \
	k -j sa get $GET4
expect_json "sa get: no counters without -s" '"stats" not in d and "current" not in d' k -j sa get $GET4
expect_json "sa get -s: counters and current use" \
	'd["stats"]["in_packets"] == 0 and "drop_replay" in d["stats"] and d["current"]["bytes"] == 0 and d["current"]["add_time"] > 0 and "seq_out" in d' \
	k -j -s sa get $GET4
expect_json "sa get keys: the AEAD key" "d['aead']['key'] == '$GCM_KEY'" k -j sa get $GET4 keys
expect_json "sa get -k: the AEAD key" "d['aead']['key'] == '$GCM_KEY'" k -j -k sa get $GET4

GET6="dst fd00::2 proto esp spi 4096"
expect_json "IPv6 SA: addresses, transport mode" 'd["src"] == "fd00::1" and d["dst"] == "fd00::2" and d.get("mode", "transport") == "transport"' \
	k -j sa get $GET6
expect_json "IPv6 SA: enc and auth, ESN" 'd["enc"]["alg"] == "aes-cbc" and d["auth"]["alg"] == "hmac-sha256-128" and d["esn"] is True and d["replay_window"] == 128' \
	k -j sa get $GET6
expect_json "IPv6 SA keys" "d['enc']['key'] == '$CBC_KEY' and d['auth']['key'] == '$SHA256_KEY'" k -j sa get $GET6 keys
expect_json "sa show keys: every key" "all('key' in s.get('auth', s.get('aead', {})) for s in d)" k -j sa show keys
expect_json "AH SA" 'd["proto"] == "ah" and d["auth"]["alg"] == "hmac-sha1-96" and "enc" not in d' \
	k -j sa get dst 192.0.2.3 proto ah spi 0x2000

# --- text: the same values, in the words of the grammar
check_output "text: identity line" "^src 192\.0\.2\.1 dst 192\.0\.2\.2 proto esp spi 0x00001001 mode tunnel reqid 7$" \
	k sa get $GET4
check_output "text: aead line" "^	aead aes-gcm icv 12$" k sa get $GET4
check_output "text: selector line" "^	sel src 10\.1\.0\.0/24 dst 10\.2\.0\.0/24 proto tcp sport 1024-65535 dport 443$" \
	k sa get $GET4
check_output "text: lifetimes" "^	hard bytes 2000000 time-add 3600$" k sa get $GET4
check_output "text: encap" "^	encap udp 4500 4500$" k sa get $GET4
check_output "text: key only when asked" "^	aead aes-gcm $GCM_KEY icv 12$" k sa get $GET4 keys
if k sa get $GET4 | grep -q "$GCM_KEY"; then fail "text: key printed without asking"; else pass "text: no key without asking"; fi
check_output "text -s: counters" "in_packets 0" k -s sa get $GET4

# --- allocspi: the larval SA, as an object
expect_json "sa allocspi: a larval SA in the range" \
	'd["state"] == "larval" and 0x3000 <= d["spi"] <= 0x30ff and d["reqid"] == 9 and d["src"] == "192.0.2.2"' \
	k -j sa allocspi src 192.0.2.2 dst 192.0.2.1 proto esp reqid 9 min 0x3000 max 0x30ff

# --- policies
check "add protect policy with a bundle" k policy add dir out src 10.1.0.0/24 dst 10.2.0.0/24 proto udp dport 500-4500 \
	priority 100 index 50 tmpl proto ah mode transport tmpl proto esp mode tunnel src 192.0.2.1 dst 192.0.2.2 reqid 7
check "add bypass ICMPv6 policy" k policy add dir in proto ipv6-icmp type 135 code 0 action bypass
check "add discard policy" k policy add dir fwd src 10.9.0.0/16 action discard priority 5
expect_json "policy show: an array of 3" 'isinstance(d, list) and len(d) == 3' k -j policy show
expect_json "policy show dir in: filtered" 'len(d) == 1 and d[0]["dir"] == "in"' k -j policy show dir in
expect_json "policy get index: an object" 'isinstance(d, dict) and d["index"] == 50' k -j policy get index 50
expect_json "policy get: dir, priority, action" 'd["dir"] == "out" and d["priority"] == 100 and d["action"] == "protect"' \
	k -j policy get index 50
expect_json "policy get: selector" \
	'd["sel"] == {"src": "10.1.0.0/24", "dst": "10.2.0.0/24", "proto": "udp", "dport_min": 500, "dport_max": 4500}' \
	k -j policy get index 50
expect_json "policy get: templates in order" \
	'[t["proto"] for t in d["tmpls"]] == ["ah", "esp"] and d["tmpls"][1]["mode"] == "tunnel" and d["tmpls"][1]["src"] == "192.0.2.1" and d["tmpls"][1]["dst"] == "192.0.2.2" and d["tmpls"][1]["reqid"] == 7' \
	k -j policy get index 50
expect_json "policy get by selector" 'd["index"] == 50' \
	k -j policy get dir out src 10.1.0.0/24 dst 10.2.0.0/24 proto udp dport 500-4500 priority 100
expect_json "policy get: ICMPv6 type and code" \
	'd["sel"]["proto"] == "ipv6-icmp" and d["sel"]["type"] == 135 and d["sel"]["code"] == 0 and d["action"] == "bypass" and d["tmpls"] == []' \
	k -j policy get dir in proto ipv6-icmp type 135 code 0
expect_json "policy -s: counters" '"stats" in d and d["stats"].get("out_packets", 0) == 0' k -j -s policy get index 50
check_output "policy text: first line" "^dir out src 10\.1\.0\.0/24 dst 10\.2\.0\.0/24 proto udp dport 500-4500 priority 100 index 50$" \
	k policy get index 50
check_output "policy text: template" "^	tmpl proto esp mode tunnel src 192\.0\.2\.1 dst 192\.0\.2\.2 reqid 7$" \
	k policy get index 50
check_output "policy text: ICMP words" "^dir in proto ipv6-icmp type 135 code 0 priority 0 index [0-9]+$" \
	k policy get dir in proto ipv6-icmp type 135 code 0

# --- namespace-wide
expect_json "stats: counts and counters" 'd["sa_count"] == 4 and d["policy_count"] == 3 and "in_packets" in d["stats"] and "acquires" in d["stats"]' \
	k -j stats
check_output "stats text" "^sa_count +4$" k stats
expect_json "version" 'd["module"] and d["tool"] and d["sa_count"] == 4' k -j version

# --- empty tables still print valid JSON
check "flush SAs" k sa flush
check "flush policies" k policy flush
expect_json "sa show after flush: []" 'd == []' k -j sa show
expect_json "policy show after flush: []" 'd == []' k -j policy show
verify_json
finish
