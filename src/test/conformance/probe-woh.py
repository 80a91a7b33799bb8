#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Records how the real Pushpin speaks WebSocket-over-HTTP, for WsEventCodecTest.

usage: probe-woh.py PROXY_PORT ORIGIN_PORT OUT.jsonl
e.g.   probe-woh.py 25001 25100 src/test/resources/fixtures/wsevents/pushpin-woh-corpus.jsonl
against Pushpin 1.36 with the routes line `* 127.0.0.1:ORIGIN_PORT,over_http`. The script serves
the scripted origin itself on ORIGIN_PORT (loopback) and is also the WebSocket client (a minimal
RFC 6455 client on a raw socket, since python3 here has no websocket library).

Writes one JSON object per line; byte strings are written as text read as ISO-8859-1.
- "sent/*": the client's messages and the exact request bodies Pushpin POSTed (OPEN first).
- "accepted/*": the client sends `go`, the origin answers that request with "reply"; "client"
  lists what the client then received ("text:hi", "close:<payload>", ... or "ended" when the
  socket ended without a close frame).
- "first/*": the origin answers OPEN with "reply"; "status" is the client's handshake status.
WsEventCodecPushpinTest replays the file; regenerate it whenever the cases below change.
"""
import base64
import json
import os
import queue
import socket
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BODIES = {}     # path -> queue of request bodies Pushpin sent
SCRIPTS = {}    # path -> list of response bodies for the requests after OPEN
FIRST = {}      # path -> response body for OPEN, when not the plain `OPEN\r\n`
SLOW = set()    # paths whose first non-OPEN request is answered late, so later frames batch up
LOCK = threading.Lock()


def bodies(path):
    with LOCK:
        return BODIES.setdefault(path, queue.Queue())


class Origin(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        bodies(self.path).put(body)
        if body.startswith(b"OPEN"):
            reply = FIRST.get(self.path, b"OPEN\r\n")
        elif SCRIPTS.get(self.path):
            reply = SCRIPTS[self.path].pop(0)
        elif b"CLOSE" in body:
            reply = body[body.index(b"CLOSE"):]   # echo the close so Pushpin finishes cleanly
        else:
            if self.path in SLOW:
                SLOW.discard(self.path)
                time.sleep(0.5)
            reply = b""
        head = "HTTP/1.1 200 OK\r\nContent-Type: application/websocket-events\r\n"
        head += "Content-Length: %d\r\n\r\n" % len(reply)
        self.wfile.write(head.encode() + reply)

    def log_message(self, *args):
        pass


class Client:
    def __init__(self, port, path):
        self.sock = socket.create_connection(("127.0.0.1", port))
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(("GET %s HTTP/1.1\r\nHost: probe\r\nUpgrade: websocket\r\n"
                           "Connection: Upgrade\r\nSec-WebSocket-Key: %s\r\n"
                           "Sec-WebSocket-Version: 13\r\n\r\n" % (path, key)).encode())
        self.buf = b""
        while b"\r\n\r\n" not in self.buf:
            self.buf += self.sock.recv(4096)
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        self.status = head.split(b"\r\n", 1)[0].decode()

    def send(self, opcode, payload=b"", fin=True):
        mask = os.urandom(4)
        n = len(payload)
        head = bytes([(0x80 if fin else 0) | opcode])
        if n < 126:
            head += bytes([0x80 | n])
        elif n < 65536:
            head += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            head += bytes([0x80 | 127]) + struct.pack(">Q", n)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(head + mask + masked)

    def _need(self, n, deadline):
        while len(self.buf) < n:
            self.sock.settimeout(max(0.01, deadline - time.time()))
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError
            self.buf += chunk

    def frames(self, wait=1.0):
        """Frames until the wait is over, the peer closes or the socket ends."""
        out, deadline = [], time.time() + wait
        try:
            while True:
                self._need(2, deadline)
                op, n = self.buf[0] & 0x0F, self.buf[1] & 0x7F
                at = 2
                if n == 126:
                    self._need(4, deadline)
                    n, at = struct.unpack(">H", self.buf[2:4])[0], 4
                elif n == 127:
                    self._need(10, deadline)
                    n, at = struct.unpack(">Q", self.buf[2:10])[0], 10
                self._need(at + n, deadline)
                payload, self.buf = self.buf[at:at + n], self.buf[at + n:]
                out.append((NAMES.get(op, str(op)), payload))
                if op == 8:
                    return out
        except socket.timeout:
            return out
        except (EOFError, ConnectionResetError):
            return out + [None]

    def drop(self):
        self.sock.close()


RECORDS = []
NAMES = {0x1: "text", 0x2: "binary", 0x8: "close", 0x9: "ping", 0xA: "pong"}
OPCODES = {v: k for k, v in NAMES.items()}


def latin1(b):
    return b.decode("latin-1")


def sent(port, name, *actions, slow=False):
    """Runs client actions and records every body Pushpin POSTed for them.

    An action is (kind, payload) with kind a frame name, or ("fragments", [parts]) for a text
    message in several frames, ("pause",) or ("drop",) to close the socket without a close frame.
    The record's "messages" lists the whole messages the client sent, "drop" for the drop.
    """
    path = "/s/" + name
    if slow:
        SLOW.add(path)
    c = Client(port, path)
    messages = []
    for act in actions:
        if act[0] == "pause":
            time.sleep(0.3)
        elif act[0] == "drop":
            c.drop()
            messages.append("drop")
        elif act[0] == "fragments":
            for i, part in enumerate(act[1]):
                c.send(0x1 if i == 0 else 0x0, part, fin=i == len(act[1]) - 1)
            messages.append("text:" + latin1(b"".join(act[1])))
        else:
            c.send(OPCODES[act[0]], act[1])
            messages.append(act[0] + ":" + latin1(act[1]))
            if act[0] == "close":
                c.frames(0.5)
    time.sleep(1.0)
    got = []
    q = bodies(path)
    while not q.empty():
        got.append(latin1(q.get()))
    c.drop()
    RECORDS.append({"name": "sent/" + name, "status": int(c.status.split()[1]), "messages": messages,
                    "bodies": got})


def client_view(frames):
    return ["ended" if f is None else f[0] + ":" + latin1(f[1]) for f in frames]


def accepted(port, name, reply):
    """Answers the client's `go` with `reply` and records what the client received."""
    path = "/a/" + name
    SCRIPTS[path] = [reply]
    c = Client(port, path)
    c.send(0x1, b"go")
    frames = c.frames(1.5)
    c.drop()
    RECORDS.append({"name": "accepted/" + name, "reply": latin1(reply), "client": client_view(frames)})


