/**
 * The fetch every API call goes through. It adds the CSRF header the gateway requires of
 * cookie-authenticated unsafe requests, and renews an expired session: on a 401 from a request
 * that is still wanted it POSTs /api/v1/auth/refresh (the HttpOnly refresh cookie does the work),
 * then retries the request once.
 *
 * Renewal never spends a refresh token whose answer may not arrive: nothing else renews (not a
 * closing stream, not a page load), an aborted request does not, and nothing does while the page
 * is being left (see lib/pageLeaving). The refresh is sent with `keepalive`, so even one that races
 * a reload still lands its cookies.
 *
 * A 409 from the refresh means the token was exchanged moments ago. Either another tab of this
 * browser did it (its new `ds_csrf` cookie appears: retry with its cookies), or this page's own
 * earlier answer was lost (nothing appears): the server accepts the token once more after the
 * rotation grace, so wait its `Retry-After` and refresh once more.
 *
 * When the session cannot be renewed, `onSessionLost` runs (the app sends the user to /sign-in);
 * a 403 password-change-required runs `onPasswordChangeRequired`.
 */

export const CSRF_COOKIE = 'ds_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';
export const REFRESH_PATH = '/api/v1/auth/refresh';
export const PASSWORD_CHANGE_REQUIRED = 'password-change-required';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** How often a 409 waiter looks for the racing tab's cookies. */
const COOKIE_POLL_MS = 100;
/** The longest 409 wait honoured (the server's grace is seconds). */
const MAX_RETRY_AFTER_S = 30;

