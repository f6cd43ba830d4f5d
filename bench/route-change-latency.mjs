// Route-change latency of the built-in proxy (issue 5's target: < 100 ms). Against a running
// DevSanctum ($DEVSANCTUM_URL; bench/route-change-latency.sh starts a throw-away one) with real
// Docker: one workspace from the seeded Minimal template is created and made public, then stopped
// (timing the stop request → the proxy's first 503) and started again $ROUNDS times. Each time the
// workspace event stream reports RUNNING, the workspace's host is requested through the proxy at
// once and again until the app answers 200; the latency is the time from the RUNNING event to that
// answer (so it includes one HTTP round trip). Prints a summary and exits 1 when the p95 misses the target.
import http from 'node:http';
import assert from 'node:assert/strict';

const BASE = process.env.DEVSANCTUM_URL;
const ROUNDS = Number(process.env.ROUNDS ?? 20);
const TARGET_MS = Number(process.env.TARGET_MS ?? 100);
assert.ok(BASE, 'DEVSANCTUM_URL must point at a running DevSanctum');
const base = new URL(BASE);

async function api(method, path, token, body) {
  const response = await fetch(BASE + path, {
    method,
    headers: { ...(token && { Authorization: `Bearer ${token}` }), ...(body && { 'Content-Type': 'application/json' }) },
    body: body && JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** The status of GET / on a workspace host, through the proxy on DevSanctum's own port. */
function proxied(host) {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port: base.port, path: '/', headers: { Host: host }, agent: false },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode));
      });
    request.on('error', reject);
  });
}

/** Workspace events as they arrive, for one listener at a time. */
async function followEvents(token, signal, onWorkspace) {
  const response = await fetch(BASE + '/api/v1/workspaces/events', { headers: { Authorization: `Bearer ${token}` }, signal });
  assert.equal(response.status, 200);
  const decoder = new TextDecoder();
  let buffer = '';
  (async () => {
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = event.split('\n').find((line) => line.startsWith('data: '));
        if (event.includes('event: workspace') && data) onWorkspace(JSON.parse(data.slice(6)));
      }
    }
  })().catch(() => {});
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

await api('POST', '/api/v1/setup/first-admin', null,
  { email: 'bench@example.com', username: 'bench', password: 'bench password 1' });
const { accessToken: token } = await api('POST', '/api/v1/auth/sign-in', null, { login: 'bench', password: 'bench password 1' });
const minimal = (await api('GET', '/api/v1/templates', token)).templates.find((t) => t.name === 'minimal');
assert.ok(minimal, 'the seeded Minimal template');

let waiting = null; // { id, resolve } for the next RUNNING of that workspace
const stopEvents = new AbortController();
await followEvents(token, stopEvents.signal, (workspace) => {
  const at = performance.now();
  if (waiting && workspace.id === waiting.id && ['RUNNING', 'FAILED'].includes(workspace.state)) {
    waiting.resolve({ at, workspace });
    waiting = null;
  }
});
const nextRunning = (id) => new Promise((resolve) => { waiting = { id, resolve }; });

async function measure(id, begin) {
  const running = nextRunning(id);
  await begin();
  const { at, workspace } = await running;
  assert.equal(workspace.state, 'RUNNING', `the workspace ${workspace.state}: ${workspace.failureReason ?? ''}`);
  const host = new URL(workspace.url).host;
  let attempts = 0;
  let status;
  do {
    attempts += 1;
    status = await proxied(host);
  } while (status !== 200 && performance.now() - at < 5_000);
  assert.equal(status, 200, `${host} still answers ${status} 5 s after RUNNING`);
  return { ms: performance.now() - at, attempts };
}

const workspace = await api('POST', '/api/v1/workspaces', token, { templateId: minimal.id, name: 'bench' });
await waitForState(workspace.id, 'RUNNING');
// public, so that the proxy answers the app itself rather than the sign-in handoff
await api('PUT', `/api/v1/workspaces/${workspace.id}/sharing`, token, { sharing: 'public' });
const samples = [];
const stops = []; // ms from the stop request to the proxy's first 503 (the workspace's "stopped" page)
const host = new URL((await api('GET', `/api/v1/workspaces/${workspace.id}`, token)).url).host;
for (let round = 0; round < ROUNDS; round++) {
  const stopAsked = performance.now();
  await api('POST', `/api/v1/workspaces/${workspace.id}/stop`, token);
  let status;
  do {
    status = await proxied(host);
  } while (status === 200 && performance.now() - stopAsked < 10_000);
  assert.equal(status, 503, `${host} answers ${status} after its stop`);
  stops.push(performance.now() - stopAsked);
  await waitForState(workspace.id, 'STOPPED');
  samples.push(await measure(workspace.id, () => api('POST', `/api/v1/workspaces/${workspace.id}/start`, token)));
}
stopEvents.abort();
await api('DELETE', `/api/v1/workspaces/${workspace.id}`, token);

async function waitForState(id, state) {
  for (let i = 0; i < 600; i++) {
    if ((await api('GET', `/api/v1/workspaces/${id}`, token)).state === state) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`workspace ${id} never reached ${state}`);
}

// the server's own view: from routing-service publishing a change to the proxy applying it
const metrics = await (await fetch(process.env.DEVSANCTUM_METRICS_URL)).text();
const metric = (name) => Number(metrics.match(new RegExp(`^${name} (\\S+)$`, 'm'))?.[1] ?? NaN);
const propagationCount = metric('devsanctum_proxy_route_propagation_seconds_count');
const propagationMeanMs = (metric('devsanctum_proxy_route_propagation_seconds_sum') / propagationCount) * 1000;
const propagationMaxMs = metric('devsanctum_proxy_route_propagation_seconds_max') * 1000;

const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
const firstTry = samples.filter((s) => s.attempts === 1).length;
const p50 = percentile(sorted, 50);
const p95 = percentile(sorted, 95);
console.log(`route-change latency, RUNNING event → proxy answers 200, ${samples.length} starts:`);
console.log(`  min ${sorted[0].toFixed(1)} ms, p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${sorted.at(-1).toFixed(1)} ms`);
console.log(`  served on the first request after RUNNING: ${firstTry}/${samples.length}`);
console.log(`  route-changed event → applied by the proxy (server metric, ${propagationCount} changes): `
  + `mean ${propagationMeanMs.toFixed(2)} ms, max ${propagationMaxMs.toFixed(2)} ms`);
const stopsSorted = [...stops].sort((x, y) => x - y);
console.log(`  stop asked → proxy answers 503 (stopped page), ${stops.length} stops: `
  + `p50 ${percentile(stopsSorted, 50).toFixed(1)} ms, max ${stopsSorted.at(-1).toFixed(1)} ms`);
console.log(`  target: p95 < ${TARGET_MS} ms → ${p95 < TARGET_MS ? 'met' : 'MISSED'}`);
process.exit(p95 < TARGET_MS ? 0 : 1);
