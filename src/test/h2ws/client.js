// SPDX-License-Identifier: Apache-2.0
// WebSockets over HTTP/2 (RFC 8441) with Node.js's own http2 module, no npm package: one HTTP/2
// connection to the origin given (http:// for h2c, https:// for h2 over TLS, whose certificate is
// the tests' own and not checked), and an extended CONNECT per "open ID PATH" command on stdin;
// "send ID TEXT" sends a text message on one, "close ID" closes it. One JSON event per line on
// stdout: settings (the server's SETTINGS_ENABLE_CONNECT_PROTOCOL), open (status), text, close,
// error. An independent client: Jetty's own WebSocketClient over HTTP/2 sometimes drops the first
// message it receives (docs/http2.md). Exits when stdin ends, or after a minute.
'use strict';

const http2 = require('http2');
const readline = require('readline');

const origin = new URL(process.argv[2]);
const emit = (event) => process.stdout.write(JSON.stringify(event) + '\n');
const sockets = new Map();

// Not `settings: { enableConnectProtocol: false }`: Jetty then refuses every extended CONNECT.
const session = http2.connect(origin, { rejectUnauthorized: false });
session.on('error', (e) => emit({ event: 'error', message: String(e) }));
session.once('remoteSettings', (settings) => emit({ event: 'settings', enableConnectProtocol: !!settings.enableConnectProtocol }));

function frame(opcode, payload)
{
  const mask = Buffer.from([0x12, 0x34, 0x56, 0x78]);
  const length = payload.length;
  const head = length < 126 ? Buffer.from([0x80 | opcode, 0x80 | length])
    : Buffer.from([0x80 | opcode, 0x80 | 126, length >> 8, length & 0xff]);
  const masked = Buffer.alloc(length);
  for (let i = 0; i < length; i++)
    masked[i] = payload[i] ^ mask[i % 4];
  return Buffer.concat([head, mask, masked]);
}

// Server frames are unmasked; a message may span DATA frames, and a DATA frame hold several messages.
function reader(id, stream)
{
  let pending = Buffer.alloc(0);
  return (data) =>
  {
    pending = Buffer.concat([pending, data]);
    while (pending.length >= 2)
    {
      let length = pending[1] & 0x7f;
      let offset = 2;
      if (length === 126) { if (pending.length < 4) return; length = pending.readUInt16BE(2); offset = 4; }
      else if (length === 127) { if (pending.length < 10) return; length = Number(pending.readBigUInt64BE(2)); offset = 10; }
      if (pending.length < offset + length)
        return;
      const opcode = pending[0] & 0x0f;
      const payload = pending.subarray(offset, offset + length);
      pending = pending.subarray(offset + length);
      if (opcode === 1)
        emit({ event: 'text', id, data: payload.toString('utf8') });
      else if (opcode === 8)
        emit({ event: 'close', id, code: payload.length >= 2 ? payload.readUInt16BE(0) : 1005 });
      else if (opcode === 9)
        stream.write(frame(10, payload));
    }
  };
}

function open(id, path)
{
  const stream = session.request({ ':method': 'CONNECT', ':protocol': 'websocket', ':scheme': origin.protocol.slice(0, -1),
    ':path': path, ':authority': origin.host, 'sec-websocket-version': '13' });
  sockets.set(id, stream);
  stream.on('response', (headers) => emit({ event: 'open', id, status: headers[':status'] }));
  stream.on('data', reader(id, stream));
  stream.on('error', (e) => emit({ event: 'error', id, message: String(e) }));
}

readline.createInterface({ input: process.stdin }).on('line', (line) =>
{
  const [command, id, ...rest] = line.split(' ');
  if (command === 'open')
    open(id, rest.join(' '));
  else if (command === 'send')
    sockets.get(id).write(frame(1, Buffer.from(rest.join(' '), 'utf8')));
  else if (command === 'close')
    sockets.get(id).write(frame(8, Buffer.from([0x03, 0xe8])));
}).on('close', () => process.exit(0));

setTimeout(() =>
{
  emit({ event: 'timeout' });
  process.exit(2);
}, 60000).unref();
