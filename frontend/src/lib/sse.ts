/**
 * A Server-Sent Events subscription that survives an expired session. EventSource cannot see
 * HTTP statuses: a refused stream (401) just closes. When that happens we renew the session once
 * (POST /api/v1/auth/refresh) and open the stream again; a second refusal in a row gives up
 * (renew() has then already sent the user to sign in). Network drops are retried by EventSource.
 */

export type StreamStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

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
  renew: () => Promise<boolean>;
  onStatus?: (status: StreamStatus) => void;
  create?: EventSourceFactory;
}

const CLOSED = 2;

export function subscribe(url: string, options: SubscribeOptions): () => void {
  const create: EventSourceFactory = options.create ?? ((u) => new EventSource(u, { withCredentials: true }));
  let source: EventSourceLike | null = null;
  let stopped = false;
  let renewedSinceOpen = false;

  const status = (s: StreamStatus) => options.onStatus?.(s);

  const stop = () => {
    stopped = true;
    source?.close();
    source = null;
    status('closed');
  };

  const open = () => {
    if (stopped) return;
    const es = create(url);
    source = es;
    status('connecting');
    es.onopen = () => {
      renewedSinceOpen = false;
      status('open');
    };
    es.onerror = () => {
      if (stopped || source !== es) return;
      if (es.readyState !== CLOSED) {
        status('reconnecting'); // the browser retries by itself
        return;
      }
      es.close();
      if (renewedSinceOpen) {
        stop();
        return;
      }
      renewedSinceOpen = true;
      status('reconnecting');
      void options.renew().then((ok) => (ok ? open() : stop()));
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
