#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Sends the same requests to Holdfast and to the real Pushpin and compares the raw responses.

usage: side-by-side.py ORIGIN_PORT HOLDFAST_HTTP HOLDFAST_CONTROL PUSHPIN_HTTP PUSHPIN_CONTROL

Both proxies must route `*` to 127.0.0.1:ORIGIN_PORT and `wrong.example` to a closed port, with
`debug.example,debug` also routed to the origin; this script serves that origin itself. Run it
through side-by-side.sh, which starts everything. Prints one line per case: `same`, or the two
answers where they differ (Date headers are masked; everything else is compared byte for byte).
`same*` means the same status line, header set and body, with headers in another order or the
body in other chunk sizes.
"""
import json
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ORIGIN_PORT, HF_HTTP, HF_CTL, PP_HTTP, PP_CTL = (int(a) for a in sys.argv[1:6])


class Origin(BaseHTTPRequestHandler):
    """A GRIP backend: each path answers with the instruction its name says."""
    protocol_version = 'HTTP/1.1'
    routes = {
        '/plain': (200, 'OK', [('Content-Type', 'text/plain'), ('X-Multi', 'a'), ('X-Multi', 'b')], b'plain body\n'),
        '/reason': (299, 'Quite Fine', [('Content-Type', 'text/plain')], b'ok\n'),
        '/stream': (200, 'OK', [('Content-Type', 'text/plain'), ('X-Foo', 'bar'), ('Grip-Hold', 'stream'),
                                ('Grip-Channel', 'sbs-s')], b'opened\n'),
        '/status': (200, 'OK', [('Grip-Hold', 'stream'), ('Grip-Channel', 'sbs-st'), ('Grip-Status', '404 Nope')], b''),
        '/poll': (202, 'Accepted', [('Content-Type', 'application/json'), ('Cache-Control', 'no-cache'), ('X-Foo', 'bar'),
                                    ('Grip-Hold', 'response'), ('Grip-Channel', 'sbs-p')], b'{"waiting":true}\n'),
        '/timeout': (200, 'OK', [('Content-Type', 'text/plain'), ('Grip-Hold', 'response'), ('Grip-Channel', 'sbs-t'),
                                 ('Grip-Timeout', '5')], b'timed out\n'),
        '/instruct': (200, 'OK', [('Content-Type', 'application/grip-instruct')],
                      b'{"hold":{"mode":"response","channels":[{"name":"sbs-i"}],"timeout":5},'
                      b'"response":{"code":418,"headers":{"X-A":"b"},"body":"tmo\\n"}}'),
        '/only-channel': (200, 'OK', [('Content-Type', 'text/plain'), ('Grip-Channel', 'x')], b'plain'),
        '/prev-no-link': (200, 'OK', [('Content-Type', 'text/plain'), ('Grip-Hold', 'stream'),
                                      ('Grip-Channel', 'sbs-pl; prev-id=1')], b'start\n'),
        '/bad-hold': (200, 'OK', [('Grip-Hold', 'forever'), ('Grip-Channel', 'x')], b''),
        '/bad-timeout': (200, 'OK', [('Grip-Hold', 'response'), ('Grip-Channel', 'x'), ('Grip-Timeout', 'soon')], b''),
        # Header classes a proxy may re-format (the same lines as HeaderFidelityIT), names written as given.
        '/headers': (200, 'OK', [('Set-Cookie', 'a=1; Path=/'),
                                 ('Set-Cookie', 'b="quoted value"; Expires=Wed, 21 Oct 2015 07:28:00 GMT; HttpOnly'),
                                 ('Set-Cookie', 'c=3; SameSite=Lax; Secure; Max-Age=60; Domain=example.com'),
                                 ('set-cookie', 'd=4;Path=/x'), ('content-type', 'text/html; charset=UTF-8'),
                                 ('X-Repeat', 'one'), ('X-Repeat', 'two'), ('X-List', 'a,b ,  c'),
                                 ('Cache-Control', 'no-cache, max-age=0'), ('x-lower', 'v'), ('ETag', '"abc"'),
                                 ('Link', '<https://x.test/a>; rel="next", <https://x.test/b>; rel="prev"'),
                                 ('WWW-Authenticate', 'Basic realm="x y"'), ('Vary', 'Accept-Encoding,Origin'),
                                 ('X-Empty', '')], b'body\n'),
    }

    def do_GET(self):
        self.answer()

    def do_POST(self):
        length = int(self.headers.get('Content-Length') or 0)
        self.rfile.read(length)
        self.answer()

    def answer(self):
        path = self.path.split('?')[0]
        if path == '/headers-stream':
            status, reason, headers, body = self.routes['/headers']
            headers = headers + [('Grip-Hold', 'stream'), ('Grip-Channel', 'sbs-h')]
        else:
            status, reason, headers, body = self.routes.get(path, (404, 'Not Found', [('Content-Type', 'text/plain')],
                                                                   b'nope\n'))
        self.send_response_only(status, reason)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def raw(port, request, read_for=1.0, until=None):
    """Sends raw bytes and returns what arrives within read_for seconds (or once `until` is seen)."""
    s = socket.create_connection(('127.0.0.1', port))
    s.sendall(request)
    s.settimeout(0.2)
    data = b''
    deadline = time.time() + read_for
    while time.time() < deadline:
        try:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
            if until and until in data:
                break
        except socket.timeout:
            pass
        except ConnectionResetError:
            data += b' [connection reset]'
            break
    s.close()
    return data


def get(path, host='example.com', extra=''):
    return f'GET {path} HTTP/1.1\r\nHost: {host}\r\n{extra}\r\n'.encode()


def post(path, body, extra=''):
    body = body.encode() if isinstance(body, str) else body
    return f'POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Length: {len(body)}\r\n{extra}\r\n'.encode() + body


def publish(ctl, items):
    # Up to the body: Holdfast keeps the connection after a success, so there is no close to wait for.
    return raw(ctl, post('/publish/', json.dumps({'items': items})), 2.0, b'Published\n')


def masked(data):
    lines = data.split(b'\r\n')
    return b'\r\n'.join(b'Date: *' if l.lower().startswith(b'date:') else l for l in lines)


def held(port, path, publish_to, items, read_for):
    """Opens a held request, publishes once it is held, returns everything the client got."""
    result = {}
    t = threading.Thread(target=lambda: result.update(data=raw(port, get(path), read_for)))
    t.start()
    time.sleep(0.5)
    publish(publish_to, items)
    t.join()
    return result['data']


def meaning(data, ignore=()):
    """Status line, headers as a sorted multiset and the de-chunked body: what HTTP defines.
    Headers named in `ignore` (lower case bytes) are left out."""
    head, _, body = data.partition(b'\r\n\r\n')
    lines = head.split(b'\r\n')
    headers = sorted((l.split(b':', 1)[0].lower(), l.split(b':', 1)[1].strip()) for l in lines[1:] if b':' in l)
    if (b'transfer-encoding', b'chunked') in headers:
        decoded = b''
        while body:
            size_line, _, rest = body.partition(b'\r\n')
            size = int(size_line.split(b';')[0] or b'0', 16)
            if size == 0:
                break
            decoded += rest[:size]
            body = rest[size + 2:]
        body = decoded
    return lines[0], [h for h in headers if h[0] not in ignore], body.replace(b' [connection reset]', b'')


def held10(port, ctl):
    """An HTTP/1.0 client holding a stream: no chunking, the body ends when the connection does."""
    result = {}
    request = b'GET /stream HTTP/1.0\r\nHost: example.com\r\n\r\n'
    t = threading.Thread(target=lambda: result.update(data=raw(port, request, 2.0)))
    t.start()
    time.sleep(0.5)
    publish(ctl, [{'channel': 'sbs-s', 'formats': {'http-stream': {'content': 'one\n'}}},
                  {'channel': 'sbs-s', 'formats': {'http-stream': {'action': 'close'}}}])
    t.join()
    return result['data']


def compare(name, holdfast, pushpin, loose=()):
    """Prints `same` (bytes equal, Date masked), `same*` (equal as HTTP: header order and chunk
    sizes aside), `same~` (equal as HTTP once the headers named in `loose` are left out; only
    where `loose` names some) or both answers."""
    h, p = masked(holdfast), masked(pushpin)
    if h == p:
        print(f'same      {name}')
    elif meaning(h) == meaning(p):
        print(f'same*     {name}   (same status, headers and body; header order or chunk sizes differ)')
    elif loose and meaning(h, loose) == meaning(p, loose):
        print(f'same~     {name}   (the same but for {b", ".join(loose).decode()})')
    else:
        print(f'DIFFERENT {name}\n  holdfast: {h!r}\n  pushpin:  {p!r}')


# Held streams: Pushpin's Connection: Transfer-Encoding is not sent by Holdfast, on purpose.
STREAM_LOOSE = (b'connection',)


def both(name, fn, loose=()):
    compare(name, fn(HF_HTTP, HF_CTL), fn(PP_HTTP, PP_CTL), loose)


def main():
    server = ThreadingHTTPServer(('127.0.0.1', ORIGIN_PORT), Origin)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    time.sleep(0.3)

    # The first proxied request after start pays for class loading and the HTTP client's start
    # (about 1.5 s on a fresh `mvn jetty:run`): warm both up, so the short reads below compare
    # answers, not start-up times.
    for port in (HF_HTTP, PP_HTTP):
        raw(port, get('/plain'), 10, b'body\n')

    print('-- proxying')
    both('plain GET', lambda port, ctl: raw(port, get('/plain'), 1, b'body\n'))
    both('custom reason phrase', lambda port, ctl: raw(port, get('/reason'), 1, b'ok\n'))
    both('POST with body', lambda port, ctl: raw(port, post('/plain', 'x=1'), 1, b'body\n'))
    both('no route for host', lambda port, ctl: raw(port, get('/', 'nothing.example'), 1, b'\n\n'))
    both('origin down', lambda port, ctl: raw(port, get('/', 'wrong.example'), 3, b'origin.\n'))
    both('GRIP without hold', lambda port, ctl: raw(port, get('/only-channel'), 1, b'\r\n\r\nplain'))
    both('invalid Grip-Hold', lambda port, ctl: raw(port, get('/bad-hold'), 1, b'origin.\n'))
    both('invalid Grip-Hold, debug route', lambda port, ctl: raw(port, get('/bad-hold', 'debug.example'), 1, b"stream'\n"))
    both('invalid Grip-Timeout, debug route', lambda port, ctl: raw(port, get('/bad-timeout', 'debug.example'), 1, b'Timeout\n'))

    print('-- header fidelity (Set-Cookie forms, Date, Content-Type parameters, repeated, list and quoted values, names)')
    both('relayed headers', lambda port, ctl: raw(port, get('/headers'), 1, b'body\n'))
    # Pushpin adds Connection: Transfer-Encoding to held streams; Holdfast does not (docs/wire.md).
    both('held stream headers', lambda port, ctl: raw(port, get('/headers-stream'), 1, b'body\n\r\n'), STREAM_LOOSE)

    print('-- streaming')
    both('stream: head, body, published chunks, close', lambda port, ctl: held(port, '/stream', ctl, [
        {'channel': 'sbs-s', 'formats': {'http-stream': {'content': 'one\n'}}},
        {'channel': 'sbs-s', 'formats': {'http-stream': {'content-bin': 'AAEC/wo='}}},
        {'channel': 'sbs-s', 'formats': {'http-stream': {'action': 'close'}}}], 2.0), STREAM_LOOSE)
    both('stream with prev-id but no next link', lambda port, ctl: raw(port, get('/prev-no-link'), 2, b'0\r\n\r\n'))
    both('stream with prev-id but no next link, debug', lambda port, ctl: raw(port, get('/prev-no-link', 'debug.example'), 2,
                                                                             b'0\r\n\r\n'))
    both('HTTP/1.0 stream', lambda port, ctl: held10(port, ctl))
    both('Grip-Status on a stream', lambda port, ctl: raw(port, get('/status'), 1, b'\r\n\r\n'), STREAM_LOOSE)

    print('-- long-poll')
    both('long-poll: published response merged onto the held one', lambda port, ctl: held(port, '/poll', ctl, [
        {'channel': 'sbs-p', 'formats': {'http-response': {
            'code': 201, 'headers': {'X-New': '1', 'X-Foo': 'baz', 'Grip-Foo': 'x'}, 'body': 'pushed\n'}}}], 2.0))
    both('long-poll: publish without code', lambda port, ctl: held(port, '/poll', ctl, [
        {'channel': 'sbs-p', 'formats': {'http-response': {'body-bin': 'YmluCg=='}}}], 2.0))
    timed = {}
    for label, port in (('holdfast', HF_HTTP), ('pushpin', PP_HTTP)):
        start = time.time()
        data = raw(port, get('/timeout'), 9, b'timed out\n')
        timed[label] = (data, time.time() - start)
    compare('long-poll timeout response (Grip-Timeout: 5)', timed['holdfast'][0], timed['pushpin'][0])
    print(f'          timeout took holdfast {timed["holdfast"][1]:.1f} s, pushpin {timed["pushpin"][1]:.1f} s')
    both('JSON instruct timeout response', lambda port, ctl: raw(port, get('/instruct'), 9, b'tmo\n'))

    print('-- publish API')
    cases = [
        ('GET /', get('/')),
        ('POST /publish/ ok', post('/publish/', '{"items":[]}')),
        ('POST /publish/ ok, JSON', post('/publish/', '{"items":[]}', 'Accept: application/json\r\n')),
        ('GET /publish/', get('/publish/')),
        ('DELETE /publish', b'DELETE /publish HTTP/1.1\r\nHost: x\r\n\r\n'),
        ('406', post('/publish/', '{"items":[]}', 'Accept: image/png\r\n')),
        ('411', b'POST /publish/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n'),
        ('not JSON', post('/publish/', 'xx')),
        ('not an object', post('/publish/', '[1]')),
        ('no items', post('/publish/', '{}')),
        ('items wrong type', post('/publish/', '{"items":{}}')),
        ('item without channel', post('/publish/', '{"items":[{"formats":{}}]}')),
        ('no formats', post('/publish/', '{"items":[{"channel":"a"}]}')),
        ('http-stream without content', post('/publish/', '{"items":[{"channel":"a","formats":{"http-stream":{}}}]}')),
        ('http-response without body', post('/publish/', '{"items":[{"channel":"a","formats":{"http-response":{}}}]}')),
        ('unknown action', post('/publish/', '{"items":[{"channel":"a","formats":{"http-stream":{"action":"x"}}}]}')),
        ('bad code', post('/publish/', '{"items":[{"channel":"a","formats":{"http-response":{"code":1000,"body":""}}}]}')),
        ('body over 1,000,000 bytes', post('/publish/', '{"items":[]}' + ' ' * 1000000)),
        ('POST /recover', post('/recover', '')),
        ('GET /recover', get('/recover')),
        ('unknown path', get('/nothing')),
        ('query string', post('/publish/?x=1', '{"items":[]}')),
    ]
    for name, request in cases:
        both(name, lambda port, ctl, request=request: raw(ctl, request, 2, None))
    server.shutdown()


if __name__ == '__main__':
    main()
