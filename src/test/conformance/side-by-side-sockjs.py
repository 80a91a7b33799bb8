#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Runs the same SockJS sessions through Holdfast and the real Pushpin and compares what each sends.

usage: side-by-side-sockjs.py WS_ORIGIN_PORT WOH_ORIGIN_PORT HOLDFAST_HTTP HOLDFAST_CONTROL PUSHPIN_HTTP PUSHPIN_CONTROL

Both proxies must have the routes that side-by-side-sockjs.sh writes; this script serves both
origins (a GRIP WebSocket origin that subscribes each connection to channel `sjs`, says
`m:welcome` and echoes, and the same over WebSocket-over-HTTP). Each case prints the raw answers
of both proxies (Date/Server dropped, the info entropy masked) and what the origin saw, then
`same` or `DIFFERENT`. The heartbeat cases wait Pushpin's fixed 25 s, both proxies at once.
"""
import re, socket, struct, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from wire import accept_ws, decode_events, encode_event, frame, publish, read_frame, serve

WS, WOH, HF_HTTP, HF_CTL, PP_HTTP, PP_CTL = (int(a) for a in sys.argv[1:7])
ORIGIN = []


def seen(*event):
    ORIGIN.append(event)


def serve_ws(conn):
    request_line, headers = accept_ws(conn)
    seen('handshake', request_line, sorted(h for h in headers if h not in ('grip-sig', 'sec-websocket-key', 'host')))
    conn.sendall(frame(1, b'c:{"type":"subscribe","channel":"sjs"}', False) + frame(1, b'm:welcome', False))
    try:
        while True:
            op, payload = read_frame(conn)
            seen('frame', op, payload)
            if op == 1 and payload == b'close-me':
                conn.sendall(frame(8, struct.pack('>H', 4002) + b'origin bye', False))
            elif op == 1:
                conn.sendall(frame(1, b'm:echo ' + payload, False))
            elif op == 8:
                conn.sendall(frame(8, payload, False))
                return
    except (EOFError, OSError):
        seen('eof')


class WohOrigin(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def do_POST(self):
        events = decode_events(self.rfile.read(int(self.headers.get('Content-Length') or 0)))
        seen('woh', self.path, self.headers.get('Content-Type'), events)
        out = b''
        if events and events[0][0] == 'OPEN':
            out = encode_event('OPEN') + encode_event('TEXT', b'c:{"type":"subscribe","channel":"sjs"}') \
                + encode_event('TEXT', b'm:welcome')
        for kind, content in events:
            if kind == 'TEXT':
                out += encode_event('TEXT', b'm:echo ' + content)
        self.send_response(200)
        self.send_header('Content-Type', 'application/websocket-events')
        self.send_header('Sec-WebSocket-Extensions', 'grip')
        self.send_header('Content-Length', str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    def log_message(self, *args):
        pass


def http(port, method, path, body=None, headers=(), timeout=3):
    """One request on its own connection; the raw answer, normalised, or '<no answer>'."""
    s = socket.create_connection(('127.0.0.1', port))
    head = '%s %s HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n' % (method, path)
    head += ''.join(h + '\r\n' for h in headers)
    if body is not None:
        head += 'Content-Length: %d\r\n' % len(body)
    s.sendall(head.encode() + b'\r\n' + (body or b''))
    s.settimeout(timeout)
    data = b''
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    except socket.timeout:
        data += b'<no answer>'
    s.close()
    return normalise(data)


def normalise(data):
    head, _, body = data.partition(b'\r\n\r\n')
    lines = head.decode('latin-1').split('\r\n')
    kept = sorted(l for l in lines[1:] if l.split(':')[0].lower() not in ('date', 'server', 'connection', 'transfer-encoding'))
    if any(l.lower().startswith('transfer-encoding: chunked') for l in lines):
        body = unchunk(body)
    if b'"entropy":' in body:
        # A random number: its digits, and so the length, differ from answer to answer.
        body = re.sub(rb'"entropy":\d+', b'"entropy":N', body)
        kept = [l for l in kept if not l.lower().startswith('content-length')]
    return [lines[0]] + kept + [body]


def unchunk(body):
    out = b''
    while body:
        size, _, rest = body.partition(b'\r\n')
        try:
            n = int(size, 16)
        except ValueError:
            return out + body
        if n == 0:
            break
        out += rest[:n]
        body = rest[n + 2:]
    return out


def later(seconds, action):
    threading.Timer(seconds, action).start()


def ws_connect(port, path):
    s = socket.create_connection(('127.0.0.1', port))
    s.sendall(('GET %s HTTP/1.1\r\nHost: example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
               'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n' % path).encode())
    data = b''
    while b'\r\n\r\n' not in data:
        chunk = s.recv(1)
        if not chunk:
            break
        data += chunk
    return s, data.split(b'\r\n')[0].decode()


def ws_next(s, timeout=3):
    s.settimeout(timeout)
    try:
        op, payload = read_frame(s)
        return (op, payload)
    except socket.timeout:
        return '<nothing>'
    except (EOFError, OSError):
        return '<eof>'


# ---- the cases: each takes (http port, control port, unique session prefix) -------------------

def static_pages(p, c, u):
    return [http(p, 'GET', '/sockjs/info'), http(p, 'OPTIONS', '/sockjs/info', headers=['Origin: http://a.test']),
            http(p, 'GET', '/sockjs/iframe.html'),
            http(p, 'GET', '/sockjs/iframe.html', headers=['If-None-Match: "64c0a4ebd4572b4443cb844140a070c5"']),
            http(p, 'GET', '/sockjs/'), http(p, 'GET', '/sockjs/a/a'), http(p, 'GET', '/sockjs/000/%s/xhr' % u)]


def xhr_session(p, c, u):
    url = '/sockjs/000/%s-x' % u
    out = [http(p, 'POST', url + '/xhr?x=1', b'', ['Origin: http://a.test', 'X-Client: 1']), http(p, 'POST', url + '/xhr'),
           http(p, 'POST', url + '/xhr_send', b'["hello","two \\"q\\" \\u2028"]'), http(p, 'POST', url + '/xhr')]
    later(0.5, lambda: publish(c, {'channel': 'sjs', 'formats': {'ws-message': {'content': 'pub \u00e9'}}}))
    out.append(http(p, 'POST', url + '/xhr'))
    later(0.5, lambda: publish(c, {'channel': 'sjs', 'formats': {'ws-message': {'action': 'close', 'code': 4001, 'reason': 'bye'}}}))
    out += [http(p, 'POST', url + '/xhr'), http(p, 'POST', url + '/xhr'), http(p, 'POST', url + '/xhr_send', b'["x"]')]
    return out


def jsonp_session(p, c, u):
    url = '/sockjs/000/%s-j' % u
    return [http(p, 'GET', url + '/jsonp?c=cb'), http(p, 'GET', url + '/jsonp?c=cb'),
            http(p, 'POST', url + '/jsonp_send', b'd=%5B%22hi%22%5D', ['Content-Type: application/x-www-form-urlencoded']),
            http(p, 'GET', url + '/jsonp?callback=cb2'), http(p, 'GET', '/sockjs/000/%s-j2/jsonp' % u)]


def errors(p, c, u):
    url = '/sockjs/000/%s-e' % u
    out = [http(p, 'POST', url + '/xhr'), http(p, 'POST', url + '/xhr')]
    out += [http(p, 'POST', url + '/xhr_send', b'["' + b'x' * 100000 + b'"]')[:1], http(p, 'POST', url + '/xhr_send', b'["a"'),
            http(p, 'POST', url + '/xhr_send', b'[]'), http(p, 'POST', '/sockjs/000/nosuch-%s/xhr_send' % u, b'["x"]'),
            http(p, 'GET', url + '/xhr')]
    threading.Thread(target=lambda: http(p, 'POST', url + '/xhr', timeout=2), daemon=True).start()
    time.sleep(0.5)
    out.append(http(p, 'POST', url + '/xhr'))
    return out


def streaming(p, c, u):
    return [http(p, 'POST', '/sockjs/000/%s-s/xhr_streaming' % u, timeout=1),
            http(p, 'GET', '/sockjs/000/%s-s2/eventsource' % u, timeout=1)]


def session_timeout(p, c, u):
    url = '/sockjs/000/%s-t' % u
    out = [http(p, 'POST', url + '/xhr')]
    time.sleep(6.5)
    return out + [http(p, 'POST', url + '/xhr')]


def poll_heartbeat(p, c, u):
    url = '/sockjs/000/%s-h' % u
    return [http(p, 'POST', url + '/xhr'), http(p, 'POST', url + '/xhr'), http(p, 'POST', url + '/xhr', timeout=30)]


def websocket(p, c, u):
    s, status = ws_connect(p, '/sockjs/000/%s-w/websocket?q=1' % u)
    out = [status, ws_next(s), ws_next(s)]
    s.sendall(frame(1, b'["hello","two"]', True))
    out += [ws_next(s), ws_next(s)]
    publish(c, {'channel': 'sjs', 'formats': {'ws-message': {'content': 'pub'}}})
    out.append(ws_next(s))
    publish(c, {'channel': 'sjs', 'formats': {'ws-message': {'type': 'ping', 'content': 'p'}}})
    out.append(ws_next(s, 1))
    publish(c, {'channel': 'sjs', 'formats': {'ws-message': {'action': 'close', 'code': 4001, 'reason': 'bye'}}})
    out.append(ws_next(s))
    s2, _ = ws_connect(p, '/sockjs/000/%s-w2/websocket' % u)
    out += [ws_next(s2), ws_next(s2)]
    s2.sendall(frame(1, b'["close-me"]', True))
    out.append(ws_next(s2))
    return out


def websocket_heartbeat(p, c, u):
    s, status = ws_connect(p, '/sockjs/000/%s-wh/websocket' % u)
    return [status, ws_next(s), ws_next(s), ws_next(s, 30)]


def raw_websocket(p, c, u):
    s, status = ws_connect(p, '/sockjs/websocket?r=1')
    out = [status, ws_next(s)]
    s.sendall(frame(1, b'raw hello', True))
    return out + [ws_next(s)]


def over_http_and_as_path(p, c, u):
    url = '/woh/sjs/000/%s-o' % u
    out = [http(p, 'POST', url + '/xhr?r=4', b'', ['Content-Type: text/plain']), http(p, 'POST', url + '/xhr'),
           http(p, 'POST', url + '/xhr_send', b'["w1"]'), http(p, 'POST', url + '/xhr')]
    s, status = ws_connect(p, '/asp/sjs/000/%s-a/websocket?r=2' % u)
    return out + [status, ws_next(s), ws_next(s)]


CASES = [static_pages, xhr_session, jsonp_session, errors, streaming, session_timeout, websocket, raw_websocket,
         over_http_and_as_path]
PARALLEL = [poll_heartbeat, websocket_heartbeat]


def run(case, port, ctl, label, results):
    ORIGIN.clear()
    answers = case(port, ctl, label + str(int(time.time())))
    time.sleep(0.5)
    results[label] = (answers, sorted(map(repr, ORIGIN)))


def compare(name, results):
    print('== %s' % name)
    for i, (hf, pp) in enumerate(zip(results['holdfast'][0], results['pushpin'][0])):
        print('  %-9s #%d\n    holdfast: %r\n    pushpin:  %r' % ('same' if hf == pp else 'DIFFERENT', i, hf, pp))
    hf, pp = results['holdfast'][1], results['pushpin'][1]
    print('  %-9s origin saw\n    holdfast: %s\n    pushpin:  %s' % ('same' if hf == pp else 'DIFFERENT', hf, pp))


def main():
    threading.Thread(target=serve, args=(WS, serve_ws), daemon=True).start()
    threading.Thread(target=ThreadingHTTPServer(('127.0.0.1', WOH), WohOrigin).serve_forever, daemon=True).start()
    time.sleep(0.3)
    for case in CASES:
        results = {}
        for label, port, ctl in (('holdfast', HF_HTTP, HF_CTL), ('pushpin', PP_HTTP, PP_CTL)):
            run(case, port, ctl, label, results)
        compare(case.__name__, results)
    for case in PARALLEL:
        results = {}
        threads = [threading.Thread(target=lambda l=l, p=p, c=c: results.__setitem__(l, (case(p, c, l + 'p'), [])))
                   for l, p, c in (('holdfast', HF_HTTP, HF_CTL), ('pushpin', PP_HTTP, PP_CTL))]
        [t.start() for t in threads]
        [t.join() for t in threads]
        compare(case.__name__, results)


if __name__ == '__main__':
    main()
