import createClient from 'openapi-fetch';
import type { paths } from './schema';
import { createAuthFetch } from './authFetch';
import { problemToView, type ProblemView } from './problem';

let sessionLostHandler: () => void = () => {
  const here = window.location.pathname + window.location.search;
  window.location.assign('/sign-in?returnTo=' + encodeURIComponent(here));
};

/** The app installs a router-aware handler; the default reloads into /sign-in. */
export function onSessionLost(handler: () => void) {
  sessionLostHandler = handler;
}

const auth = createAuthFetch({ onSessionLost: () => sessionLostHandler() });

/** Renews the session before opening an EventSource or WebSocket after an auth failure. */
export const renewSession = () => auth.renewSession();

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

export function viewOf(error: unknown): ProblemView {
  if (error instanceof ApiError) return error.view;
  return { message: error instanceof Error ? error.message : String(error), fieldErrors: {}, otherErrors: [] };
}
