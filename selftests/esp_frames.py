#!/usr/bin/env python3
"""Captured ESP frames, sent again: the datapath scenarios' replay tool.

  esp_frames.py list PCAP
      one line per ESP frame of the capture: INDEX SPI SEQ LENGTH
  esp_frames.py send IFACE PCAP INDEX [--dst MAC] [--src MAC] [--flip OFF]
      sends ESP frame INDEX of the capture (an Ethernet pcap, as tcpdump -w
      writes) out of IFACE through a raw packet socket, with its Ethernet
      addresses replaced if asked, and with one bit flipped (the lowest of
      the byte OFF bytes into the ESP header) if asked

The IP header is left alone, so its checksum stays right: only what ESP
protects changes.
"""
import socket
import struct
import sys

ETH_P_IP, ETH_P_IPV6, IPPROTO_ESP = 0x0800, 0x86DD, 50


def frames(path):
    with open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack_from("<I", data)[0]
    if magic in (0xA1B2C3D4, 0xA1B23C4D):
        end = "<"
    elif magic in (0xD4C3B2A1, 0x4D3CB2A1):
        end = ">"
    else:
        sys.exit("not a pcap file (pcapng is not read): %s" % path)
    if struct.unpack_from(end + "I", data, 20)[0] != 1:
        sys.exit("not an Ethernet capture: %s" % path)
    off = 24
    while off + 16 <= len(data):
        incl = struct.unpack_from(end + "I", data, off + 8)[0]
        yield data[off + 16:off + 16 + incl]
        off += 16 + incl


def esp_offset(frame):
    """Offset of the ESP header in an Ethernet frame, or None."""
    if len(frame) < 14:
        return None
    etype = struct.unpack_from("!H", frame, 12)[0]
    if etype == ETH_P_IP and len(frame) >= 34:
        ihl = (frame[14] & 15) * 4
        if frame[23] == IPPROTO_ESP and not struct.unpack_from("!H", frame, 20)[0] & 0x3FFF:
            return 14 + ihl
    if etype == ETH_P_IPV6 and len(frame) >= 54 and frame[20] == IPPROTO_ESP:
        return 54
    return None


def esp_frames(path):
    return [(f, o) for f in frames(path) for o in [esp_offset(f)] if o is not None]


def mac(text):
    return bytes(int(b, 16) for b in text.split(":"))


def main(argv):
    if len(argv) == 2 and argv[0] == "list":
        for i, (f, o) in enumerate(esp_frames(argv[1])):
            spi, seq = struct.unpack_from("!II", f, o)
            print(i, "0x%08x" % spi, seq, len(f))
        return
    if len(argv) < 4 or argv[0] != "send":
        sys.exit(__doc__)
    iface, path, index = argv[1], argv[2], int(argv[3])
    opts = dict(zip(argv[4::2], argv[5::2]))
    frame, off = esp_frames(path)[index]
    frame = bytearray(frame)
    if "--dst" in opts:
        frame[0:6] = mac(opts["--dst"])
    if "--src" in opts:
        frame[6:12] = mac(opts["--src"])
    if "--flip" in opts:
        frame[off + int(opts["--flip"])] ^= 1
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((iface, 0))
    s.send(bytes(frame))
    s.close()


if __name__ == "__main__":
    main(sys.argv[1:])
