#!/usr/bin/env python3
"""What a capture of the wire shows, in one pass (tcpdump once per question
costs a process start each, which is what is slow in the test VM).

  pcapcheck.py PCAP [--marker TEXT]... [--spi SPI]... [--ah]

prints, one per line:
  spis-missing SPI...   the --spi values no ESP packet carried (hex)
  clear N               packets with TCP or an ICMP/ICMPv6 echo in clear
  marker TEXT N         occurrences of TEXT anywhere in the capture

ESP is found directly over IPv4 or IPv6 (after extension headers) and in
UDP port 4500 (RFC 3948, non-ESP marker skipped).  With --ah, the SPIs are
AH's (after the IPv6 extension headers in front of it), and what AH
carries does not count as clear.  The capture must be Ethernet (what
tcpdump writes on a veth).
"""
import struct
import sys

from esp_frames import frames

ETH_IPV4, ETH_IPV6 = 0x0800, 0x86DD
IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP = 1, 6, 17
IPPROTO_ESP, IPPROTO_AH, IPPROTO_ICMPV6 = 50, 51, 58
IPV6_EXT = {0, 43, 60}          # hop-by-hop, routing, destination options
IPV6_FRAG = 44


def transport(frame, ah=False):
    """(protocol, payload) of an Ethernet frame's IP packet, or None; AH is
    looked through unless @ah."""
    if len(frame) < 14:
        return None
    etype = struct.unpack_from("!H", frame, 12)[0]
    ip = frame[14:]
    if etype == ETH_IPV4 and len(ip) >= 20:
        return ip[9], ip[(ip[0] & 0x0F) * 4:]
    if etype == ETH_IPV6 and len(ip) >= 40:
        nh, rest = ip[6], ip[40:]
        while len(rest) >= 8:
            if nh in IPV6_EXT:
                nh, rest = rest[0], rest[(rest[1] + 1) * 8:]
            elif nh == IPV6_FRAG:
                nh, rest = rest[0], rest[8:]
            elif nh == IPPROTO_AH and not ah:
                nh, rest = rest[0], rest[(rest[1] + 2) * 4:]
            else:
                break
        return nh, rest
    return None


def esp_spi(proto, payload, ah=False):
    if ah:
        if proto == IPPROTO_AH and len(payload) >= 8:
            return struct.unpack_from("!I", payload, 4)[0]
        return None
    if proto == IPPROTO_ESP and len(payload) >= 4:
        return struct.unpack_from("!I", payload, 0)[0]
    if proto == IPPROTO_UDP and len(payload) >= 12:
        sport, dport = struct.unpack_from("!HH", payload, 0)
        spi = struct.unpack_from("!I", payload, 8)[0]
        if 4500 in (sport, dport) and spi != 0:
            return spi
    return None


def clear(proto, payload):
    if proto == IPPROTO_TCP:
        return True
    if proto == IPPROTO_ICMP and payload[:1] in (b"\x00", b"\x08"):
        return True
    return proto == IPPROTO_ICMPV6 and payload[:1] in (b"\x80", b"\x81")


def main(argv):
    if len(argv) < 2:
        raise SystemExit(__doc__)
    path, markers, want, ah = argv[1], [], [], False
    args = iter(argv[2:])
    for a in args:
        if a == "--ah":
            ah = True
        elif a == "--marker":
            markers.append(next(args))
        elif a == "--spi":
            want.append(int(next(args), 0))
        else:
            raise SystemExit("pcapcheck: unknown argument %r" % a)
    seen, n_clear = set(), 0
    for frame in frames(path):
        t = transport(frame, ah)
        if t is None:
            continue
        spi = esp_spi(*t, ah)
        if spi is not None:
            seen.add(spi)
        elif clear(*t):
            n_clear += 1
    print("spis-missing", *["0x%x" % s for s in want if s not in seen])
    print("clear", n_clear)
    with open(path, "rb") as f:
        data = f.read()
    for m in markers:
        print("marker", m, data.count(m.encode()))


if __name__ == "__main__":
    main(sys.argv)
