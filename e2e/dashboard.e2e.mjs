// The dashboard end to end, in Debian's headless Chromium, against the real standalone server
// with real Docker: first-admin setup → sign in → create a workspace from the minimal template →
// its deployment log streams and it reaches RUNNING → open it through the built-in proxy → run a
// command in the web terminal → a second user can neither see nor open it → the admin's Docker
// hosts page shows the host carrying it → stop (the workspace host's own stopped page offers its
// owner a Start button) → delete; then a mutable parameter is changed from the workspace page and
// the workspace restarts with it. Sessions: reloads of the list, a workspace page with its streams
// and terminal, and the templates page keep the sign-in (with pauses past the refresh-token
// rotation grace and past the access token's lifetime; the server runs with short ones, see
// scripts/e2e.sh) and Open reaches the app at once; a password change signs out the user's other
// browser; an admin unlocks a locked-out user, resets their password (they must choose a new one
// at sign-in) and deletes them; the admin reads the audit log (their sign-in, the workspace
// created, its diff, the CSV export). No page may report a Content-Security-Policy violation.
// Screenshots of the main pages go to $SCREENSHOT_DIR (docs/screenshots by default).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const BASE = process.env.DEVSANCTUM_URL;
assert.ok(process.env.DEVSANCTUM_DOCKER_HOST_ID, 'the Docker host id the server runs with (scripts/with-server.sh sets it)');
const SHOTS = process.env.SCREENSHOT_DIR ?? '../docs/screenshots';
const SLOW = 90_000;
assert.ok(BASE, 'DEVSANCTUM_URL must point at a running DevSanctum (scripts/e2e.sh sets it)');
/** The server's access-token lifetime and refresh-token reuse grace (scripts/e2e.sh sets them short). */
const ACCESS_SECONDS = Number(process.env.DEVSANCTUM_AUTH_ACCESS_TOKEN_SECONDS ?? 900);
const GRACE_SECONDS = Number(process.env.DEVSANCTUM_AUTH_REFRESH_REUSE_GRACE_SECONDS ?? 10);

let browser;
let admin; // the admin's page, signed in
let adminPassword = 'correct horse battery';
let workspaceId;
let workspaceUrl;
let bobPassword = 'bob password 1';
let bobWorkspaceId;
/** Every Content-Security-Policy violation any page reported, and the pages looked at. */
const cspViolations = [];
const pagesSeen = new Set();

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
  admin = await (await newContext()).newPage();
});

after(async () => {
  await browser?.close();
});

