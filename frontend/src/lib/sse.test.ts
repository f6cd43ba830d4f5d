import { describe, expect, it, vi } from 'vitest';
import type { Deployment, DeploymentLogLine } from '../api/types';
import { emptyLog, logReducer, logStreamUrl, parseLine } from './logStream';
import { MAX_REOPENINGS, reopenDelayMs, subscribe, type EventSourceLike, type SessionState, type SubscribeOptions } from './sse';

/** A scriptable EventSource. */
class FakeEventSource implements EventSourceLike {
  readyState = 0;
  onopen: ((e: Event) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  closed = false;
  private listeners = new Map<string, ((e: MessageEvent) => void)[]>();
  constructor(readonly url: string, all: FakeEventSource[]) {
    all.push(this);
  }
  addEventListener(type: string, listener: (e: MessageEvent) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  emit(type: string, data: unknown) {
    this.listeners.get(type)?.forEach((l) => l(new MessageEvent(type, { data: JSON.stringify(data) })));
  }
  /** refused (401/404/…) or ended and then refused: EventSource closes for good */
  refuse() {
    this.readyState = 2;
    this.onerror?.(new Event('error'));
  }
  /** a network drop: the browser reconnects by itself */
  drop() {
    this.readyState = 0;
    this.onerror?.(new Event('error'));
  }
}

/** A stream with a fake clock, a scripted session check and a switch for "the page is being left". */
function harness(answers: SessionState[] = [], overrides: Partial<SubscribeOptions> = {}) {
  const sources: FakeEventSource[] = [];
  const statuses: string[] = [];
  const timers: { ms: number; task: () => void }[] = [];
  const waits: number[] = [];
  let leaving = false;
  const checkSession = vi.fn(async (): Promise<SessionState> => answers.shift() ?? 'ok');
  const stop = subscribe('/api/v1/workspaces/events', {
    create: (url) => new FakeEventSource(url, sources),
    checkSession,
    isLeaving: () => leaving,
    after: (ms, task) => {
      const timer = { ms, task };
      timers.push(timer);
      return () => {
        const at = timers.indexOf(timer);
        if (at >= 0) timers.splice(at, 1);
      };
    },
    on: {},
    onStatus: (s) => statuses.push(s),
    ...overrides,
  });
  return {
    sources,
    statuses,
    checkSession,
    waits,
    stop,
    leave: (value: boolean) => {
      leaving = value;
    },
    /** runs the due timers, then lets the session check's promise settle */
    async tick() {
      for (const timer of timers.splice(0)) {
        waits.push(timer.ms);
        timer.task();
      }
      for (let i = 0; i < 5; i++) await Promise.resolve();
    },
    latest: () => sources[sources.length - 1]!,
  };
}

describe('subscribe()', () => {
  it('feeds events to their handlers and closes the stream when a handler says stop', () => {
    const line = (n: number): DeploymentLogLine => ({ number: 1, line: n, level: 'INFO', message: `line ${n}` });
    const finished: Deployment = { workspaceId: 'w', number: 1, transition: 'START', status: 'SUCCEEDED' };
    const sources: FakeEventSource[] = [];
    let state = emptyLog;
    const stop = subscribe(logStreamUrl('w', 1), {
      create: (url) => new FakeEventSource(url, sources),
      checkSession: async () => 'ok',
      on: {
        line: (data) => void (state = logReducer(state, { type: 'line', line: parseLine(data)! })),
        end: (data) => {
          state = logReducer(state, { type: 'end', deployment: JSON.parse(data) as Deployment });
          return 'stop';
        },
      },
    });
    const es = sources[0]!;
    es.open();
    es.emit('line', line(1));
    es.emit('line', line(2));
    es.emit('end', finished);
    es.emit('line', line(3)); // after end: not read
    expect(es.closed).toBe(true);
    expect(state.ended).toBe(true);
    expect(state.lines.map((l) => l.line)).toEqual([1, 2]);
    stop();
  });

  it('when the stream closes, asks whether the session holds (it never renews itself) and reopens when it does', async () => {
    const h = harness(['ok']);
    h.latest().open();
    h.latest().refuse();
    expect(h.checkSession).not.toHaveBeenCalled(); // not from inside the close event
    await h.tick();
    expect(h.checkSession).toHaveBeenCalledTimes(1);
    expect(h.sources).toHaveLength(2);
    h.latest().open();
    expect(h.statuses.at(-1)).toBe('open');
  });

  it('stops, and opens nothing more, when the session turns out to be lost', async () => {
    const h = harness(['lost']);
    h.latest().open();
    h.latest().refuse();
    await h.tick();
    expect(h.sources).toHaveLength(1);
    expect(h.statuses.at(-1)).toBe('closed');
    await h.tick();
    expect(h.checkSession).toHaveBeenCalledTimes(1);
  });

  it('checks nothing while the page is being left, and checks once it turns out to stay', async () => {
    const h = harness(['ok']);
    h.latest().open();
    h.leave(true); // a reload: the browser closes the stream while the page unloads
    h.latest().refuse();
    await h.tick();
    await h.tick();
    expect(h.checkSession).not.toHaveBeenCalled();
    expect(h.sources).toHaveLength(1);
    h.leave(false); // it was a download link, not an unload
    await h.tick();
    expect(h.checkSession).toHaveBeenCalledTimes(1);
    expect(h.sources).toHaveLength(2);
  });

  it('lets EventSource retry network drops by itself', async () => {
    const h = harness();
    h.latest().open();
    h.latest().drop();
    await h.tick();
    expect(h.checkSession).not.toHaveBeenCalled();
    expect(h.sources).toHaveLength(1);
    expect(h.statuses.at(-1)).toBe('reconnecting');
  });

  it('asks again later when the check got no answer', async () => {
    const h = harness(['unknown', 'ok']);
    h.latest().refuse();
    await h.tick(); // first check: unknown
    expect(h.sources).toHaveLength(1);
    await h.tick(); // asked again
    expect(h.checkSession).toHaveBeenCalledTimes(2);
    expect(h.sources).toHaveLength(2);
  });

  it('gives up on a stream refused again and again while the session holds, waiting longer each time', async () => {
    const h = harness();
    for (let i = 0; i < MAX_REOPENINGS; i++) {
      h.latest().refuse();
      await h.tick();
    }
    expect(h.sources).toHaveLength(MAX_REOPENINGS + 1);
    expect(h.waits).toEqual(Array.from({ length: MAX_REOPENINGS }, (_, i) => reopenDelayMs(i + 1)));
    h.latest().refuse();
    await h.tick();
    expect(h.sources).toHaveLength(MAX_REOPENINGS + 1);
    expect(h.statuses.at(-1)).toBe('closed');
  });

  it('starts counting again once a reopened stream has opened', async () => {
    const h = harness();
    for (let i = 0; i < MAX_REOPENINGS * 2; i++) {
      h.latest().open();
      h.latest().refuse();
      await h.tick();
    }
    expect(h.sources).toHaveLength(MAX_REOPENINGS * 2 + 1);
    expect(h.statuses.at(-1)).toBe('connecting');
  });

  it('stopping cancels a pending check', async () => {
    const h = harness();
    h.latest().refuse();
    h.stop();
    await h.tick();
    expect(h.checkSession).not.toHaveBeenCalled();
  });
});
