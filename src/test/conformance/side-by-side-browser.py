#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Auto Cross-Origin and JSONP side by side: the same browser-style requests to Holdfast and to
the real Pushpin, answers compared byte for byte.

usage: side-by-side-browser.py ORIGIN_PORT HOLDFAST_HTTP HOLDFAST_CONTROL PUSHPIN_HTTP PUSHPIN_CONTROL

Both proxies must use the routes side-by-side-browser.sh writes; this script serves the origin.
Prints one line per case: `same` (Date masked, bytes equal), `same*` (header order or chunk sizes
differ), `same~` (equal but for framing: Pushpin answers a JSONP call with Content-Length, and the
origin's Cache-Control mirrored, or chunked without it, depending on timing; so Content-Length,
Transfer-Encoding, Connection and the wrapper's Cache-Control are ignored), or both answers where
they differ.
"""
import importlib.util
import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_spec = importlib.util.spec_from_file_location('sbs', os.path.join(os.path.dirname(__file__), 'side-by-side.py'))
sbs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sbs)  # shares raw(), publish(), both() (and its compare()) and the port arguments

FRAMING = (b'content-length', b'transfer-encoding', b'connection', b'cache-control')


class Origin(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def do_GET(self):
        self.answer()

    do_POST = do_PUT = do_OPTIONS = do_DELETE = do_GET

    def answer(self):
        length = int(self.headers.get('Content-Length') or 0)
        body = self.rfile.read(length) if length else b''
        path = self.path.split('?')[0]
        if path == '/api':
            seen = {'method': self.command, 'path': self.path, 'body': body.decode('latin1'),
                    'accept': self.headers.get('Accept'), 'content-type': self.headers.get('Content-Type'),
                    'x-q': self.headers.get('X-Q')}
            self.send(200, 'OK', [('Content-Type', 'application/json'), ('Cache-Control', 'no-cache'), ('X-Custom', '1')],
                      (json.dumps(seen, sort_keys=True) + '\n').encode())
        elif path == '/dup':
            self.send(200, 'OK', [('X-A', '1'), ('x-a', '2'), ('Set-Cookie', 'a=1'), ('Set-Cookie', 'b=2'),
                                  ('Cache-Control', 'no-store'), ('Access-Control-Allow-Origin', 'https://mine')], b'[1]\r\n')
        elif path == '/uni':
            self.send(200, 'Fine \u00e9'.encode().decode('latin1'), [('Content-Type', 'text/plain')],
                      'h\u00e9\u2028 "q" \\ / \x01\x7f\t\r\n'.encode() + b'\xff\xfe end\n')
        elif path == '/broken':
            self.send(200, 'OK', [('Content-Type', 'text/plain')], b'\xef\xbb\xbfa\xe2\x820\xed\xa0\x80\xf0\x9f\x98')
        elif path == '/nc':
            self.send(204, 'No Content', [('X-B', '1')], None)
        elif path == '/poll':
            channel = self.path.split('?')[1].split('&')[0]
            self.send(200, 'OK', [('Content-Type', 'application/json'), ('X-Held', '1'), ('Grip-Hold', 'response'),
                                  ('Grip-Channel', channel), ('Grip-Timeout', '5')], b'{"waiting":true}\n')
        elif path == '/stream':
            self.send(200, 'OK', [('Content-Type', 'text/plain'), ('Grip-Hold', 'stream'),
                                  ('Grip-Channel', 'sbb-stream')], b'opened\n')
        else:
            self.send(404, 'Not Found', [('Content-Type', 'text/plain')], b'nope\n')

    def send(self, status, reason, headers, body):
        self.send_response_only(status, reason)
        self.send_header('Date', 'Sat, 01 Jan 2000 00:00:00 GMT')
        for name, value in headers:
            self.send_header(name, value)
        if body is not None:
            self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def log_message(self, *args):
        pass


def request(method, path, host='example.com', headers=()):
    lines = ''.join(f'{h}\r\n' for h in headers)
    return f'{method} {path} HTTP/1.1\r\nHost: {host}\r\n{lines}\r\n'.encode()


def both(name, fn):
    sbs.both(name, fn, loose=FRAMING)


def ask(method, path, host='example.com', headers=(), until=b'\n\n'):
    return lambda port, ctl: sbs.raw(port, request(method, path, host, headers), 2, None)


def held(path, host, items, headers=()):
    def run(port, ctl):
        result = {}
        t = threading.Thread(target=lambda: result.update(data=sbs.raw(port, request('GET', path, host, headers), 2.5)))
        t.start()
        time.sleep(0.5)
        sbs.publish(ctl, items)
        t.join()
        return result['data']
    return run


def main():
    server = ThreadingHTTPServer(('127.0.0.1', sbs.ORIGIN_PORT), Origin)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    time.sleep(0.3)
    origin = ('Origin: http://ex.com',)

    print('-- Auto Cross-Origin')
    both('CORS preflight', ask('OPTIONS', '/api', headers=origin + (
        'Access-Control-Request-Method: PUT', 'Access-Control-Request-Headers: X-A, X-B',
        'Access-Control-Request-Headers: X-C')))
    both('plain GET with Origin', ask('GET', '/api', headers=origin))
    both('plain GET without Origin', ask('GET', '/api'))
    both('repeated headers, backend sets Allow-Origin', ask('GET', '/dup', headers=origin))
    both('route without aco', ask('GET', '/api', 'plain.example', origin))
    both('origin down', ask('GET', '/', 'dead.example', origin))
    pub = {'code': 201, 'reason': 'Yes', 'headers': {'X-Pub': '1', 'Cache-Control': 'max-age=3', 'x-pub': '2'},
           'body': '["pub"]\n'}
    both('long-poll, published answer', held('/poll?sbb-lp1', 'example.com',
                                             [{'channel': 'sbb-lp1', 'formats': {'http-response': pub}}], origin))
    both('stream, published chunk', held('/stream', 'example.com',
                                         [{'channel': 'sbb-stream', 'formats': {'http-stream': {'content': 'hi\n'}}}],
                                         origin))

    print('-- JSONP')
    both('extended', ask('GET', '/api?callback=cb'))
    both('extended, non-ASCII, control characters, invalid UTF-8, reason', ask('GET', '/uni?callback=cb'))
    both('extended, byte-order mark and broken UTF-8', ask('GET', '/broken?callback=cb'))
    both('extended, repeated headers', ask('GET', '/dup?callback=cb'))
    both('extended, 204', ask('GET', '/nc?callback=cb'))
    both('extended, _method _headers _body, rest of query kept',
         ask('GET', '/api?a=1&callback=cb&_method=PUT&_headers=%7B%22X-Q%22%3A%22v%22%2C%22Accept%22%3A%22x%22%7D'
                    '&_body=hi%20there&z=%2B'))
    both('basic', ask('GET', '/api?callback=cb', 'basic.example'))
    both('basic, body trailing CRLF', ask('GET', '/dup?callback=cb&_method=GET', 'basic.example'))
    both('jsonp_body with jsonp_defcb', ask('GET', '/api?b=%7B%22k%22%3A1%7D&_body=kept', 'body.example'))
    both('POST is not a call', ask('POST', '/api?callback=cb'))
    both('empty callback', ask('GET', '/api?callback='))
    both('bad _headers', ask('GET', '/api?callback=cb&_headers=%5B%5D'))
    both('empty _body', ask('GET', '/api?callback=cb&_body='))
    both('origin down, wrapped', ask('GET', '/?callback=cb', 'dead.example'))
    both('long-poll, published answer, extended', held('/poll?sbb-lp2&callback=cb', 'example.com',
                                                      [{'channel': 'sbb-lp2', 'formats': {'http-response': pub}}]))
    both('long-poll, published answer, basic', held('/poll?sbb-lp3&callback=cb', 'basic.example',
                                                   [{'channel': 'sbb-lp3', 'formats': {'http-response': pub}}]))
    both('long-poll timeout, extended', lambda port, ctl: sbs.raw(port, request('GET', '/poll?sbb-t&callback=cb'), 9,
                                                                 b'});\n'))
    server.shutdown()


if __name__ == '__main__':
    main()
