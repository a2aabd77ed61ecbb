#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Mutated requests to the kips family: valid requests of every command,
changed at random (attributes dropped, repeated, retyped, truncated,
lengthened, bit-flipped, nests filled with garbage, whole payloads of
random bytes, other commands, dump flags).  For each one:
  - the kernel answers (an ack or an error) within 5 seconds;
  - a refused request leaves the SAs (keys included) and policies as they
    were: nothing is half-applied;
  - a refusal for bad input (EINVAL, ERANGE, EOPNOTSUPP, EMSGSIZE) says
    what was wrong in an extack message.
The guest's kernel log is judged by the VM runner as always (no WARNING,
BUG, Oops, KFENCE).  Deterministic: seed and count on the command line.

    nl_fuzz.py [SEED] [COUNT]
"""
import errno
import os
import random
import socket
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kipsnl import (E, Kips, NlError, addr, nest, pack_attrs, snapshot, strz,  # noqa: E402
                    u8, u16, u32, u64)

NAME = "nl_fuzz"
KEY16, KEY20, KEY32, KEY36 = (bytes(range(1, n + 1)) for n in (16, 20, 32, 36))
A4, B4, A6, B6 = addr("10.0.0.1"), addr("10.0.0.2"), addr("fd00::1"), addr("fd00::2")
BAD_INPUT = {errno.EINVAL, errno.ERANGE, errno.EOPNOTSUPP, errno.EMSGSIZE}
# What the family serves; anything else is refused by the generic-netlink
# core itself (EOPNOTSUPP, no extack: not ours to word).
DOIT = {"INFO_GET", "SA_NEW", "SA_SET", "SA_DEL", "SA_GET", "SA_FLUSH", "SA_ALLOC_SPI",
        "POLICY_NEW", "POLICY_SET", "POLICY_DEL", "POLICY_GET", "POLICY_FLUSH"}
DUMPIT = {"SA_GET", "POLICY_GET"}


def served(cmd, dump):
    names = {v: k[4:] for k, v in E.items() if k.startswith("CMD_")}
    name = cmd if isinstance(cmd, str) else names.get(cmd)
    return name in (DUMPIT if dump else DOIT)


def sel(**kw):
    return nest([("SEL_A_" + k, v) for k, v in kw.items()])


def lifetime(**kw):
    return nest([("LT_A_" + k, u64(v)) for k, v in kw.items()])


def sa_id(spi, dst=B4, proto=50):
    return [("SA_A_DST", dst), ("SA_A_PROTO", u8(proto)), ("SA_A_SPI", u32(spi))]


def corpus():
    """(command, attributes, dump): valid requests of every kind."""
    c = [
        ("SA_NEW", [("SA_A_SRC", A4), ("SA_A_DST", B4), ("SA_A_PROTO", u8(50)),
                    ("SA_A_SPI", u32(0x4000)), ("SA_A_MODE", u8(2)), ("SA_A_REQID", u32(7)),
                    ("SA_A_AEAD_ALG", strz("aes-gcm")), ("SA_A_AEAD_KEY", KEY20),
                    ("SA_A_ICV_LEN", u8(16)), ("SA_A_REPLAY_WINDOW", u32(64)),
                    ("SA_A_LIFETIME_SOFT", lifetime(BYTES=1000, ADD_SECONDS=50)),
                    ("SA_A_LIFETIME_HARD", lifetime(BYTES=2000, ADD_SECONDS=60)),
                    ("SA_A_SELECTOR", sel(SRC=addr("10.1.0.0"), SRC_PREFIXLEN=u8(16),
                                          PROTO=u8(6), DPORT_MIN=u16(80), DPORT_MAX=u16(90)))],
         False),
        ("SA_NEW", [("SA_A_SRC", A6), ("SA_A_DST", B6), ("SA_A_PROTO", u8(50)),
                    ("SA_A_SPI", u32(0x4001)), ("SA_A_ENC_ALG", strz("aes-cbc")),
                    ("SA_A_ENC_KEY", KEY16), ("SA_A_AUTH_ALG", strz("hmac-sha256-128")),
                    ("SA_A_AUTH_KEY", KEY32), ("SA_A_FLAGS", u32(E["SA_F_ESN"])),
                    ("SA_A_REPLAY_WINDOW", u32(128)),
                    ("SA_A_ENCAP_SPORT", u16(4500)), ("SA_A_ENCAP_DPORT", u16(4500))], False),
        ("SA_NEW", [("SA_A_SRC", A4), ("SA_A_DST", B4), ("SA_A_PROTO", u8(51)),
                    ("SA_A_SPI", u32(0x4002)), ("SA_A_AUTH_ALG", strz("hmac-sha1-96")),
                    ("SA_A_AUTH_KEY", KEY20)], False),
        ("SA_NEW", [("SA_A_SRC", A4), ("SA_A_DST", B4), ("SA_A_PROTO", u8(50)),
                    ("SA_A_SPI", u32(0x4003)), ("SA_A_AEAD_ALG", strz("chacha20-poly1305")),
                    ("SA_A_AEAD_KEY", KEY36), ("SA_A_ICV_LEN", u8(16))], False),
        ("SA_SET", sa_id(0x1000) + [("SA_A_LIFETIME_HARD", lifetime(PACKETS=100))], False),
        ("SA_GET", sa_id(0x1000) + [("SA_A_REQ_FLAGS", u32(E["REQ_F_KEYS"]))], False),
        ("SA_GET", [("SA_A_PROTO", u8(50))], True),
        ("SA_DEL", sa_id(0x1001, B6, 51), False),
        ("SA_FLUSH", [("SA_A_PROTO", u8(51))], False),
        ("SA_ALLOC_SPI", [("SA_A_SRC", A4), ("SA_A_DST", B4), ("SA_A_PROTO", u8(50)),
                          ("SA_A_SPI_MIN", u32(0x5000)), ("SA_A_SPI_MAX", u32(0x50ff))], False),
        ("POLICY_NEW", [("POL_A_DIR", u8(E["DIR_OUT"])), ("POL_A_ACTION", u8(E["ACTION_PROTECT"])),
                        ("POL_A_PRIORITY", u32(10)),
                        ("POL_A_SELECTOR", sel(SRC=addr("10.1.0.0"), SRC_PREFIXLEN=u8(24),
                                               DST=addr("10.2.0.0"), DST_PREFIXLEN=u8(24),
                                               PROTO=u8(17), SPORT_MIN=u16(53), SPORT_MAX=u16(53))),
                        ("POL_A_TMPL", nest([("TMPL_A_PROTO", u8(51)), ("TMPL_A_MODE", u8(1)),
                                             ("TMPL_A_REQID", u32(3))])),
                        ("POL_A_TMPL", nest([("TMPL_A_PROTO", u8(50)), ("TMPL_A_MODE", u8(2)),
                                             ("TMPL_A_SRC", A4), ("TMPL_A_DST", B4),
                                             ("TMPL_A_REQID", u32(4))]))], False),
        ("POLICY_SET", [("POL_A_DIR", u8(E["DIR_IN"])), ("POL_A_ACTION", u8(E["ACTION_DISCARD"])),
                        ("POL_A_SELECTOR", sel(SRC=A4, SRC_PREFIXLEN=u8(32)))], False),
        ("POLICY_GET", [], True),
        ("POLICY_GET", [("POL_A_INDEX", u32(1))], False),
        ("POLICY_DEL", [("POL_A_DIR", u8(E["DIR_IN"])),
                        ("POL_A_SELECTOR", sel(SRC=A4, SRC_PREFIXLEN=u8(32)))], False),
        ("POLICY_FLUSH", [("POL_A_DIR", u8(E["DIR_FWD"]))], False),
        ("INFO_GET", [], False),
    ]
    return c


def rand_bytes(rng, n):
    return bytes(rng.getrandbits(8) for _ in range(n))


def mutate_value(rng, v):
    """A changed attribute value (bytes or a nest)."""
    if isinstance(v, tuple):
        if rng.random() < 0.6:
            return nest(mutate_list(rng, v[1]))
        return rand_bytes(rng, rng.randrange(0, 40))
    op = rng.randrange(5)
    if op == 0 and v:
        return v[:rng.randrange(len(v))]
    if op == 1:
        return v + rand_bytes(rng, rng.randrange(1, 70))
    if op == 2 and v:
        b = bytearray(v)
        i = rng.randrange(len(b))
        b[i] ^= 1 << rng.randrange(8)
        return bytes(b)
    if op == 3:
        return rng.choice([u8(0), u8(255), u16(0), u16(0xffff), u32(0), u32(0xffffffff),
                           u32(rng.getrandbits(32)), u64(0), u64(2 ** 64 - 1), b""])
    return rand_bytes(rng, rng.randrange(0, 80))


def mutate_list(rng, attrs):
    attrs = list(attrs)
    for _ in range(rng.randrange(1, 4)):
        op = rng.randrange(5)
        if op == 0 and attrs:
            del attrs[rng.randrange(len(attrs))]
        elif op == 1 and attrs:
            attrs.append(rng.choice(attrs))
        elif op == 2 and attrs:
            i = rng.randrange(len(attrs))
            t, v = attrs[i]
            attrs[i] = (rng.randrange(0, 48), v)
        elif op == 3 and attrs:
            i = rng.randrange(len(attrs))
            t, v = attrs[i]
            attrs[i] = (t, mutate_value(rng, v))
        else:
            attrs.append((rng.randrange(1, 48), mutate_value(rng, rand_bytes(rng, 4))))
    return attrs


def mutant(rng, base):
    cmd, attrs, dump = rng.choice(base)
    raw = None
    r = rng.random()
    if r < 0.1:
        raw = rand_bytes(rng, rng.randrange(0, 120))
    elif r < 0.2:
        raw = pack_attrs(attrs) + rand_bytes(rng, rng.randrange(1, 12))
    else:
        attrs = mutate_list(rng, attrs)
    if rng.random() < 0.1:
        cmd = rng.randrange(0, 20)
    if rng.random() < 0.1:
        dump = not dump
    return cmd, attrs, dump, raw


def send(nl, cmd, attrs, dump, raw):
    """Like Kips.request, but the command may be a number and the payload
    anything pack_attrs can make."""
    payload = raw if raw is not None else pack_attrs(attrs)
    num = E["CMD_" + cmd] if isinstance(cmd, str) else cmd
    flags = 0x1 | 0x4 | (0x300 if dump else 0)     # REQUEST | ACK [| DUMP]
    return nl._recv(nl._send(nl.family, num, payload, flags))


def baseline(nl):
    nl.request("SA_FLUSH")
    nl.request("POLICY_FLUSH")
    nl.request("SA_NEW", [("SA_A_SRC", A4), ("SA_A_DST", B4), ("SA_A_PROTO", u8(50)),
                          ("SA_A_SPI", u32(0x1000)), ("SA_A_MODE", u8(2)),
                          ("SA_A_AEAD_ALG", strz("aes-gcm")), ("SA_A_AEAD_KEY", KEY20),
                          ("SA_A_ICV_LEN", u8(16))])
    nl.request("SA_NEW", [("SA_A_SRC", A6), ("SA_A_DST", B6), ("SA_A_PROTO", u8(51)),
                          ("SA_A_SPI", u32(0x1001)), ("SA_A_AUTH_ALG", strz("hmac-sha1-96")),
                          ("SA_A_AUTH_KEY", KEY20)])
    nl.request("POLICY_NEW", [("POL_A_DIR", u8(E["DIR_IN"])), ("POL_A_ACTION", u8(E["ACTION_BYPASS"])),
                              ("POL_A_SELECTOR", sel(SRC=A4, SRC_PREFIXLEN=u8(32)))])


def describe(cmd, attrs, dump, raw):
    what = cmd if isinstance(cmd, str) else "command %d" % cmd
    payload = raw if raw is not None else pack_attrs(attrs)
    return "%s%s payload %s" % (what, " (dump)" if dump else "", payload.hex()[:160])


def main(argv):
    seed = int(argv[1]) if len(argv) > 1 else 1
    count = int(argv[2]) if len(argv) > 2 else 3000
    rng = random.Random(seed)
    nl = Kips()
    nl.sock.settimeout(5)
    base = corpus()
    problems = {"hang": [], "half": [], "silent": []}
    stats = {"ok": 0, "refused": 0}
    errnos = {}
    baseline(nl)
    before = snapshot(nl)
    for i in range(count):
        if i % 100 == 99:
            baseline(nl)
            before = snapshot(nl)
        m = mutant(rng, base)
        try:
            send(nl, *m)
            stats["ok"] += 1
            before = snapshot(nl)
            continue
        except socket.timeout:
            problems["hang"].append(describe(*m))
            nl.close()
            nl = Kips()
            nl.sock.settimeout(5)
            before = snapshot(nl)
            continue
        except NlError as e:
            stats["refused"] += 1
            errnos[e.errno] = errnos.get(e.errno, 0) + 1
            core = e.errno == errno.EOPNOTSUPP and not served(m[0], m[2])
            if e.errno in BAD_INPUT and not e.msg and not core:
                problems["silent"].append("%s: errno %d" % (describe(*m), e.errno))
        after = snapshot(nl)
        if after != before:
            problems["half"].append(describe(*m))
            before = after
    # The family still works as it should.
    baseline(nl)
    works = len(snapshot(nl)) == 3
    print("# seed %d, %d requests: %d accepted, %d refused; errnos %s" %
          (seed, count, stats["ok"], stats["refused"],
           ", ".join("%s %d" % (errno.errorcode.get(k, k), v) for k, v in sorted(errnos.items()))))
    failed = 0
    checks = [("hang", "every request was answered within 5 s"),
              ("half", "every refused request left the SAs and policies as they were"),
              ("silent", "every refusal of bad input carried an extack message")]
    for key, what in checks:
        if problems[key]:
            failed += 1
            print("FAIL: %s: %s: %d did not, e.g. %s" % (NAME, what, len(problems[key]),
                                                        problems[key][0]))
        else:
            print("PASS: %s: %s (%d requests, seed %d)" % (NAME, what, count, seed))
    if works:
        print("PASS: %s: the family still installs and reads back SAs and policies" % NAME)
    else:
        failed += 1
        print("FAIL: %s: after the fuzzing, the baseline could not be installed again" % NAME)
    nl.request("SA_FLUSH")
    nl.request("POLICY_FLUSH")
    return 1 if failed else 0


sys.exit(main(sys.argv))
