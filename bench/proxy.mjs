// Proxy benchmark (issue 12): DevSanctum's built-in proxy against nginx (one worker, keep-alive to
// the upstream) in front of the same workspace container (bench/app), measured in the same run,
// interleaved round by round. Keep-alive page (public, and owner-only with each credential kind:
// workspace cookie, access token, API token) at c32 and c128; an app answering in 200 ms at c32;
// WebSocket echo with many clients on one workspace. Prints the figures, the ratios and the load,
// and a markdown table for bench/README.md; exits 1 when a target is missed.
import { api, benchTemplate, firstAdmin, hostOf, PORT, publishedPort, runningWorkspace, workspaceCookie } from './lib/devsanctum.mjs';
import { fmt, load, median, table, webSocketEcho, wrk } from './lib/measure.mjs';
import { startNginx } from './lib/nginx.mjs';

const SECONDS = Number(process.env.SECONDS_PER_RUN ?? 3);
const PAIRS = Number(process.env.PAIRS ?? 3);
const WS_CLIENTS = Number(process.env.WS_CLIENTS ?? 128);
const WS_MESSAGES = Number(process.env.WS_MESSAGES ?? 50);

console.log(`proxy benchmark: ${PAIRS} pairs of ${SECONDS} s runs per measure; ${load()}`);
const { token } = await firstAdmin();
const template = await benchTemplate(token);
const shared = await runningWorkspace(token, template.id, 'pub', 'public');
const owned = await runningWorkspace(token, template.id, 'own', 'owner');
const appsOf = async (w) => Object.fromEntries((await api('GET', `/api/v1/workspaces/${w.id}`, token)).apps
  .map((app) => [app.name, hostOf(app.url)]));
const pub = await appsOf(shared);
const own = await appsOf(owned);
const apiToken = (await api('POST', '/api/v1/api-tokens', token, { name: 'bench' })).token;
const cookie = await workspaceCookie(token, own.web);

const nginx = await startNginx({
  [pub.web]: `http://127.0.0.1:${publishedPort(shared.id, 8080)}`,
  [pub.node]: `http://127.0.0.1:${publishedPort(shared.id, 8081)}`,
});
const ds = `http://127.0.0.1:${PORT}/`;
const peer = `http://127.0.0.1:${nginx.port}/`;
const variants = {
  public: { host: pub.web, headers: {} },
  'owner-only, workspace cookie': { host: own.web, headers: { Cookie: cookie } },
  'owner-only, access token': { host: own.web, headers: { Authorization: `Bearer ${token}` } },
  'owner-only, API token': { host: own.web, headers: { Authorization: `Bearer ${apiToken}` } },
};

// the JIT compiles the paths each variant takes before anything is measured
const WARM_UP_SECONDS = Number(process.env.WARM_UP_SECONDS ?? 8);
for (const variant of Object.values(variants)) {
  await wrk(ds, { connections: 64, seconds: WARM_UP_SECONDS, headers: { Host: variant.host, ...variant.headers } });
}
await wrk(peer, { connections: 64, seconds: 2, headers: { Host: pub.web } });

const run = (url, host, connections, headers = {}, path = '') =>
  wrk(url + path, { connections, seconds: SECONDS, headers: { Host: host, ...headers } });

/**
 * `PAIRS` back-to-back pairs of runs, nginx and DevSanctum, which of the two goes first alternating:
 * load from elsewhere on the machine drifts over seconds, so each pair's ratio compares like with
 * like, and the median of the pairs' ratios is the figure.
 */
async function pairs(nginxRun, dsRun) {
  const nginxRuns = [];
  const dsRuns = [];
  for (let i = 0; i < PAIRS; i++) {
    if (i % 2 === 0) {
      nginxRuns.push(await nginxRun());
      dsRuns.push(await dsRun());
    } else {
      dsRuns.push(await dsRun());
      nginxRuns.push(await nginxRun());
    }
  }
  return { nginx: nginxRuns, ds: dsRuns, ratio: median(dsRuns.map((r, i) => r.rps / nginxRuns[i].rps)) };
}