const shot = (page, name) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A browser context whose pages report every CSP violation: the `securitypolicyviolation` event
 * (through a console line from a script Playwright injects outside the page's CSP) and Chromium's
 * own "Refused to …" console errors.
 */
async function newContext() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`securitypolicyviolation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} in ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  context.on('console', (message) => {
    const text = message.text();
    if (/securitypolicyviolation|Content Security Policy/i.test(text)) cspViolations.push(`${message.page()?.url()}: ${text}`);
  });
  context.on('page', (page) => page.on('framenavigated', (frame) => {
    if (frame !== page.mainFrame()) return;
    const url = new URL(frame.url());
    pagesSeen.add((url.host === new URL(BASE).host ? '' : url.hostname.split('.')[0] + ' ') + url.pathname.replace(/[0-9a-f-]{36}/g, ':id'));
  }));
  return context;
}

async function signIn(page, login, password, landing = '**/workspaces') {
  await page.getByLabel('Login').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(landing);
}

/**
 * An API call from inside the page, with its cookies, as the dashboard makes it: the CSRF header,
 * and one renewal on a 401 (the access cookie lives only DEVSANCTUM_AUTH_ACCESS_TOKEN_SECONDS).
 */
async function api(page, method, path, body) {
  return page.evaluate(async ({ method, path, body }) => {
    const csrf = () => document.cookie.split('; ').find((c) => c.startsWith('ds_csrf='))?.slice('ds_csrf='.length) ?? '';
    const send = () => fetch(path, {
      method,
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf() },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let response = await send();
    // a 401 of sign-in itself is a wrong password, not an expired session
    if (response.status === 401 && !path.startsWith('/api/v1/auth/')) {
      const renewed = await fetch('/api/v1/auth/refresh', { method: 'POST', headers: { 'X-CSRF-Token': csrf() } });
      if (renewed.status === 409) await new Promise((resolve) => setTimeout(resolve, 500)); // the page renewed at the same moment
      response = await send();
    }
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }, { method, path, body });
}

/** Clicks Open on the workspace page and follows the new tab to the app; the tab and every URL it went through. */
async function openWorkspace(page, expectText) {
  const context = page.context();
  // without the workspace host's cookie, Open goes through the handoff
  await context.clearCookies({ domain: new URL(workspaceUrl).hostname });
  const navigations = [];
  const track = (request) => {
    if (request.isNavigationRequest()) navigations.push(request);
  };
  context.on('request', track);
  const [tab] = await Promise.all([context.waitForEvent('page'), page.getByTestId('open-workspace').click()]);
  try {
    await tab.getByText(expectText).waitFor({ timeout: 20_000 });
  } finally {
    context.off('request', track);
  }
  // where each hop went (their tokens left out)
  const hops = navigations.filter((r) => r.frame().page() === tab).map((r) => new URL(r.url()).origin + new URL(r.url()).pathname);
  return { tab, hops };
}

test('first run: the admin is created and signs in', async () => {
  await admin.goto(BASE + '/');
  await admin.waitForURL('**/setup');
  await shot(admin, 'setup');
  await admin.getByLabel('Email').fill('ada@example.com');
  await admin.getByLabel('Username').fill('ada');
  await admin.getByLabel('Password').fill(adminPassword);
  await admin.getByRole('button', { name: 'Create admin' }).click();
  await admin.waitForURL('**/sign-in**');
  await shot(admin, 'sign-in');
  await signIn(admin, 'ada', adminPassword);
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

test('reloads keep the sign-in, past the rotation grace and the access token\'s lifetime, and Open works at once', async () => {
  assert.ok(ACCESS_SECONDS <= 60, `the server must run with a short access-token lifetime (scripts/e2e.sh), not ${ACCESS_SECONDS} s`);
  const context = admin.context();
  const refreshes = [];
  const started = Date.now();
  const at = () => ((Date.now() - started) / 1000).toFixed(1) + ' s';
  const onResponse = (response) => {
    if (new URL(response.url()).pathname === '/api/v1/auth/refresh') refreshes.push({ status: response.status(), at: at() });
  };
  const onFailed = (request) => {
    if (new URL(request.url()).pathname === '/api/v1/auth/refresh') refreshes.push({ status: 'no answer', at: at() });
  };
  context.on('response', onResponse);
  context.on('requestfailed', onFailed);

  const workspacePage = `${BASE}/workspaces/${workspaceId}`;
  let commands = 0;
  const ready = {
    async workspace() {
      await admin.getByTestId('workspace-state').filter({ hasText: /running/i }).waitFor({ timeout: 20_000 });
      await admin.getByTestId('deployment-log').filter({ hasText: 'succeeded' }).waitFor({ timeout: 20_000 });
      // the terminal's socket is open and its shell answers
      const terminal = admin.getByTestId('terminal');
      await terminal.locator('.xterm-rows').filter({ hasText: /\$\s*$/m }).waitFor({ timeout: 20_000 });
      await terminal.click();
      const n = ++commands;
      await admin.keyboard.type(`echo reload-${n}-$((6*7))`);
      await admin.keyboard.press('Enter');
      await terminal.locator('.xterm-rows').filter({ hasText: `reload-${n}-42` }).waitFor({ timeout: 20_000 });
    },
    async list() {
      await admin.locator('tr[data-workspace]').filter({ hasText: 'e2e' }).waitFor({ timeout: 20_000 });
      await admin.getByText('live', { exact: true }).waitFor({ timeout: 20_000 }); // the event stream is open
    },
    async templates() {
      await admin.getByRole('link', { name: 'Minimal' }).waitFor({ timeout: 20_000 });
    },
  };
  const signedIn = async (what) => {
    await admin.getByTestId('current-user').filter({ hasText: 'ada' }).waitFor({ timeout: 20_000 });
    assert.doesNotMatch(admin.url(), /\/sign-in/, `signed out after reloading the ${what} page`);
    await ready[what]();
  };
  const steps = [];
  const reloadAfter = async (what, ms) => {
    await pause(ms);
    await admin.reload();
    await signedIn(what);
    steps.push(`${what} after ${ms / 1000} s`);
  };
  const visit = async (what, url) => {
    await admin.goto(url);
    await signedIn(what);
  };
  const shortPause = (GRACE_SECONDS + 1) * 1000;
  const pastAccess = (ACCESS_SECONDS + 2) * 1000;

  await visit('workspace', workspacePage);
  await reloadAfter('workspace', shortPause);
  await reloadAfter('workspace', 0); // at once: the page just renewed what it had to
  await reloadAfter('workspace', shortPause);
  await visit('list', `${BASE}/workspaces`);
  await reloadAfter('list', shortPause);
  await reloadAfter('list', shortPause);
  await visit('templates', `${BASE}/templates`);
  await reloadAfter('templates', shortPause);
  await reloadAfter('templates', shortPause);
  await visit('workspace', workspacePage);
  const first = await openWorkspace(admin, 'DevSanctum workspace e2e');
  await first.tab.close();
  await reloadAfter('workspace', pastAccess); // the access token has expired: the reload renews
  await reloadAfter('workspace', shortPause);
  // and once more past its lifetime without reloading: Open follows a workspace link with no access cookie left
  await pause(pastAccess);
  const second = await openWorkspace(admin, 'DevSanctum workspace e2e');
  await second.tab.close();
  context.off('response', onResponse);
  context.off('requestfailed', onFailed);

  const statuses = refreshes.map((r) => r.status);
  console.log(`reloads: ${steps.length} (${steps.join(', ')}) in ${at()}; access token ${ACCESS_SECONDS} s, reuse grace ${GRACE_SECONDS} s`);
  console.log(`refreshes: ${refreshes.length}: ${refreshes.map((r) => `${r.status} at ${r.at}`).join(', ')}`);
  console.log(`409s: ${statuses.filter((s) => s === 409).length}; refused: ${statuses.filter((s) => s === 401 || s === 403).length}`);
  console.log(`Open right after reloads: ${first.hops.length} navigations: ${first.hops.join(' → ')}`);
  console.log(`Open past the access token's lifetime: ${second.hops.length} navigations: ${second.hops.join(' → ')}`);
  assert.ok(statuses.includes(200), 'the session was renewed at least once (the access token outlived)');
  assert.deepEqual(statuses.filter((s) => s !== 200 && s !== 409), [], 'no refresh was refused');
  // workspace host → handoff → workspace host's exchange → the app
  assert.equal(first.hops.length, 4, 'Open went straight through the handoff: ' + first.hops.join(' → '));
  // … with the sign-in page renewing the session on the way (it asks for no password)
  assert.ok(second.hops.length <= 6, 'Open went through the handoff without looping: ' + second.hops.join(' → '));
  for (const { hops } of [first, second]) {
    assert.equal(new URL(hops.at(-1)).host, new URL(workspaceUrl).host, 'ends on the workspace host');
  }
  const me = await api(admin, 'GET', '/api/v1/users/me');
  assert.equal(me.status, 200, 'still signed in after every reload');
});

