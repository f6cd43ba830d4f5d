import createClient from 'openapi-fetch';
import type { paths } from './schema';
import { CSRF_COOKIE, createAuthFetch, readCookie, type SessionLoss } from './authFetch';
import { problemToView, type ProblemView } from './problem';
import { pageLeaving } from '../lib/pageLeaving';
import type { SessionState, SubscribeOptions } from '../lib/sse';

let sessionLostHandler: (why: SessionLoss) => void = () => {
  const here = window.location.pathname + window.location.search;
  window.location.assign('/sign-in?returnTo=' + encodeURIComponent(here));
};
let passwordChangeHandler: () => void = () => {};

/** The app installs a router-aware handler; the default reloads into /sign-in. */
export function onSessionLost(handler: (why: SessionLoss) => void) {
  sessionLostHandler = handler;
}

/** The app sends the user to choose a new password when the server asks for that first. */
export function onPasswordChangeRequired(handler: () => void) {
  passwordChangeHandler = handler;
}

/** How many times the session was found lost (a check compares it before and after). */
let losses = 0;

const auth = createAuthFetch({
  isLeaving: pageLeaving.isLeaving,
  onSessionLost: (why) => {
    losses++;
    sessionLostHandler(why);
  },
  onPasswordChangeRequired: () => passwordChangeHandler(),
});

/** The typed API client: same origin, cookies, CSRF header and silent refresh. */
export const api = createClient<paths>({
  // absolute, same origin (also lets the client run under jsdom, whose Request needs absolute URLs)
  baseUrl: globalThis.location?.origin ?? '',
  credentials: 'same-origin',
  fetch: auth.authFetch,
});

/** An API failure carrying what a form shows for it. */
export class ApiError extends Error {
  readonly view: ProblemView;
  constructor(view: ProblemView) {
    super(view.message);
    this.name = 'ApiError';
    this.view = view;
  }
}

/**
 * Unwraps an openapi-fetch result: the data, or an ApiError built from the problem body.
 * `knownFields` lets the error name fields of the calling form (see problemToView).
 */
export async function call<T>(
  request: Promise<{ data?: T; error?: unknown; response: Response }>,
  knownFields: readonly string[] = [],
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await request;
  } catch {
    throw new ApiError(problemToView(undefined, knownFields, 0));
  }
  if (result.error !== undefined || !result.response.ok) {
    throw new ApiError(problemToView(result.error, knownFields, result.response.status));
  }
  return result.data as T;
}

/**
 * Whether the session still holds, asked with an ordinary request (GET /api/v1/users/me), which
 * renews an expired session on its own 401 like any other; when it cannot, the user has already
 * been sent to sign in. For streams and sockets, which cannot see why they were refused.
 */
export async function checkSession(): Promise<SessionState> {
  const before = losses;
  try {
    const { response } = await api.GET('/api/v1/users/me');
    if (response.ok) return 'ok';
    // a 401 the refresh could not cure (anything else, e.g. no answer, says nothing yet)
    return losses !== before ? 'lost' : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Whether this browser holds a session (its readable CSRF cookie lives exactly as long as the refresh cookie). */
export function browserHoldsSession(): boolean {
  return typeof document !== 'undefined' && readCookie(document.cookie, CSRF_COOKIE) !== undefined;
}

/** What a stream needs to follow the session (see lib/sse). */
export const followSession: Pick<SubscribeOptions, 'checkSession' | 'isLeaving'> = {
  checkSession,
  isLeaving: pageLeaving.isLeaving,
};

export function viewOf(error: unknown): ProblemView {
  if (error instanceof ApiError) return error.view;
  return { message: error instanceof Error ? error.message : String(error), fieldErrors: {}, otherErrors: [] };
}
