#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Runs the same WebSocket sessions through Holdfast and the real Pushpin and compares them.

usage: side-by-side-ws.py WOH_ORIGIN_PORT WS_ORIGIN_PORT HOLDFAST_HTTP HOLDFAST_CONTROL PUSHPIN_HTTP PUSHPIN_CONTROL

Both proxies must route `*,path_beg=/woh/` to 127.0.0.1:WOH_ORIGIN_PORT with `over_http` and
`*,path_beg=/ws/` to 127.0.0.1:WS_ORIGIN_PORT; this script serves both origins. For each session
it compares the client's 101, the frames the client receives (after a message from the origin,
a client message and text, binary and close publishes) and what the origin receives.
"""
import base64, socket, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from wire import accept_ws, decode_events, encode_event, frame, publish, read_frame, serve

WOH, WS, HF_HTTP, HF_CTL, PP_HTTP, PP_CTL = (int(a) for a in sys.argv[1:7])
seen = {'woh': [], 'ws': []}
SUBSCRIBE = b'c:{"type":"subscribe","channel":"CHANNEL"}'


class WohOrigin(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length') or 0))
        events = decode_events(body)
        channel = self.path.split('channel=')[-1]
        names = sorted(h.lower() for h in self.headers.keys() if h.lower() not in ('grip-sig', 'content-length', 'host',
                                                                                 'sec-websocket-key', 'connection-id'))
        seen['woh'].append((events, names))
        out = b''
        if events and events[0][0] == 'OPEN':
            out = encode_event('OPEN') + encode_event('TEXT', SUBSCRIBE.replace(b'CHANNEL', channel.encode())) \
                + encode_event('TEXT', b'm:welcome')
        elif any(kind == 'TEXT' for kind, _ in events):
            out = encode_event('TEXT', b'm:echo ' + [c for k, c in events if k == 'TEXT'][0])
        self.send_response(200)
        self.send_header('Content-Type', 'application/websocket-events')
        self.send_header('Sec-WebSocket-Extensions', 'grip')
        self.send_header('Content-Length', str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    def log_message(self, *args):
        pass


def serve_ws(conn):
    request_line, headers = accept_ws(conn)
    channel = request_line.split('channel=')[-1].split(' ')[0]
    names = sorted(h for h in headers if h not in ('grip-sig', 'host', 'sec-websocket-key', 'user-agent', 'accept-encoding',
                                                 'pragma', 'cache-control'))
    seen['ws'].append(('handshake', names, headers.get('sec-websocket-extensions')))
    conn.sendall(frame(1, SUBSCRIBE.replace(b'CHANNEL', channel.encode()), False))
    time.sleep(0.2)
    conn.sendall(frame(1, b'm:welcome', False))
    try:
        while True:
            op, payload = read_frame(conn)
            seen['ws'].append((op, payload))
            if op == 1:
                conn.sendall(frame(1, b'm:echo ' + payload, False))
            if op == 8:
                conn.sendall(frame(8, payload, False))
                return
    except (EOFError, OSError):
        seen['ws'].append(('eof',))


def session(port, ctl, path, channel):
    sock = socket.create_connection(('127.0.0.1', port))
    sock.sendall(('GET %s?channel=%s HTTP/1.1\r\nHost: example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
                  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nX-Client: 1\r\n\r\n'
                  % (path, channel)).encode())
    data = b''
    while b'\r\n\r\n' not in data:
        data += sock.recv(4096)
    head = data.split(b'\r\n\r\n')[0].decode().split('\r\n')
    frames = []
    sock.settimeout(2)
    frames.append(read_frame(sock))                        # m:welcome, prefix stripped
    sock.sendall(frame(1, b'hello', True))
    frames.append(read_frame(sock))                        # the origin's echo
    time.sleep(0.3)
    publish(ctl, {'channel': channel, 'formats': {'ws-message': {'content': 'pub text'}}})
    frames.append(read_frame(sock))
    publish(ctl, {'channel': channel, 'formats': {'ws-message': {'content-bin': base64.b64encode(b'\x00\x01').decode()}}})
    frames.append(read_frame(sock))
    publish(ctl, {'channel': channel, 'formats': {'ws-message': {'action': 'close', 'code': 4001, 'reason': 'bye'}}})
    frames.append(read_frame(sock))
    sock.close()
    time.sleep(0.5)
    return head[0], sorted(h.split(':')[0].lower() for h in head[1:]), frames


def compare(name, holdfast, pushpin):
    if holdfast == pushpin:
        print(f'same      {name}: {holdfast}')
    else:
        print(f'DIFFERENT {name}\n  holdfast: {holdfast}\n  pushpin:  {pushpin}')


def main():
    threading.Thread(target=ThreadingHTTPServer(('127.0.0.1', WOH), WohOrigin).serve_forever, daemon=True).start()
    threading.Thread(target=serve, args=(WS, serve_ws), daemon=True).start()
    time.sleep(0.3)
    for kind, path in (('woh', '/woh/chat'), ('ws', '/ws/chat')):
        results = {}
        for label, port, ctl in (('holdfast', HF_HTTP, HF_CTL), ('pushpin', PP_HTTP, PP_CTL)):
            seen[kind].clear()
            print('  session', kind, label, flush=True)
            status, headers, frames = session(port, ctl, path, 'sbs-' + kind + '-' + label)
            results[label] = (status, headers, frames, list(seen[kind]))
        print(f'-- {kind} session')
        compare('client 101 status line', results['holdfast'][0], results['pushpin'][0])
        compare('client 101 header names', results['holdfast'][1], results['pushpin'][1])
        compare('frames the client got', results['holdfast'][2], results['pushpin'][2])
        compare('what the origin got', results['holdfast'][3], results['pushpin'][3])


if __name__ == '__main__':
    main()
