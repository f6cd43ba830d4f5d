import type { ReactNode } from 'react';
import type { Deployment, WorkspaceState } from '../api/types';

export type Tone = 'neutral' | 'success' | 'danger' | 'warning' | 'info';

export function Badge({ tone = 'neutral', dot = false, pulse = false, children, testId }: {
  tone?: Tone;
  dot?: boolean;
  pulse?: boolean;
  children: ReactNode;
  testId?: string;
}) {
  const className = ['badge', tone !== 'neutral' && `badge-${tone}`, dot && 'badge-dot', pulse && 'badge-pulse']
    .filter(Boolean)
    .join(' ');
  return (
    <span className={className} data-testid={testId}>
      {children}
    </span>
  );
}

const WORKSPACE_TONES: Record<WorkspaceState, Tone> = {
  PENDING: 'info',
  STARTING: 'info',
  RUNNING: 'success',
  STOPPING: 'warning',
  STOPPED: 'neutral',
  DELETING: 'warning',
  DELETED: 'neutral',
  FAILED: 'danger',
};

const TRANSITIONAL: ReadonlySet<WorkspaceState> = new Set(['PENDING', 'STARTING', 'STOPPING', 'DELETING']);

/** A workspace's state; the text is the contract's state name (tests read it). */
export function WorkspaceStatePill({ state }: { state: WorkspaceState }) {
  return (
    <Badge tone={WORKSPACE_TONES[state]} dot pulse={TRANSITIONAL.has(state)} testId="workspace-state">
      {state}
    </Badge>
  );
}

const DEPLOYMENT_TONES: Record<Deployment['status'], Tone> = {
  PENDING: 'info',
  RUNNING: 'info',
  SUCCEEDED: 'success',
  FAILED: 'danger',
};

export function DeploymentStatusPill({ status }: { status: Deployment['status'] }) {
  return (
    <Badge tone={DEPLOYMENT_TONES[status]} dot pulse={status === 'PENDING' || status === 'RUNNING'}>
      {status}
    </Badge>
  );
}
