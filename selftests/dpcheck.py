#!/usr/bin/env python3
"""Traffic for many datapath cases from one process (starting processes is
what costs most in the test VM).

  dpcheck.py ping SRC,DST ...
      one ICMP or ICMPv6 echo from SRC to each DST (three tries, two
      seconds each); prints "DST ok" or "DST lost" per pair
  dpcheck.py serve PORT SECONDS ADDR ...
      accepts one TCP connection on each ADDR:PORT, reads it to its end;
      prints "ADDR BYTES SHA256" per address once all are done, or SECONDS
      have passed, or SIGTERM came ("ADDR none" for those without one)
  dpcheck.py send PORT BYTES MARKER SRC,DST ...
      a TCP connection from SRC to each DST:PORT in turn (retrying while
      the server starts), carrying BYTES of data with MARKER every 1000
      bytes (so that every segment carries it); prints "DST BYTES SHA256",
      or "DST failed: REASON"
  dpcheck.py data BYTES MARKER
      the data send sends, on stdout
"""
import hashlib
import os
import random
import selectors
import signal
import socket
import struct
import sys
import time


def family(addr):
    return socket.AF_INET6 if ":" in addr else socket.AF_INET


def data(total, marker):
    rnd = random.Random(4303)
    out = bytearray()
    while len(out) < total:
        out += rnd.randbytes(1000 - len(marker)) + marker
    return bytes(out[:total])


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return ~s & 0xFFFF


def echo_once(src, dst, ident, seq, timeout):
    v6 = family(dst) == socket.AF_INET6
    proto = socket.IPPROTO_ICMPV6 if v6 else socket.IPPROTO_ICMP
    s = socket.socket(family(dst), socket.SOCK_RAW, proto)
    s.bind((src, 0))
    payload = b"kips-dpcheck" * 4
    typ = 128 if v6 else 8
    hdr = struct.pack("!BBHHH", typ, 0, 0, ident, seq)
    if not v6:  # the kernel sums ICMPv6 itself
        hdr = struct.pack("!BBHHH", typ, 0, csum(hdr + payload), ident, seq)
    s.sendto(hdr + payload, (dst, 0))
    deadline = time.monotonic() + timeout
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            s.settimeout(left)
            pkt, peer = s.recvfrom(4096)
            if not v6:
                pkt = pkt[(pkt[0] & 15) * 4:]
            if len(pkt) < 8 or peer[0] != dst:
                continue
            t, _, _, i, q = struct.unpack_from("!BBHHH", pkt)
            if t == (129 if v6 else 0) and i == ident and q == seq:
                return True
    except socket.timeout:
        return False
    finally:
        s.close()


def ping(pairs):
    ident = os.getpid() & 0xFFFF
    for n, pair in enumerate(pairs):
        src, dst = pair.split(",")
        ok = any(echo_once(src, dst, ident, n * 4 + t, 2.0) for t in range(3))
        print(dst, "ok" if ok else "lost", flush=True)


class Stop(Exception):
    pass


def stop(signum, frame):
    raise Stop()


def serve(port, seconds, addrs):
    sel = selectors.DefaultSelector()
    result = {}
    signal.signal(signal.SIGTERM, stop)
    try:
        accept_all(sel, result, port, seconds, addrs)
    except Stop:
        pass
    for a in addrs:
        print(a, result.get(a, "none"), flush=True)


def accept_all(sel, result, port, seconds, addrs):
    for a in addrs:
        s = socket.socket(family(a), socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((a, port))
        s.listen(1)
        s.setblocking(False)
        sel.register(s, selectors.EVENT_READ, ("listen", a))
    deadline = time.monotonic() + seconds
    while len(result) < len(addrs) and time.monotonic() < deadline:
        for key, _ in sel.select(timeout=max(0.0, deadline - time.monotonic())):
            kind, a = key.data[0], key.data[1]
            if kind == "listen":
                c, _ = key.fileobj.accept()
                c.setblocking(False)
                sel.unregister(key.fileobj)
                key.fileobj.close()
                sel.register(c, selectors.EVENT_READ, ("conn", a, hashlib.sha256(), [0]))
                continue
            h, n = key.data[2], key.data[3]
            try:
                d = key.fileobj.recv(1 << 16)
            except BlockingIOError:
                continue
            if d:
                h.update(d)
                n[0] += len(d)
                continue
            sel.unregister(key.fileobj)
            key.fileobj.close()
            result[a] = "%d %s" % (n[0], h.hexdigest())


def send(port, total, marker, pairs):
    d = data(total, marker)
    digest = hashlib.sha256(d).hexdigest()
    for pair in pairs:
        src, dst = pair.split(",")
        deadline = time.monotonic() + 10
        try:
            while True:
                s = socket.socket(family(dst), socket.SOCK_STREAM)
                s.settimeout(30)
                s.bind((src, 0))
                try:
                    s.connect((dst, port))
                    break
                except (ConnectionRefusedError, socket.timeout):
                    s.close()
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.1)
            s.sendall(d)
            s.shutdown(socket.SHUT_WR)
            s.recv(1)
            s.close()
            print(dst, total, digest, flush=True)
        except OSError as e:
            print(dst, "failed:", e, flush=True)


def main(argv):
    if len(argv) >= 2 and argv[0] == "ping":
        ping(argv[1:])
    elif len(argv) >= 4 and argv[0] == "serve":
        serve(int(argv[1]), float(argv[2]), argv[3:])
    elif len(argv) >= 5 and argv[0] == "send":
        send(int(argv[1]), int(argv[2]), argv[3].encode(), argv[4:])
    elif len(argv) == 3 and argv[0] == "data":
        sys.stdout.buffer.write(data(int(argv[1]), argv[2].encode()))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
