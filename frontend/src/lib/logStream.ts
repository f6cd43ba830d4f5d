import type { Deployment, DeploymentLogLine } from '../api/types';

/**
 * A deployment's log as it streams in. Lines are kept in line-number order and each number once
 * (a reconnect replays history, and a retry may repeat a line); after `end` nothing more is taken.
 */
export interface LogState {
  lines: DeploymentLogLine[];
  ended: boolean;
  /** the finished deployment, from the `end` event */
  deployment?: Deployment;
}

export type LogAction =
  | { type: 'reset' }
  | { type: 'line'; line: DeploymentLogLine }
  | { type: 'end'; deployment: Deployment };

export const emptyLog: LogState = { lines: [], ended: false };

export function logReducer(state: LogState, action: LogAction): LogState {
  switch (action.type) {
    case 'reset':
      return emptyLog;
    case 'line': {
      if (state.ended) return state;
      const n = action.line.line;
      const lines = state.lines;
      const last = lines[lines.length - 1];
      if (!last || last.line < n) return { ...state, lines: [...lines, action.line] }; // the usual case
      if (lines.some((l) => l.line === n)) return state;
      const at = lines.findIndex((l) => l.line > n);
      return { ...state, lines: [...lines.slice(0, at), action.line, ...lines.slice(at)] };
    }
    case 'end':
      return state.ended ? state : { ...state, ended: true, deployment: action.deployment };
  }
}

export function logStreamUrl(workspaceId: string, number: number): string {
  return `/api/v1/workspaces/${encodeURIComponent(workspaceId)}/deployments/${number}/logs/stream`;
}

/** Parses one SSE data payload; undefined when it is not JSON of the expected shape. */
export function parseLine(data: string): DeploymentLogLine | undefined {
  try {
    const value = JSON.parse(data) as DeploymentLogLine;
    return typeof value?.line === 'number' && typeof value.message === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

export function parseDeployment(data: string): Deployment | undefined {
  try {
    const value = JSON.parse(data) as Deployment;
    return typeof value?.number === 'number' && typeof value.status === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
