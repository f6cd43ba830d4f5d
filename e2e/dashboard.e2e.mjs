// The dashboard end to end, in Debian's headless Chromium, against the real standalone server
// with real Docker: first-admin setup → sign in → create a workspace from the minimal template →
// its deployment log streams and it reaches RUNNING → open it through the built-in proxy → run a
// command in the web terminal → a second user can neither see nor open it → the admin's Docker
// hosts page shows the host carrying it → stop → delete; then a mutable parameter is changed from
// the workspace page and the workspace restarts with it.
// Screenshots of the main pages go to $SCREENSHOT_DIR (docs/screenshots by default).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const BASE = process.env.DEVSANCTUM_URL;
assert.ok(process.env.DEVSANCTUM_DOCKER_HOST_ID, 'the Docker host id the server runs with (scripts/with-server.sh sets it)');
const SHOTS = process.env.SCREENSHOT_DIR ?? '../docs/screenshots';
const SLOW = 90_000;
assert.ok(BASE, 'DEVSANCTUM_URL must point at a running DevSanctum (scripts/e2e.sh sets it)');

let browser;
let admin; // the admin's page, signed in
let workspaceId;
let workspaceUrl;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  admin = await context.newPage();
});

after(async () => {
  await browser?.close();
});

const shot = (page, name) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

async function signIn(page, login, password) {
  await page.getByLabel('Login').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/workspaces');
}

test('first run: the admin is created and signs in', async () => {
  await admin.goto(BASE + '/');
  await admin.waitForURL('**/setup');
  await shot(admin, 'setup');
  await admin.getByLabel('Email').fill('ada@example.com');
  await admin.getByLabel('Username').fill('ada');
  await admin.getByLabel('Password').fill('correct horse battery');
  await admin.getByRole('button', { name: 'Create admin' }).click();
  await admin.waitForURL('**/sign-in**');
  await shot(admin, 'sign-in');
  await signIn(admin, 'ada', 'correct horse battery');
  await admin.getByTestId('current-user').filter({ hasText: 'ada' }).waitFor();
  await shot(admin, 'workspaces-empty');
});

test('a workspace is created from the minimal template, streams its log and runs', async () => {
  await admin.getByRole('button', { name: 'Create workspace' }).first().click();
  await admin.waitForURL('**/workspaces/new');
  await admin.getByRole('button', { name: 'Template Minimal' }).click();
  await admin.getByLabel('Name').fill('e2e');
  await shot(admin, 'create-workspace');
  await admin.getByRole('button', { name: 'Create workspace' }).click();
  await admin.waitForURL(/\/workspaces\/[0-9a-f-]{36}$/);
  workspaceId = admin.url().split('/').pop();

  const log = admin.getByTestId('deployment-log');
  await log.filter({ hasText: 'place' }).waitFor({ timeout: SLOW }); // the log streams from the first step
  const state = admin.getByTestId('workspace-state');
  await state.filter({ hasText: /running|failed/i }).waitFor({ timeout: SLOW });
  assert.match(await state.innerText(), /running/i, 'the deployment failed; its log:\n' + (await log.innerText()));
  await log.filter({ hasText: 'succeeded' }).waitFor({ timeout: SLOW });
  const lines = await log.innerText();
  const order = ['ensure-network', 'ensure-container', 'wait-healthy', 'register-route', 'succeeded'];
  const positions = order.map((step) => lines.indexOf(step));
  assert.ok(positions.every((at, i) => at >= 0 && (i === 0 || at > positions[i - 1])), 'steps appear in order:\n' + lines);
  await shot(admin, 'workspace-running');
});

test('the workspace opens at its own subdomain through the built-in proxy', async () => {
  const open = admin.getByTestId('open-workspace');
  await open.waitFor({ timeout: SLOW });
  workspaceUrl = await open.getAttribute('href');
  assert.match(workspaceUrl, /^http:\/\/e2e--ada\.localhost:\d+\/$/);
  const app = await admin.context().newPage();
  const response = await app.goto(workspaceUrl);
  assert.equal(response.status(), 200);
  await app.getByText('DevSanctum workspace e2e').waitFor();
  assert.equal(new URL(app.url()).host, new URL(workspaceUrl).host, 'lands on the workspace host after the handoff');
  await shot(app, 'workspace-app');
  await app.close();
});

test('the web terminal runs a command in the container', async () => {
  const terminal = admin.getByTestId('terminal');
  await terminal.waitFor({ timeout: SLOW });
  await terminal.click();
  // the shell's prompt shows that the socket is connected before typing
  await terminal.locator('.xterm-rows').filter({ hasText: /\$\s*$/m }).waitFor({ timeout: SLOW }).catch(() => {});
  await admin.keyboard.type('echo hello-$((6*7))');
  await admin.keyboard.press('Enter');
  await terminal.locator('.xterm-rows').filter({ hasText: 'hello-42' }).waitFor({ timeout: 20_000 });
  await shot(admin, 'terminal');
});