test('a refresh whose answer never reached the browser does not end the sign-in', async () => {
  const context = admin.context();
  const refreshUrl = BASE + '/api/v1/auth/refresh';
  const seen = [];
  const onRequest = (request) => {
    if (request.url() === refreshUrl) seen.push({ at: Date.now(), status: null, request });
  };
  const onResponse = (response) => {
    const entry = seen.find((e) => e.request === response.request());
    if (entry) entry.status = response.status();
  };
  context.on('request', onRequest);
  context.on('response', onResponse);
  const rounds = [];
  await admin.goto(BASE + '/workspaces');
  await admin.getByTestId('current-user').filter({ hasText: 'ada' }).waitFor();
  for (const wait of [0, (GRACE_SECONDS + 1) * 1000]) {
    // exchange the browser's refresh token behind its back, and drop the answer: the browser keeps
    // the spent token, as when a page reload overtakes the answer of its refresh
    const held = (await context.cookies(refreshUrl)).find((c) => c.name === 'ds_refresh');
    assert.ok(held, 'the browser holds a refresh cookie');
    const lost = await fetch(refreshUrl, { method: 'POST', headers: { Cookie: `ds_refresh=${held.value}` } });
    assert.equal(lost.status, 200, 'the server exchanged the token');
    const exchangedAt = Date.now();
    await context.clearCookies({ name: 'ds_access' }); // as if the access token had just expired
    await pause(wait);
    seen.length = 0;
    await admin.reload();
    await admin.getByTestId('current-user').filter({ hasText: 'ada' }).waitFor({ timeout: 20_000 });
    await admin.locator('tr[data-workspace], .empty').first().waitFor({ timeout: 20_000 });
    assert.doesNotMatch(admin.url(), /\/sign-in/);
    const statuses = seen.map((e) => e.status);
    const firstAfter = seen.length ? (seen[0].at - exchangedAt) / 1000 : NaN;
    rounds.push(`reload ${(wait / 1000).toFixed(0)} s after the lost answer: page refreshed ${firstAfter.toFixed(1)} s after it, answers ${statuses.join(', ')}`);
    // within the grace the spent token is taken for a racing tab (409): the page waits it out and
    // refreshes once more, and the server accepts the token whose successor was never used
    const near = Math.abs(firstAfter - GRACE_SECONDS) < 0.3; // the server's clock decides that close to the edge
    const expected = near ? [[409, 200], [200]] : firstAfter < GRACE_SECONDS ? [[409, 200]] : [[200]];
    assert.ok(expected.some((e) => JSON.stringify(e) === JSON.stringify(statuses)), rounds.at(-1));
  }
  context.off('request', onRequest);
  context.off('response', onResponse);
  console.log(rounds.join('\n'));
  assert.equal((await api(admin, 'GET', '/api/v1/users/me')).status, 200, 'the sign-in holds');
});

