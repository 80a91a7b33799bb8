# SPDX-License-Identifier: Apache-2.0
"""Wire helpers shared by the side-by-side scripts: WebSocket frames (RFC 6455), a WebSocket
origin's accept loop and handshake, WebSocket-over-HTTP events (GRIP §7.4) and a publish, all as
bytes on a plain socket."""
import base64
import hashlib
import json
import os
import socket
import struct
import threading


def encode_event(kind, content=b''):
    return kind.encode() + (b'\r\n' if not content else b' %x\r\n' % len(content) + content + b'\r\n')


def decode_events(body):
    events, i = [], 0
    while i < len(body):
        end = body.index(b'\r\n', i)
        line = body[i:end].decode()
        i = end + 2
        if ' ' in line:
            kind, n = line.split(' ')
            n = int(n, 16)
            events.append((kind, body[i:i + n]))
            i += n + 2
        else:
            events.append((line, b''))
    return events


def frame(op, payload, mask):
    head = bytes([0x80 | op])
    m = 0x80 if mask else 0
    n = len(payload)
    head += bytes([m | n]) if n < 126 else bytes([m | 126]) + struct.pack('>H', n)
    if not mask:
        return head + payload
    key = os.urandom(4)
    return head + key + bytes(b ^ key[i % 4] for i, b in enumerate(payload))


def read_frame(sock):
    def exactly(n):
        data = b''
        while len(data) < n:
            chunk = sock.recv(n - len(data))
            if not chunk:
                raise EOFError
            data += chunk
        return data
    b0, b1 = exactly(2)
    n = b1 & 0x7f
    if n == 126:
        n = struct.unpack('>H', exactly(2))[0]
    key = exactly(4) if b1 & 0x80 else None
    payload = exactly(n)
    if key:
        payload = bytes(b ^ key[i % 4] for i, b in enumerate(payload))
    return b0 & 0x0f, payload


def publish(ctl, item):
    s = socket.create_connection(('127.0.0.1', ctl))
    body = json.dumps({'items': [item]}).encode()
    s.sendall(b'POST /publish/ HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n' % len(body) + body)
    s.recv(4096)
    s.close()


def serve(port, handler):
    """Accepts connections on 127.0.0.1:port forever, each handled by handler(conn) on its own thread."""
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(('127.0.0.1', port))
    server.listen(50)
    while True:
        conn, _ = server.accept()
        threading.Thread(target=handler, args=(conn,), daemon=True).start()


def accept_ws(conn):
    """Reads a WebSocket handshake and accepts it with the grip extension; returns (request line, headers)."""
    data = b''
    while b'\r\n\r\n' not in data:
        data += conn.recv(4096)
    lines = data.split(b'\r\n\r\n')[0].decode().split('\r\n')
    headers = {l.split(':', 1)[0].lower(): l.split(':', 1)[1].strip() for l in lines[1:]}
    accept = base64.b64encode(hashlib.sha1((headers['sec-websocket-key'] + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11')
                                           .encode()).digest()).decode()
    conn.sendall(('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
                  'Sec-WebSocket-Accept: %s\r\nSec-WebSocket-Extensions: grip\r\n\r\n' % accept).encode())
    return lines[0], headers
