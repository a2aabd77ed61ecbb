#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Raw requests to the kips family that the kips command never sends:
unknown and output-only attributes, wrong lengths, unknown flag bits,
oversized keys, malformed nests, requests for event-only commands.  Each
must be refused with its errno and extack message and change nothing (the
SAs, keys included, and policies are compared before and after).  Prints
PASS/FAIL lines; run inside a fresh namespace (selftests/nl_raw.sh)."""
import errno
import os
import re
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kipsnl import (E, Kips, NlError, addr, nest, pack_attrs, snapshot, strz,  # noqa: E402
                    u8, u16, u32, u64)

NAME = "nl_raw"
failed = passed = 0


def result(ok, what, why=""):
    global failed, passed
    if ok:
        passed += 1
        print("PASS: %s: %s" % (NAME, what))
    else:
        failed += 1
        print("FAIL: %s: %s: %s" % (NAME, what, why))
    sys.stdout.flush()


A, B = addr("10.0.0.1"), addr("10.0.0.2")
KEY16, KEY32, KEY20 = bytes(range(1, 17)), bytes(range(1, 33)), bytes(range(1, 21))


def sa(spi=0x2000, **extra):
    """A valid SA_NEW request, with attributes replaced or added."""
    attrs = {"SA_A_SRC": A, "SA_A_DST": B, "SA_A_PROTO": u8(50), "SA_A_SPI": u32(spi),
             "SA_A_ENC_ALG": strz("aes-cbc"), "SA_A_ENC_KEY": KEY16,
             "SA_A_AUTH_ALG": strz("hmac-sha256-128"), "SA_A_AUTH_KEY": KEY32}
    for k, v in extra.items():
        if v is None:
            attrs.pop("SA_A_" + k, None)
        else:
            attrs["SA_A_" + k] = v
    return list(attrs.items())


def sel(**kw):
    return nest([("SEL_A_" + k, v) for k, v in kw.items()])


def refused(nl, what, cmd, attrs=(), err=errno.EINVAL, msg="", raw=None, dump=False,
            miss=None):
    before = snapshot(nl)
    try:
        nl.request(cmd, attrs, raw=raw, dump=dump)
        got = None
    except NlError as e:
        got = e
    after = snapshot(nl)
    if got is None:
        result(False, what, "accepted")
    elif got.errno != err:
        result(False, what, "errno %d (%s), expected %d" % (got.errno, got.msg, err))
    elif not re.search(msg, got.msg or ""):
        result(False, what, "message %r, expected /%s/" % (got.msg, msg))
    elif miss is not None and got.miss_type != E[miss]:
        result(False, what, "missing attribute %s, expected %s" % (got.miss_type, miss))
    elif before != after:
        result(False, what, "the state changed")
    else:
        result(True, what)


def main():
    nl = Kips()
    # Something to keep unchanged.
    nl.request("SA_NEW", sa(0x1000, MODE=u8(2), REQID=u32(1)))
    nl.request("SA_NEW", [("SA_A_SRC", addr("fd00::1")), ("SA_A_DST", addr("fd00::2")),
                          ("SA_A_PROTO", u8(51)), ("SA_A_SPI", u32(0x1001)),
                          ("SA_A_AUTH_ALG", strz("hmac-sha1-96")), ("SA_A_AUTH_KEY", KEY20)])
    nl.request("POLICY_NEW", [("POL_A_DIR", u8(E["DIR_IN"])), ("POL_A_ACTION", u8(E["ACTION_BYPASS"])),
                              ("POL_A_SELECTOR", sel(SRC=A, SRC_PREFIXLEN=u8(32)))])
    result(len(snapshot(nl)) == 3, "baseline holds 2 SAs and a policy")

    EINVAL, ERANGE, EOPNOTSUPP = errno.EINVAL, errno.ERANGE, errno.EOPNOTSUPP
    refused(nl, "SPI 0", "SA_NEW", sa(0), msg=r"^SPI 0 is invalid$")
    refused(nl, "SPI 255 (reserved)", "SA_NEW", sa(255), msg=r"^SPI 1\.\.255 are reserved")
    refused(nl, "unknown algorithm name", "SA_NEW", sa(ENC_ALG=strz("aes-foo")),
            msg="^unknown algorithm")
    refused(nl, "AEAD name as the encryption algorithm", "SA_NEW", sa(ENC_ALG=strz("aes-gcm")),
            msg="^not an encryption algorithm")
    refused(nl, "algorithm name of 32 characters", "SA_NEW", sa(ENC_ALG=strz("a" * 32)),
            msg="Attribute failed policy validation")
    refused(nl, "algorithm name without its NUL", "SA_NEW", sa(ENC_ALG=b"aes-cbc"),
            msg="Attribute failed policy validation")
    refused(nl, "unknown SA flag bits", "SA_NEW", sa(FLAGS=u32(0x80), REPLAY_WINDOW=u32(32)),
            err=EOPNOTSUPP, msg="^unknown SA flag bits$")
    refused(nl, "unknown attribute type", "SA_NEW", sa() + [(200, u32(1))],
            msg="^Unknown attribute type$")
    refused(nl, "output-only attribute (state) in a request", "SA_NEW", sa(STATE=u8(2)),
            msg="^Unsupported attribute$")
    refused(nl, "attribute of another command (spi-min in SA_NEW)", "SA_NEW",
            sa(SPI_MIN=u32(0x3000)), msg="^Unsupported attribute$")
    refused(nl, "wrong attribute length (SPI as u16)", "SA_NEW", sa(SPI=u16(0x2000)),
            msg="^invalid attribute length$")
    refused(nl, "oversized key (65 bytes)", "SA_NEW", sa(ENC_KEY=bytes(65)),
            msg="^key longer than 64 bytes")
    refused(nl, "address of 5 bytes", "SA_NEW", sa(DST=b"\x0a\0\0\x02\x00"),
            msg=r"^address must be 4 \(IPv4\) or 16 \(IPv6\) bytes$")
    refused(nl, "address families differ", "SA_NEW", sa(DST=addr("fd00::2")),
            msg="^address families differ$")
    refused(nl, "protocol 17", "SA_NEW", sa(PROTO=u8(17)),
            msg=r"^protocol must be esp \(50\) or ah \(51\)$")
    refused(nl, "mode 3", "SA_NEW", sa(MODE=u8(3)), err=ERANGE, msg="^integer out of range$")
    refused(nl, "replay window 4097", "SA_NEW", sa(REPLAY_WINDOW=u32(4097)), err=ERANGE,
            msg="^integer out of range$")
    refused(nl, "missing destination (names the attribute)", "SA_NEW", sa(DST=None),
            msg="^SA needs its destination address$", miss="SA_A_DST")
    refused(nl, "key without its algorithm", "SA_NEW", sa() + [("SA_A_AEAD_KEY", KEY20)],
            msg="^key without its algorithm$")
    refused(nl, "ICV length with a non-AEAD suite", "SA_NEW", sa(ICV_LEN=u8(16)),
            msg="^ICV length applies to AEAD algorithms only$")
    refused(nl, "only one encapsulation port", "SA_NEW", sa(ENCAP_SPORT=u16(4500)),
            msg="^UDP encapsulation needs both ports$")
    refused(nl, "encapsulation port 0", "SA_NEW", sa(ENCAP_SPORT=u16(0), ENCAP_DPORT=u16(4500)),
            msg="^UDP encapsulation port 0 is invalid$")
    refused(nl, "lifetime nest without NLA_F_NESTED", "SA_NEW",
            raw=pack_attrs(sa()) + struct.pack("=HH", 16, E["SA_A_LIFETIME_HARD"]) +
            pack_attrs([("LT_A_BYTES", u64(1))]), msg="NLA_F_NESTED is missing")
    refused(nl, "unknown attribute inside the lifetime nest", "SA_NEW",
            sa(LIFETIME_HARD=nest([(9, u64(1))])), msg="^Unknown attribute type$")
    refused(nl, "truncated attribute header", "SA_NEW", raw=pack_attrs(sa()) + b"\x08\x00",
            msg="bytes leftover after parsing attributes")
    refused(nl, "selector address without its prefix length", "SA_NEW",
            sa(MODE=u8(2), SELECTOR=sel(SRC=addr("10.9.0.0"))),
            msg="^selector address and prefix length go together$")
    refused(nl, "selector prefix length 33 for IPv4", "SA_NEW",
            sa(MODE=u8(2), SELECTOR=sel(SRC=addr("10.9.0.0"), SRC_PREFIXLEN=u8(33))),
            msg="^prefix length above 32 for an IPv4 selector$")
    refused(nl, "selector families differ", "SA_NEW",
            sa(MODE=u8(2), SELECTOR=sel(SRC=addr("10.9.0.0"), SRC_PREFIXLEN=u8(16),
                                         DST=addr("fd00::"), DST_PREFIXLEN=u8(64))),
            msg="^selector address families differ$")
    refused(nl, "selector port range reversed", "SA_NEW",
            sa(MODE=u8(2), SELECTOR=sel(PROTO=u8(6), DPORT_MIN=u16(90), DPORT_MAX=u16(80))),
            msg=r"^selector range reversed \(minimum above maximum\)$")
    refused(nl, "ICMP type above 255", "SA_NEW",
            sa(MODE=u8(2), SELECTOR=sel(PROTO=u8(1), SPORT_MIN=u16(8), SPORT_MAX=u16(300))),
            msg=r"^ICMP type and code selectors are 0\.\.255$")
    refused(nl, "ports without a protocol", "SA_NEW",
            sa(MODE=u8(2), SELECTOR=sel(DPORT_MIN=u16(80))),
            msg="^port selector needs protocol tcp, udp, sctp or udplite")
    refused(nl, "unknown request flag bits", "SA_GET",
            [("SA_A_DST", B), ("SA_A_PROTO", u8(50)), ("SA_A_SPI", u32(0x1000)),
             ("SA_A_REQ_FLAGS", u32(2))], err=EOPNOTSUPP, msg="^unknown request flag bits$")
    # Refused in the first dump round, with the message in NLMSG_DONE
    # (Linux 6.1 gives a dump's start callback no extack).
    refused(nl, "SA dump with an identity", "SA_GET", [("SA_A_SPI", u32(0x1000))], dump=True,
            msg="^an SA dump takes no SA identity")
    refused(nl, "SA dump of protocol 17", "SA_GET", [("SA_A_PROTO", u8(17))], dump=True,
            msg=r"^protocol must be esp \(50\) or ah \(51\)$")
    refused(nl, "policy dump with an index", "POLICY_GET", [("POL_A_INDEX", u32(1))], dump=True,
            msg="^a policy dump takes no policy identity")
    refused(nl, "policy named by index and selector", "POLICY_DEL",
            [("POL_A_INDEX", u32(1)), ("POL_A_DIR", u8(1))],
            msg="^name the policy by index or by direction and selector, not both$")
    refused(nl, "policy index 0", "POLICY_NEW",
            [("POL_A_INDEX", u32(0)), ("POL_A_DIR", u8(1)), ("POL_A_ACTION", u8(2)),
             ("POL_A_SELECTOR", sel())], err=ERANGE, msg="^integer out of range$")
    refused(nl, "policy without a selector", "POLICY_NEW",
            [("POL_A_DIR", u8(1)), ("POL_A_ACTION", u8(2))],
            msg="^policy needs a selector$", miss="POL_A_SELECTOR")
    refused(nl, "template without a protocol", "POLICY_NEW",
            [("POL_A_DIR", u8(2)), ("POL_A_SELECTOR", sel()),
             ("POL_A_TMPL", nest([("TMPL_A_MODE", u8(1))]))],
            msg=r"^template needs a protocol \(esp or ah\)$")
    refused(nl, "template SPI 7", "POLICY_NEW",
            [("POL_A_DIR", u8(2)), ("POL_A_SELECTOR", sel()),
             ("POL_A_TMPL", nest([("TMPL_A_PROTO", u8(50)), ("TMPL_A_SPI", u32(7))]))],
            msg=r"^SPI 1\.\.255 are reserved")
    refused(nl, "direction 4", "POLICY_FLUSH", [("POL_A_DIR", u8(4))], err=ERANGE,
            msg="^integer out of range$")
    refused(nl, "flush of protocol 0", "SA_FLUSH", [("SA_A_PROTO", u8(0))],
            msg=r"^protocol must be esp \(50\) or ah \(51\)$")
    refused(nl, "allocspi range starting at 100", "SA_ALLOC_SPI",
            [("SA_A_SRC", A), ("SA_A_DST", B), ("SA_A_PROTO", u8(50)), ("SA_A_SPI_MIN", u32(100))],
            msg=r"^SPI 1\.\.255 are reserved")
    refused(nl, "wrong attribute length (template SPI as u8)", "POLICY_NEW",
            [("POL_A_DIR", u8(2)), ("POL_A_SELECTOR", sel()),
             ("POL_A_TMPL", nest([("TMPL_A_PROTO", u8(50)), ("TMPL_A_SPI", u8(7))]))],
            msg="^invalid attribute length$")
    refused(nl, "wrong attribute length (protocol as u32)", "SA_DEL",
            [("SA_A_DST", B), ("SA_A_PROTO", u32(50)), ("SA_A_SPI", u32(0x1000))],
            msg="^invalid attribute length$")
    refused(nl, "request for the event-only ACQUIRE", "ACQUIRE", err=EOPNOTSUPP)
    refused(nl, "request for the event-only SA_EXPIRE", "SA_EXPIRE", err=EOPNOTSUPP)

    # Positive raw checks: what the kernel keeps is what it was given.
    nl.request("SA_NEW", sa(0x3000, MODE=u8(2), SELECTOR=sel(SRC=addr("10.9.8.7"), SRC_PREFIXLEN=u8(16),
                                                             PROTO=u8(6), DPORT_MIN=u16(443),
                                                             DPORT_MAX=u16(443))))
    (r,) = nl.request("SA_GET", [("SA_A_DST", B), ("SA_A_PROTO", u8(50)), ("SA_A_SPI", u32(0x3000)),
                                 ("SA_A_REQ_FLAGS", u32(E["REQ_F_KEYS"]))])
    attrs = dict(r["attrs"])
    s = dict(__import__("kipsnl").parse_attrs(attrs[E["SA_A_SELECTOR"]]))
    result(s.get(E["SEL_A_SRC"]) == addr("10.9.0.0") and s.get(E["SEL_A_DST"]) == bytes(4) and
           s.get(E["SEL_A_DST_PREFIXLEN"]) == u8(0),
           "selector addresses are kept masked; an absent side is any address of the family",
           repr(s))
    result(attrs.get(E["SA_A_ENC_KEY"]) == KEY16 and attrs.get(E["SA_A_AUTH_KEY"]) == KEY32,
           "keys read back as given (REQ_F_KEYS)")
    (r,) = nl.request("SA_GET", [("SA_A_DST", B), ("SA_A_PROTO", u8(50)), ("SA_A_SPI", u32(0x3000))])
    result(not {E["SA_A_ENC_KEY"], E["SA_A_AUTH_KEY"], E["SA_A_AEAD_KEY"]} & {t for t, _ in r["attrs"]},
           "no key without REQ_F_KEYS")
    # A request that carries a key attribute twice: the kernel uses the last.
    nl.request("SA_NEW", sa(0x3001) + [("SA_A_ENC_KEY", bytes(range(100, 116)))])
    (r,) = nl.request("SA_GET", [("SA_A_DST", B), ("SA_A_PROTO", u8(50)), ("SA_A_SPI", u32(0x3001)),
                                 ("SA_A_REQ_FLAGS", u32(E["REQ_F_KEYS"]))])
    result(dict(r["attrs"]).get(E["SA_A_ENC_KEY"]) == bytes(range(100, 116)),
           "a repeated attribute: the last one counts")
    print("# %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


sys.exit(main())
