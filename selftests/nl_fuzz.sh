#!/bin/bash
# The module survives any netlink message: selftests/nl_fuzz.py sends
# thousands of mutated kips requests (a fixed seed, so a failure repeats)
# and checks that each is answered, that a refused one changes nothing,
# and that a refusal of bad input says why.  KIPS_NL_FUZZ_SEED and
# KIPS_NL_FUZZ_COUNT choose another run.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_kernel.inc"
require_module
require_cmd python3

ns a
out=$(n a $PY "$KT_TOP/selftests/nl_fuzz.py" "${KIPS_NL_FUZZ_SEED:-1}" "${KIPS_NL_FUZZ_COUNT:-3000}" 2>&1); rc=$?
printf '%s\n' "$out"
KT_PASSED=$(grep -c '^PASS:' <<< "$out")
KT_FAILED=$(grep -c '^FAIL:' <<< "$out")
[ $rc -eq 0 ] || [ "$KT_FAILED" -gt 0 ] || fail "nl_fuzz.py exited $rc: $(tail -n 3 <<< "$out" | tr '\n' ' ')"
finish
