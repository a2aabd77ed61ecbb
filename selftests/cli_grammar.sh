#!/bin/bash
# The kips command's grammar: `help` prints it, every malformed argument is
# refused (exit 2) with a message that names the argument and what was
# expected, a kernel refusal (exit 1) carries the kernel's reason and the
# argument it points at, and no refused command changes anything.
#
#   [kt-cli_grammar-...-a: kips.ko state only, no links]
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_cli.sh"
require_module
require_warm
ns a

k() { n a "$KIPS" "$@"; }
KEY16=0x00112233445566778899aabbccddeeff
SA="src 10.0.0.1 dst 10.0.0.2 proto esp spi 0x1000"

# --- help prints the grammar
check_output "kips help: usage" "^Usage: kips \[ OPTIONS \] OBJECT \{ COMMAND \| help \}" k help
check_output "kips help: sa add grammar" "kips sa add src ADDR dst ADDR proto PROTO spi SPI \[ SA-OPTIONS \]" k help
check_output "kips help: policy add grammar" "kips policy add dir DIR \[ SELECTOR \] \[ priority N \]" k help
check_output "kips help: monitor grammar" "kips monitor \[ GROUP \]" k help
check_output "kips -h is help" "OPTIONS := \{ -j\[son\] \| -s\[tatistics\]" k -h
check_output "sa help: options" "^SA-OPTIONS := \[ mode MODE \] \[ reqid N \] \[ ALGO \]" k sa help
check_output "sa help: algorithms from the table" "^ENC-ALG := \{ null \| aes-cbc \| aes-ctr \| 3des-cbc \}" k sa help
check_output "sa help: AEADs" "^AEAD-ALG := \{ aes-gcm \| aes-gmac \| chacha20-poly1305 \}" k sa help
check_output "sa help: lifetimes" "^LIMIT := \{ bytes N \| packets N \| time-add SECONDS \| time-use SECONDS \}" k sa help
check_output "sa help: every command" "kips sa allocspi src ADDR dst ADDR proto PROTO" k sa help
check_output "policy help: templates" "^TMPL := tmpl proto \{ esp \| ah \} \[ mode \{ transport \| tunnel \} \]" k policy help
check_output "policy help: actions" "^ACTION := \{ protect \| bypass \| discard \}" k policy help
check_output "monitor help: groups" "^GROUP := \{ sa \| policy \| acquire \| all \}" k monitor help
check_status "no object: usage on stderr, exit 2" 2 "^Usage: kips" k

# --- malformed arguments: exit 2, the argument named, nothing sent
bad() { check_status "refused: $1" 2 "$2" k "${@:3}"; }
bad "spi not a number" "^kips: spi: expected a number 256\.\.4294967295, got 'x'$" \
	sa add src 10.0.0.1 dst 10.0.0.2 proto esp spi x
bad "unknown enc algorithm" "^kips: enc: unknown algorithm 'aes-foo' \(known: null, aes-cbc, aes-ctr, 3des-cbc\)$" \
	sa add $SA enc aes-foo $KEY16
bad "unknown auth algorithm" "^kips: auth: unknown algorithm 'sha1' \(known: hmac-md5-96, hmac-sha1-96," \
	sa add $SA auth sha1 $KEY16
bad "unknown aead algorithm" "^kips: aead: unknown algorithm 'gcm'" sa add $SA aead gcm $KEY16
bad "key with odd digits" "^kips: enc: expected a key as 0x followed by an even number of hex digits" \
	sa add $SA enc aes-cbc 0x001
bad "key without 0x" "^kips: auth: expected a key as 0x" sa add $SA auth hmac-sha1-96 0011
bad "address" "^kips: dst: expected an IPv4 or IPv6 address, got '10.0.0.300'$" \
	sa add src 10.0.0.1 dst 10.0.0.300 proto esp spi 300
bad "selector prefix length" "^kips: sel src: expected an IPv4 or IPv6 address with an optional /LEN, got '10.0.0.0/33'$" \
	sa add $SA enc null sel src 10.0.0.0/33
bad "mode" "^kips: mode: expected transport or tunnel, got 'beet'$" sa add $SA mode beet
bad "SA protocol" "^kips: proto: expected esp or ah, got 'tcp'$" sa add src 10.0.0.1 dst 10.0.0.2 proto tcp spi 300
bad "missing spi" "^kips: sa add: missing 'spi SPI'$" sa add src 10.0.0.1 dst 10.0.0.2 proto esp
bad "unknown word" "^kips: sa add: unexpected argument 'colour'" sa add $SA colour blue
bad "word of another command" "^kips: sa del: 'src' does not apply here" sa del $SA
bad "lifetime without a limit" "^kips: soft: missing \{ bytes N" sa add $SA enc null soft
bad "lifetime limit twice" "^kips: hard bytes: given twice$" sa add $SA enc null hard bytes 1 hard bytes 2
bad "encap port" "^kips: encap udp DPORT: expected a UDP port 0\.\.65535, got '70000'$" \
	sa add $SA enc null encap udp 4500 70000
