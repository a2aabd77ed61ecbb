#!/bin/bash
# Without CAP_NET_ADMIN over the namespace's user namespace, nothing changes
# and no key comes out.  Three kinds of caller, each in namespace a:
#   nobody     uid 65534, no capabilities (setpriv)
#   nocap      root without CAP_NET_ADMIN (capsh --drop)
#   userns     root of a new user namespace (unshare -U -r): every
#              capability there, none over a, which the initial one owns
# Each state-changing command fails with EPERM and a message from kips,
# and leaves the SAs and policies of a (keys included) as they were; a
# request for keys is refused; what may be read (SA and policy dumps and
# gets, stats, events) carries no key, checked on raw netlink.  Then the
# other way round: root of a user namespace that owns its own network
# namespace (unshare -U -r -n) may do everything there, keys included.
# The user namespace cases need a process outside any chroot (the VM's
# init switches root rather than chrooting for this); selftests/host/yaml-spec
# checks that the kernel asks for GENL_UNS_ADMIN_PERM where the spec says.
#
#   [kt-privilege-...-a: 3 SAs, 2 policies] <- nobody, nocap, userns
#   [unshare -U -r -n: its own netns and user ns]        <- its root
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_kernel.inc"
require_module
require_warm
require_cmd python3 setpriv capsh unshare

ns a
snap_serve a
# ip netns exec sets up a mount namespace each time: too slow for the
# hundred commands here, which need only the network namespace.
na() { nsenter --net="/run/netns/$KT_PREFIX-a" "$@"; }
# denied WHAT REGEX CMD...: as lib_kernel.inc's refused, in a, through na.
denied() {
	local what=$1 re=$2 before after out rc; shift 2
	before=$(snap a)
	out=$(na "$@" 2>&1); rc=$?
	after=$(snap a)
	if [ -z "$before" ]; then
		fail "$what: cannot read the state before"
	elif [ $rc -eq 0 ]; then
		fail "$what: '$*' succeeded: $(printf '%s' "$out" | head -c 200)"
	elif ! printf '%s' "$out" | grep -Eq -- "$re"; then
		fail "$what: expected /$re/, got: $(printf '%s' "$out" | head -n 3 | tr '\n' ' ')"
	elif [ "$before" != "$after" ]; then
		fail "$what: the state changed: $(diff <(printf '%s\n' "$before") <(printf '%s\n' "$after") | head -n 4 | tr '\n' ' ')"
	else
		pass "$what"
	fi
}
K=$KIPS
A=10.0.0.1 B=10.0.0.2
GCM=$(hexkey 20 1) CBC=$(hexkey 16 2) SHA=$(hexkey 32 3) SHA1=$(hexkey 20 4)
ESP="src $A dst $B proto esp"

# Keys that must not come out: every one installed here.
check "SA (aead, tunnel)" n a $K sa add $ESP spi 0x1000 mode tunnel reqid 1 aead aes-gcm $GCM
check "SA (enc + auth, IPv6)" n a $K sa add src fd00::1 dst fd00::2 proto esp spi 0x1001 \
	enc aes-cbc $CBC auth hmac-sha256-128 $SHA replay-window 32
check "SA (ah)" n a $K sa add src $A dst $B proto ah spi 0x1002 auth hmac-sha1-96 $SHA1
check "policy (protect)" n a $K policy add dir out src 10.1.0.0/16 dst 10.2.0.0/16 index 7 \
	tmpl proto esp mode tunnel src $A dst $B reqid 1
check "policy (bypass)" n a $K policy add dir in action bypass priority 5 index 8

nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all)
nocap=(capsh --drop=cap_net_admin -- -c 'exec "$@"' -)
userns=(unshare -U -r)

check_output "nobody: uid 65534, no capability" '^65534 0+$' \
	"${nobody[@]}" sh -c 'echo "$(id -u) $(sed -n "s/^CapEff:[[:space:]]*//p" /proc/self/status)"'
check_output "nocap: uid 0 without CAP_NET_ADMIN (bit 12)" '^0 0$' \
	"${nocap[@]}" sh -c 'echo "$(id -u) $(( 0x$(sed -n "s/^CapEff:[[:space:]]*//p" /proc/self/status) >> 12 & 1 ))"'
