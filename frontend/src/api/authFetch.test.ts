import { describe, expect, it, vi } from 'vitest';
import { createAuthFetch, readCookie } from './authFetch';

const ORIGIN = 'http://dash.test';

/** A fake gateway: /api/v1/auth/refresh answers `refreshStatus`; other calls answer from `statuses` in turn. */
function fakeGateway(statuses: number[], refreshStatus = 200) {
  const seen: { method: string; path: string; csrf: string | null; body: string }[] = [];
  let cookie = 'ds_csrf=first';
  const fetch = vi.fn(async (request: Request) => {
    const path = new URL(request.url).pathname;
    seen.push({ method: request.method, path, csrf: request.headers.get('X-CSRF-Token'), body: await request.text() });
    if (path === '/api/v1/auth/refresh') {
      if (refreshStatus === 200) cookie = 'ds_csrf=second'; // rotation sets a new CSRF cookie
      return new Response(null, { status: refreshStatus });
    }
    const status = statuses.shift() ?? 200;
    return new Response(JSON.stringify({ status }), { status, headers: { 'Content-Type': 'application/json' } });
  });
  return { fetch, seen, cookies: () => `theme=dark; ${cookie}` };
}

describe('authFetch', () => {
  it('sends X-CSRF-Token from the ds_csrf cookie on unsafe methods only', async () => {
    const gw = fakeGateway([200, 200]);
    const { authFetch } = createAuthFetch({ fetch: gw.fetch, cookies: gw.cookies });
    await authFetch(new Request(`${ORIGIN}/api/v1/workspaces`));
    await authFetch(new Request(`${ORIGIN}/api/v1/workspaces/1/start`, { method: 'POST' }));
    expect(gw.seen.map((s) => [s.method, s.csrf])).toEqual([['GET', null], ['POST', 'first']]);
  });

  it('on a 401 refreshes once, then retries with the same body and the new CSRF token', async () => {
    const gw = fakeGateway([401, 201]);
    const lost = vi.fn();
    const { authFetch } = createAuthFetch({ fetch: gw.fetch, cookies: gw.cookies, onSessionLost: lost });
    const response = await authFetch(
      new Request(`${ORIGIN}/api/v1/workspaces`, { method: 'POST', body: '{"name":"dev"}', headers: { 'Content-Type': 'application/json' } }),
    );
    expect(response.status).toBe(201);
    expect(gw.seen).toEqual([
      { method: 'POST', path: '/api/v1/workspaces', csrf: 'first', body: '{"name":"dev"}' },
      { method: 'POST', path: '/api/v1/auth/refresh', csrf: 'first', body: '' },
      { method: 'POST', path: '/api/v1/workspaces', csrf: 'second', body: '{"name":"dev"}' },
    ]);
    expect(lost).not.toHaveBeenCalled();
  });

  it('when the refresh fails, returns the 401 and reports the session lost', async () => {
    const gw = fakeGateway([401], 401);
    const lost = vi.fn();
    const { authFetch } = createAuthFetch({ fetch: gw.fetch, cookies: gw.cookies, onSessionLost: lost });
    const response = await authFetch(new Request(`${ORIGIN}/api/v1/users/me`));
    expect(response.status).toBe(401);
    expect(gw.seen.map((s) => s.path)).toEqual(['/api/v1/users/me', '/api/v1/auth/refresh']);
    expect(lost).toHaveBeenCalledTimes(1);
  });

  it('when another tab refreshed first (409), retries with the cookies that tab got and keeps the session', async () => {
    const gw = fakeGateway([401, 200], 409);
    const lost = vi.fn();
    const { authFetch } = createAuthFetch({ fetch: gw.fetch, cookies: gw.cookies, onSessionLost: lost });
    const response = await authFetch(new Request(`${ORIGIN}/api/v1/users/me`));
    expect(response.status).toBe(200);
    expect(gw.seen.map((s) => s.path)).toEqual(['/api/v1/users/me', '/api/v1/auth/refresh', '/api/v1/users/me']);
    expect(lost).not.toHaveBeenCalled();
  });

  it('when the racing tab\'s cookies land late, renews once more with them before giving up', async () => {
    let refreshes = 0;
    const seen: string[] = [];
    const fetch = vi.fn(async (request: Request) => {
      const path = new URL(request.url).pathname;
      seen.push(path);
      if (path === '/api/v1/auth/refresh') return new Response(null, { status: ++refreshes === 1 ? 409 : 200 });
      return new Response(null, { status: seen.filter((p) => p === path).length < 3 ? 401 : 200 });
    });
    const lost = vi.fn();
    const { authFetch } = createAuthFetch({ fetch, cookies: () => 'ds_csrf=x', onSessionLost: lost });
    const response = await authFetch(new Request(`${ORIGIN}/api/v1/users/me`));
    expect(response.status).toBe(200);
    expect(seen).toEqual(['/api/v1/users/me', '/api/v1/auth/refresh', '/api/v1/users/me', '/api/v1/auth/refresh', '/api/v1/users/me']);
    expect(lost).not.toHaveBeenCalled();
  });

  it('retries only once: a second 401 is final', async () => {
    const gw = fakeGateway([401, 401]);
    const lost = vi.fn();
    const { authFetch } = createAuthFetch({ fetch: gw.fetch, cookies: gw.cookies, onSessionLost: lost });
    expect((await authFetch(new Request(`${ORIGIN}/api/v1/users/me`))).status).toBe(401);
    expect(gw.seen.map((s) => s.path)).toEqual(['/api/v1/users/me', '/api/v1/auth/refresh', '/api/v1/users/me']);
    expect(lost).toHaveBeenCalledTimes(1);
  });

  it('never refreshes for sign-in itself (a 401 there is a wrong password)', async () => {
    const gw = fakeGateway([401]);
    const lost = vi.fn();
    const { authFetch } = createAuthFetch({ fetch: gw.fetch, cookies: gw.cookies, onSessionLost: lost });
    const response = await authFetch(new Request(`${ORIGIN}/api/v1/auth/sign-in`, { method: 'POST', body: '{}' }));
    expect(response.status).toBe(401);
    expect(gw.seen).toHaveLength(1);
    expect(lost).not.toHaveBeenCalled();
  });

  it('shares one refresh between concurrent 401s', async () => {
    const gw = fakeGateway([401, 401, 200, 200]);
    const { authFetch } = createAuthFetch({ fetch: gw.fetch, cookies: gw.cookies });
    const [a, b] = await Promise.all([
      authFetch(new Request(`${ORIGIN}/api/v1/workspaces`)),
      authFetch(new Request(`${ORIGIN}/api/v1/templates`)),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(gw.seen.filter((s) => s.path === '/api/v1/auth/refresh')).toHaveLength(1);
  });
});

describe('readCookie', () => {
  it('finds a cookie among others and decodes it', () => {
    expect(readCookie('a=1; ds_csrf=abc%2Dd; b=2', 'ds_csrf')).toBe('abc-d');
    expect(readCookie('xds_csrf=no', 'ds_csrf')).toBeUndefined();
    expect(readCookie('', 'ds_csrf')).toBeUndefined();
  });
});
