/**
 * A Server-Sent Events subscription that follows the session. EventSource cannot see HTTP
 * statuses: a refused stream (401, 403, 404, 503) just closes, and the server also ends a stream
 * whose credential has ended. A close is not a reason to renew the session (it also happens while
 * the page unloads, when a refresh's answer would be lost), so the stream asks whether the session
 * still holds with an ordinary API request (`checkSession`, which renews only on its own 401):
 * if it does, the stream is opened again; if it is lost, the stream stops (the user has been sent
 * to sign in). Network drops are retried by EventSource itself. Nothing is checked while the page
 * is being left; a stream refused again and again while the session holds gives up.
 */

export type StreamStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** ok: signed in; lost: the session has ended; unknown: no answer (try again later). */
export type SessionState = 'ok' | 'lost' | 'unknown';

export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
}

export type EventSourceFactory = (url: string) => EventSourceLike;

export interface SubscribeOptions {
  /** event name → handler of its data; a handler returning 'stop' closes the stream */
  on: Record<string, (data: string, event: MessageEvent) => void | 'stop'>;
  checkSession: () => Promise<SessionState>;
  onStatus?: (status: StreamStatus) => void;
  create?: EventSourceFactory;
  /** Whether the page is being left: then nothing is checked or reopened. */
  isLeaving?: () => boolean;
  /** Runs `task` after `ms` (tests pass a fake clock); returns a cancel function. */
  after?: (ms: number, task: () => void) => () => void;
}

const CLOSED = 2;
/** Reopenings of a stream that keeps closing without opening, while the session holds. */
export const MAX_REOPENINGS = 5;
/** The wait before the n-th reopening (the first is at once). */
export function reopenDelayMs(reopening: number): number {
  return reopening <= 1 ? 0 : Math.min(1000 * 2 ** (reopening - 2), 15_000);
}
/** How soon to look again while the page is being left (if it is, that time never comes). */
const LEAVING_RECHECK_MS = 1000;

export function subscribe(url: string, options: SubscribeOptions): () => void {
  const create: EventSourceFactory = options.create ?? ((u) => new EventSource(u, { withCredentials: true }));
  const isLeaving = options.isLeaving ?? (() => false);
  const after = options.after ?? ((ms, task) => {
    const timer = setTimeout(task, ms);
    return () => clearTimeout(timer);
  });
  let source: EventSourceLike | null = null;
  let stopped = false;
  let cancelPending: (() => void) | null = null;
  /** reopenings since the stream last opened */
  let reopenings = 0;

  const status = (s: StreamStatus) => options.onStatus?.(s);

  const stop = () => {
    stopped = true;
    cancelPending?.();
    cancelPending = null;
    source?.close();
    source = null;
    status('closed');
  };

  const later = (ms: number, task: () => void) => {
    cancelPending?.();
    cancelPending = after(ms, () => {
      cancelPending = null;
      task();
    });
  };

  const reopenIfSignedIn = () => {
    if (stopped) return;
    if (isLeaving()) {
      later(LEAVING_RECHECK_MS, reopenIfSignedIn);
      return;
    }
    void options.checkSession().then((state) => {
      if (stopped) return;
      if (state === 'ok') open();
      else if (state === 'lost') stop();
      else later(Math.max(reopenDelayMs(reopenings), 1000), reopenIfSignedIn);
    });
  };

  const open = () => {
    if (stopped) return;
    const es = create(url);
    source = es;
    status('connecting');
    es.onopen = () => {
      reopenings = 0;
      status('open');
    };
    es.onerror = () => {
      if (stopped || source !== es) return;
      if (es.readyState !== CLOSED) {
        status('reconnecting'); // the browser retries by itself
        return;
      }
      es.close();
      source = null;
      if (++reopenings > MAX_REOPENINGS) {
        stop();
        return;
      }
      status('reconnecting');
      later(reopenDelayMs(reopenings), reopenIfSignedIn);
    };
    for (const [name, handler] of Object.entries(options.on)) {
      es.addEventListener(name, (event) => {
        if (stopped || source !== es) return;
        if (handler(String(event.data), event) === 'stop') stop();
      });
    }
  };

  open();
  return stop;
}
