#!/bin/bash
# kips monitor shows what other processes do, as it happens: SAs added,
# changed, deleted, expired (soft, then hard) and flushed; policies added,
# changed, deleted and flushed.  As JSON lines with -j, as text without; only the groups
# asked for; nothing from another namespace; no keys.
#
#   [kt-monitor-...-a: three monitors, the changes]   [kt-monitor-...-b: a decoy SA]
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_cli.sh"
require_module
require_warm
require_cmd python3
ns a
ns b

k() { n a "$KIPS" "$@"; }
KEY=0x0102030405060708090a0b0c0d0e0f1011121314
JSON=$KT_TMP/events.json TEXT=$KT_TMP/events.txt POL=$KT_TMP/policy-events.json

n a "$KIPS" -j monitor > "$JSON" 2> "$KT_TMP/json.err" &
on_exit "kill $!"
n a "$KIPS" monitor all > "$TEXT" 2> "$KT_TMP/text.err" &
on_exit "kill $!"
n a "$KIPS" -j monitor policy > "$POL" 2> "$KT_TMP/pol.err" &
on_exit "kill $!"

# The monitors are listening once a probe's events reach all three.
ready=
for _ in $(seq 1 50); do
	k sa add src 10.9.9.9 dst 10.9.9.8 proto esp spi 0x999 aead aes-gcm $KEY > /dev/null 2>&1
	k sa del dst 10.9.9.8 proto esp spi 0x999 > /dev/null 2>&1
	k policy add dir in src 10.9.9.0/24 action bypass > /dev/null 2>&1
	k policy del dir in src 10.9.9.0/24 > /dev/null 2>&1
	if grep -q '"spi":2457' "$JSON" && grep -q 'spi 0x00000999' "$TEXT" &&
	   grep -q '10.9.9.0/24' "$POL"; then
		ready=1
		break
	fi
	sleep 0.1
done
[ -n "$ready" ] || { fail "the monitors did not report the probe events within 5 s"; finish; }
pass "three monitors are listening"

# --- what another process does
check "add an IPv4 SA" k sa add src 10.0.0.1 dst 10.0.0.2 proto esp spi 0x1000 mode tunnel reqid 3 aead aes-gcm $KEY icv 16
check "add an IPv6 SA" k sa add src fd00::1 dst fd00::2 proto esp spi 0x1001 aead aes-gcm $KEY
check "add an AH SA" k sa add src 10.0.0.1 dst 10.0.0.3 proto ah spi 0x1002 auth hmac-sha1-96 0x00112233445566778899aabbccddeeff00112233
check "delete the IPv6 SA" k sa del dst fd00::2 proto esp spi 0x1001
check "change the IPv4 SA's lifetimes" k sa set dst 10.0.0.2 proto esp spi 0x1000 hard bytes 5000000
check "add an SA that expires in 1 s (soft) and 2 s (hard)" \
	k sa add src 10.0.0.1 dst 10.0.0.4 proto esp spi 0x1003 aead aes-gcm $KEY soft time-add 1 hard time-add 2
check "add an SA in another namespace" n b "$KIPS" sa add src 10.0.0.1 dst 10.0.0.2 proto esp spi 0x7777 aead aes-gcm $KEY
check "add a policy" k policy add dir out src 10.1.0.0/24 dst 10.2.0.0/24 index 77 \
	tmpl proto esp mode tunnel src 10.0.0.1 dst 10.0.0.2 reqid 3
check "add another policy" k policy add dir in src 10.2.0.0/24 dst 10.1.0.0/24 action discard
check "change a policy" k policy set index 77 dir out src 10.1.0.0/24 dst 10.2.0.0/24 action discard
check "delete a policy" k policy del index 77
check "flush the in policies" k policy flush dir in

# The hard expiry comes 2 s after the add; allow the timers some slack.
for _ in $(seq 1 60); do
	grep -q '"expire":"hard"' "$JSON" && grep -q 'sa expire hard' "$TEXT" && break
	sleep 0.1
done
check "flush the ESP SAs" k sa flush proto esp
for _ in $(seq 1 30); do
	grep -q 'sa-flush' "$JSON" && grep -q 'sa flush' "$TEXT" && break
	sleep 0.1
done
sleep 0.3

# --- JSON lines
expect_json_lines "JSON: every line is a JSON object" 'len(d) > 0 and all(isinstance(e, dict) and "event" in e for e in d)' "$JSON"
ev() { echo "[e for e in d if e[\"event\"] == \"$1\" and $2]"; }
expect_json_lines "JSON: sa-add of the IPv4 SA" \
	"len($(ev sa-add 'e["sa"]["spi"] == 0x1000 and e["sa"]["dst"] == "10.0.0.2" and e["sa"]["reqid"] == 3 and e["sa"]["mode"] == "tunnel"')) == 1" "$JSON"
