import { describe, expect, it, vi } from 'vitest';
import { createAuthFetch, readCookie, retryAfterSeconds, type AuthFetchOptions } from './authFetch';

const ORIGIN = 'http://dash.test';
const REFRESH = '/api/v1/auth/refresh';

interface RefreshAnswer {
  status: number;
  retryAfter?: string;
  /** the answer rotates the session: a new ds_csrf cookie lands with it */
  rotates?: boolean;
}

/**
 * A fake gateway and cookie jar. Refreshes answer from `refreshes` in turn (200 and rotating by
 * default); other calls answer from `statuses` in turn (200 by default). `jar.set` plays another
 * tab whose refresh answer lands in the shared jar.
 */
function fakeGateway(statuses: number[], refreshes: RefreshAnswer[] = []) {
  const seen: { method: string; path: string; csrf: string | null; body: string; keepalive: boolean }[] = [];
  let cookie = 'ds_csrf=first';
  let rotations = 0;
  const fetch = vi.fn(async (request: Request) => {
    const path = new URL(request.url).pathname;
    seen.push({
      method: request.method, path, csrf: request.headers.get('X-CSRF-Token'), body: await request.text(),
      keepalive: request.keepalive,
    });
    if (path === REFRESH) {
      const answer = refreshes.shift() ?? { status: 200, rotates: true };
      if (answer.rotates ?? answer.status === 200) cookie = `ds_csrf=rotated-${++rotations}`;
      const headers: Record<string, string> = answer.retryAfter ? { 'Retry-After': answer.retryAfter } : {};
      return new Response(null, { status: answer.status, headers });
    }
    const status = statuses.shift() ?? 200;
    return new Response(JSON.stringify({ status }), { status, headers: { 'Content-Type': 'application/json' } });
  });
  const jar = {
    read: () => `theme=dark; ${cookie}`,
    set: (value: string) => {
      cookie = value;
    },
  };
  const paths = () => seen.map((s) => s.path);
  return { fetch, seen, jar, paths };
}

/** A fake clock: records every wait; `during(ms, fn)` runs fn once that much time has been waited. */
function fakeClock() {
  let now = 0;
  const events: { at: number; fn: () => void }[] = [];
  return {
    sleep: vi.fn(async (ms: number) => {
      now += ms;
      for (const e of events.filter((e) => e.at <= now)) {
        events.splice(events.indexOf(e), 1);
        e.fn();
      }
    }),
    during: (at: number, fn: () => void) => events.push({ at, fn }),
    elapsed: () => now,
  };
}

function client(gw: ReturnType<typeof fakeGateway>, extra: Partial<AuthFetchOptions> = {}) {
  const lost = vi.fn();
  const clock = fakeClock();
  const { authFetch } = createAuthFetch({ fetch: gw.fetch, cookies: gw.jar.read, onSessionLost: lost, sleep: clock.sleep, ...extra });
  return { authFetch, lost, clock };
}

const get = (path: string, init?: RequestInit) => new Request(`${ORIGIN}${path}`, init);