test('a second user can neither see nor open the workspace', async () => {
  const created = await api(admin, 'POST', '/api/v1/users', { email: 'bob@example.com', username: 'bob', password: bobPassword });
  assert.equal(created.status, 201, JSON.stringify(created.body));

  const context = await newContext();
  const bob = await context.newPage();
  await bob.goto(BASE + '/sign-in');
  await signIn(bob, 'bob', bobPassword);
  assert.equal(await bob.getByText('e2e', { exact: true }).count(), 0, 'not in his list');
  assert.equal((await api(bob, 'GET', '/api/v1/workspaces')).body.workspaces.length, 0);
  assert.equal((await api(bob, 'GET', '/api/v1/workspaces/' + workspaceId)).status, 404);

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
  // the workspace host answers its owner with its own page: what happened, and a Start button
  const host = await admin.context().newPage();
  const stopped = await host.goto(workspaceUrl);
  await host.getByRole('button', { name: 'Start workspace' }).waitFor();
  assert.equal(new URL(host.url()).host, new URL(workspaceUrl).host);
  assert.ok(stopped.status() >= 400, `the stopped page is not a success (HTTP ${stopped.status()})`);
  await shot(host, 'workspace-stopped-page');
  await host.close();
  await admin.getByRole('button', { name: 'Delete' }).click();
  await admin.getByRole('button', { name: 'Delete workspace' }).click();
  // the page follows the delete and returns to the list when it is done
  await admin.waitForURL('**/workspaces', { timeout: SLOW });
  await admin.getByText('e2e was deleted').waitFor();
  assert.equal((await api(admin, 'GET', '/api/v1/workspaces/' + workspaceId)).status, 404);
});

