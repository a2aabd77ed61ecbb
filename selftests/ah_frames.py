#!/usr/bin/env python3
"""UDP datagrams that carry IP options or IPv6 extension headers, for the
AH scenarios: the headers AH must zero in part before computing its ICV.

  ah_frames.py recv ADDR PORT SECONDS COUNT
      prints each distinct payload received on ADDR:PORT, one a line, until
      COUNT were received or SECONDS have passed
  ah_frames.py send SRC DST PORT KIND TAG
      sends TAG (three times, 0.3 s apart) from SRC to DST:PORT with the
      headers KIND names:
        v4opts   IPv4 router alert (immutable) and record route (mutable,
                 filled in by the router on the way)
        v6hbh    IPv6 hop-by-hop options: one that may change en route
                 (type 0x3e), one that may not (0x1e)
        v6dst    the same as a destination options header
"""
import socket
import sys
import time

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


def main():
    if len(sys.argv) == 6 and sys.argv[1] == "recv":
        recv(*sys.argv[2:])
    elif len(sys.argv) == 7 and sys.argv[1] == "send":
        send(*sys.argv[2:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
