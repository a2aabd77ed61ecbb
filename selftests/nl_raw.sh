#!/bin/bash
# The kernel's own validation, without the kips command: selftests/nl_raw.py
# sends raw generic-netlink requests (unknown and output-only attributes,
# wrong lengths, unknown flag bits, oversized keys, malformed nests) and
# checks each errno, extack message and that nothing changed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_kernel.inc"
require_module
require_cmd python3

ns a
out=$(n a $PY "$KT_TOP/selftests/nl_raw.py" 2>&1); rc=$?
printf '%s\n' "$out"
# Its PASS/FAIL lines are ours; count them so finish() sees them.
KT_PASSED=$(grep -c '^PASS:' <<< "$out")
KT_FAILED=$(grep -c '^FAIL:' <<< "$out")
[ $rc -eq 0 ] || [ "$KT_FAILED" -gt 0 ] || fail "nl_raw.py exited $rc: $(tail -n 3 <<< "$out" | tr '\n' ' ')"
finish
