#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Mutated copies of captured ESP or AH packets, sent to a kips host.

  pkt_fuzz.py IFACE PCAP COUNT SEED --dst MAC --src MAC

Every ESP and AH frame of the capture (an Ethernet pcap, IPv4 or IPv6
without extension headers) is a seed.  Each of COUNT mutants takes one,
changes what follows the IP header (bits flipped, cut short anywhere,
lengthened, spans overwritten, AH's length byte or ESP's sequence number
set at random; the SPI mostly kept, so that the SA is found and its
checks run), sets the IP length fields to the new size (IPv4 checksum
too, so the stack hands every mutant to kips), and sends it out of IFACE
through a raw packet socket.  A mutant equal to its seed is not sent.
Prints the number sent.
"""
import random
import socket
import struct
import sys

from esp_frames import frames, mac

ETH_P_IP, ETH_P_IPV6 = 0x0800, 0x86DD


def split(frame):
    """(ethernet+IP header, transform header and the rest, family) or None."""
    if len(frame) < 14:
        return None
    etype = struct.unpack_from("!H", frame, 12)[0]
    if etype == ETH_P_IP and len(frame) >= 34 and frame[23] in (50, 51):
        ihl = (frame[14] & 15) * 4
        return frame[:14 + ihl], frame[14 + ihl:], 4
    if etype == ETH_P_IPV6 and len(frame) >= 54 and frame[20] in (50, 51):
        return frame[:54], frame[54:], 6
    return None


def checksum(hdr):
    s = sum(struct.unpack("!%dH" % (len(hdr) // 2), hdr))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def rebuild(head, body, family):
    head = bytearray(head)
    if family == 4:
        struct.pack_into("!H", head, 16, len(head) - 14 + len(body))
        struct.pack_into("!H", head, 24, 0)
        struct.pack_into("!H", head, 24, checksum(bytes(head[14:])))
    else:
        struct.pack_into("!H", head, 18, len(body))
    return bytes(head) + body


def mutate(rng, body, proto):
    b = bytearray(body)
    for _ in range(rng.randrange(1, 4)):
        op = rng.randrange(7)
        if op == 0 and b:
            for _ in range(rng.randrange(1, 9)):
                i = rng.randrange(len(b))
                b[i] ^= 1 << rng.randrange(8)
        elif op == 1 and b:
            del b[rng.randrange(len(b)):]
        elif op == 2:
            b += bytes(rng.getrandbits(8) for _ in range(rng.randrange(1, 65)))
        elif op == 3 and b:
            i = rng.randrange(len(b))
            n = rng.randrange(1, 33)
            b[i:i + n] = bytes(rng.getrandbits(8) for _ in range(min(n, len(b) - i)))
        elif op == 4 and proto == 51 and len(b) > 1:
            b[1] = rng.randrange(256)
        elif op == 5 and len(b) >= 8:
            struct.pack_into("!I", b, 4 if proto == 50 else 8,
                             rng.choice([0, 1, rng.getrandbits(32), 0xFFFFFFFF]))
        elif op == 6 and b:
            i = rng.randrange(len(b))
            b[i] = rng.choice([0, 0xFF])
    return bytes(b)


def main(argv):
    if len(argv) < 8:
        sys.exit(__doc__)
    iface, path, count, seed = argv[0], argv[1], int(argv[2]), int(argv[3])
    opts = dict(zip(argv[4::2], argv[5::2]))
    seeds = [s for s in (split(f) for f in frames(path)) if s]
    if not seeds:
        sys.exit("no ESP or AH frame in %s" % path)
    rng = random.Random(seed)
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    sock.bind((iface, 0))
    sent = 0
    for _ in range(count):
        head, body, family = rng.choice(seeds)
        proto = head[23] if family == 4 else head[20]
        new = mutate(rng, body, proto)
        if new == body:
            continue
        frame = bytearray(rebuild(head, new, family))
        frame[0:6] = mac(opts["--dst"])
        frame[6:12] = mac(opts["--src"])
        sock.send(bytes(frame))
        sent += 1
    sock.close()
    print(sent)


if __name__ == "__main__":
    main(sys.argv[1:])
