#!/usr/bin/env python3
"""UDP sockets and datagrams for the NAT traversal scenario (esp_natt.sh).

  natt.py hold PORT
      XFRM's receiving side of ESP in UDP: IPv4 and IPv6 sockets bound to
      PORT with UDP_ENCAP_ESPINUDP set, held open until killed; prints
      "ready" once bound.  Like an IKE daemon's, the sockets bypass IPsec
      policy (IP_XFRM_POLICY "allow" both ways): the UDP policy check
      comes before the encapsulation hook, and a transport-mode policy
      between the two hosts covers the datagrams themselves
  natt.py listen PORT...
      what IKE would have on the kips side: plain IPv4 and IPv6 sockets on
      each PORT; prints "ready" once bound, then "PORT HEX" for every
      datagram (its first 24 bytes), until killed
  natt.py probe DST SPI SEQ
      from a third host to DST, the datagrams that must reach the listener
      (to port 4500: IKE behind the non-ESP marker, a NAT keepalive, ESP
      for an SPI nobody has; to port 4501: ESP for SPI, whose SA is not
      encapsulated on that port) and those kips must take from port 4500
      (ESP for SPI with sequence number SEQ and a wrong ICV: an integrity
      failure; then, sent raw, a datagram with a wrong UDP checksum and
      one whose UDP length overruns the packet: two malformed ones)
"""
import ipaddress
import signal
import socket
import struct
import sys
import time

SOL_UDP = 17
UDP_ENCAP = 100
UDP_ENCAP_ESPINUDP = 2
IP_XFRM_POLICY, IPV6_XFRM_POLICY = 17, 35
XFRM_POLICY_IN, XFRM_POLICY_OUT = 0, 1

IKE = b"\0\0\0\0" + b"KIPS-NATT-IKE-PACKET"
KEEPALIVE = b"\xff"
UNKNOWN_SPI = 0xDEADBEEF


def family(addr):
    return socket.AF_INET6 if ":" in addr else socket.AF_INET


def sockets(port, encap=False):
    out = []
    for fam, any_ in ((socket.AF_INET, "0.0.0.0"), (socket.AF_INET6, "::")):
        s = socket.socket(fam, socket.SOCK_DGRAM)
        if fam == socket.AF_INET6:
            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        s.bind((any_, port))
        if encap:
            s.setsockopt(SOL_UDP, UDP_ENCAP, UDP_ENCAP_ESPINUDP)
            bypass(s, fam)
        out.append(s)
    return out


def bypass(s, fam):
    # struct xfrm_userpolicy_info (168 bytes): sel.family at 40, dir at
    # 160, action at 161 (0: allow); the rest zero.
    for d in (XFRM_POLICY_IN, XFRM_POLICY_OUT):
        pol = bytearray(168)
        struct.pack_into("=H", pol, 40, fam)
        pol[160] = d
        if fam == socket.AF_INET:
            s.setsockopt(socket.IPPROTO_IP, IP_XFRM_POLICY, bytes(pol))
        else:
            s.setsockopt(socket.IPPROTO_IPV6, IPV6_XFRM_POLICY, bytes(pol))


def hold(port):
    keep = sockets(int(port), encap=True)
    print("ready", flush=True)
    while keep:
        time.sleep(3600)


def listen(ports):
    import selectors
    sel = selectors.DefaultSelector()
    for p in ports:
        for s in sockets(int(p)):
            sel.register(s, selectors.EVENT_READ, p)
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
    print("ready", flush=True)
    while True:
        for key, _ in sel.select():
            d = key.fileobj.recv(65536)
            print(key.data, d[:24].hex(), flush=True)


def esp(spi, seq):
    # Header, 8 bytes of IV, 16 of "ciphertext", 16 of ICV: all made up.
    return struct.pack("!II", spi, seq) + bytes(range(40))


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s >> 16) + (s & 0xFFFF)
    return ~s & 0xFFFF


def raw_udp(src, dst, sport, dport, payload, bad):
    """A UDP datagram built by hand: @bad is "csum" (a checksum that is not
    the datagram's: off by one over IPv4, zero over IPv6) or "len" (the
    length field 4 bytes past the end)."""
    fam = family(dst)
    ulen = 8 + len(payload)
    a, b = ipaddress.ip_address(src).packed, ipaddress.ip_address(dst).packed
    if fam == socket.AF_INET:
        pseudo = a + b + struct.pack("!BBH", 0, 17, ulen)
    else:
        pseudo = a + b + struct.pack("!I3xB", ulen, 17)
    good = csum(pseudo + struct.pack("!HHHH", sport, dport, ulen, 0) + payload) or 0xFFFF
    if bad == "csum":
        check = 0 if fam == socket.AF_INET6 else (good % 0xFFFF) + 1
        hdr = struct.pack("!HHHH", sport, dport, ulen, check)
    else:
        hdr = struct.pack("!HHHH", sport, dport, ulen + 4, good)
    s = socket.socket(fam, socket.SOCK_RAW, socket.IPPROTO_UDP)
    s.bind((src, 0))
    s.sendto(hdr + payload, (dst, 0))
    s.close()


def probe(dst, spi, seq):
    spi, seq = int(spi, 0), int(seq, 0)
    s = socket.socket(family(dst), socket.SOCK_DGRAM)
    s.connect((dst, 4500))
    src = s.getsockname()[0]
    for d in (IKE, KEEPALIVE, esp(UNKNOWN_SPI, 1)):
        s.send(d)
    s.sendto(esp(spi, seq), (dst, 4501))
    s.send(esp(spi, seq))
    s.close()
    raw_udp(src, dst, 40000, 4500, esp(spi, seq + 1), "csum")
    raw_udp(src, dst, 40000, 4500, esp(spi, seq + 2), "len")
    print("sent", flush=True)


def main(argv):
    if len(argv) < 2:
        raise SystemExit(__doc__)
    cmd, args = argv[1], argv[2:]
    if cmd == "hold" and len(args) == 1:
        hold(*args)
    elif cmd == "listen" and args:
        listen(args)
    elif cmd == "probe" and len(args) == 3:
        probe(*args)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
