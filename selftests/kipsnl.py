#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""kipsnl: a small pure-Python generic-netlink client of the kips family.

It talks to the kernel without the kips command, so that the selftests can
send what the command never would (unknown attributes, wrong lengths,
unknown flag bits, oversized keys, repeated attributes) and read the
kernel's own extack answer.  Attribute numbers come from the UAPI header,
parsed at import time, so there is no second copy of them here.

    nl = Kips()
    nl.request("SA_NEW", [("SA_A_SRC", addr("10.0.0.1")), ...])
      -> list of replies (each a dict: cmd, attrs as [(type, bytes)])
      raises NlError(errno, msg, offset, miss_type) on rejection
"""
import ipaddress
import os
import re
import socket
import struct

NETLINK_GENERIC = 16
NLM_F_REQUEST, NLM_F_MULTI, NLM_F_ACK, NLM_F_DUMP = 1, 2, 4, 0x300
NLMSG_ERROR, NLMSG_DONE = 2, 3
NLM_F_ACK_TLVS = 0x200
NLMSGERR_ATTR_MSG, NLMSGERR_ATTR_OFFS = 1, 2
NLMSGERR_ATTR_MISS_TYPE = 5
NETLINK_ADD_MEMBERSHIP, NETLINK_CAP_ACK, NETLINK_EXT_ACK = 1, 10, 11
SOL_NETLINK = 270
GENL_ID_CTRL, CTRL_CMD_GETFAMILY = 0x10, 3
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME, CTRL_ATTR_MCAST_GROUPS = 1, 2, 7
CTRL_ATTR_MCAST_GRP_NAME, CTRL_ATTR_MCAST_GRP_ID = 1, 2
NLA_F_NESTED = 0x8000

HEADER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                      "include", "uapi", "linux", "kips.h")


def _enums(path):
    """Every enumerator of the header: name (without KIPS_) -> value."""
    text = open(path).read()
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    out = {}
    for body in re.findall(r"enum\s+\w+\s*\{(.*?)\}", text, flags=re.S):
        value = -1
        for item in body.split(","):
            item = item.strip()
            if not item:
                continue
            name, _, expr = item.partition("=")
            name = name.strip()
            if expr.strip():
                expr = re.sub(r"KIPS_\w+", lambda m: str(out[m.group(0)[5:]]), expr)
                value = eval(expr.replace("U", ""))
            else:
                value += 1
            out[name[5:] if name.startswith("KIPS_") else name.lstrip("_")] = value
    return out


E = _enums(HEADER)


class NlError(Exception):
    def __init__(self, errno, msg, offset=None, miss_type=None):
        super().__init__("%s (errno %d)" % (msg or os.strerror(errno), errno))
        self.errno, self.msg, self.offset, self.miss_type = errno, msg, offset, miss_type


def addr(text):
    return ipaddress.ip_address(text).packed


def u8(v):
    return struct.pack("=B", v)


def u16(v):
    return struct.pack("=H", v)


def u32(v):
    return struct.pack("=I", v)


def u64(v):
    return struct.pack("=Q", v)


def strz(s):
    return s.encode() + b"\0"


def nest(attrs):
    return ("nest", attrs)


def _type(t):
    return E[t] if isinstance(t, str) else t


def pack_attrs(attrs):
    """attrs: [(type, bytes | ("nest", attrs))]; type a name or a number."""
    out = b""
    for t, v in attrs:
        t = _type(t)
        if isinstance(v, tuple) and v[0] == "nest":
            v = pack_attrs(v[1])
            t |= NLA_F_NESTED
        out += struct.pack("=HH", 4 + len(v), t) + v
        out += b"\0" * ((4 - len(v) % 4) % 4)
    return out


def parse_attrs(data):
    out = []
    while len(data) >= 4:
        ln, t = struct.unpack_from("=HH", data)
        if ln < 4:
            break
        out.append((t & 0x3fff, data[4:ln]))
        data = data[(ln + 3) & ~3:]
    return out


def attr(attrs, t, default=None):
    t = _type(t)
    for k, v in attrs:
        if k == t:
            return v
    return default


def get_u(attrs, t, default=None):
    v = attr(attrs, t)
    if v is None:
        return default
    return int.from_bytes(v, "little") if len(v) in (1, 2, 4, 8) else v


class Kips:
    def __init__(self):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
        self.sock.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        self.sock.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1)
        self.sock.bind((0, 0))
        self.seq = 1
        self.family, self.groups = self._resolve()

    def close(self):
        self.sock.close()

    def _send(self, family, cmd, payload, flags):
        self.seq += 1
        msg = struct.pack("=BBH", cmd, 1, 0) + payload
        hdr = struct.pack("=IHHII", 16 + len(msg), family, flags, self.seq, 0)
        self.sock.send(hdr + msg)
        return self.seq

    def _recv(self, seq):
        replies = []
        while True:
            data = self.sock.recv(1 << 20)
            while len(data) >= 16:
                ln, typ, flags, s, _ = struct.unpack_from("=IHHII", data)
                body, data = data[16:ln], data[(ln + 3) & ~3:]
                if s != seq:
                    continue
                if typ == NLMSG_DONE:
                    return replies
                if typ == NLMSG_ERROR:
                    err = -struct.unpack_from("=i", body)[0]
                    if not err:
                        return replies
                    msg = off = miss = None
                    if flags & NLM_F_ACK_TLVS:
                        tl = parse_attrs(body[20:])
                        m = attr(tl, NLMSGERR_ATTR_MSG)
                        msg = m.rstrip(b"\0").decode() if m else None
                        off = get_u(tl, NLMSGERR_ATTR_OFFS)
                        miss = get_u(tl, NLMSGERR_ATTR_MISS_TYPE)
                    raise NlError(err, msg, off, miss)
                replies.append({"cmd": body[0], "attrs": parse_attrs(body[4:])})

    def _resolve(self):
        seq = self._send(GENL_ID_CTRL, CTRL_CMD_GETFAMILY,
                         pack_attrs([(CTRL_ATTR_FAMILY_NAME, b"kips\0")]),
                         NLM_F_REQUEST | NLM_F_ACK)
        (reply,) = self._recv(seq)
        groups = {}
        for _, g in parse_attrs(attr(reply["attrs"], CTRL_ATTR_MCAST_GROUPS, b"")):
            ga = parse_attrs(g)
            groups[attr(ga, CTRL_ATTR_MCAST_GRP_NAME).rstrip(b"\0").decode()] = \
                get_u(ga, CTRL_ATTR_MCAST_GRP_ID)
        return get_u(reply["attrs"], CTRL_ATTR_FAMILY_ID), groups

    def request(self, cmd, attrs=(), dump=False, raw=None, flags=0):
        """Sends CMD_<cmd> with attrs (or the raw payload) and returns the
        replies; raises NlError when the kernel refuses."""
        payload = raw if raw is not None else pack_attrs(attrs)
        f = NLM_F_REQUEST | NLM_F_ACK | flags | (NLM_F_DUMP if dump else 0)
        return self._recv(self._send(self.family, E["CMD_" + cmd], payload, f))

    def subscribe(self, group):
        self.sock.setsockopt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, self.groups[group])

    def events(self, timeout=1.0):
        self.sock.settimeout(timeout)
        out = []
        try:
            while True:
                data = self.sock.recv(1 << 20)
                while len(data) >= 16:
                    ln = struct.unpack_from("=I", data)[0]
                    body, data = data[16:ln], data[(ln + 3) & ~3:]
                    out.append({"cmd": body[0], "attrs": parse_attrs(body[4:])})
        except socket.timeout:
            pass
        self.sock.settimeout(None)
        return out
