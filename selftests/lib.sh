#!/bin/bash
# selftests/lib.sh: sourced by every scenario (selftests/*.sh).
#
# A scenario builds its own network namespaces, asserts real outcomes with
# the helpers below, and cleans up on exit.  Each assertion prints one line:
#   PASS: <what>        FAIL: <what>: <why>        SKIP: <what>: <reason>
# The scenario exits 0 when nothing failed, 1 otherwise, and 4 when it was
# skipped as a whole (a requirement is missing).
#
# Names: `ns NAME` creates namespace "$KT_PREFIX-NAME" and records it for
# cleanup; `n NAME CMD...` runs CMD inside it.
set -u

KT_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
KT_NAME=$(basename "$0" .sh)
KT_PREFIX=kt-$KT_NAME-$$
KIPS=$KT_TOP/user/kips/kips
KT_FAILED=0
KT_PASSED=0
KT_NETNS=()
KT_CLEANUP=()
KT_TMP=$(mktemp -d "/tmp/kt-$KT_NAME.XXXXXX")

pass() { echo "PASS: $KT_NAME: $*"; KT_PASSED=$((KT_PASSED + 1)); }
fail() { echo "FAIL: $KT_NAME: $*"; KT_FAILED=$((KT_FAILED + 1)); }
skip() { echo "SKIP: $KT_NAME: $*"; }
info() { echo "# $*"; }

# Skips the whole scenario.
skip_all() { skip "$*"; exit 4; }

# check WHAT CMD...: passes when CMD succeeds; shows its output when not.
check() {
	local what=$1 out; shift
	if out=$("$@" 2>&1); then
		pass "$what"
	else
		fail "$what: '$*' exited $?${out:+: $(printf '%s' "$out" | tail -n 3 | tr '\n' ' ')}"
	fi
}

# check_fails WHAT CMD...: passes when CMD fails.
check_fails() {
	local what=$1 out; shift
	if out=$("$@" 2>&1); then
		fail "$what: '$*' succeeded but should have failed${out:+: $(printf '%s' "$out" | tail -n 2 | tr '\n' ' ')}"
	else
		pass "$what"
	fi
}

# check_output WHAT REGEX CMD...: passes when CMD succeeds and its output
# (stdout and stderr) matches the extended REGEX.
check_output() {
	local what=$1 re=$2 out rc; shift 2
	out=$("$@" 2>&1); rc=$?
	if [ $rc -eq 0 ] && printf '%s' "$out" | grep -Eq -- "$re"; then
		pass "$what"
	else
		fail "$what: '$*' exited $rc, expected output matching /$re/, got: $(printf '%s' "$out" | head -n 5 | tr '\n' ' ')"
	fi
}

# check_error WHAT REGEX CMD...: passes when CMD fails and says REGEX.
check_error() {
	local what=$1 re=$2 out rc; shift 2
	out=$("$@" 2>&1); rc=$?
	if [ $rc -ne 0 ] && printf '%s' "$out" | grep -Eq -- "$re"; then
		pass "$what"
	else
		fail "$what: '$*' exited $rc, expected failure saying /$re/, got: $(printf '%s' "$out" | head -n 5 | tr '\n' ' ')"
	fi
}

# check_eq WHAT EXPECTED ACTUAL
check_eq() {
	if [ "$2" = "$3" ]; then
		pass "$1"
	else
		fail "$1: expected '$2', got '$3'"
	fi
}

require_cmd() {
	local c
	for c in "$@"; do
		command -v "$c" > /dev/null 2>&1 || skip_all "'$c' is not installed (scripts/deps installs it)"
	done
}

# The scenario needs kips.ko loaded (it is, inside selftests/vm/run).
require_module() {
	[ -d /sys/module/kips ] || skip_all "kips.ko is not loaded (run inside selftests/vm/run)"
}

# Waits (up to 3 minutes) for selftests/vm/warmup to have loaded the IPsec
# and crypto modules, when run-all started it.
require_warm() {
	local i
	[ -n "${KIPS_VM:-}" ] || return 0
	for i in $(seq 1 1800); do
		[ -e /run/kips-warm ] && return 0
		sleep 0.1
	done
	info "warm-up did not finish in 3 minutes; going on"
}

ns() {
	local full=$KT_PREFIX-$1
	ip netns add "$full" || { fail "cannot create namespace $full"; exit 1; }
	KT_NETNS+=("$full")
	ip -n "$full" link set lo up
}

n() {
	local name=$1; shift
	ip netns exec "$KT_PREFIX-$name" "$@"
}

# veth NS1 NS2 ADDR1 ADDR2 [DEV]: a veth pair between two namespaces, with
# an address (with prefix length) on each end; IPv6 addresses are nodad.
veth() {
	local a=$1 b=$2 addr_a=$3 addr_b=$4 dev=${5:-veth0}
	ip link add "$dev" netns "$KT_PREFIX-$a" type veth peer name "$dev" netns "$KT_PREFIX-$b" ||
		{ fail "cannot create veth $a<->$b"; exit 1; }
	n "$a" ip link set "$dev" up
	n "$b" ip link set "$dev" up
	veth_addr "$a" "$dev" "$addr_a"
	veth_addr "$b" "$dev" "$addr_b"
}

veth_addr() {
	case $3 in
	*:*) n "$1" ip addr add "$3" dev "$2" nodad ;;
	*) n "$1" ip addr add "$3" dev "$2" ;;
	esac
}

# on_exit CMD: run CMD (a string) at cleanup, last registered first.
on_exit() { KT_CLEANUP=("$*" "${KT_CLEANUP[@]}"); }

kt_cleanup() {
	local c ns_
	for c in "${KT_CLEANUP[@]}"; do eval "$c" > /dev/null 2>&1; done
	for ns_ in "${KT_NETNS[@]}"; do
		ip netns pids "$ns_" 2> /dev/null | xargs -r kill 2> /dev/null
		ip netns del "$ns_" 2> /dev/null
	done
	rm -rf "$KT_TMP"
}
trap kt_cleanup EXIT

# End of a scenario: its status from the assertions made.
finish() {
	if [ "$KT_FAILED" -gt 0 ]; then
		exit 1
	fi
	[ "$KT_PASSED" -gt 0 ] || { fail "no assertion was made"; exit 1; }
	exit 0
}
