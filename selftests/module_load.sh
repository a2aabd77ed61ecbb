#!/bin/bash
# kips.ko loads, registers its netlink family, unloads leaving nothing
# behind, and survives repeated load/unload cycles, also with network
# namespaces created before and after it was loaded.
#
#   [init netns] --- kips.ko --- [kt-...-early]  [kt-...-late]
. "$(dirname "$0")/lib.sh"
require_module
mod=${KIPS_VM_MODULE:-$KT_TOP/kips.ko}
[ -r "$mod" ] || skip_all "no kips.ko at $mod"

check_output "module is loaded and live" "^live$" cat /sys/module/kips/initstate
check_output "generic netlink family is registered" "module" "$KIPS" version

ns early
check "unload with a namespace that existed before load" rmmod kips
check_fails "no kips module in /proc/modules after rmmod" grep -q '^kips ' /proc/modules
check_error "kips says the module is not loaded" "module is not loaded" "$KIPS" version
check_fails "no kips slab cache left after rmmod" grep -q '^kips' /proc/slabinfo

check "load again" insmod "$mod"
ns late
check_output "family works in a namespace created before load" "module $(cat "$KT_TOP/VERSION")" n early "$KIPS" version
check_output "family works in a namespace created after load" "module $(cat "$KT_TOP/VERSION")" n late "$KIPS" version

ok=1
for i in $(seq 1 10); do
	rmmod kips || { ok=0; break; }
	insmod "$mod" || { ok=0; break; }
	"$KIPS" version > /dev/null || { ok=0; break; }
done
check_eq "10 load/unload cycles" 1 "$ok"
check_output "module reference count is 0 when idle" "^kips [0-9]+ 0 " grep '^kips ' /proc/modules
finish
