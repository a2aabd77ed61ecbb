#!/usr/bin/env python3
"""Turns the logs of a real strongSwan negotiation into
tests/strongswan_vectors.h, for test_strongswan.c.

How the logs were made (strongSwan 5.9.8, Debian 12, bare machine): two
network namespaces joined by a veth pair, 10.99.0.1 and 10.99.0.2, each
running /usr/lib/ipsec/charon with a private /run and

    charon {
      load_modular = no
      load = random nonce openssl aes sha1 sha2 md5 hmac gmp curve25519 kdf
             pem pkcs1 x509 pubkey kernel-netlink socket-default vici updown
      filelog { f { path = ...  default = 1  ike = 4  enc = 4  net = 4
                    chd = 4  flush_line = yes } }
    }

and a swanctl.conf of

    connections { t {
      version = 1
      local_addrs = 10.99.0.1   remote_addrs = 10.99.0.2   (mirrored)
      proposals = aes256-sha256-modp2048
      local { auth = psk  id = 10.99.0.1 }  remote { auth = psk  id = 10.99.0.2 }
      children { c { local_ts = 10.1.0.0/16  remote_ts = 10.2.0.0/16
                     esp_proposals = aes128-sha1-modp2048  mode = tunnel } }
    } }
    secrets { ike-1 { id-1 = 10.99.0.1  id-2 = 10.99.0.2
                      secret = "kips strongswan vector" } }

then `swanctl --initiate --ike t --child c` on 10.99.0.1.  Main mode and
quick mode (with PFS) completed; the bare machine's kernel has no ESP, so
installing the CHILD_SA failed and the initiator sent an informational
exchange instead of quick mode message 3.

    strongswan_log.py initiator.log responder.log > ../strongswan_vectors.h

Each log has the datagrams it received (net = 4) and the keys it derived
(ike = 4, chd = 4): the initiator's log gives the responder's messages and
the other way round.
"""
import re
import sys


def blocks(path):
    """(subsystem, label, bytes) of every hex dump in a charon log."""
    out, cur = [], None
    for line in open(path, errors="replace"):
        m = re.match(r"^\d+\[(\w+)\] (.*?) => (\d+) bytes @", line)
        if m:
            cur = [m.group(1), m.group(2), int(m.group(3)), bytearray()]
            out.append(cur)
            continue
        m = re.match(r"^\d+\[\w+\]\s+\d+: ((?:[0-9A-F]{2} ){1,16})", line)
        if m and cur is not None:
            cur[3] += bytes.fromhex(m.group(1).replace(" ", ""))
            continue
        cur = None
    for b in out:
        assert len(b[3]) == b[2], b[1]
    return [(b[0], b[1], bytes(b[3])) for b in out]


def first(bl, label, n=0):
    return [d for _, lab, d in bl if lab == label][n]


def main():
    ini, resp = blocks(sys.argv[1]), blocks(sys.argv[2])
    from_ini = [d for _, lab, d in resp if lab == "received packet"]
    from_resp = [d for _, lab, d in ini if lab == "received packet"]
    mm1, mm3, mm5, qm1, info = from_ini
    mm2, mm4, mm6, qm2 = from_resp
    v = [
        ("sw_psk", b"kips strongswan vector"),
        ("sw_mm1", mm1), ("sw_mm2", mm2), ("sw_mm3", mm3), ("sw_mm4", mm4),
        ("sw_mm5", mm5), ("sw_mm6", mm6), ("sw_qm1", qm1), ("sw_qm2", qm2),
        ("sw_info", info),
        ("sw_gxy", first(ini, "shared Diffie Hellman secret")),
        ("sw_skeyid", first(ini, "SKEYID")),
        ("sw_skeyid_d", first(ini, "SKEYID_d")),
        ("sw_skeyid_a", first(ini, "SKEYID_a")),
        ("sw_skeyid_e", first(ini, "SKEYID_e")),
        ("sw_ka", first(ini, "encryption key Ka")),
        ("sw_iv1", first(ini, "initial IV")),
        ("sw_hash_i", first(ini, "HASH_I")),
        ("sw_hash_r", first(ini, "HASH_R")),
        ("sw_iv_after_mm5", first(ini, "next IV for MID 0", 0)),
        ("sw_iv_after_mm6", first(ini, "next IV for MID 0", 1)),
        ("sw_iv_qm1", first(resp, "next IV for MID 3337833333", 0)),
        ("sw_iv_info", first(resp, "next IV for MID 1749685883", 0)),
        ("sw_qm_gxy", first(ini, "DH secret")),
        ("sw_encr_i", first(ini, "encryption initiator key")),
        ("sw_encr_r", first(ini, "encryption responder key")),
        ("sw_integ_i", first(ini, "integrity initiator key")),
        ("sw_integ_r", first(ini, "integrity responder key")),
    ]
    print("/* SPDX-License-Identifier: GPL-2.0 */")
    print("/* A main mode + quick mode negotiation between two strongSwan 5.9.8")
    print(" * charons, from their logs by tests/vectors/strongswan_log.py (see")
    print(" * there how); do not edit. */")
    for name, val in v:
        h = val.hex()
        lines = ['\t"%s"' % h[i:i + 64] for i in range(0, len(h), 64)]
        print("static const char %s[] =\n%s;" % (name, "\n".join(lines)))


if __name__ == "__main__":
    main()