# A chrooted process may not create a user namespace (create_user_ns()
# refuses it).  The VM guest is not chrooted (selftests/vm/init switches
# root), so there a failure is a failure; elsewhere (a container, a
# sysctl that forbids it) the cases are skipped with the reason.
callers="nobody nocap"
if ! why=$(unshare -U -r true 2>&1); then
	if [ -n "${KIPS_VM:-}" ]; then
		fail "userns: no user namespace can be created in the VM guest: ${why:-unshare -U failed}"
	else
		skip "userns: no user namespace can be created here (${why:-unshare -U failed})"
	fi
	userns=
else
	callers+=" userns"
	init_userns=$(readlink /proc/self/ns/user)
	out=$(na "${userns[@]}" sh -c 'echo "$(id -u) $(readlink /proc/self/ns/user) $(( 0x$(sed -n "s/^CapEff:[[:space:]]*//p" /proc/self/status) >> 12 & 1 ))"' 2>&1)
	if [[ $out == "0 user:"*" 1" && $out != *" $init_userns "* ]]; then
		pass "userns: uid 0 with CAP_NET_ADMIN, in a user namespace that does not own a"
	else
		fail "userns: expected uid 0 and CAP_NET_ADMIN in a user namespace other than $init_userns, got: $out"
	fi
fi

