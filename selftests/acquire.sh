#!/bin/bash
# ACQUIRE: kips has policies but no SAs (XFRM has everything).  Echo
# requests that need the missing SA wait in the policy's queue and one
# ACQUIRE event goes out (kips monitor -j shows it, with the policy and
# the packet's addresses); when the SAs are added (kips sa add) the waiting
# packets leave, in order, and their replies come back.  Packets whose SA
# does not come within acquire_timeout_ms are dropped and counted; the
# queue holds at most 64; after a timeout the next packet asks again.
#
#   [k] kips  ====  [m] router (capture)  ====  [x] XFRM
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_xfrm.sh"
. "$(dirname "$0")/lib_esp.sh"
require_module
require_cmd tcpdump python3
PARAM=/sys/module/kips/parameters/acquire_timeout_ms
[ -w $PARAM ] || skip_all "kips.ko has no acquire_timeout_ms parameter"
old_timeout=$(cat $PARAM)
on_exit "echo $old_timeout > $PARAM"
echo 20000 > $PARAM

esp_topology
esp_addrs 4 4
esp_algs "aead:aes-gcm:20:16"
KX=0x5001 XK=0x5002
# XFRM has its SAs and policies; kips only its policies.
n x ip xfrm state add src $K_OUT dst $X_OUT proto esp spi $KX reqid 1 mode tunnel "${XFRM_ALGS[@]}" replay-window 64
n x ip xfrm state add src $X_OUT dst $K_OUT proto esp spi $XK reqid 2 mode tunnel "${XFRM_ALGS[@]}"
check "policies on both sides" esp_policies tunnel
pol=$(n k "$KIPS" -j policy show dir out | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["index"])')

EV=$KT_TMP/events.json
n k "$KIPS" -j monitor acquire > "$EV" 2> "$KT_TMP/monitor.err" &
on_exit "kill $!"
sleep 1

capture_start acq
n k ping -c 3 -i 0.3 -W 20 -I $K_IN $X_IN > "$KT_TMP/ping.out" 2>&1 &
ping=$!
for _ in $(seq 1 100); do grep -q acquire "$EV" && break; sleep 0.1; done
sleep 1.5		# all three requests wait now
acq() { python3 -c "import json,sys; d=[json.loads(l) for l in open('$EV') if l.strip()]; a=[e['acquire'] for e in d if e.get('event') == 'acquire']; print($1)"; }
check_eq "one ACQUIRE for three waiting packets" 1 "$(acq 'len(a)')"
check_eq "it names the SA wanted" "10.0.1.1 10.0.2.1 esp tunnel 1" \
	"$(acq '" ".join(str(a[0][k]) for k in ("src", "dst", "proto", "mode", "reqid"))')"
check_eq "and the policy" "$pol" "$(acq 'a[0]["policy"]')"
check_eq "and the packet's addresses" "10.1.0.1/32 10.2.0.1/32" "$(acq 'a[0]["sel"]["src"] + " " + a[0]["sel"]["dst"]')"
check_eq "nothing left while waiting" 0 "$(capture_count acq esp)"

# The inbound SA first: the replies come back as soon as the outbound one
# releases the requests.
# shellcheck disable=SC2086
n k "$KIPS" sa add src $X_OUT dst $K_OUT proto esp spi $XK reqid 2 mode tunnel $KIPS_ALGS replay-window 64
# shellcheck disable=SC2086
check "kips sa add releases them" n k "$KIPS" sa add src $K_OUT dst $X_OUT proto esp spi $KX reqid 1 mode tunnel $KIPS_ALGS
wait $ping
check_output "all three echoes were answered" "3 packets transmitted, 3 received" cat "$KT_TMP/ping.out"
capture_stop acq
check_eq "they left in order" "0x1 0x2 0x3" \
	"$(grep -o "spi=$(printf '0x%08x' $KX),seq=0x[0-9a-f]*" "$(capture_text acq)" | sed 's/.*seq=//' | head -n 3 | tr '\n' ' ' | sed 's/ $//')"

# No SA in time: dropped and counted; the next packet asks again.
echo 1000 > $PARAM
n k "$KIPS" sa del dst $X_OUT proto esp spi $KX
q0=$(ns_counter drop_queue)
n k ping -c 2 -i 0.2 -W 1 -I $K_IN $X_IN > /dev/null 2>&1
sleep 1.5
check_eq "two packets timed out in the queue" $((q0 + 2)) "$(ns_counter drop_queue)"
# ACQUIREs so far: the first one, and one for the SA deleted above.
check_eq "after the timeout a new packet asks again" 3 \
	"$(n k ping -c 1 -W 1 -I $K_IN $X_IN > /dev/null 2>&1; sleep 0.5; acq 'len(a)')"
sleep 1.5

# At most 64 wait.
q0=$(ns_counter drop_queue)
n k ping -c 80 -i 0.01 -W 1 -I $K_IN $X_IN > /dev/null 2>&1
sleep 1.5
check_eq "80 packets: all dropped, 16 of them at once" $((q0 + 80)) "$(ns_counter drop_queue)"
check_output "ACQUIREs are counted" '"acquires": *([4-9]|[1-9][0-9]+)[,}]' n k "$KIPS" -j stats
finish
