#!/bin/bash
# Stability: both CPUs busy with kips in both directions at once (TCP each
# way, echoes in between), for a while; then kips.ko is removed while the
# traffic still flows, and loaded again.  The VM runner fails the run on
# any kernel warning, lockup or memory error this provokes.
#
#   [k] kips  ====  [m] router  ====  [x] XFRM
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_xfrm.sh"
. "$(dirname "$0")/lib_esp.sh"
require_module
require_cmd iperf3 python3
SECS=${KIPS_STRESS_SECONDS:-15}
module=${KIPS_VM_MODULE:-$KT_TOP/kips.ko}

esp_topology
esp_addrs 4 4
esp_algs "aead:aes-gcm:20:16"
esp_sas tunnel 0x8001 0x8002 > /dev/null && esp_policies tunnel || { fail "setup"; finish; }
esp_addrs 6 6
esp_sas tunnel 0x8011 0x8012 > /dev/null && esp_policies tunnel || { fail "IPv6 setup"; finish; }
check "the IPv4 tunnel works" ping_ok k 10.1.0.1 10.2.0.1
check "the IPv6 tunnel works" ping_ok k fd01::1 fd02::1

n x iperf3 -s -D -B 10.2.0.1 -p 5201 > /dev/null 2>&1
n k iperf3 -s -D -B fd01::1 -p 5202 > /dev/null 2>&1
sleep 1
n k iperf3 -c 10.2.0.1 -B 10.1.0.1 -p 5201 -t "$SECS" -P 2 -J > "$KT_TMP/kx.json" 2>&1 &
kx=$!
n x iperf3 -c fd01::1 -B fd02::1 -p 5202 -t "$SECS" -P 2 -J > "$KT_TMP/xk.json" 2>&1 &
xk=$!
n k ping -q -i 0.05 -c $((SECS * 10)) -I 10.1.0.1 10.2.0.1 > "$KT_TMP/ping.out" 2>&1 &
pg=$!
wait $kx $xk $pg
mbps() { python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["end"]["sum_received"]["bits_per_second"] / 1e6))' "$1" 2> /dev/null; }
a=$(mbps "$KT_TMP/kx.json") b=$(mbps "$KT_TMP/xk.json")
info "k -> x ${a:-?} Mbit/s (IPv4, 2 streams), x -> k ${b:-?} Mbit/s (IPv6, 2 streams) at once"
check "TCP k -> x moved data (${a:-0} Mbit/s)" python3 -c "import sys; sys.exit(not float('${a:-0}') > 0)"
check "TCP x -> k moved data (${b:-0} Mbit/s)" python3 -c "import sys; sys.exit(not float('${b:-0}') > 0)"
check_output "echoes went through meanwhile" " [1-9][0-9]* received" cat "$KT_TMP/ping.out"
check_output "nothing was dropped for want of memory or as malformed" \
	'"drop_malformed": *0,.*"drop_nomem": *0[,}]' n k "$KIPS" -j stats

# rmmod while traffic flows: both directions busy again.
if [ ! -r "$module" ]; then
	fail "rmmod under traffic: no module to load again ($module)"
else
	n k iperf3 -c 10.2.0.1 -B 10.1.0.1 -p 5201 -t 30 -P 2 > /dev/null 2>&1 &
	kx=$!
	n x iperf3 -c fd01::1 -B fd02::1 -p 5202 -t 30 -P 2 > /dev/null 2>&1 &
	xk=$!
	sleep 3
	check "rmmod kips while traffic flows" rmmod kips
	check_fails "kips is gone" test -d /sys/module/kips
	kill $kx $xk 2> /dev/null
	wait $kx $xk 2> /dev/null
	check "and it loads again" insmod "$module"
fi
finish
