import { describe, expect, it } from 'vitest';
import { describeClose, resizeMessage, stdinFrame, terminalUrl } from './terminalProtocol';

describe('terminal protocol', () => {
  it('uses ws or wss on the dashboard host', () => {
    expect(terminalUrl({ protocol: 'http:', host: 'localhost:8080' }, 'abc')).toBe('ws://localhost:8080/api/v1/workspaces/abc/terminal');
    expect(terminalUrl({ protocol: 'https:', host: 'dev.example.com' }, 'abc')).toBe('wss://dev.example.com/api/v1/workspaces/abc/terminal');
  });

  it('sends resize as JSON text and keystrokes as binary', () => {
    expect(JSON.parse(resizeMessage(120, 40))).toEqual({ type: 'resize', cols: 120, rows: 40 });
    expect(Array.from(stdinFrame('ls\r'))).toEqual([108, 115, 13]);
  });

  it('explains close codes', () => {
    expect(describeClose(1000, '')).toEqual({ message: 'The shell exited.', retry: true, checkSession: false });
    expect(describeClose(4403, '').retry).toBe(false);
    expect(describeClose(4404, 'workspace not found').message).toBe('workspace not found');
    expect(describeClose(4409, 'the workspace is STOPPED').retry).toBe(false);
    expect(describeClose(1006, '').message).toMatch(/1006/);
  });

  it('has the session checked when a close may mean it ended, and only then', () => {
    expect(describeClose(4401, 'sign in first').checkSession).toBe(true);
    expect(describeClose(4403, 'your access has ended').checkSession).toBe(true);
    for (const code of [1000, 1006, 4404, 4409]) expect(describeClose(code, '').checkSession).toBe(false);
  });
});