test('a mutable parameter is changed from the workspace page and the workspace restarts with it', async () => {
  const template = await api(admin, 'POST', '/api/v1/templates', {
    name: 'tunable', displayName: 'Tunable',
    spec: {
      image: 'devsanctum/workspace-minimal:latest', cpuMillis: 250, memoryMb: 64, pidsLimit: 64,
      apps: [{ name: 'web', port: 8080, default: true, healthPath: '/healthz' }],
      parameters: [
        { name: 'editor', displayName: 'Editor', options: ['vim', 'nano'], default: 'vim', mutable: true },
        { name: 'region', displayName: 'Region', default: 'eu', mutable: false },
      ],
    },
  });
  assert.equal(template.status, 201, JSON.stringify(template.body));
  const created = await api(admin, 'POST', '/api/v1/workspaces', { templateId: template.body.id, name: 'tuned' });
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
  const parameters = (await api(admin, 'GET', '/api/v1/workspaces/' + created.body.id)).body.parameters;
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

test('a password changed on the Account page signs out the user\'s other browser, and only that', async () => {
  const elsewhere = await (await newContext()).newPage();
  await elsewhere.goto(BASE + '/sign-in');
  await signIn(elsewhere, 'ada', adminPassword);
  await elsewhere.getByText('live', { exact: true }).waitFor(); // its event stream is open

  await admin.goto(BASE + '/account');
  const form = admin.getByRole('form', { name: 'Change password' });
  await form.getByLabel('Current password').fill('not my password');
  await form.getByLabel('New password', { exact: true }).fill('a new horse battery');
  await form.getByLabel('Confirm new password').fill('a new horse battery');
  await form.getByRole('button', { name: 'Change password' }).click();
  await form.getByText('is not your current password').waitFor();
  await form.getByLabel('Confirm new password').fill('a new horse batter');
  await form.getByRole('button', { name: 'Change password' }).click();
  await form.getByText('does not match the new password').waitFor();
  await shot(admin, 'account-password');

  await form.getByLabel('Current password').fill(adminPassword);
  await form.getByLabel('Confirm new password').fill('a new horse battery');
  await form.getByRole('button', { name: 'Change password' }).click();
  const changed = Date.now();
  await admin.getByText('Password changed; your other sign-ins have ended').waitFor();
  adminPassword = 'a new horse battery';

  // the other browser's stream is ended by the server; the page finds its session gone and says so
  await elsewhere.waitForURL(/\/sign-in\?.*reason=ended/, { timeout: 30_000 });
  console.log(`the other browser was on the sign-in page ${((Date.now() - changed) / 1000).toFixed(1)} s after the change`);
  await elsewhere.getByTestId('sign-in-reason').filter({ hasText: 'Your sign-in was ended' }).waitFor();
  // this browser's sign-in goes on
  await admin.reload();
  await admin.getByTestId('current-user').filter({ hasText: 'ada' }).waitFor();
  assert.equal((await api(admin, 'GET', '/api/v1/users/me')).status, 200);
  // the other browser signs in with the new password
  await signIn(elsewhere, 'ada', adminPassword);
  await elsewhere.context().close();
});

test('an admin unlocks a locked-out user, and resets their password: they must choose a new one first', async () => {
  // five wrong passwords for bob from this address, from a browser that has no sign-in of his
  const attacker = await (await newContext()).newPage();
  await attacker.goto(BASE + '/sign-in');
  const statuses = [];
  for (let i = 0; i < 6; i++) {
    statuses.push((await api(attacker, 'POST', '/api/v1/auth/sign-in', { login: 'bob', password: `guess ${i}` })).status);
  }
  assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);

  await admin.goto(BASE + '/users');
  const row = admin.locator('tr[data-user="bob"]');
  await row.getByText('sign-in locked').waitFor();
  await admin.locator('tr[data-lockout="bob"]').first().waitFor();
  await shot(admin, 'users-admin');
  await row.getByRole('button', { name: 'Unlock' }).click();
  await admin.getByText('bob can sign in again').waitFor();
  await admin.getByTestId('no-lockouts').waitFor();
  assert.equal(await row.getByText('sign-in locked').count(), 0);
  assert.equal((await api(attacker, 'POST', '/api/v1/auth/sign-in', { login: 'bob', password: 'guess again' })).status, 401,
    'a wrong password is refused as such again, not held up');
  await attacker.context().close();

  await row.getByRole('button', { name: 'Reset password' }).click();
  const dialog = admin.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Reset password' }).click();
  const secret = dialog.getByTestId('one-time-password');
  await secret.waitFor();
  const oneTime = (await secret.innerText()).trim();
  assert.match(oneTime, /^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
  await dialog.getByRole('button', { name: 'Copy password' }).waitFor();
  await shot(admin, 'password-reset');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await row.getByText('must change password').waitFor();

  const bob = await (await newContext()).newPage();
  await bob.goto(BASE + '/sign-in');
  await signIn(bob, 'bob', oneTime, '**/choose-password**');
  // the one-time password just typed is not asked for again
  await bob.getByLabel('New password', { exact: true }).waitFor();
  assert.equal(await bob.getByLabel('Current password').count(), 0);
  // nothing else is allowed meanwhile
  const refused = await api(bob, 'GET', '/api/v1/workspaces');
  assert.equal(refused.status, 403);
  assert.match(refused.body.type, /\/password-change-required$/);
  await bob.goto(BASE + '/workspaces');
  await bob.waitForURL(/\/choose-password\?returnTo=%2Fworkspaces$/);
  await shot(bob, 'choose-password');
  bobPassword = 'bob chose this one';
  await bob.getByLabel('Current password').fill(oneTime);
  await bob.getByLabel('New password', { exact: true }).fill(bobPassword);
  await bob.getByLabel('Confirm new password').fill(bobPassword);
  await bob.getByRole('button', { name: 'Save password and continue' }).click();
  await bob.waitForURL('**/workspaces');
  await bob.getByTestId('current-user').filter({ hasText: 'bob' }).waitFor();
  const me = await api(bob, 'GET', '/api/v1/users/me');
  assert.equal(me.body.passwordChangeRequired, false);

  // bob gets a workspace, so that deleting him is refused at first
  const templates = (await api(bob, 'GET', '/api/v1/templates')).body.templates;
  const minimal = templates.find((t) => t.name === 'minimal');
  const created = await api(bob, 'POST', '/api/v1/workspaces', { templateId: minimal.id, name: 'bobs' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  bobWorkspaceId = created.body.id;
  await bob.context().close();
});

test('an admin deletes a user: refused while they own a workspace, done with their workspaces', async () => {
  // a workspace mid-deployment cannot be let go of: wait until bob's runs
  for (let tries = 0; ; tries++) {
    const state = (await api(admin, 'GET', '/api/v1/workspaces/' + bobWorkspaceId)).body.state;
    if (state === 'RUNNING') break;
    assert.ok(tries < 90 && state !== 'FAILED', `bob's workspace is ${state}`);
    await pause(1000);
  }
  await admin.goto(BASE + '/users');
  const row = admin.locator('tr[data-user="bob"]');
  await row.getByRole('button', { name: 'Delete' }).click();
  const dialog = admin.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Delete user' }).click();
  await dialog.getByText(/owns 1 workspace \(bobs\)/).waitFor();
  await shot(admin, 'delete-user-refused');
  await dialog.getByLabel('Delete their workspaces too').check();
  await dialog.getByRole('button', { name: 'Delete user' }).click();
  await admin.getByText('Deleted bob').waitFor();
  assert.equal(await row.count(), 0);
  const users = (await api(admin, 'GET', '/api/v1/users')).body.users;
  assert.ok(!users.some((u) => u.username === 'bob'), 'bob is gone');
  const workspace = await api(admin, 'GET', '/api/v1/workspaces/' + bobWorkspaceId);
  assert.ok(workspace.status === 404 || ['DELETING', 'DELETED'].includes(workspace.body.state),
    `bob's workspace goes with him (${workspace.status} ${workspace.body?.state})`);
});

test('an SSH key is added on the Account page with the fingerprint ssh-keygen prints, and deleted', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-ssh-'));
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'ada@laptop', '-f', join(dir, 'id')]);
  const publicKey = readFileSync(join(dir, 'id.pub'), 'utf8').trim();
  const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', join(dir, 'id.pub')]).toString().split(' ')[1];

  await admin.goto(BASE + '/account');
  const form = admin.locator('form').filter({ has: admin.getByLabel('Public key') });
  await form.getByLabel('Name').fill('laptop');
  await form.getByLabel('Public key').fill('not a key');
  await form.getByRole('button', { name: 'Add key' }).click();
  await form.getByText('must be an OpenSSH public key').waitFor();
  await form.getByLabel('Public key').fill(publicKey);
  await form.getByRole('button', { name: 'Add key' }).click();
  const row = admin.getByRole('row').filter({ hasText: 'laptop' });
  await row.getByText(fingerprint).waitFor();
  await shot(admin, 'account-ssh-keys');

  await row.getByRole('button', { name: 'Delete' }).click();
  await admin.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await admin.getByText('No SSH keys').waitFor();
  assert.equal((await api(admin, 'GET', '/api/v1/ssh-keys')).body.keys.length, 0);
});

test('the admin reads the audit log: their sign-in and the workspace they created, with its change and a CSV export', async () => {
  await admin.getByRole('link', { name: 'Audit' }).click();
  await admin.waitForURL('**/audit');
  const signIn = admin.locator('tr[data-audit="session.sign-in"]').filter({ hasText: 'ada' }).first();
  await signIn.waitFor();
  assert.match(await signIn.innerText(), /success/);

  await admin.getByLabel('Action').selectOption('workspace.create');
  await admin.getByRole('button', { name: 'Apply filters' }).click();
  await admin.waitForURL(/[?&]action=workspace\.create/);
  // the filtered page replaces the whole list: only workspace creations are left
  await admin.waitForFunction(() => {
    const rows = [...document.querySelectorAll('tr[data-audit]')];
    return rows.length > 0 && rows.every((row) => row.getAttribute('data-audit') === 'workspace.create');
  });
  const created = admin.locator('tr[data-audit="workspace.create"]').filter({ hasText: 'e2e' }).first();
  await created.waitFor();
  await shot(admin, 'audit');
  await created.getByRole('button', { name: 'Details' }).click();
  const record = admin.getByTestId('audit-record');
  await record.waitFor();
  assert.match(await record.innerText(), /ada/);
  await admin.getByTestId('audit-diff').waitFor();
  await shot(admin, 'audit-record');
  await admin.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

  // the export link downloads the same filter as CSV (renewed first: the access cookie lives seconds here)
  const href = await admin.getByTestId('audit-export').getAttribute('href');
  assert.match(href, /format=csv/);
  assert.match(href, /action=workspace\.create/);
  assert.equal((await api(admin, 'GET', '/api/v1/users/me')).status, 200);
  const csv = await admin.evaluate(async (url) => {
    const response = await fetch(url);
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  }, href);
  assert.equal(csv.status, 200);
  assert.match(csv.type, /^text\/csv/);
  const [header, ...rows] = csv.text.trim().split('\r\n');
  assert.match(header, /^occurredAt,actorKind,actorId,actorName,action,/);
  assert.ok(rows.length >= 2, 'both workspaces the test created:\n' + csv.text);
  assert.ok(rows.every((row) => row.includes(',workspace.create,')), csv.text);
});

test('no page reported a Content-Security-Policy violation: dashboard, terminal, workspace pages, /docs', async () => {
  const docs = await admin.context().newPage();
  await docs.goto(BASE + '/docs/');
  await docs.locator('.swagger-ui .opblock').first().waitFor({ timeout: 20_000 }); // Swagger UI rendered the contract
  await docs.getByText('DevSanctum', { exact: false }).first().waitFor();
  await docs.close();
  console.log(`pages checked for CSP violations: ${[...pagesSeen].sort().join(', ')}`);
  assert.deepEqual(cspViolations, []);

  // and the watch does see one: an inline script, which the policy forbids
  const probe = await admin.context().newPage();
  await probe.goto(BASE + '/sign-in');
  await probe.evaluate(() => {
    const inline = document.createElement('script');
    inline.textContent = 'window.inlineScriptRan = true';
    document.head.append(inline);
  });
  for (let tries = 0; cspViolations.length === 0 && tries < 50; tries++) await pause(100);
  assert.equal(await probe.evaluate(() => window.inlineScriptRan), undefined, 'the inline script was blocked');
  assert.match(cspViolations.join('\n'), /script-src/, 'the blocked inline script was reported');
  await probe.close();
});