describe('authFetch', () => {
  it('sends X-CSRF-Token from the ds_csrf cookie on unsafe methods only', async () => {
    const gw = fakeGateway([200, 200]);
    const { authFetch } = client(gw);
    await authFetch(get('/api/v1/workspaces'));
    await authFetch(get('/api/v1/workspaces/1/start', { method: 'POST' }));
    expect(gw.seen.map((s) => [s.method, s.csrf])).toEqual([['GET', null], ['POST', 'first']]);
  });

  it('on a 401 refreshes once (kept alive past an unload), then retries with the same body and the new CSRF token', async () => {
    const gw = fakeGateway([401, 201]);
    const { authFetch, lost } = client(gw);
    const response = await authFetch(
      get('/api/v1/workspaces', { method: 'POST', body: '{"name":"dev"}', headers: { 'Content-Type': 'application/json' } }),
    );
    expect(response.status).toBe(201);
    expect(gw.seen.map(({ method, path, csrf, body }) => ({ method, path, csrf, body }))).toEqual([
      { method: 'POST', path: '/api/v1/workspaces', csrf: 'first', body: '{"name":"dev"}' },
      { method: 'POST', path: REFRESH, csrf: 'first', body: '' },
      { method: 'POST', path: '/api/v1/workspaces', csrf: 'rotated-1', body: '{"name":"dev"}' },
    ]);
    expect(gw.seen[1]!.keepalive).toBe(true);
    expect(lost).not.toHaveBeenCalled();
  });

  it('when the refresh is refused while a session was held, returns the 401 and reports the session ended', async () => {
    const gw = fakeGateway([401], [{ status: 401 }]);
    const { authFetch, lost } = client(gw);
    const response = await authFetch(get('/api/v1/users/me'));
    expect(response.status).toBe(401);
    expect(gw.paths()).toEqual(['/api/v1/users/me', REFRESH]);
    expect(lost).toHaveBeenCalledExactlyOnceWith('ended');
  });

  it('reports the session expired when no session cookie was left', async () => {
    const gw = fakeGateway([401], [{ status: 401 }]);
    gw.jar.set('theme=dark');
    const { authFetch, lost } = client(gw);
    await authFetch(get('/api/v1/users/me'));
    expect(lost).toHaveBeenCalledExactlyOnceWith('expired');
  });

  it('on a 409 after another tab refreshed (its ds_csrf landed), retries with that tab\'s cookies and refreshes no more', async () => {
    const gw = fakeGateway([401, 200], [{ status: 409, retryAfter: '8', rotates: true }]);
    const { authFetch, lost, clock } = client(gw);
    const response = await authFetch(get('/api/v1/users/me'));
    expect(response.status).toBe(200);
    expect(gw.paths()).toEqual(['/api/v1/users/me', REFRESH, '/api/v1/users/me']);
    expect(clock.elapsed()).toBe(0);
    expect(lost).not.toHaveBeenCalled();
  });

  it('on a 409 whose racing tab\'s cookies land during the wait, retries with them as soon as they land', async () => {
    const gw = fakeGateway([401, 200], [{ status: 409, retryAfter: '8', rotates: false }]);
    const { authFetch, lost, clock } = client(gw);
    clock.during(700, () => gw.jar.set('ds_csrf=from-the-other-tab'));
    const response = await authFetch(get('/api/v1/users/me'));
    expect(response.status).toBe(200);
    expect(gw.paths()).toEqual(['/api/v1/users/me', REFRESH, '/api/v1/users/me']);
    expect(clock.elapsed()).toBe(700);
    expect(lost).not.toHaveBeenCalled();
  });

  it('on a 409 with no tab behind it (this page\'s earlier answer was lost), waits the Retry-After and refreshes once more', async () => {
    const gw = fakeGateway([401, 200], [{ status: 409, retryAfter: '2', rotates: false }, { status: 200 }]);
    const { authFetch, lost, clock } = client(gw);
    const response = await authFetch(get('/api/v1/workspaces'));
    expect(response.status).toBe(200);
    expect(gw.paths()).toEqual(['/api/v1/workspaces', REFRESH, REFRESH, '/api/v1/workspaces']);
    expect(clock.elapsed()).toBe(2000);
    expect(gw.seen[3]!.csrf).toBeNull(); // a GET: no header, but the jar holds the recovered session
    expect(readCookie(gw.jar.read(), 'ds_csrf')).toBe('rotated-1');
    expect(lost).not.toHaveBeenCalled();
  });

  it('refreshes only once more after a 409: a refusal then ends the session', async () => {
    const gw = fakeGateway([401], [{ status: 409, retryAfter: '1', rotates: false }, { status: 401 }]);
    const { authFetch, lost } = client(gw);
    expect((await authFetch(get('/api/v1/users/me'))).status).toBe(401);
    expect(gw.paths()).toEqual(['/api/v1/users/me', REFRESH, REFRESH]);
    expect(lost).toHaveBeenCalledExactlyOnceWith('ended');
  });

  it('never renews while the page is being left: the 401 is returned and nothing is reported', async () => {
    const gw = fakeGateway([401]);
    const { authFetch, lost } = client(gw, { isLeaving: () => true });
    expect((await authFetch(get('/api/v1/users/me'))).status).toBe(401);
    expect(gw.paths()).toEqual(['/api/v1/users/me']);
    expect(lost).not.toHaveBeenCalled();
  });

  it('does not refresh once more after a 409 if the page started leaving during the wait', async () => {
    let leaving = false;
    const gw = fakeGateway([401], [{ status: 409, retryAfter: '2', rotates: false }]);
    const { authFetch, lost, clock } = client(gw, { isLeaving: () => leaving });
    clock.during(500, () => {
      leaving = true;
    });
    expect((await authFetch(get('/api/v1/users/me'))).status).toBe(401);
    expect(gw.paths()).toEqual(['/api/v1/users/me', REFRESH]);
    expect(lost).not.toHaveBeenCalled();
  });

  it('does not renew for a request nobody waits for any more (aborted)', async () => {
    const gw = fakeGateway([401]);
    const { authFetch, lost } = client(gw);
    const abort = new AbortController();
    const request = get('/api/v1/workspaces', { signal: abort.signal });
    gw.fetch.mockImplementationOnce(async () => {
      abort.abort();
      return new Response(null, { status: 401 });
    });
    expect((await authFetch(request)).status).toBe(401);
    expect(gw.fetch).toHaveBeenCalledTimes(1);
    expect(lost).not.toHaveBeenCalled();
  });

  it('when the refresh gets no answer, returns the 401 without calling the session lost', async () => {
    const gw = fakeGateway([401]);
    const { authFetch, lost } = client(gw);
    gw.fetch.mockImplementationOnce(async () => new Response(null, { status: 401 }))
      .mockImplementationOnce(async () => {
        throw new TypeError('Failed to fetch');
      });
    expect((await authFetch(get('/api/v1/users/me'))).status).toBe(401);
    expect(lost).not.toHaveBeenCalled();
  });

  it('retries only once: a second 401 is final', async () => {
    const gw = fakeGateway([401, 401]);
    const { authFetch, lost } = client(gw);
    expect((await authFetch(get('/api/v1/users/me'))).status).toBe(401);
    expect(gw.paths()).toEqual(['/api/v1/users/me', REFRESH, '/api/v1/users/me']);
    expect(lost).toHaveBeenCalledExactlyOnceWith('ended');
  });

  it('never refreshes for sign-in itself (a 401 there is a wrong password)', async () => {
    const gw = fakeGateway([401]);
    const { authFetch, lost } = client(gw);
    const response = await authFetch(get('/api/v1/auth/sign-in', { method: 'POST', body: '{}' }));
    expect(response.status).toBe(401);
    expect(gw.seen).toHaveLength(1);
    expect(lost).not.toHaveBeenCalled();
  });

  it('shares one refresh between concurrent 401s', async () => {
    const gw = fakeGateway([401, 401, 200, 200]);
    const { authFetch } = client(gw);
    const [a, b] = await Promise.all([
      authFetch(get('/api/v1/workspaces')),
      authFetch(get('/api/v1/templates')),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(gw.seen.filter((s) => s.path === REFRESH)).toHaveLength(1);
  });

  it('reports a 403 password-change-required, and hands the response on untouched', async () => {
    const gw = fakeGateway([]);
    const onPasswordChangeRequired = vi.fn();
    const { authFetch } = client(gw, { onPasswordChangeRequired });
    const problem = { type: 'https://devsanctum.dev/problems/password-change-required', title: 'Forbidden', status: 403 };
    gw.fetch.mockImplementationOnce(async () => new Response(JSON.stringify(problem), {
      status: 403, headers: { 'Content-Type': 'application/problem+json' },
    })).mockImplementationOnce(async () => new Response(JSON.stringify({ ...problem, type: 'https://devsanctum.dev/problems/forbidden' }), {
      status: 403, headers: { 'Content-Type': 'application/problem+json' },
    }));
    const response = await authFetch(get('/api/v1/workspaces'));
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual(problem);
    expect(onPasswordChangeRequired).toHaveBeenCalledTimes(1);
    await authFetch(get('/api/v1/users'));
    expect(onPasswordChangeRequired).toHaveBeenCalledTimes(1); // a plain 403 is not one
  });
});

describe('readCookie', () => {
  it('finds a cookie among others and decodes it', () => {
    expect(readCookie('a=1; ds_csrf=abc%2Dd; b=2', 'ds_csrf')).toBe('abc-d');
    expect(readCookie('xds_csrf=no', 'ds_csrf')).toBeUndefined();
    expect(readCookie('', 'ds_csrf')).toBeUndefined();
  });
});

describe('retryAfterSeconds', () => {
  it('reads delta-seconds and HTTP dates, bounded, with a short default', () => {
    expect(retryAfterSeconds('3')).toBe(3);
    expect(retryAfterSeconds(null)).toBe(1);
    expect(retryAfterSeconds('soon')).toBe(1);
    expect(retryAfterSeconds('100000')).toBe(30);
    expect(retryAfterSeconds(new Date(10_000).toUTCString(), 5_000)).toBe(5);
  });
});
