/**
 * Where to go after signing in. Allowed: a path on this dashboard (`/workspaces/…`), or the
 * workspace-access handoff on this same origin (`<origin>/api/v1/workspace-access/handoff?…`, which
 * forwards the session to a workspace's own subdomain). Anything else — other origins,
 * protocol-relative `//host`, `javascript:` — falls back to `/` (no open redirect).
 */
export const HANDOFF_PATH = '/api/v1/workspace-access/handoff';

export type ReturnTarget =
  /** a dashboard route: navigate inside the app */
  | { kind: 'route'; path: string }
  /** a server endpoint on this origin: leave the app with window.location.assign */
  | { kind: 'external'; url: string };

const HOME: ReturnTarget = { kind: 'route', path: '/' };

export function safeReturnTo(raw: string | null | undefined, origin: string): ReturnTarget {
  if (!raw) return HOME;
  const value = raw.trim();
  const isPath = value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\');
  let url: URL;
  try {
    url = isPath ? new URL(value, origin) : new URL(value);
  } catch {
    return HOME;
  }
  if (url.origin !== origin || (url.protocol !== 'http:' && url.protocol !== 'https:')) return HOME;
  if (url.pathname === HANDOFF_PATH || url.pathname.startsWith(HANDOFF_PATH + '/')) {
    return { kind: 'external', url: url.href };
  }
  if (!isPath || url.pathname.startsWith('/api/') || url.pathname === '/sign-in' || url.pathname === '/setup') {
    return HOME;
  }
  return { kind: 'route', path: url.pathname + url.search + url.hash };
}

/** The same target as a path, for `returnTo` of the OAuth start endpoint (the contract wants ^/). */
export function returnToPath(target: ReturnTarget, origin: string): string {
  if (target.kind === 'route') return target.path;
  const url = new URL(target.url, origin);
  return url.pathname + url.search;
}
