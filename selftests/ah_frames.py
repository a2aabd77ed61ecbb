#!/usr/bin/env python3
"""UDP datagrams that carry IP options or IPv6 extension headers, for the
AH scenarios: the headers AH must zero in part before computing its ICV.

  ah_frames.py recv ADDR PORT SECONDS COUNT
      prints "ready" once bound, then each distinct payload received on
      ADDR:PORT, one a line, until COUNT were received or SECONDS have passed
  ah_frames.py send SRC DST PORT KIND TAG
      sends TAG (three times, 0.3 s apart) from SRC to DST:PORT with the
      headers KIND names:
        v4opts   IPv4 router alert (immutable) and record route (mutable,
                 filled in by the router on the way)
        v6hbh    IPv6 hop-by-hop options: one that may change en route
                 (type 0x3e), one that may not (0x1e)
        v6dst    the same as a destination options header
  ah_frames.py list PCAP
      one line per AH frame of an Ethernet capture: INDEX SPI SEQ LENGTH
  ah_frames.py resend IFACE PCAP INDEX --dst MAC --src MAC [EDIT]...
      sends AH frame INDEX out of IFACE through a raw packet socket, with
      its Ethernet addresses replaced and edited first:
        --ip OFF=BYTE    the byte OFF bytes into the IP header set to BYTE
                         (hex), the IPv4 header checksum made right again
        --ah OFF         the lowest bit of the byte OFF bytes into the AH
                         header (or past it, into the payload) flipped
  ah_frames.py gmac PCAP KEY...
      checks the ICV of every AH packet of the capture (IPv4, no options)
      as RFC 4543 defines AES-GMAC in AH, with Python's own AES-GCM: the
      tag over the packet with its mutable fields and the ICV zeroed, under
      the nonce salt || IV; KEY (hex, key then 4-byte salt) is any of those
      given.  Prints "verified N failed M".
"""
import socket
import struct
import sys
import time

from esp_frames import frames as pcap_frames

ETH_P_IP, ETH_P_IPV6, IPPROTO_AH = 0x0800, 0x86DD, 51

# Experimental option types (RFC 4727), "skip if unknown": 0x3e has the
# "may change en route" bit, 0x1e has not.
V6_OPTS = bytes([0, 1, 0x3E, 4, 0xA1, 0xA2, 0xA3, 0xA4,
                 0x1E, 4, 0xB1, 0xB2, 0xB3, 0xB4, 1, 0])
# Router alert, record route with room for two hops, end of list.
V4_OPTS = bytes([148, 4, 0, 0, 7, 11, 4] + [0] * 8 + [0])


def family(addr):
    return socket.AF_INET6 if ":" in addr else socket.AF_INET


def recv(addr, port, seconds, count):
    s = socket.socket(family(addr), socket.SOCK_DGRAM)
    s.bind((addr, int(port)))
    print("ready", flush=True)
    end = time.time() + float(seconds)
    seen = []
    while len(seen) < int(count) and time.time() < end:
        s.settimeout(max(0.05, end - time.time()))
        try:
            data = s.recv(2048)
        except socket.timeout:
            break
        tag = data.decode(errors="replace")
        if tag not in seen:
            seen.append(tag)
            print(tag, flush=True)


def send(src, dst, port, kind, tag):
    s = socket.socket(family(dst), socket.SOCK_DGRAM)
    s.bind((src, 0))
    if kind == "v4opts":
        s.setsockopt(socket.IPPROTO_IP, socket.IP_OPTIONS, V4_OPTS)
    elif kind == "v6hbh":
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_HOPOPTS, V6_OPTS)
    elif kind == "v6dst":
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_DSTOPTS, V6_OPTS)
    else:
        sys.exit("unknown kind " + kind)
    for _ in range(3):
        s.sendto(tag.encode(), (dst, int(port)))
        time.sleep(0.3)


def ah_offset(frame):
    """Offset of the AH header in an Ethernet frame, or None."""
    etype = struct.unpack_from("!H", frame, 12)[0]
    if etype == ETH_P_IP and frame[23] == IPPROTO_AH:
        return 14 + (frame[14] & 15) * 4
    if etype != ETH_P_IPV6:
        return None
    nexthdr, off = frame[20], 54
    while nexthdr in (0, 43, 60):
        nexthdr, off = frame[off], off + (frame[off + 1] + 1) * 8
    return off if nexthdr == IPPROTO_AH else None


def ah_frames(path):
    return [(f, o) for f in pcap_frames(path) for o in [ah_offset(f)] if o is not None]


def ip_checksum(frame):
    ihl = (frame[14] & 15) * 4
    frame[24:26] = b"\0\0"
    words = struct.unpack("!%dH" % (ihl // 2), bytes(frame[14:14 + ihl]))
    s = sum(words)
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    frame[24:26] = struct.pack("!H", ~s & 0xFFFF)


def mac(text):
    return bytes(int(b, 16) for b in text.split(":"))


def send_frame(argv):
    iface, path, index = argv[0], argv[1], int(argv[2])
    frame, off = ah_frames(path)[index]
    frame = bytearray(frame)
    args = argv[3:]
    for opt, val in zip(args[0::2], args[1::2]):
        if opt == "--dst":
            frame[0:6] = mac(val)
        elif opt == "--src":
            frame[6:12] = mac(val)
        elif opt == "--ip":
            o, b = val.split("=")
            frame[14 + int(o)] = int(b, 16)
        elif opt == "--ah":
            frame[off + int(val)] ^= 1
        else:
            sys.exit("unknown option " + opt)
    if struct.unpack_from("!H", frame, 12)[0] == ETH_P_IP:
        ip_checksum(frame)
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((iface, 0))
    s.send(bytes(frame))
    s.close()


def gmac(path, keys):
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    keys = [bytes.fromhex(k[2:] if k.startswith("0x") else k) for k in keys]
    ok = bad = 0
    for frame, off in ah_frames(path):
        if struct.unpack_from("!H", frame, 12)[0] != ETH_P_IP or off != 34:
            continue
        pkt = bytearray(frame[14:14 + struct.unpack_from("!H", frame, 16)[0]])
        ah = off - 14
        iv, icv = bytes(pkt[ah + 12:ah + 20]), bytes(pkt[ah + 20:ah + 36])
        pkt[1] = 0                      # TOS
        pkt[6:8] = b"\0\0"              # flags, fragment offset
        pkt[8] = 0                      # TTL
        pkt[10:12] = b"\0\0"            # checksum
        pkt[ah + 20:ah + 36] = bytes(16)
        if any(AESGCM(k[:-4]).encrypt(k[-4:] + iv, b"", bytes(pkt)) == icv for k in keys):
            ok += 1
        else:
            bad += 1
    print("verified", ok, "failed", bad)


def main():
    if len(sys.argv) == 6 and sys.argv[1] == "recv":
        recv(*sys.argv[2:])
    elif len(sys.argv) == 7 and sys.argv[1] == "send":
        send(*sys.argv[2:])
    elif len(sys.argv) == 3 and sys.argv[1] == "list":
        for i, (f, o) in enumerate(ah_frames(sys.argv[2])):
            spi, seq = struct.unpack_from("!II", f, o + 4)
            print(i, "0x%08x" % spi, seq, len(f))
    elif len(sys.argv) >= 4 and sys.argv[1] == "gmac":
        gmac(sys.argv[2], sys.argv[3:])
    elif len(sys.argv) >= 5 and sys.argv[1] == "resend":
        send_frame(sys.argv[2:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
