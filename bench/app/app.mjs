// Port 8081: GET /slow answers after 200 ms (SLOW_MS), GET /healthz at once, and any WebSocket
// upgrade becomes an echo (text frames back as they came). Minimal RFC 6455: unfragmented frames
// from clients (masked), answers unmasked; ping is answered with pong, close with close.
import http from 'node:http';
import crypto from 'node:crypto';

const SLOW_MS = Number(process.env.SLOW_MS ?? 200);
const server = http.createServer({ keepAliveTimeout: 120_000 }, (request, response) => {
  if (request.url.startsWith('/slow')) {
    setTimeout(() => response.end('slow answer\n'), SLOW_MS);
  } else {
    response.end('ok\n');
  }
});
server.headersTimeout = 0;
server.requestTimeout = 0;

server.on('upgrade', (request, socket) => {
  const accept = crypto.createHash('sha1')
    .update(request.headers['sec-websocket-key'] + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
  socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
    + `Sec-WebSocket-Accept: ${accept}\r\n\r\n`);
  socket.setNoDelay(true);
  let pending = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      if (pending.length < 2) return;
      const opcode = pending[0] & 0x0f;
      let length = pending[1] & 0x7f;
      let offset = 2;
      if (length === 126) { if (pending.length < 4) return; length = pending.readUInt16BE(2); offset = 4; }
      else if (length === 127) { if (pending.length < 10) return; length = Number(pending.readBigUInt64BE(2)); offset = 10; }
      const masked = (pending[1] & 0x80) !== 0;
      const total = offset + (masked ? 4 : 0) + length;
      if (pending.length < total) return;
      const payload = Buffer.from(pending.subarray(offset + (masked ? 4 : 0), total));
      if (masked) {
        const mask = pending.subarray(offset, offset + 4);
        for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i % 4];
      }
      pending = pending.subarray(total);
      if (opcode === 0x8) { socket.end(frame(0x8, payload.subarray(0, 2))); return; }
      socket.write(frame(opcode === 0x9 ? 0xa : opcode, payload));
    }
  });
  socket.on('error', () => socket.destroy());
});

function frame(opcode, payload) {
  const head = payload.length < 126 ? Buffer.from([0x80 | opcode, payload.length])
    : payload.length < 65536 ? Buffer.from([0x80 | opcode, 126, payload.length >> 8, payload.length & 0xff])
      : (() => { const b = Buffer.alloc(10); b[0] = 0x80 | opcode; b[1] = 127; b.writeBigUInt64BE(BigInt(payload.length), 2); return b; })();
  return Buffer.concat([head, payload]);
}

server.listen(8081, '0.0.0.0');
