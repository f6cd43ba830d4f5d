// Sign-in through a real Keycloak in Debian's headless Chromium: DevSanctum's sign-in page offers
// "Sign in with Keycloak" → Keycloak's own login page → back on the dashboard, signed in with the
// name Keycloak holds and the role the person's Keycloak group maps to (an admin group and a
// member group); the admin's Users page says each signs in with Keycloak. No page may report a
// Content-Security-Policy violation. Screenshots go to $SCREENSHOT_DIR.
//
// Run by OidcBrowserIT (standalone module), which starts Keycloak and a throw-away DevSanctum
// configured for it, sets both up, and passes what to expect in the environment.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const env = (name) => {
  assert.ok(process.env[name], `${name} must be set (OidcBrowserIT sets it)`);
  return process.env[name];
};
const BASE = env('DEVSANCTUM_URL');
const PROVIDER = env('OIDC_PROVIDER_NAME');
const ADMIN = { username: env('OIDC_ADMIN_USERNAME'), password: env('OIDC_PASSWORD'), name: env('OIDC_ADMIN_NAME') };
const MEMBER = { username: env('OIDC_MEMBER_USERNAME'), password: env('OIDC_PASSWORD'), name: env('OIDC_MEMBER_NAME') };
const SHOTS = process.env.SCREENSHOT_DIR ?? '../docs/screenshots';

let browser;
const cspViolations = [];

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
});

const shot = (page, name) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

/** A fresh browser (no DevSanctum nor Keycloak session) whose pages report CSP violations. */
async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`securitypolicyviolation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
    });
  });
  context.on('console', (message) => {
    const text = message.text();
    if (/securitypolicyviolation|Content Security Policy/i.test(text)) cspViolations.push(`${message.page()?.url()}: ${text}`);
  });
  return context.newPage();
}

/** From DevSanctum's sign-in page through Keycloak's login form back to the dashboard. */
async function signInWithKeycloak(page, person, shots) {
  await page.goto(BASE + '/sign-in');
  const button = page.getByRole('link', { name: `Sign in with ${PROVIDER}` });
  await button.waitFor();
  if (shots) await shot(page, 'oidc-sign-in');
  await button.click();
  await page.locator('#kc-form-login').waitFor();
  assert.notEqual(new URL(page.url()).origin, new URL(BASE).origin, 'the login page is Keycloak\'s own');
  await page.locator('#username').fill(person.username);
  await page.locator('#password').fill(person.password);
  if (shots) await shot(page, 'oidc-keycloak-login');
  await page.locator('#kc-login').click();
  await page.waitForURL(`${BASE}/workspaces`);
  await page.getByTestId('current-user').waitFor();
}

async function me(page) {
  return page.evaluate(async () => (await fetch('/api/v1/users/me')).json());
}

test('an admin group member signs in through Keycloak and lands on the dashboard as an admin', async () => {
  const page = await newPage();
  await signInWithKeycloak(page, ADMIN, true);

  assert.equal(await page.getByTestId('current-user').textContent(), ADMIN.username);
  await page.locator('header').getByText('owner', { exact: true }).waitFor();
  await page.getByRole('link', { name: 'Users' }).waitFor();
  const user = await me(page);
  assert.equal(user.displayName, ADMIN.name);
  assert.equal(user.role, 'owner'); // an 'admin' group mapping means owner
  await shot(page, 'oidc-signed-in');

  await page.getByRole('link', { name: 'Users' }).click();
  const row = page.locator(`tr[data-user="${ADMIN.username}"]`);
  await row.getByTestId('sign-in-methods').getByText(PROVIDER).waitFor();
  await shot(page, 'users-sign-in-methods');
  await page.context().close();
});

test('a member group member signs in through Keycloak as a member', async () => {
  const page = await newPage();
  await signInWithKeycloak(page, MEMBER, false);

  assert.equal(await page.getByTestId('current-user').textContent(), MEMBER.username);
  const user = await me(page);
  assert.equal(user.displayName, MEMBER.name);
  assert.equal(user.role, 'member');
  assert.equal(await page.getByRole('link', { name: 'Users' }).count(), 0, 'members see no Users page');
  await page.context().close();
});

test('no page reported a Content-Security-Policy violation', () => {
  assert.deepEqual(cspViolations, []);
});
