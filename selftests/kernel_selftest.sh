#!/bin/bash
# The module's in-kernel self-tests (kernel/selftest.c): SPD lookup against a
# linear scan over thousands of random policies, the replay window against a
# model (with and without ESN), SAD selection and SPI allocation, lifetime
# accounting, the ACQUIRE message, and the header fields AH zeroes or
# predicts (IPv4 options, IPv6 options and routing header).  Loading with
# selftest=1 fails when any of them fails; each logs its result.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_kernel.inc"
require_module

module=$(module_file)
[ -r "$module" ] || skip_all "no module file to reload ($module)"

check "rmmod kips" rmmod kips
mark="kips-selftest-$$"
echo "$mark" > /dev/kmsg
out=$(insmod "$module" selftest=1 2>&1); rc=$?
log=$(dmesg | sed -n "/$mark/,\$p" | grep 'kips: selftest:')
printf '%s\n' "$log" | sed 's/^/# /'
check_eq "insmod selftest=1 succeeds" "0" "$rc${out:+ ($out)}"
for t in test_replay test_sad test_lifetimes test_spd test_acquire test_ah_mutable; do
	if printf '%s\n' "$log" | grep -q "selftest: $t(.*): ok"; then
		pass "$t"
	else
		fail "$t: $(printf '%s\n' "$log" | grep -m1 -E "$t|failed:" | sed 's/.*selftest: //')"
	fi
done
check_output "summary says 0 failed" 'selftest: 0 failed' printf '%s\n' "$log"
# Leave the module loaded without the parameter for the next scenario.
rmmod kips 2> /dev/null
check "reload without selftest" insmod "$module"
finish
