#!/bin/bash
# `make demo`: what kips does, shown in a VM.  Two hosts (network
# namespaces) each with kips.ko's state of their own.
#
#   [host-a] 10.0.0.1 ---- veth ---- 10.0.0.2 [host-b]
. "$(dirname "$0")/lib.sh"
require_module

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
show() { printf '$ %s\n' "$*"; "$@"; }

say "kips.ko is loaded in a fresh kernel ($(uname -r))"
show grep kips /proc/modules

ns host-a
ns host-b
veth host-a host-b 10.0.0.1/24 10.0.0.2/24

say "host-a asks the module for its version and state"
show n host-a "$KIPS" version
say "the same, as JSON"
show n host-b "$KIPS" -j version

say "host-a and host-b can reach each other"
show n host-a ping -c 2 -W 2 10.0.0.2
pass "demo ran"
finish
