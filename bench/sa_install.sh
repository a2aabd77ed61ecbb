#!/bin/bash
# bench/sa_install.sh [N...]: how fast SAs install, kips against XFRM, in
# one VM run:
#
#   selftests/vm/run --mem 2048 --timeout 3600 -- bench/sa_install.sh 10000 100000
#
# For each N (default 10000 and 100000) the same N tunnel-mode AES-GCM SAs
# (a quarter of them IPv6) go into a fresh namespace with `kips -batch` and
# into another with `ip -batch` (xfrm state add), in ten chunks of N/10
# lines, each its own batch run.  Printed: the total rate of each, their
# ratio, and the rate of the first and the last chunk (the cost of one
# install should not grow with the table).  Lines "RESULT <stack> <N>
# <metric> <value>" are for scripts.
. "$(dirname "$0")/../selftests/lib.sh"
require_module
# Module loading and the first crypto set-up are slow under TCG: done
# before anything is timed.
[ -e /run/kips-warm ] || "$KT_TOP/selftests/vm/warmup"
require_cmd python3
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
KEY=0x0102030405060708090a0b0c0d0e0f1011121314

now() { date +%s.%N; }
rate() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.0f", n / t }'; }

# make_batches N DIR: DIR/kips.K and DIR/xfrm.K, K = 0..9, the same SAs.
make_batches() {
	python3 - "$1" "$2" "$KEY" <<'PY'
import sys
n, d, key = int(sys.argv[1]), sys.argv[2], sys.argv[3]
chunk = n // 10
for k in range(10):
    with open("%s/kips.%d" % (d, k), "w") as kf, open("%s/xfrm.%d" % (d, k), "w") as xf:
        for i in range(k * chunk, (k + 1) * chunk):
            if i % 4 == 3:
                src, dst = "fd00::1", "fd00:%x::%x" % (i // 65535 + 1, i % 65535 + 1)
            else:
                src, dst = "10.0.0.1", "10.%d.%d.%d" % (i // 65536 + 1, i // 256 % 256, i % 256)
            spi = 0x10000 + i
            kf.write("sa add src %s dst %s proto esp spi %d mode tunnel reqid %d "
                     "aead aes-gcm %s icv 16 replay-window 64\n" % (src, dst, spi, i, key))
            xf.write("xfrm state add src %s dst %s proto esp spi %d mode tunnel reqid %d "
                     "aead rfc4106(gcm(aes)) %s 128 replay-window 64\n" % (src, dst, spi, i, key))
PY
}

# install STACK N DIR: runs the ten chunks, prints the rates.
install() {
	local stack=$1 n=$2 dir=$3 k t0 t1 total=0 first last dt
	ns "$stack-$n"
	for k in $(seq 0 9); do
		t0=$(now)
		if [ "$stack" = kips ]; then
			n "$stack-$n" "$KIPS" -batch "$dir/kips.$k" > /dev/null || { fail "$stack: chunk $k of $n failed"; return; }
		else
			n "$stack-$n" ip -batch "$dir/xfrm.$k" > /dev/null || { fail "$stack: chunk $k of $n failed"; return; }
		fi
		t1=$(now)
		dt=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", b - a }')
		total=$(awk -v a="$total" -v b="$dt" 'BEGIN { printf "%.6f", a + b }')
		[ "$k" = 0 ] && first=$dt
		last=$dt
	done
	{
		echo "RESULT $stack $n total_per_s $(rate "$n" "$total")"
		echo "RESULT $stack $n first_chunk_per_s $(rate $((n / 10)) "$first")"
		echo "RESULT $stack $n last_chunk_per_s $(rate $((n / 10)) "$last")"
		echo "RESULT $stack $n seconds $total"
	} | tee -a "$KT_TMP/results"
	pass "$stack: $n SAs installed"
	# Free the memory before the next stack.
	ip netns del "$KT_PREFIX-$stack-$n"
	unset 'KT_NETNS[${#KT_NETNS[@]}-1]'
}

for n in "${sizes[@]}"; do
	dir=$KT_TMP/$n
	mkdir -p "$dir"
	make_batches "$n" "$dir"
	install kips "$n" "$dir"
	install xfrm "$n" "$dir"
	rm -rf "$dir"
done

echo
printf '%-8s %8s %12s %12s %12s %10s\n' stack SAs "SAs/s" "first 10%/s" "last 10%/s" seconds
awk '$1 == "RESULT" { v[$2 " " $3 " " $4] = $5; k[$2 " " $3] = 1 }
     END { for (s in k) printf "%-8s %8s %12s %12s %12s %10.2f\n", substr(s, 1, index(s, " ") - 1),
                 substr(s, index(s, " ") + 1), v[s " total_per_s"], v[s " first_chunk_per_s"],
                 v[s " last_chunk_per_s"], v[s " seconds"] }' "$KT_TMP/results" | sort -k2n -k1
for n in "${sizes[@]}"; do
	awk -v n="$n" '$1 == "RESULT" && $3 == n && $4 == "total_per_s" { r[$2] = $5 }
	     END { if (r["xfrm"] > 0) printf "kips/XFRM install rate at %d SAs: %.2f\n", n, r["kips"] / r["xfrm"] }' "$KT_TMP/results"
done
finish