const row = (measure, proxy, runs, ratio, target) => [measure, proxy, fmt.rps(median(runs.map((r) => r.rps))),
  fmt.ms(median(runs.map((r) => r.p50))), fmt.ms(median(runs.map((r) => r.p99))), fmt.ratio(ratio), target];

const rows = [];
const missed = [];
try {
  for (const connections of [32, 128]) {
    for (const [name, variant] of Object.entries(variants)) {
      const result = await pairs(() => run(peer, pub.web, connections), () => run(ds, variant.host, connections, variant.headers));
      const nginxP99 = median(result.nginx.map((r) => r.p99));
      const dsP99 = median(result.ds.map((r) => r.p99));
      const met = result.ratio >= 0.9 && dsP99 <= nginxP99 + 1;
      if (!met) missed.push(`keep-alive c${connections} ${name}: ${fmt.ratio(result.ratio)}, p99 ${fmt.ms(dsP99)} vs ${fmt.ms(nginxP99)}`);
      const errors = result.ds.map((r) => r.errors ?? (r.non2xx ? `${r.non2xx} non-2xx` : null)).filter(Boolean);
      rows.push(row(`keep-alive page, c${connections}`, 'nginx', result.nginx, 1, ''));
      rows.push(row(`keep-alive page, c${connections}`, `DevSanctum, ${name}`, result.ds, result.ratio,
        (met ? 'met' : 'missed') + (errors.length ? ` (${errors.join('; ')})` : '')));
      console.log(`keep-alive c${connections} ${name}: ${fmt.ratio(result.ratio)}; ${load()}`);
    }
  }

  const slow = await pairs(() => run(peer, pub.node, 32, {}, 'slow'), () => run(ds, pub.node, 32, {}, 'slow'));
  if (slow.ratio < 0.9) missed.push(`slow app: ${fmt.ratio(slow.ratio)}`);
  rows.push(row('app answering in 200 ms, c32', 'nginx', slow.nginx, 1, ''));
  rows.push(row('app answering in 200 ms, c32', 'DevSanctum, public', slow.ds, slow.ratio, slow.ratio >= 0.9 ? 'met' : 'missed'));
  console.log(`slow app: ${fmt.ratio(slow.ratio)}; ${load()}`);

  const echo = (port) => () => webSocketEcho({ port, host: pub.node, clients: WS_CLIENTS, messages: WS_MESSAGES })
    .then((r) => ({ ...r, rps: r.tripsPerSecond }));
  const ws = await pairs(echo(nginx.port), echo(PORT));
  const allServed = ws.ds.every((r) => r.served === WS_CLIENTS);
  if (!allServed) missed.push(`WebSockets: ${ws.ds.map((r) => `${r.served}/${WS_CLIENTS} served (${r.failures.join(', ')})`).join('; ')}`);
  const served = (results) => `${Math.min(...results.map((r) => r.served))}/${WS_CLIENTS} served`;
  rows.push(row(`WebSocket echo, ${WS_CLIENTS} clients × ${WS_MESSAGES} (echoes/s)`, 'nginx', ws.nginx, 1, served(ws.nginx)));
  rows.push(row(`WebSocket echo, ${WS_CLIENTS} clients × ${WS_MESSAGES} (echoes/s)`, 'DevSanctum, public', ws.ds, ws.ratio,
    served(ws.ds) + (allServed ? ', met' : ', missed')));
} finally {
  nginx.stop();
}

console.log(`\nproxy vs nginx (1 worker, upstream keep-alive), ${PAIRS} back-to-back pairs of ${SECONDS} s runs (medians; the `
  + `ratio is the median of the pairs' ratios); `
  + `${new Date().toISOString().slice(0, 10)}, ${load()}\n`);
console.log(table(['measure', 'proxy', 'rps', 'p50', 'p99', 'vs nginx', 'target'], rows));
if (missed.length) {
  console.log(`\ntargets missed:\n  ${missed.join('\n  ')}`);
  process.exitCode = 1;
}