def first(port, name, reply):
    """Answers OPEN with `reply` and records the client's handshake status and what followed."""
    path = "/f/" + name
    FIRST[path] = reply
    c = Client(port, path)
    frames = c.frames(1.0)
    c.drop()
    RECORDS.append({"name": "first/" + name, "reply": latin1(reply), "status": int(c.status.split()[1]),
                    "client": client_view(frames)})


def main():
    proxy, origin, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    server = ThreadingHTTPServer(("127.0.0.1", origin), Origin)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    sent(proxy, "open")
    sent(proxy, "text", ("text", b"hello"))
    sent(proxy, "text-empty", ("text", b""))
    sent(proxy, "text-hex-26", ("text", b"abcdefghijklmnopqrstuvwxyz"))
    sent(proxy, "text-hex-255", ("text", b"x" * 255))
    sent(proxy, "text-20000", ("text", b"y" * 20000))
    sent(proxy, "text-utf8", ("text", "h\u00e9\u20ac".encode()))
    sent(proxy, "binary", ("binary", b"a\r\nb\x00\r\n"))
    sent(proxy, "binary-empty", ("binary", b""))
    sent(proxy, "ping", ("ping", b"pi"))
    sent(proxy, "ping-empty", ("ping", b""))
    sent(proxy, "pong", ("pong", b"po"))
    sent(proxy, "pong-empty", ("pong", b""))
    sent(proxy, "close-code-reason", ("close", b"\x03\xe8bye"))
    sent(proxy, "close-code-only", ("close", b"\x0f\xa0"))
    sent(proxy, "close-empty", ("close", b""))
    sent(proxy, "disconnect", ("pause",), ("drop",))
    sent(proxy, "fragmented", ("fragments", [b"frag", b"ment"]))
    sent(proxy, "batched", ("text", b"first"), ("pause",), ("text", b"a"), ("binary", b"b"), ("ping", b""),
         ("text", b"c"), slow=True)
    accepted(proxy, "text", b"TEXT 2\r\nhi\r\n")
    accepted(proxy, "text-no-length", b"TEXT\r\nTEXT 3\r\nend\r\n")
    accepted(proxy, "text-zero", b"TEXT 0\r\n\r\nTEXT 3\r\nend\r\n")
    accepted(proxy, "hex-upper", b"TEXT A\r\n0123456789\r\n")
    accepted(proxy, "hex-lower", b"TEXT a\r\n0123456789\r\n")
    accepted(proxy, "hex-leading-zero", b"TEXT 02\r\nhi\r\n")
    accepted(proxy, "hex-0x", b"TEXT 0x2\r\nhi\r\n")
    accepted(proxy, "hex-plus", b"TEXT +2\r\nhi\r\n")
    accepted(proxy, "hex-negative", b"TEXT -1\r\nhi\r\nTEXT 3\r\nend\r\n")
    accepted(proxy, "hex-bad", b"TEXT zz\r\nhi\r\n")
    accepted(proxy, "hex-empty", b"TEXT \r\nhi\r\n")
    accepted(proxy, "two-spaces", b"TEXT  2\r\nhi\r\n")
    accepted(proxy, "trailing-space", b"TEXT 2 \r\nhi\r\n")
    accepted(proxy, "tab", b"TEXT\t2\r\nhi\r\n")
    accepted(proxy, "lower-case-type", b"text 2\r\nhi\r\nTEXT 3\r\nend\r\n")
    accepted(proxy, "unknown-type", b"HELLO\r\nTEXT 3\r\nend\r\n")
    accepted(proxy, "blank-line", b"\r\nTEXT 3\r\nend\r\n")
    accepted(proxy, "bare-lf", b"TEXT 2\nhi\nTEXT 3\r\nend\r\n")
    accepted(proxy, "bare-lf-only", b"TEXT 2\nhi\n")
    accepted(proxy, "length-beyond-data", b"TEXT 9\r\nhi\r\n")
    accepted(proxy, "no-crlf-after-content", b"TEXT 2\r\nhiXXTEXT 3\r\nend\r\n")
    accepted(proxy, "no-crlf-at-end", b"TEXT 2\r\nhi")
    accepted(proxy, "trailing-garbage", b"TEXT 2\r\nhi\r\ngarbage")
    accepted(proxy, "binary", b"BINARY 4\r\n\x00\r\n\xff\r\n")
    accepted(proxy, "ping", b"PING\r\nPING 2\r\npi\r\n")
    accepted(proxy, "pong", b"PONG\r\nPONG 2\r\npo\r\n")
    accepted(proxy, "close-code-reason", b"CLOSE 5\r\n\x03\xe9bye\r\n")
    accepted(proxy, "close-code-only", b"CLOSE 2\r\n\x0f\xa0\r\n")
    accepted(proxy, "close-empty", b"CLOSE\r\n")
    accepted(proxy, "close-one-byte", b"CLOSE 1\r\nx\r\n")
    accepted(proxy, "close-bad-utf8", b"CLOSE 3\r\n\x03\xe8\xff\r\n")
    accepted(proxy, "disconnect", b"DISCONNECT\r\n")
    accepted(proxy, "open-again", b"OPEN\r\nTEXT 3\r\nend\r\n")
    accepted(proxy, "empty-body", b"")
    accepted(proxy, "hex-overflow", b"TEXT ffffffffff\r\nhi\r\n")
    accepted(proxy, "close-zero", b"CLOSE 0\r\n\r\n")

    first(proxy, "open", b"OPEN\r\n")
    first(proxy, "open-lower", b"open\r\n")
    first(proxy, "open-bare-lf", b"OPEN\n")
    first(proxy, "open-no-crlf", b"OPEN")
    first(proxy, "open-zero", b"OPEN 0\r\n\r\n")
    first(proxy, "open-content", b"OPEN 3\r\nabc\r\n")
    first(proxy, "open-text", b"OPEN\r\nTEXT 2\r\nhi\r\n")
    first(proxy, "text-first", b"TEXT 2\r\nhi\r\n")
    server.shutdown()
    with open(out, "w") as f:
        for rec in RECORDS:
            f.write(json.dumps(rec) + "\n")
    print("%d cases" % len(RECORDS))


if __name__ == "__main__":
    main()
