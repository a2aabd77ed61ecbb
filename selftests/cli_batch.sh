#!/bin/bash
# kips -batch: thousands of commands over one netlink socket (the rate is
# printed as an info line), comments and blank lines skipped, the first
# failing line named as FILE:LINE (stdin:LINE for -batch -) with nothing
# after it applied, and -force going on past failures.
#
#   [kt-cli_batch-...-a: the SAs and policies of the batches, no links]
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_cli.sh"
require_module
require_warm
require_cmd python3
ns a

k() { n a "$KIPS" "$@"; }
N=${KIPS_BATCH_SAS:-10000}
NPOL=${KIPS_BATCH_POLICIES:-2000}
KEY=0x0102030405060708090a0b0c0d0e0f1011121314

# now: seconds since the epoch, with nanoseconds.
now() { date +%s.%N; }
rate() { awk -v n="$1" -v t0="$2" -v t1="$3" 'BEGIN { printf "%.0f\n", n / (t1 - t0) }'; }
elapsed() { awk -v t0="$1" -v t1="$2" 'BEGIN { printf "%.2f\n", t1 - t0 }'; }

# --- thousands of SAs, one per line, across IPv4 and IPv6 destinations
python3 - "$N" "$KEY" > "$KT_TMP/sas" <<'PY'
import sys
n, key = int(sys.argv[1]), sys.argv[2]
print("# %d SAs, every 4th one IPv6" % n)
for i in range(n):
    if i % 4 == 3:
        src, dst = "fd00::1", "fd00:%x::%x" % (i // 65535 + 1, i % 65535 + 1)
    else:
        src, dst = "10.0.0.1", "10.%d.%d.%d" % (i // 65536 + 1, i // 256 % 256, i % 256)
    if i % 1000 == 0:
        print()
    print("sa add src %s dst %s proto esp spi %d mode tunnel reqid %d aead aes-gcm %s icv 16 replay-window 64"
          % (src, dst, 0x10000 + i, i, key))
PY
t0=$(now)
check "batch of $N sa add" k -batch "$KT_TMP/sas"
t1=$(now)
info "cli_batch: $N sa add in $(elapsed "$t0" "$t1") s: $(rate "$N" "$t0" "$t1") SAs/s over one socket"
check_eq "all $N SAs are there" "$N" "$(kips_count a sa)"
expect_json "a batch-added IPv6 SA reads back" 'd["dst"] == "fd00:1::4" and d["reqid"] == 3 and d["aead"]["alg"] == "aes-gcm"' \
	k -j sa get dst fd00:1::4 proto esp spi $((0x10000 + 3))

python3 - "$NPOL" > "$KT_TMP/policies" <<'PY'
import sys
for i in range(int(sys.argv[1])):
    print("policy add dir out src 10.100.%d.%d/32 dst 10.200.0.0/16 proto tcp dport %d "
          "tmpl proto esp mode tunnel src 10.0.0.1 dst 10.1.0.1 reqid %d" % (i // 256, i % 256, 1 + i % 65535, i))
PY
t0=$(now)
check "batch of $NPOL policy add" k -batch "$KT_TMP/policies"
t1=$(now)
info "cli_batch: $NPOL policy add in $(elapsed "$t0" "$t1") s: $(rate "$NPOL" "$t0" "$t1") policies/s"
check_eq "all $NPOL policies are there" "$NPOL" "$(kips_count a policy)"

t0=$(now)
check "a batch that flushes" k -batch - <<'EOF2'
sa flush
policy flush
EOF2
t1=$(now)
info "cli_batch: flushing $N SAs and $NPOL policies took $(elapsed "$t0" "$t1") s"
check_eq "flushed: no SA" 0 "$(kips_count a sa)"

# --- the first failing line stops the batch and is named
sa_line() { echo "sa add src 10.0.0.1 dst 10.0.0.2 proto esp spi $1 aead aes-gcm $KEY icv 16"; }
{
	echo "# three good lines, a blank one, a bad one, a good one"
	sa_line 0x100
	sa_line 0x101
	echo
	sa_line 0x102
	echo "sa add src 10.0.0.1 dst 10.0.0.2 proto esp spi x aead aes-gcm $KEY"
	sa_line 0x103
} > "$KT_TMP/bad-syntax"
check_status "syntax error: FILE:LINE and exit 2" 2 \
	"^kips: $KT_TMP/bad-syntax:6: spi: expected a number 256\.\.4294967295, got 'x'$" \
	k -batch "$KT_TMP/bad-syntax"
check_eq "the lines before it are applied, none after" 3 "$(kips_count a sa)"
check_status "the line after the failure was not run" 1 "^kips: sa get: " k sa get dst 10.0.0.2 proto esp spi 0x103

{
	sa_line 0x200
	sa_line 0x100	# taken by the batch above
	sa_line 0x201
} > "$KT_TMP/bad-kernel"
check_status "kernel refusal: FILE:LINE, the kernel's reason, exit 1" 1 \
	"^kips: $KT_TMP/bad-kernel:2: sa add: ." k -batch "$KT_TMP/bad-kernel"
check_eq "one SA added before the refused line" 4 "$(kips_count a sa)"

check_status "-force goes on past failures, still exit 1" 1 "bad-kernel:2: sa add: " \
	k -force -batch "$KT_TMP/bad-kernel"
check_eq "-force: the line after the failure was applied" 5 "$(kips_count a sa)"

check_status "-batch -: stdin:LINE" 2 "^kips: stdin:2: policy add: missing 'dir" \
	sh -c "printf 'sa show\npolicy add src 10.0.0.0/8\nsa flush\n' | ip netns exec $KT_PREFIX-a $KIPS -batch -"
check_eq "-batch -: nothing after the failure (no flush)" 5 "$(kips_count a sa)"

check_status "quoting: an unterminated quote is named" 2 "^kips: stdin:1: unterminated \" quote$" \
	sh -c "printf 'sa show proto \"esp\n' | ip netns exec $KT_PREFIX-a $KIPS -batch -"
expect_json "a batch of show commands prints JSON" 'isinstance(d, list) and len(d) == 5' \
	sh -c "printf '# comment\n\nsa show proto \"esp\"\n' | ip netns exec $KT_PREFIX-a $KIPS -j -batch -"
check_status "-batch with an OBJECT after it is refused" 2 "^kips: -batch: no OBJECT after it" \
	k -batch "$KT_TMP/sas" sa show
verify_json
finish
