// The DevSanctum side of a benchmark: its REST API ($DEVSANCTUM_URL, from scripts/with-server.sh)
// and the Docker containers of its workspaces ($DEVSANCTUM_DOCKER_HOST_ID).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

export const BASE = process.env.DEVSANCTUM_URL;
assert.ok(BASE, 'DEVSANCTUM_URL must point at a running DevSanctum (run the benchmark through its .sh script)');
export const PORT = Number(new URL(BASE).port);
export const HOST_ID = process.env.DEVSANCTUM_DOCKER_HOST_ID;

export async function api(method, path, token, body, extraHeaders = {}) {
  const response = await fetch(BASE + path, {
    method,
    headers: {
      ...(token && { Authorization: `Bearer ${token}` }),
      ...(body && { 'Content-Type': 'application/json' }),
      ...extraHeaders,
    },
    body: body && JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** The first admin, signed in: { token, session }. */
export async function firstAdmin() {
  await api('POST', '/api/v1/setup/first-admin', null,
    { email: 'bench@example.com', username: 'bench', password: 'bench password 1' });
  const session = await api('POST', '/api/v1/auth/sign-in', null, { login: 'bench', password: 'bench password 1' });
  return { token: session.accessToken, session };
}

export async function template(token, name) {
  const found = (await api('GET', '/api/v1/templates', token)).templates.find((t) => t.name === name);
  assert.ok(found, `template ${name}`);
  return found;
}

/** The bench app (bench/app): nginx on 8080 (default app), the Node app on 8081. */
export async function benchTemplate(token) {
  return api('POST', '/api/v1/templates', token, {
    name: 'bench', displayName: 'Bench app', description: 'nginx page and Node slow/WebSocket app',
    spec: {
      image: 'devsanctum/bench-app:latest',
      apps: [
        { name: 'web', port: 8080, default: true, healthPath: '/healthz' },
        { name: 'node', port: 8081, healthPath: '/healthz' },
      ],
      cpuMillis: 2000, memoryMb: 256, pidsLimit: 256, startupTimeoutSeconds: 60,
    },
  });
}

/** Waits until the workspace is in `state` (polling its GET), failing on FAILED. */
export async function awaitState(token, id, state, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const workspace = await api('GET', `/api/v1/workspaces/${id}`, token);
    if (workspace.state === state) return workspace;
    if (workspace.state === 'FAILED') throw new Error(`workspace ${workspace.name} failed: ${workspace.failureReason}`);
    if (Date.now() > deadline) throw new Error(`workspace ${workspace.name} still ${workspace.state}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Creates a workspace and waits until it runs; sharing 'public' or 'owner'. */
export async function runningWorkspace(token, templateId, name, sharing = 'owner') {
  const created = await api('POST', '/api/v1/workspaces', token, { templateId, name });
  const running = await awaitState(token, created.id, 'RUNNING');
  if (sharing !== 'owner') {
    await api('PUT', `/api/v1/workspaces/${created.id}/sharing`, token, { sharing });
  }
  return running;
}

/** The workspace host of an app's URL ("web--dev--bench.localhost"). */
export function hostOf(url) {
  return new URL(url).hostname;
}

/** Where a workspace's container publishes `containerPort` on 127.0.0.1 (what its route's upstream is). */
export function publishedPort(workspaceId, containerPort) {
  const container = execFileSync('docker', ['ps', '-q', '--filter', `label=devsanctum.workspace_id=${workspaceId}`])
    .toString().trim().split('\n')[0];
  assert.ok(container, `a container for workspace ${workspaceId}`);
  const line = execFileSync('docker', ['port', container, `${containerPort}/tcp`]).toString().trim().split('\n')[0];
  return Number(line.slice(line.lastIndexOf(':') + 1));
}

/** The `ds_ws` cookie a browser gets for a workspace host after the dashboard's handoff. */
export async function workspaceCookie(token, host) {
  const handoff = await fetch(`${BASE}/api/v1/workspace-access/handoff?host=${host}&path=%2F`,
    { headers: { Authorization: `Bearer ${token}` }, redirect: 'manual' });
  const exchange = new URL(handoff.headers.get('location'));
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port: PORT, path: exchange.pathname + exchange.search, headers: { Host: exchange.host } },
      (response) => {
        response.resume();
        const cookie = (response.headers['set-cookie'] ?? []).find((c) => c.startsWith('ds_ws='));
        if (!cookie) reject(new Error(`no ds_ws cookie for ${host}: ${response.statusCode}`));
        else resolve(cookie.split(';')[0]);
      }).on('error', reject).end();
  });
}
