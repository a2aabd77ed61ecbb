#!/usr/bin/env python3
"""Computes the MODP primes of RFC 2409 (groups 1, 2) and RFC 3526 (5, 14-18)
from their defining formula,

    p = 2^n - 2^(n-64) - 1 + 2^64 * ( floor(2^(n-130) * pi) + k ),

with pi computed here (Machin's formula, integers only), and checks that each
is a safe prime.  Prints them as the C strings user/ikev1d/dh_groups.c
holds.  Standard library only.
"""
import random

GROUPS = [  # (group, bits, k)
    (1, 768, 149686),
    (2, 1024, 129093),
    (5, 1536, 741804),
    (14, 2048, 124476),
    (15, 3072, 1690314),
    (16, 4096, 240904),
    (17, 6144, 929484),
    (18, 8192, 4743158),
]


def arctan_inv(x, one):
    """arctan(1/x) * one, by its Taylor series."""
    total = term = one // x
    x2, n, sign = x * x, 3, -1
    while term:
        term //= x2
        total += sign * (term // n)
        n += 2
        sign = -sign
    return total


def pi_scaled(bits):
    """floor(pi * 2^bits), with guard bits against rounding."""
    guard = 64
    one = 1 << (bits + guard)
    pi = 16 * arctan_inv(5, one) - 4 * arctan_inv(239, one)
    return pi >> guard


def probably_prime(n, rounds=32):
    if n < 2:
        return False
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    rng = random.Random(2409)
    for _ in range(rounds):
        a = rng.randrange(2, n - 1)
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def modp(bits, k, check=True):
    p = 2**bits - 2**(bits - 64) - 1 + 2**64 * (pi_scaled(bits - 130) + k)
    assert p.bit_length() == bits
    if check:
        assert probably_prime(p) and probably_prime((p - 1) // 2), bits
    return p


if __name__ == "__main__":
    for group, bits, k in GROUPS:
        h = "%X" % modp(bits, k)
        print("/* group %d: MODP-%d */" % (group, bits))
        for i in range(0, len(h), 64):
            print('\t"%s"' % h[i:i + 64])
