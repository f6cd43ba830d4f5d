/**
 * The fetch every API call goes through. It adds the CSRF header the gateway requires of
 * cookie-authenticated unsafe requests, and renews an expired session once: on a 401 it POSTs
 * /api/v1/auth/refresh (the HttpOnly refresh cookie does the work), then retries the request. A
 * 409 from the refresh means another tab refreshed first; the retry then uses its new cookies.
 * When the refresh fails too, `onSessionLost` runs (the app sends the user to /sign-in).
 */

export const CSRF_COOKIE = 'ds_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';
export const REFRESH_PATH = '/api/v1/auth/refresh';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** How long to let a racing tab's refresh response land before retrying with its cookies. */
const RACE_SETTLE_MS = 250;

/** Requests whose 401 means "wrong credentials", not "session expired": never refresh for them. */
const NO_REFRESH = [/^\/api\/v1\/auth\//, /^\/api\/v1\/setup/];

type RefreshOutcome = 'renewed' | 'raced' | 'failed';

export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

export interface AuthFetchOptions {
  /** The network fetch (tests pass a fake). Defaults to the global fetch at call time. */
  fetch?: FetchLike;
  /** Reads `document.cookie` (tests pass a fake). */
  cookies?: () => string;
  /** Called once when a 401 could not be cured by a refresh. */
  onSessionLost?: () => void;
}

export function readCookie(cookieHeader: string, name: string): string | undefined {
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return undefined;
}

export function createAuthFetch(options: AuthFetchOptions = {}) {
  const network: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const cookies = options.cookies ?? (() => (typeof document === 'undefined' ? '' : document.cookie));
  let refreshing: Promise<RefreshOutcome> | null = null;

  function withCsrf(request: Request): Request {
    if (!UNSAFE.has(request.method.toUpperCase())) return request;
    const token = readCookie(cookies(), CSRF_COOKIE);
    if (!token) return request;
    const headers = new Headers(request.headers);
    headers.set(CSRF_HEADER, token);
    return new Request(request, { headers });
  }

  /**
   * One refresh at a time: concurrent 401s share it. 'raced': another tab of this browser refreshed
   * with the same cookie a moment earlier; its new cookies are in the shared jar, or about to be.
   */
  function refresh(origin: string): Promise<RefreshOutcome> {
    if (!refreshing) {
      const request = withCsrf(new Request(new URL(REFRESH_PATH, origin), { method: 'POST', credentials: 'same-origin' }));
      refreshing = network(request)
        .then(async (response): Promise<RefreshOutcome> => {
          if (response.status === 409) {
            await new Promise((resolve) => setTimeout(resolve, RACE_SETTLE_MS));
            return 'raced';
          }
          return response.ok ? 'renewed' : 'failed';
        })
        .catch((): RefreshOutcome => 'failed')
        .finally(() => {
          refreshing = null;
        });
    }
    return refreshing;
  }

  /** Renews the session now (used before opening streams that cannot see a 401). */
  async function renewSession(origin: string = globalThis.location?.origin ?? 'http://localhost'): Promise<boolean> {
    const ok = (await refresh(origin)) !== 'failed';
    if (!ok) options.onSessionLost?.();
    return ok;
  }

  async function authFetch(input: Request, init?: RequestInit): Promise<Response> {
    const url = new URL(input.url);
    const mayRefresh = !NO_REFRESH.some((pattern) => pattern.test(url.pathname));
    // keep an unread copy: the first attempt consumes the body
    const spare = mayRefresh ? input.clone() : null;
    const response = await network(withCsrf(input), init);
    if (response.status !== 401 || !spare) return response;
    const outcome = await refresh(url.origin);
    if (outcome === 'failed') {
      options.onSessionLost?.();
      return response;
    }
    // the refresh set a new ds_csrf cookie: withCsrf reads it again
    let retried = await network(withCsrf(spare.clone()), init);
    if (retried.status === 401 && outcome === 'raced' && (await refresh(url.origin)) === 'renewed') {
      // the other tab's cookies had not landed when we retried; now they have, and were renewed
      retried = await network(withCsrf(spare), init);
    }
    if (retried.status === 401) options.onSessionLost?.();
    return retried;
  }

  return { authFetch, renewSession };
}