test('a second user can neither see nor open the workspace', async () => {
  const created = await admin.evaluate(async () => {
    const csrf = document.cookie.split('; ').find((c) => c.startsWith('ds_csrf='))?.split('=')[1];
    const response = await fetch('/api/v1/users', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify({ email: 'bob@example.com', username: 'bob', password: 'bob password 1' }),
    });
    return response.status;
  });
  assert.equal(created, 201);

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const bob = await context.newPage();
  await bob.goto(BASE + '/sign-in');
  await signIn(bob, 'bob', 'bob password 1');
  assert.equal(await bob.getByText('e2e', { exact: true }).count(), 0, 'not in his list');
  const listed = await bob.evaluate(async () => (await (await fetch('/api/v1/workspaces')).json()).workspaces.length);
  assert.equal(listed, 0);
  const detail = await bob.evaluate(async (id) => (await fetch('/api/v1/workspaces/' + id)).status, workspaceId);
  assert.equal(detail, 404);

  const proxied = await bob.goto(workspaceUrl);
  assert.equal(proxied.status(), 404, 'the workspace host answers 404 to another user');
  assert.equal(await bob.getByText('DevSanctum workspace e2e').count(), 0);
  await context.close();
});

test('the admin sees the Docker host healthy and carrying the running workspace', async () => {
  await admin.getByRole('link', { name: 'Hosts' }).click();
  await admin.waitForURL('**/hosts');
  const host = admin.getByTestId(`host-${process.env.DEVSANCTUM_DOCKER_HOST_ID}`);
  await host.filter({ hasText: 'healthy' }).waitFor();
  // the running-workspace count is refreshed with the host checks (every 5 s)
  await host.locator('td').nth(3).filter({ hasText: /^1$/ }).waitFor({ timeout: 15_000 });
  await shot(admin, 'hosts');
  await admin.goto(`${BASE}/workspaces/${workspaceId}`);
});

test('the workspace stops and is deleted', async () => {
  await admin.getByRole('button', { name: 'Stop' }).click();
  await admin.getByTestId('workspace-state').filter({ hasText: /stopped/i }).waitFor({ timeout: SLOW });
  await shot(admin, 'workspace-stopped');
  await admin.getByRole('button', { name: 'Delete' }).click();
  await admin.getByRole('button', { name: 'Delete workspace' }).click();
  // the page follows the delete and returns to the list when it is done
  await admin.waitForURL('**/workspaces', { timeout: SLOW });
  await admin.getByText('e2e was deleted').waitFor();
  assert.equal(await admin.evaluate(async (id) => (await fetch('/api/v1/workspaces/' + id)).status, workspaceId), 404);
});

test('a mutable parameter is changed from the workspace page and the workspace restarts with it', async () => {
  const csrf = async () => admin.evaluate(() => document.cookie.split('; ').find((c) => c.startsWith('ds_csrf='))?.split('=')[1]);
  const post = (path, body, token) => admin.evaluate(async ({ path, body, token }) => {
    const response = await fetch(path, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token }, body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }, { path, body, token });
  const template = await post('/api/v1/templates', {
    name: 'tunable', displayName: 'Tunable',
    spec: {
      image: 'devsanctum/workspace-minimal:latest', cpuMillis: 250, memoryMb: 64, pidsLimit: 64,
      apps: [{ name: 'web', port: 8080, default: true, healthPath: '/healthz' }],
      parameters: [
        { name: 'editor', displayName: 'Editor', options: ['vim', 'nano'], default: 'vim', mutable: true },
        { name: 'region', displayName: 'Region', default: 'eu', mutable: false },
      ],
    },
  }, await csrf());
  assert.equal(template.status, 201, JSON.stringify(template.body));
  const created = await post('/api/v1/workspaces', { templateId: template.body.id, name: 'tuned' }, await csrf());
  assert.equal(created.status, 201, JSON.stringify(created.body));

  await admin.goto(`${BASE}/workspaces/${created.body.id}`);
  const state = admin.getByTestId('workspace-state');
  await state.filter({ hasText: /running/i }).waitFor({ timeout: SLOW });
  await admin.getByRole('button', { name: 'Edit parameters' }).click();
  await admin.getByLabel('Editor').selectOption('nano');
  await shot(admin, 'edit-parameters');
  await admin.getByRole('button', { name: 'Save and restart' }).click();
  // the reply already shows it stopping, so "running" below is the restarted workspace
  await admin.getByText('Restarting tuned with the new parameters').waitFor();
  await state.filter({ hasText: /running/i }).waitFor({ timeout: SLOW });
  await admin.getByTestId('deployment-log').filter({ hasText: 'container replaced' }).waitFor({ timeout: SLOW });
  const parameters = await admin.evaluate(async (id) => (await (await fetch('/api/v1/workspaces/' + id)).json()).parameters,
    created.body.id);
  assert.deepEqual(parameters, { editor: 'nano', region: 'eu' });
});

test('the workspace list filters by name and state, and keeps the filter in the address', async () => {
  await admin.goto(`${BASE}/workspaces?state=active`);
  const rows = admin.locator('tr[data-workspace]');
  await rows.filter({ hasText: 'tuned' }).waitFor();
  await shot(admin, 'workspaces');
  await admin.getByLabel('Search').fill('no-such-workspace');
  await admin.getByText('No workspace matches').waitFor();
  assert.match(admin.url(), /[?&]q=no-such-workspace/);
  await admin.getByRole('button', { name: 'Clear the filter' }).click();
  await rows.filter({ hasText: 'tuned' }).waitFor();
  assert.equal(new URL(admin.url()).search, '');
});
