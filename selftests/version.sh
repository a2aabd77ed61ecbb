#!/bin/bash
# `kips version` reports the tool's and the module's version, as text and
# as JSON, and -V prints the tool's.
. "$(dirname "$0")/lib.sh"
require_module
ver=$(cat "$KT_TOP/VERSION")

check_output "text names tool and module versions" "^kips tool $ver, module $ver$" "$KIPS" version
check_output "module version in sysfs" "^$ver$" cat /sys/module/kips/version
json=$("$KIPS" -j version)
check "JSON output parses" python3 -c 'import json,sys; json.loads(sys.argv[1])' "$json"
check_eq "JSON module version" "$ver" "$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["module"])' "$json")"
check_eq "JSON tool version" "$ver" "$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["tool"])' "$json")"
check_output "-V prints the tool version" "^kips $ver$" "$KIPS" -V
check_error "unknown object is rejected" "unknown object 'frobnicate'" "$KIPS" frobnicate
check_error "extra argument to version is rejected" "takes no arguments" "$KIPS" version extra
finish