expect_json_lines "JSON: sa-add of the IPv6 SA" "len($(ev sa-add 'e["sa"]["dst"] == "fd00::2"')) == 1" "$JSON"
expect_json_lines "JSON: sa-add of the AH SA" "len($(ev sa-add 'e["sa"]["proto"] == "ah"')) == 1" "$JSON"
expect_json_lines "JSON: sa-del of the IPv6 SA" "len($(ev sa-del 'e["sa"]["spi"] == 0x1001 and e["sa"]["dst"] == "fd00::2"')) == 1" "$JSON"
expect_json_lines "JSON: sa-set with the new hard limit" \
	"len($(ev sa-set 'e["sa"]["spi"] == 0x1000 and e["sa"]["lifetime"]["hard"]["bytes"] == 5000000')) == 1" "$JSON"
expect_json_lines "JSON: soft expiry" "len($(ev sa-expire 'e["expire"] == "soft" and e["sa"]["spi"] == 0x1003')) == 1" "$JSON"
expect_json_lines "JSON: hard expiry" "len($(ev sa-expire 'e["expire"] == "hard" and e["sa"]["spi"] == 0x1003')) == 1" "$JSON"
expect_json_lines "JSON: soft before hard" \
	'[e["expire"] for e in d if e["event"] == "sa-expire"] == ["soft", "hard"]' "$JSON"
expect_json_lines "JSON: one sa-flush, limited to esp" "$(ev sa-flush 'True') == [{\"event\": \"sa-flush\", \"proto\": \"esp\"}]" "$JSON"
expect_json_lines "JSON: no sa-del for the flushed SAs" "$(ev sa-del 'e["sa"]["spi"] == 0x1000') == []" "$JSON"
expect_json_lines "JSON: policy-add with its index and template" \
	"len($(ev policy-add 'e["policy"]["index"] == 77 and e["policy"]["tmpls"][0]["reqid"] == 3')) == 1" "$JSON"
expect_json_lines "JSON: policy-set, now discard" \
	"len($(ev policy-set 'e["policy"]["index"] == 77 and e["policy"]["action"] == "discard" and e["policy"]["tmpls"] == []')) == 1" "$JSON"
expect_json_lines "JSON: policy-del" "len($(ev policy-del 'e["policy"]["index"] == 77')) == 1" "$JSON"
expect_json_lines "JSON: policy-flush limited to in" "$(ev policy-flush 'True') == [{\"event\": \"policy-flush\", \"dir\": \"in\"}]" "$JSON"
expect_json_lines "JSON: nothing from the other namespace" "$(ev sa-add 'e["sa"]["spi"] == 0x7777') == []" "$JSON"
expect_json_lines "JSON: no keys in events" \
	'not any("key" in e.get("sa", {}).get(k, {}) for e in d for k in ("enc", "auth", "aead"))' "$JSON"
expect_json_lines "policy group only: policy events" \
	'len(d) >= 4 and all(e["event"].startswith("policy-") for e in d)' "$POL"
expect_json_lines "policy group only: add, set, del, flush" \
	'{"policy-add", "policy-set", "policy-del", "policy-flush"} <= {e["event"] for e in d}' "$POL"

# --- text
check_output "text: sa add" "^\[sa add\] src 10\.0\.0\.1 dst 10\.0\.0\.2 proto esp spi 0x00001000 mode tunnel reqid 3$" cat "$TEXT"
check_output "text: sa del" "^\[sa del\] src fd00::1 dst fd00::2 proto esp spi 0x00001001" cat "$TEXT"
check_output "text: sa set" "^\[sa set\] src 10\.0\.0\.1 dst 10\.0\.0\.2 proto esp spi 0x00001000" cat "$TEXT"
check_output "text: sa expire soft" "^\[sa expire soft\] src 10\.0\.0\.1 dst 10\.0\.0\.4 proto esp spi 0x00001003" cat "$TEXT"
check_output "text: sa expire hard" "^\[sa expire hard\] src 10\.0\.0\.1 dst 10\.0\.0\.4" cat "$TEXT"
check_output "text: sa flush" "^\[sa flush\] proto esp$" cat "$TEXT"
check_output "text: policy add" "^\[policy add\] dir out src 10\.1\.0\.0/24 dst 10\.2\.0\.0/24 priority 0 index 77$" cat "$TEXT"
check_output "text: policy set" "^\[policy set\] dir out src 10\.1\.0\.0/24 dst 10\.2\.0\.0/24 priority 0 index 77$" cat "$TEXT"
check_output "text: policy del" "^\[policy del\] dir out src 10\.1\.0\.0/24" cat "$TEXT"
check_output "text: policy flush" "^\[policy flush\] dir in$" cat "$TEXT"
check_eq "the monitors reported no error" "" "$(cat "$KT_TMP/json.err" "$KT_TMP/text.err" "$KT_TMP/pol.err")"
verify_json
finish
