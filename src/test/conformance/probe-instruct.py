#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Shows how the real Pushpin answers GRIP instruct responses, for the instruct unit tests.

usage: probe-instruct.py PROXY_PORT ORIGIN_PORT [reasons]
against Pushpin 1.36 with the routes line `*,debug 127.0.0.1:ORIGIN_PORT` (debug puts the
instruct error in the 502 body). The script serves the scripted origin itself on ORIGIN_PORT
(loopback) and prints, per case, what the client received: the status line, the headers and
the body, cut off after a short wait for held responses. With `reasons` it prints the status
line Pushpin sends for `Grip-Status: <code>` for every code 0..999 instead.
"""
import json
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CASES = {}


def case(name, headers, body="", status="200 OK", wait=0.6):
    CASES[name] = {"status": status, "headers": headers, "body": body, "wait": wait}


def stream(name, *extra):
    case(name, [["Grip-Hold", "stream"], ["Grip-Channel", "a"]] + [list(h) for h in extra], "b\n")


def instruct(name, doc, *extra, status="200 OK"):
    body = doc if isinstance(doc, str) else json.dumps(doc)
    case(name, [["Content-Type", "application/grip-instruct"]] + [list(h) for h in extra], body, status)


HOLD = {"mode": "stream", "channels": [{"name": "a"}]}
ORIGIN = [["X-A", "1"], ["Content-Type", "text/plain"], ["Grip-Foo", "bar"], ["X-B", "2"],
          ["Connection", "keep-alive"], ["Keep-Alive", "timeout=5"], ["X-A", "3"],
          ["Content-Encoding", "identity"], ["Server", "origin/1"]]

# --- header errors and lenient cases ----------------------------------------------------------
case("hold/bad", [["Grip-Hold", "Stream"], ["Grip-Channel", "a"]])
case("timeout/bad", [["Grip-Hold", "response"], ["Grip-Timeout", "5.5"]])
case("timeout/negative", [["Grip-Hold", "response"], ["Grip-Timeout", "-1"]])
stream("timeout/plus", ("Grip-Timeout", "+7"))
case("status/bad", [["Grip-Status", "1000"]], "plain")
case("status/bare", [["Grip-Status", "404"]], "plain")
case("status/two-spaces", [["Grip-Status", "404  Two Spaces"]], "plain")
stream("keep-alive/empty", ("Grip-Keep-Alive", "; format=raw"))
stream("keep-alive/mode", ("Grip-Keep-Alive", "x; mode=Idle"))
stream("keep-alive/format", ("Grip-Keep-Alive", "x; format=hex"))
stream("keep-alive/cstring", ("Grip-Keep-Alive", "x\\xZZ; format=cstring"))
stream("keep-alive/timeout", ("Grip-Keep-Alive", "x; timeout"))
stream("keep-alive/broken-quote-ignored", ("Grip-Keep-Alive", "x; timeout=\"3"))
stream("keep-alive/cstring-bytes", ("Grip-Keep-Alive", "A\\tB\\x41\\\\\\r\\n, C; format=cstring; timeout=1"))
stream("keep-alive/base64-lenient", ("Grip-Keep-Alive", "a*GV=sbG8K; format=base64; timeout=0"))
stream("meta/empty-item", ("Grip-Set-Meta", "a=1, , b=2"))
stream("link/not-bracketed", ("Grip-Link", "/x; rel=next"))
stream("link/bad-port", ("Grip-Link", "<http://h:x/>; rel=next"))
stream("link/space-in-path-ok", ("Grip-Link", "<a b>; rel=next"))
stream("link/other-rel-unchecked", ("Grip-Link", "garbage; rel=prev"))
stream("link/timeout", ("Grip-Link", "</n>; rel=next; timeout=-1"))
case("channel/prev-id-empty", [["Grip-Hold", "stream"], ["Grip-Channel", "a; prev-id="]], "b\n")
case("channel/prev-id-quoted-empty", [["Grip-Hold", "stream"], ["Grip-Channel", "a; prev-id=\"\""]], "b\n")

# --- which origin headers reach the client ----------------------------------------------------
case("headers/stream", ORIGIN + [["Grip-Hold", "stream"], ["Grip-Channel", "s"]], "hello\n")
case("headers/no-hold", ORIGIN + [["Grip-Channel", "s"]], "plain\n")
case("headers/long-poll-timeout", ORIGIN + [["Grip-Hold", "response"], ["Grip-Channel", "r"],
                                            ["Grip-Timeout", "3"]], "timeout\n", "202 Accepted-ish", 8)
case("headers/expose", [["Grip-Hold", "stream"], ["Grip-Channel", "s"], ["X-A", "1"],
                        ["Content-Type", "text/plain"], ["Grip-Expose-Headers", "x-a"]], "exp\n")
case("detect/type-case", [["Content-Type", "Application/Grip-Instruct"]], "{}")
case("detect/type-space", [["Content-Type", "application/grip-instruct ;charset=utf-8"]], "{}")

# --- JSON instruct ----------------------------------------------------------------------------
instruct("json/status", {"hold": HOLD}, status="201 Created")
instruct("json/not-json", "{bad")
instruct("json/scalar", "5")
instruct("json/array", "[1]")
instruct("json/mode-null", {"hold": {"mode": None, "channels": []}})
instruct("json/no-channels", {"hold": {"mode": "stream"}})
instruct("json/channel-not-object", {"hold": {"channels": ["a"]}})
instruct("json/filter-type", {"hold": {"channels": [{"name": "a", "filters": [1]}]}})
instruct("json/timeout-negative", {"hold": dict(HOLD, timeout=-1)})
instruct("json/meta-type", {"hold": dict(HOLD, meta={"z": 1, "a": 2})})
instruct("json/response-type", {"hold": HOLD, "response": 3})
instruct("json/code-string", {"hold": HOLD, "response": {"code": "abc"}})
instruct("json/code-fraction", {"hold": HOLD, "response": {"code": 201.6}})
instruct("json/header-pair", {"hold": HOLD, "response": {"headers": [["a"]]}})
instruct("json/headers-sorted", {"hold": HOLD, "response": {"headers": {
    "Zed": "1", "Alpha": "2", "beta": "3", "Grip-X": "g", "Content-Length": "9"}, "body": "x\n"}})
instruct("json/no-response", {"hold": HOLD}, ["X-Origin", "o"], status="200 Fine")
instruct("json/status-then-code", {"hold": HOLD, "response": {"code": 201}}, ["Grip-Status", "403 Nope"])


class Origin(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        sc = CODES.get(self.path) or CASES[self.path.lstrip("/")]
        body = sc["body"].encode()
        head = "HTTP/1.1 %s\r\n" % sc["status"]
        head += "".join("%s: %s\r\n" % (k, v) for k, v in sc["headers"])
        head += "Content-Length: %d\r\n\r\n" % len(body)
        self.wfile.write(head.encode("latin-1") + body)

    def log_message(self, *args):
        pass


CODES = {"/code/%d" % c: {"status": "200 OK", "headers": [["Grip-Channel", "x"], ["Grip-Status", str(c)]],
                          "body": "z"} for c in range(1000)}


def fetch(port, path, wait):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(("GET /%s HTTP/1.1\r\nHost: probe\r\nConnection: close\r\n\r\n" % path).encode())
    s.settimeout(0.2)
    data, end = b"", time.time() + wait
    while time.time() < end:
        try:
            chunk = s.recv(65536)
        except socket.timeout:
            continue
        if not chunk:
            break
        data += chunk
    s.close()
    return data.decode("latin-1")


def main():
    proxy, origin = int(sys.argv[1]), int(sys.argv[2])
    server = ThreadingHTTPServer(("127.0.0.1", origin), Origin)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    if sys.argv[3:] == ["reasons"]:
        for c in range(1000):
            print(fetch(proxy, "code/%d" % c, 1).split("\r\n", 1)[0])
    else:
        for name, sc in CASES.items():
            print("=== %s\n%s" % (name, fetch(proxy, name, sc["wait"])))
    server.shutdown()


if __name__ == "__main__":
    main()
