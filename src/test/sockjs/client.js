// SPDX-License-Identifier: Apache-2.0
// The real sockjs-client in Node.js, driven line by line: SockJsClientIT starts it with a URL and
// one transport, writes commands on stdin ("send TEXT", "close") and reads one JSON event per line
// on stdout (open, message, heartbeat, close). It exits when the connection closes, or after a
// minute so a broken test never leaves it behind.
'use strict';

const readline = require('readline');
const SockJS = require('sockjs-client');

const [url, transport] = process.argv.slice(2);
const emit = (event) => process.stdout.write(JSON.stringify(event) + '\n');
const sock = new SockJS(url, null, { transports: [transport], timeout: 10000 });

sock.onopen = () => emit({ event: 'open', transport: sock.transport });
sock.onmessage = (e) => emit({ event: 'message', data: e.data });
sock.addEventListener('heartbeat', () => emit({ event: 'heartbeat' }));
sock.onclose = (e) =>
{
  emit({ event: 'close', code: e.code, reason: e.reason, wasClean: e.wasClean });
  process.exit(0);
};

readline.createInterface({ input: process.stdin }).on('line', (line) =>
{
  if (line.startsWith('send ') && sock.readyState === SockJS.OPEN)
    sock.send(line.substring(5));
  else if (line === 'close')
    sock.close();
});

setTimeout(() =>
{
  emit({ event: 'timeout' });
  process.exit(2);
}, 60000).unref();
