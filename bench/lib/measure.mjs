// Load generation and figures shared by the benchmarks: wrk runs (parsed), a WebSocket echo load
// of many clients, percentiles, the machine's load, and tables for bench/README.md.
import { execFileSync, spawn } from 'node:child_process';
import { request } from 'node:http';
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export function load() {
  return execFileSync('uptime').toString().trim().replace(/^.*load average:\s*/, 'load ');
}

export function cores() {
  return os.cpus().length;
}

/** wrk against `url` for `seconds` with `connections`; headers as { name: value }. */
export function wrk(url, { connections, seconds, headers = {}, threads = 1 }) {
  const args = ['-t', String(threads), '-c', String(connections), '-d', `${seconds}s`, '--latency'];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args);
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('error', reject);
    child.on('close', () => {
      const rps = Number((out.match(/Requests\/sec:\s+([\d.]+)/) ?? [])[1]);
      const percentile = (p) => toMs((out.match(new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm')) ?? [])[1]);
      const errors = out.match(/Socket errors: (.*)/)?.[1] ?? null;
      const non2xx = Number((out.match(/Non-2xx or 3xx responses: (\d+)/) ?? [0, 0])[1]);
      if (!rps) reject(new Error(`wrk printed no rate:\n${out}`));
      else resolve({ rps, p50: percentile(50), p99: percentile(99), errors, non2xx });
    });
  });
}

function toMs(value) {
  if (!value) return NaN;
  const number = parseFloat(value);
  if (value.endsWith('us')) return number / 1000;
  if (value.endsWith('ms')) return number;
  if (value.endsWith('s')) return number * 1000;
  return number;
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function median(values) {
  return percentile(values, 50);
}

/**
 * `clients` WebSockets to 127.0.0.1:`port` with Host `host` (and `headers`), all opened at once;
 * then each sends a message and waits for its echo, `messages` times. Reports how many opened,
 * how many got every echo, echo round trips per second, and the round-trip percentiles.
 */
export async function webSocketEcho({ port, host, path = '/', headers = {}, clients, messages, openTimeoutMs = 15_000 }) {
  const sockets = await Promise.all(Array.from({ length: clients }, () =>
    openWebSocket(port, host, path, headers, openTimeoutMs).catch((e) => ({ failed: e.message }))));
  const open = sockets.filter((s) => !s.failed);
  const trips = [];
  const started = performance.now();
  const served = await Promise.all(open.map(async (socket) => {
    for (let i = 0; i < messages; i++) {
      const sent = performance.now();
      const echo = await socket.roundTrip(`message ${i}`, 5_000).catch(() => null);
      if (echo !== `message ${i}`) return false;
      trips.push(performance.now() - sent);
    }
    return true;
  }));
  const seconds = (performance.now() - started) / 1000;
  open.forEach((socket) => socket.close());
  return {
    opened: open.length, served: served.filter(Boolean).length, clients,
    tripsPerSecond: trips.length / seconds, p50: percentile(trips, 50), p99: percentile(trips, 99),
    failures: [...new Set(sockets.filter((s) => s.failed).map((s) => s.failed))],
  };
}

/** A minimal RFC 6455 client on an HTTP upgrade: text frames, masked, one message in flight. */
export function openWebSocket(port, host, path, headers, timeoutMs) {
  return new Promise((resolve, reject) => {
    const key = crypto.randomBytes(16).toString('base64');
    const req = request({
      host: '127.0.0.1', port, path, agent: false,
      headers: { Host: host, Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': key, ...headers },
    });
    const timer = setTimeout(() => { req.destroy(); reject(new Error(`no handshake within ${timeoutMs} ms`)); }, timeoutMs);
    req.on('response', (response) => { clearTimeout(timer); response.resume(); reject(new Error(`answered ${response.statusCode}`)); });
    req.on('error', (e) => { clearTimeout(timer); reject(e); });
    req.on('upgrade', (response, socket, head) => {
      clearTimeout(timer);
      socket.setNoDelay(true);
      let pending = head;
      let waiting = null;
      socket.on('data', (chunk) => {
        pending = Buffer.concat([pending, chunk]);
        while (pending.length >= 2) {
          let length = pending[1] & 0x7f;
          let offset = 2;
          if (length === 126) { if (pending.length < 4) return; length = pending.readUInt16BE(2); offset = 4; }
          if (pending.length < offset + length) return;
          const text = pending.subarray(offset, offset + length).toString();
          pending = pending.subarray(offset + length);
          if (waiting) { const w = waiting; waiting = null; w(text); }
        }
      });
      socket.on('error', () => {});
      resolve({
        roundTrip(text, ms) {
          return new Promise((done, fail) => {
            const t = setTimeout(() => { waiting = null; fail(new Error('no echo')); }, ms);
            waiting = (echo) => { clearTimeout(t); done(echo); };
            const payload = Buffer.from(text);
            const mask = crypto.randomBytes(4);
            const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]));
            socket.write(Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]));
          });
        },
        close() { socket.destroy(); },
      });
    });
    req.end();
  });
}

/** A markdown table: `head` is the header row, `rows` arrays of cells. */
export function table(head, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

export const fmt = {
  rps: (v) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '–'),
  ms: (v) => (Number.isFinite(v) ? (v < 10 ? v.toFixed(2) : v.toFixed(1)) + ' ms' : '–'),
  ratio: (v) => (Number.isFinite(v) ? v.toFixed(2) + '×' : '–'),
};

/** Resident memory of processes, in MiB: RSS (counts shared pages in each process) and PSS (shares them out). */
export function memory(pids) {
  let rss = 0;
  let pss = 0;
  for (const pid of pids) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      rss += Number(rollup.match(/^Rss:\s+(\d+) kB/m)[1]);
      pss += Number(rollup.match(/^Pss:\s+(\d+) kB/m)[1]);
    } catch {
      // the process ended meanwhile (a PostgreSQL backend): it holds nothing any more
    }
  }
  return { rss: rss / 1024, pss: pss / 1024, processes: pids.length };
}

/** The embedded PostgreSQL of a data directory: its postmaster and every process it started. */
export function postgresProcesses(dataDir) {
  const postmaster = readFileSync(`${dataDir}/postgres/postmaster.pid`, 'utf8').split('\n')[0].trim();
  const children = execFileSync('ps', ['-o', 'pid=', '--ppid', postmaster]).toString().trim().split('\n')
    .map((line) => line.trim()).filter(Boolean);
  return [postmaster, ...children];
}

/** The embedded PostgreSQL's port (postmaster.pid's fourth line). */
export function postgresPort(dataDir) {
  return Number(readFileSync(`${dataDir}/postgres/postmaster.pid`, 'utf8').split('\n')[3].trim());
}

/** Resolves once GET http://127.0.0.1:`port``path` (Host `host`) answers `status`, polling every `everyMs`. */
export async function untilAnswers(port, { host, path = '/', status = 200, everyMs = 5, timeoutMs = 120_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await new Promise((resolve) => {
      const req = request({ host: '127.0.0.1', port, path, agent: false, headers: host ? { Host: host } : {} }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode));
      });
      req.on('error', () => resolve(0));
      req.setTimeout(2000, () => req.destroy());
      req.end();
    });
    if (got === status) return;
    if (Date.now() > deadline) throw new Error(`127.0.0.1:${port}${path} (${host ?? 'no host'}) still answers ${got}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