PERM='Operation not permitted \(this needs CAP_NET_ADMIN\)'
KEYS='reading keys needs CAP_NET_ADMIN in the namespace.s user namespace'
# Every state-changing command, in one -force batch per caller (a process
# start costs a second in the VM): each line must be refused on its own.
CHANGES=(
	"sa add $ESP spi 0x2000 aead aes-gcm $GCM"
	"sa set $ESP spi 0x1000 hard bytes 100"
	"sa set $ESP spi 0x5000 aead aes-gcm $GCM"
	"sa del dst $B proto esp spi 0x1000"
	"sa flush"
	"sa flush proto ah"
	"sa allocspi $ESP min 0x6000 max 0x6fff"
	"policy add dir fwd action discard"
	"policy set index 8 dir in action discard priority 5"
	"policy del index 7"
	"policy del dir in priority 5"
	"policy flush"
)
printf '%s\n' "${CHANGES[@]}" > "$KT_TMP/changes"
printf '%s\n' "sa show" "sa get dst fd00::2 proto esp spi 0x1001" "policy show" "stats" > "$KT_TMP/reads"
chmod -R go+rX "$KT_TMP"
for who in $callers; do
	case $who in
	nobody) as=("${nobody[@]}") ;;
	nocap) as=("${nocap[@]}") ;;
	userns) as=("${userns[@]}") ;;
	esac
	# A larval SA lives 30 s: one for each caller, for "sa set" to complete.
	na $K sa allocspi $ESP min 0x5000 max 0x5000 > /dev/null || fail "root cannot allocate SPI 0x5000"
	before=$(snap a)
	out=$(na "${as[@]}" $K -force -batch "$KT_TMP/changes" 2>&1); rc=$?
	after=$(snap a)
	check_eq "$who: -force -batch of ${#CHANGES[@]} changes exits 1" 1 "$rc"
	for i in "${!CHANGES[@]}"; do
		c=${CHANGES[$i]}
		if grep -Eq -- "^kips: $KT_TMP/changes:$((i + 1)): ${c%% *} $(cut -d' ' -f2 <<< "$c"): $PERM" <<< "$out"; then
			pass "$who: $c: EPERM, and kips says so"
		else
			fail "$who: $c: expected /$PERM/ for line $((i + 1)), got: $(grep -F "changes:$((i + 1)):" <<< "$out" | head -n 1)"
		fi
	done
	if [ -n "$before" ] && [ "$before" = "$after" ]; then
		pass "$who: no SA or policy changed (keys included)"
	else
		fail "$who: the state changed: $(diff <(printf '%s\n' "$before") <(printf '%s\n' "$after") | head -n 4 | tr '\n' ' ')"
	fi
	na $K sa del dst $B proto esp spi 0x5000 || fail "root cannot delete the larval SA"

	denied "$who: sa show keys" "^kips: sa show: .*$KEYS" "${as[@]}" $K sa show keys
	denied "$who: -k sa show" "^kips: sa show: .*$KEYS" "${as[@]}" $K -k sa show
	denied "$who: sa get keys" "^kips: sa get: .*$KEYS" "${as[@]}" $K sa get dst $B proto esp spi 0x1000 keys
	denied "$who: -j -k sa get" "^kips: sa get: .*$KEYS" "${as[@]}" $K -j -k sa get dst fd00::2 proto esp spi 0x1001

	# What may be read: everything but the keys.
	out=$(na "${as[@]}" $K -batch "$KT_TMP/reads" 2>&1); rc=$?
	check_eq "$who: sa show, sa get, policy show, stats work" 0 "$rc"
	check_eq "$who: sa show lists the 3 SAs, sa get the one" 4 "$(grep -c '^src .* spi 0x' <<< "$out")"
	check_output "$who: policy show" "index 7$" printf '%s' "$out"
	check_output "$who: stats" "^sa_count +3$" printf '%s' "$out"
	out+=$(na "${as[@]}" $K -j -s -batch "$KT_TMP/reads" 2>&1)
	check_eq "$who: no key in any of it, text or JSON with counters" "" \
		"$(grep -oiE "${GCM#0x}|${CBC#0x}|${SHA#0x}|${SHA1#0x}" <<< "$out")"
done

# Each command on its own too: its exit status and message.
denied "nobody: sa add on its own" "^kips: sa add: $PERM" "${nobody[@]}" $K sa add $ESP spi 0x2000 aead aes-gcm $GCM
denied "nobody: sa del on its own" "^kips: sa del: $PERM" "${nobody[@]}" $K sa del dst $B proto esp spi 0x1000
denied "nobody: policy flush on its own" "^kips: policy flush: $PERM" "${nobody[@]}" $K policy flush
denied "nobody: -batch without -force stops at its first line" "^kips: stdin:1: sa flush: $PERM" \
	sh -c 'printf "sa flush\npolicy flush\n" | "$@" -batch -' - "${nobody[@]}" $K

# Raw netlink, as nobody: no key attribute in any reply or event, whatever
# the request; keys asked for are refused with EPERM, by get and by dump.
cat > "$KT_TMP/raw.py" << 'PY'
import sys
sys.path.insert(0, sys.argv[1])
from kipsnl import *
KEYS = {E["SA_A_ENC_KEY"], E["SA_A_AUTH_KEY"], E["SA_A_AEAD_KEY"]}
nl = Kips()
ev = Kips()
ev.subscribe("sa")
ev.subscribe("policy")
print("ready", flush=True)

def say(ok, what, why=""):
    print("%s: %s%s" % ("PASS" if ok else "FAIL", what, "" if ok else ": " + why), flush=True)

def nokey(replies):
    return [r for r in replies if {t for t, _ in r["attrs"]} & KEYS]

def ident(dst, spi, proto=50):
    return [("SA_A_DST", addr(dst)), ("SA_A_SPI", u32(spi)), ("SA_A_PROTO", u8(proto))]

r = nl.request("SA_GET", dump=True)
say(len(r) == 3 and not nokey(r), "raw SA dump: 3 SAs, no key attribute", "%d SAs, %d with keys" % (len(r), len(nokey(r))))
r = nl.request("SA_GET", [("SA_A_REQ_FLAGS", u32(0))], dump=True)
say(len(r) == 3 and not nokey(r), "raw SA dump with flags 0: no key attribute", repr(nokey(r))[:200])
for dst, spi, proto in (("10.0.0.2", 0x1000, 50), ("fd00::2", 0x1001, 50), ("10.0.0.2", 0x1002, 51)):
    r = nl.request("SA_GET", ident(dst, spi, proto))
    say(len(r) == 1 and not nokey(r), "raw SA get %#x: no key attribute" % spi, repr(r)[:200])
for dump in (False, True):
    what = "raw SA %s with KIPS_REQ_F_KEYS" % ("dump" if dump else "get")
    try:
        r = nl.request("SA_GET", ([] if dump else ident("10.0.0.2", 0x1000)) +
                       [("SA_A_REQ_FLAGS", u32(E["REQ_F_KEYS"]))], dump=dump)
        say(False, what + ": refused", "answered %d replies, %d with keys" % (len(r), len(nokey(r))))
    except NlError as e:
        say(e.errno == 1 and "CAP_NET_ADMIN" in (e.msg or ""), what + ": EPERM with a message", str(e))
r = nl.request("POLICY_GET", dump=True)
say(len(r) == 2, "raw policy dump: 2 policies", "%d" % len(r))
r = nl.request("INFO_GET")
say(len(r) == 1, "raw INFO_GET answers")
try:
    nl.request("SA_NEW", ident("10.0.0.2", 0x3000) + [("SA_A_SRC", addr("10.0.0.1")),
               ("SA_A_AEAD_ALG", strz("aes-gcm")), ("SA_A_AEAD_KEY", bytes(20))])
    say(False, "raw SA_NEW: EPERM", "accepted")
except NlError as e:
    say(e.errno == 1, "raw SA_NEW: EPERM", str(e))

# Events caused by root (the shell, once it reads "ready"): wait for the
# last one, the policy flush.
sys.stdin.readline()
got = []
for _ in range(30):
    got += ev.events(1.0)
    if any(m["cmd"] == E["CMD_POLICY_FLUSH"] for m in got):
        break
cmds = {m["cmd"] for m in got}
want = {E["CMD_SA_NEW"], E["CMD_SA_SET"], E["CMD_SA_DEL"], E["CMD_POLICY_NEW"], E["CMD_POLICY_FLUSH"]}
say(want <= cmds, "raw events seen by nobody: SA add, set, del; policy add, flush",
    "commands seen: %s" % sorted(cmds))
say(not nokey(got), "raw events carry no key attribute", repr(nokey(got))[:200])
PY
chmod -R go+rX "$KT_TMP"
mkfifo "$KT_TMP/raw.in"
exec 7<> "$KT_TMP/raw.in"
n a "${nobody[@]}" $PY "$KT_TMP/raw.py" "$KT_TOP/selftests" < "$KT_TMP/raw.in" > "$KT_TMP/raw.out" 2>&1 &
raw_pid=$!
on_exit "kill $raw_pid"
# raw_wait REGEX: until the helper's output has a line matching REGEX (60 s).
raw_wait() {
	local i
	for i in $(seq 1 600); do
		grep -Eq -- "$1" "$KT_TMP/raw.out" && return 0
		kill -0 $raw_pid 2> /dev/null || break
		sleep 0.1
	done
	grep -Eq -- "$1" "$KT_TMP/raw.out"
}
if ! raw_wait '^(PASS|FAIL): raw SA_NEW'; then
	fail "the raw netlink helper did not get through its requests: $(tail -n 3 "$KT_TMP/raw.out" | tr '\n' ' ')"
else
	na $K sa allocspi $ESP min 0x5000 max 0x5000 > /dev/null &&
	na $K sa add $ESP spi 0x3000 aead aes-gcm $GCM &&
	na $K sa set $ESP spi 0x5000 mode tunnel reqid 2 enc aes-cbc $CBC auth hmac-sha256-128 $SHA &&
	na $K sa del dst $B proto esp spi 0x3000 &&
	na $K policy add dir fwd action discard &&
	na $K policy flush dir fwd || fail "root could not make the changes for the events"
	echo go >&7
	raw_wait '^(PASS|FAIL): raw events carry' ||
		fail "the raw netlink helper did not report the events: $(tail -n 3 "$KT_TMP/raw.out" | tr '\n' ' ')"
fi
while IFS= read -r line; do
	case $line in
	PASS:*) pass "${line#PASS: }" ;;
	FAIL:*) fail "${line#FAIL: }" ;;
	ready) ;;
	*) info "raw: $line" ;;
	esac
done < "$KT_TMP/raw.out"

# The owner of a network namespace, through its user namespace, may do
# everything there (GENL_UNS_ADMIN_PERM, not GENL_ADMIN_PERM).
if [ -n "$userns" ]; then
	cat > "$KT_TMP/own.sh" << EOF
set -e
$K sa add $ESP spi 0x1000 aead aes-gcm $GCM
$K sa get dst $B proto esp spi 0x1000 keys
$K policy add dir out index 3 tmpl proto esp
$K policy set index 3 dir out action bypass
$K policy del index 3
$K sa allocspi $ESP min 0x7000 max 0x7000 > /dev/null
$K sa flush
$K stats
EOF
	out=$("${userns[@]}" -n bash "$KT_TMP/own.sh" 2>&1); rc=$?
	check_eq "root of a user namespace owning its netns: add, get keys, policy add/set/del, allocspi, flush" \
		0 "$rc"
	[ $rc = 0 ] || info "$out"
	check_output "... and it reads the key back" "aead aes-gcm $GCM" printf '%s' "$out"
	check_output "... and the flush emptied its namespace" "^sa_count +0$" printf '%s' "$out"
fi
finish
