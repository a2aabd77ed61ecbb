#!/usr/bin/env python3
"""Known-answer vectors for MODP Diffie-Hellman (test_dh.c), standard
library only: private exponents a, b chosen so that g^a and the shared
secret g^ab both have a leading zero byte (which the KE payload and SKEYID
must keep: RFC 2409 pads them to the length of the prime).
"""
import hashlib
import sys

sys.path.insert(0, __import__("os").path.dirname(__file__))
from modp_primes import GROUPS, modp  # noqa: E402


def find(group):
    bits, k = [(b, k) for g, b, k in GROUPS if g == group][0]
    p, n = modp(bits, k, check=False), bits // 8
    seed = 0
    while True:
        a = int.from_bytes(hashlib.sha256(b"a%d" % seed).digest(), "big")
        if pow(2, a, p) < 1 << (bits - 8):
            break
        seed += 1
    seed = 0
    while True:
        b = int.from_bytes(hashlib.sha256(b"b%d" % seed).digest(), "big")
        if pow(pow(2, b, p), a, p) < 1 << (bits - 8):
            break
        seed += 1
    ga, gb = pow(2, a, p), pow(2, b, p)
    s = pow(gb, a, p)
    assert s == pow(ga, b, p)
    for name, v, width in (("a", a, 32), ("b", b, 32), ("g^a", ga, n),
                           ("g^b", gb, n), ("g^ab", s, n)):
        print("%s = %s" % (name, v.to_bytes(width, "big").hex()))


if __name__ == "__main__":
    find(int(sys.argv[1]) if len(sys.argv) > 1 else 14)
