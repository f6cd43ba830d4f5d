import { describe, expect, it } from 'vitest';
import type { Deployment, DeploymentLogLine } from '../api/types';
import { emptyLog, logReducer, logStreamUrl, parseLine, type LogAction, type LogState } from './logStream';

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
