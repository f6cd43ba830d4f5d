import { describe, expect, it, vi } from 'vitest';
import type { Deployment, DeploymentLogLine } from '../api/types';
import { emptyLog, logReducer, logStreamUrl, parseLine, type LogAction, type LogState } from './logStream';
import { subscribe, type EventSourceLike } from './sse';

const line = (n: number, message = `line ${n}`, level: 'INFO' | 'ERROR' = 'INFO'): DeploymentLogLine => ({ number: 1, line: n, level, message });
const finished: Deployment = { workspaceId: 'w', number: 1, transition: 'START', status: 'SUCCEEDED' };
const run = (actions: LogAction[], from: LogState = emptyLog) => actions.reduce(logReducer, from);

describe('logReducer', () => {
  it('keeps lines in line-number order whatever order they arrive in', () => {
    const state = run([3, 1, 2, 5, 4].map((n) => ({ type: 'line', line: line(n) })));
    expect(state.lines.map((l) => l.line)).toEqual([1, 2, 3, 4, 5]);
  });

  it('takes each line number once (a reconnect replays history)', () => {
    const state = run([
      { type: 'line', line: line(1) },
      { type: 'line', line: line(2) },
      { type: 'line', line: line(1, 'again') },
      { type: 'line', line: line(2, 'again') },
      { type: 'line', line: line(3) },
    ]);
    expect(state.lines.map((l) => l.message)).toEqual(['line 1', 'line 2', 'line 3']);
  });

  it('stops at end: keeps the finished deployment and ignores later lines', () => {
    const state = run([{ type: 'line', line: line(1) }, { type: 'end', deployment: finished }, { type: 'line', line: line(2) }]);
    expect(state.ended).toBe(true);
    expect(state.deployment).toEqual(finished);
    expect(state.lines).toHaveLength(1);
    expect(logReducer(state, { type: 'reset' })).toEqual(emptyLog);
  });

  it('parses only well-formed lines', () => {
    expect(parseLine(JSON.stringify(line(7, 'boom', 'ERROR')))).toMatchObject({ line: 7, level: 'ERROR' });
    expect(parseLine('not json')).toBeUndefined();
    expect(parseLine('{"message":"no number"}')).toBeUndefined();
    expect(logStreamUrl('abc', 3)).toBe('/api/v1/workspaces/abc/deployments/3/logs/stream');
  });
});

/** A scriptable EventSource. */
class FakeEventSource implements EventSourceLike {
  static all: FakeEventSource[] = [];
  readyState = 0;
  onopen: ((e: Event) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  closed = false;
  private listeners = new Map<string, ((e: MessageEvent) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.all.push(this);
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
  /** the server refused (e.g. 401): EventSource closes for good */
  refuse() {
    this.readyState = 2;
    this.onerror?.(new Event('error'));
  }
}

describe('a log stream over subscribe()', () => {
  it('feeds lines to the reducer and closes the stream at end', () => {
    FakeEventSource.all = [];
    let state = emptyLog;
    const stop = subscribe(logStreamUrl('w', 1), {
      create: (url) => new FakeEventSource(url),
      renew: async () => true,
      on: {
        line: (data) => void (state = logReducer(state, { type: 'line', line: parseLine(data)! })),
        end: (data) => {
          state = logReducer(state, { type: 'end', deployment: JSON.parse(data) as Deployment });
          return 'stop';
        },
      },
    });
    const es = FakeEventSource.all[0]!;
    es.open();
    es.emit('line', line(1));
    es.emit('line', line(2, 'failed to pull', 'ERROR'));
    es.emit('end', finished);
    es.emit('line', line(3)); // after end: not read
    expect(es.closed).toBe(true);
    expect(state.ended).toBe(true);
    expect(state.lines.map((l) => l.line)).toEqual([1, 2]);
    stop();
  });

  it('renews the session once when the stream is refused, then gives up on a second refusal', async () => {
    FakeEventSource.all = [];
    const renew = vi.fn(async () => true);
    const statuses: string[] = [];
    subscribe('/api/v1/workspaces/events', {
      create: (url) => new FakeEventSource(url),
      renew,
      on: {},
      onStatus: (s) => statuses.push(s),
    });
    FakeEventSource.all[0]!.refuse();
    await Promise.resolve();
    await Promise.resolve();
    expect(renew).toHaveBeenCalledTimes(1);
    expect(FakeEventSource.all).toHaveLength(2); // reopened after the refresh
    FakeEventSource.all[1]!.refuse();
    await Promise.resolve();
    expect(renew).toHaveBeenCalledTimes(1);
    expect(FakeEventSource.all).toHaveLength(2);
    expect(statuses.at(-1)).toBe('closed');
  });

  it('lets EventSource retry network drops by itself', () => {
    FakeEventSource.all = [];
    const renew = vi.fn(async () => true);
    subscribe('/x', { create: (url) => new FakeEventSource(url), renew, on: {} });
    const es = FakeEventSource.all[0]!;
    es.open();
    es.readyState = 0; // CONNECTING: the browser reconnects
    es.onerror?.(new Event('error'));
    expect(renew).not.toHaveBeenCalled();
    expect(FakeEventSource.all).toHaveLength(1);
  });
});
