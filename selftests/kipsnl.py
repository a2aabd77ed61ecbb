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
import sys

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
                if typ == NLMSG_DONE and (len(body) < 4 or struct.unpack_from("=i", body)[0] >= 0):
                    return replies
                if typ in (NLMSG_DONE, NLMSG_ERROR):
                    # A dump that failed ends with its error in NLMSG_DONE:
                    # the errno, then the extack attributes.
                    err = -struct.unpack_from("=i", body)[0]
                    if not err:
                        return replies
                    msg = off = miss = None
                    if flags & NLM_F_ACK_TLVS:
                        tl = parse_attrs(body[4:] if typ == NLMSG_DONE else body[20:])
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


# Attribute sets, for printing: set prefix -> nested set prefix of each nest.
NESTS = {
    "SA_A_": {"LIFETIME_SOFT": "LT_A_", "LIFETIME_HARD": "LT_A_",
              "CURRENT": "LT_A_", "SELECTOR": "SEL_A_", "STATS": "CNT_A_"},
    "POL_A_": {"SELECTOR": "SEL_A_", "TMPL": "TMPL_A_", "STATS": "CNT_A_"},
    "INFO_A_": {"STATS": "CNT_A_"},
}


def describe(attrs, prefix):
    """One canonical line for a message's attributes (nests in braces)."""
    names = {v: k[len(prefix):] for k, v in E.items() if k.startswith(prefix)}
    out = []
    for t, v in attrs:
        name = names.get(t, str(t))
        sub = NESTS.get(prefix, {}).get(name)
        if sub:
            out.append("%s={%s}" % (name.lower(), describe(parse_attrs(v), sub)))
        else:
            out.append("%s=%s" % (name.lower(), v.hex()))
    return " ".join(out)


def snapshot(nl):
    """Everything the namespace holds, keys included, one line each."""
    sas = [describe(r["attrs"], "SA_A_") for r in
           nl.request("SA_GET", [("SA_A_REQ_FLAGS", u32(E["REQ_F_KEYS"]))], dump=True)]
    pols = [describe(r["attrs"], "POL_A_") for r in nl.request("POLICY_GET", dump=True)]
    return ["sa " + s for s in sorted(sas)] + ["policy " + p for p in sorted(pols)]


def main(argv):
    """kipsnl.py snapshot | serve | send CMD [ATTRS] [dump]
    serve answers each "snapshot" line on stdin with the snapshot and a
    line "--end--".
    ATTRS is a Python expression: a list of (name, value) pairs, with the
    helpers of this module (addr, u8, u16, u32, u64, strz, nest) in scope.
    send prints "ok" and one line per reply, or "error: MSG (errno N)" and
    exits 1."""
    nl = Kips()
    if argv[:1] == ["snapshot"]:
        print("\n".join(snapshot(nl)))
        return 0
    if argv[:1] == ["serve"]:
        # For a shell co-process: Python starts slowly in the test VM.
        for line in sys.stdin:
            if line.strip() == "snapshot":
                print("\n".join(snapshot(nl) + ["--end--"]), flush=True)
        return 0
    if argv[:1] == ["send"] and len(argv) >= 2:
        attrs = eval(argv[2], globals()) if len(argv) > 2 else []
        try:
            replies = nl.request(argv[1], attrs, dump="dump" in argv[3:])
        except NlError as e:
            extra = ""
            if e.offset is not None:
                extra += ", offset %d" % e.offset
            if e.miss_type is not None:
                extra += ", missing attribute %d" % e.miss_type
            print("error: %s (errno %d%s)" % (e.msg or os.strerror(e.errno), e.errno, extra))
            return 1
        print("ok")
        for r in replies:
            cmd = r["cmd"]
            prefix = "POL_A_" if E["CMD_POLICY_NEW"] <= cmd <= E["CMD_POLICY_FLUSH"] else \
                "INFO_A_" if cmd == E["CMD_INFO_GET"] else "SA_A_"
            print(describe(r["attrs"], prefix))
        return 0
    print(main.__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