/** Requests whose 401 means "wrong credentials", not "session expired": never refresh for them. */
const NO_REFRESH = [/^\/api\/v1\/auth\//, /^\/api\/v1\/setup/];

/**
 * Why a session could not be renewed: `ended`: the browser held one and the server refused it
 * (signed out, revoked, password changed, account suspended); `expired`: no session cookie was left.
 */
export type SessionLoss = 'ended' | 'expired';

/**
 * renewed; raced: another tab renewed and its cookies are in the jar; failed: the server refused;
 * abandoned: the page is being left; unreachable: no answer (the session may well hold).
 */
type RefreshOutcome = 'renewed' | 'raced' | 'failed' | 'abandoned' | 'unreachable';

export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

export interface AuthFetchOptions {
  /** The network fetch (tests pass a fake). Defaults to the global fetch at call time. */
  fetch?: FetchLike;
  /** Reads `document.cookie` (tests pass a fake). */
  cookies?: () => string;
  /** Whether the page is being left: then nothing renews. */
  isLeaving?: () => boolean;
  /** Waits (tests pass a fake clock). */
  sleep?: (ms: number) => Promise<void>;
  /** Called once when a 401 could not be cured by a refresh. */
  onSessionLost?: (why: SessionLoss) => void;
  /** Called when the server refuses everything but a password change (an admin's reset). */
  onPasswordChangeRequired?: () => void;
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

/** Seconds of a `Retry-After` header (delta-seconds; an HTTP date as the time until then), bounded. */
export function retryAfterSeconds(header: string | null, now: number = Date.now()): number {
  if (header === null || header.trim() === '') return 1;
  const seconds = Number(header);
  const wait = Number.isFinite(seconds) ? seconds : (Date.parse(header) - now) / 1000;
  if (!Number.isFinite(wait)) return 1;
  return Math.min(Math.max(wait, 0), MAX_RETRY_AFTER_S);
}

async function isPasswordChangeRequired(response: Response): Promise<boolean> {
  if (response.status !== 403 || !(response.headers.get('Content-Type') ?? '').includes('json')) return false;
  try {
    const body = (await response.clone().json()) as { type?: unknown };
    return typeof body.type === 'string' && body.type.endsWith('/' + PASSWORD_CHANGE_REQUIRED);
  } catch {
    return false;
  }
}

export function createAuthFetch(options: AuthFetchOptions = {}) {
  const network: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const cookies = options.cookies ?? (() => (typeof document === 'undefined' ? '' : document.cookie));
  const isLeaving = options.isLeaving ?? (() => false);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const csrf = () => readCookie(cookies(), CSRF_COOKIE);
  let refreshing: Promise<RefreshOutcome> | null = null;

  function withCsrf(request: Request): Request {
    if (!UNSAFE.has(request.method.toUpperCase())) return request;
    const token = csrf();
    if (!token) return request;
    const headers = new Headers(request.headers);
    headers.set(CSRF_HEADER, token);
    return new Request(request, { headers });
  }

  function postRefresh(origin: string): Promise<Response> {
    return network(withCsrf(new Request(new URL(REFRESH_PATH, origin), {
      method: 'POST', credentials: 'same-origin', keepalive: true,
    })));
  }

  /** Waits up to `seconds` for a racing tab's cookies; true when they arrived. */
  async function cookiesChangeWithin(seconds: number, before: string | undefined): Promise<boolean> {
    for (let waited = 0; waited < seconds * 1000; waited += COOKIE_POLL_MS) {
      await sleep(COOKIE_POLL_MS);
      if (csrf() !== before) return true;
    }
    return false;
  }

  async function refreshOnce(origin: string): Promise<RefreshOutcome> {
    if (isLeaving()) return 'abandoned';
    const before = csrf();
    const response = await postRefresh(origin);
    if (response.status !== 409) return response.ok ? 'renewed' : 'failed';
    if (csrf() !== before) return 'raced';
    // not another tab (yet): wait out the grace, watching for that tab's cookies all the while
    if (await cookiesChangeWithin(retryAfterSeconds(response.headers.get('Retry-After')), before)) return 'raced';
    if (isLeaving()) return 'abandoned';
    // this page's own earlier answer was lost: the token is accepted once more now
    const again = await postRefresh(origin);
    if (again.ok) return 'renewed';
    // a 409 again: another tab recovered the same lost answer a moment earlier; its cookies follow
    if (again.status === 409 && await cookiesChangeWithin(retryAfterSeconds(again.headers.get('Retry-After')), before)) {
      return 'raced';
    }
    return 'failed';
  }

  /** One refresh at a time: concurrent 401s share it. */
  function refresh(origin: string): Promise<RefreshOutcome> {
    if (!refreshing) {
      refreshing = refreshOnce(origin)
        .catch((): RefreshOutcome => (isLeaving() ? 'abandoned' : 'unreachable'))
        .finally(() => {
          refreshing = null;
        });
    }
    return refreshing;
  }

  async function authFetch(input: Request, init?: RequestInit): Promise<Response> {
    const url = new URL(input.url);
    const mayRefresh = !NO_REFRESH.some((pattern) => pattern.test(url.pathname));
    // keep an unread copy: the first attempt consumes the body
    const spare = mayRefresh ? input.clone() : null;
    const response = await settle(await network(withCsrf(input), init));
    if (response.status !== 401 || !spare) return response;
    // nobody waits for this answer any more: do not spend the refresh token for it
    if (input.signal?.aborted || init?.signal?.aborted) return response;
    const held = csrf() !== undefined;
    const outcome = await refresh(url.origin);
    if (outcome === 'abandoned' || outcome === 'unreachable') return response;
    if (outcome === 'failed') {
      options.onSessionLost?.(held ? 'ended' : 'expired');
      return response;
    }
    // the refresh set a new ds_csrf cookie: withCsrf reads it again
    const retried = await settle(await network(withCsrf(spare), init));
    if (retried.status === 401 && !isLeaving()) options.onSessionLost?.('ended');
    return retried;
  }

  async function settle(response: Response): Promise<Response> {
    if (await isPasswordChangeRequired(response)) options.onPasswordChangeRequired?.();
    return response;
  }

  return { authFetch };
}