bad "icv length" "^kips: icv: expected a length in bytes" sa add $SA aead aes-gcm $KEY16 icv lots
bad "replay window" "^kips: replay-window: expected a number of packets" sa add $SA enc null replay-window -1
bad "allocspi range" "^kips: max: expected a number 256\.\.4294967295, got 'top'$" \
	sa allocspi src 10.0.0.1 dst 10.0.0.2 proto esp max top
bad "policy direction" "^kips: dir: expected in, out or fwd, got 'sideways'$" policy add dir sideways
bad "policy action" "^kips: action: expected protect, bypass or discard, got 'allow'$" policy add dir out action allow
bad "template protocol" "^kips: tmpl proto: expected esp or ah, got 'gre'$" policy add dir out tmpl proto gre
bad "selector after a template" "^kips: policy add: 'dport' after tmpl" \
	policy add dir out tmpl proto esp dport 80
bad "ICMP type without ICMP" "^kips: type: needs proto icmp or ipv6-icmp" policy add dir out proto tcp type 8
bad "port range" "^kips: dport: expected a port 0\.\.65535 or a range PORT-PORT, got '80-'$" \
	policy add dir out proto tcp dport 80-
bad "policy del without identity" "^kips: policy del: missing 'index N' or 'dir DIR" policy del
bad "policy del both ways" "^kips: policy del: give index N or dir DIR" policy del index 1 dir out
bad "unknown object" "^kips: unknown object 'tunnel' \(try 'kips help'\)$" tunnel show
bad "unknown option" "^kips: unknown option '-q'" -q sa show
bad "unknown sa command" "^kips: sa: unknown command 'purge' \(see 'kips sa help'\)$" sa purge
bad "unknown policy command" "^kips: policy: unknown command 'purge'" policy purge
bad "monitor group" "^kips: monitor: expected sa, policy, acquire or all, got 'xfrm'$" monitor xfrm
bad "stats argument" "^kips: stats: takes no arguments, got 'now'$" stats now
check_status "-netns of a namespace that does not exist: exit 1" 1 \
	"^kips: -netns: cannot open /run/netns/$KT_PREFIX-none: No such file or directory$" \
	"$KIPS" -netns "$KT_PREFIX-none" sa show
check_status "-netns without a name: exit 2" 2 "^kips: -netns: missing NAME$" "$KIPS" -netns
check_status "batch file missing: exit 1" 1 "^kips: -batch: cannot open $KT_TMP/none: No such file" \
	k -batch "$KT_TMP/none"
check_eq "no SA was added by any refused command" 0 "$(kips_count a sa)"
check_eq "no policy was added by any refused command" 0 "$(kips_count a policy)"

# --- kernel refusals: exit 1, the kernel's reason, the argument it names
check "a good SA is accepted" k sa add $SA enc aes-cbc $KEY16 auth hmac-sha1-96 0x00112233445566778899aabbccddeeff00112233
check_status "duplicate SA: kernel refuses, exit 1" 1 "^kips: sa add: ." \
	k sa add $SA enc aes-cbc $KEY16 auth hmac-sha1-96 0x00112233445566778899aabbccddeeff00112233
check_status "key length: the kernel's reason names 'enc ALG KEY'" 1 \
	"^kips: sa add: .*\(argument 'enc ALG KEY', attribute enc-key\)$" \
	k sa add src 10.0.0.1 dst 10.0.0.2 proto esp spi 0x1001 enc aes-cbc 0x0011 auth hmac-sha1-96 0x00112233445566778899aabbccddeeff00112233
check_status "reserved SPI: the kernel's reason names 'spi SPI'" 1 \
	"^kips: sa add: .*\(argument 'spi SPI', attribute spi\)$" \
	k sa add src 10.0.0.1 dst 10.0.0.2 proto esp spi 255 enc null auth hmac-sha1-96 0x00112233445566778899aabbccddeeff00112233
check_status "ICV length: the kernel's reason names 'icv'" 1 \
	"^kips: sa add: .*\(argument 'icv', attribute icv-len\)$" \
	k sa add src 10.0.0.1 dst 10.0.0.2 proto esp spi 0x1002 aead aes-gcm 0x0011223344556677889900112233445566778899 icv 7
check_status "oversized key: the kernel refuses" 1 "^kips: sa add: .*aead ALG KEY" \
	k sa add src 10.0.0.1 dst 10.0.0.2 proto esp spi 0x1003 aead aes-gcm \
	0x$(printf '00%.0s' $(seq 1 70))
check_status "missing SA: the kernel says so, exit 1" 1 "^kips: sa get: ." \
	k sa get dst 10.0.0.2 proto esp spi 0x7777
check_status "missing policy: the kernel says so, exit 1" 1 "^kips: policy del: ." k policy del index 4242
check_eq "only the good SA is there" 1 "$(kips_count a sa)"
finish
