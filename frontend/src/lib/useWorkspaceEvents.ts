import { useEffect, useRef, useState } from 'react';
import { followSession } from '../api/client';
import type { Workspace } from '../api/types';
import { subscribe, type StreamStatus } from './sse';

/** Live workspace changes (GET /api/v1/workspaces/events, event `workspace`). */
export function useWorkspaceEvents(onWorkspace: (workspace: Workspace) => void): StreamStatus {
  const handler = useRef(onWorkspace);
  handler.current = onWorkspace;
  const [status, setStatus] = useState<StreamStatus>('connecting');
  useEffect(
    () =>
      subscribe('/api/v1/workspaces/events', {
        on: {
          workspace: (data) => {
            try {
              handler.current(JSON.parse(data) as Workspace);
            } catch {
              // not a workspace: ignore
            }
          },
        },
        ...followSession,
        onStatus: setStatus,
      }),
    [],
  );
  return status;
}

/** Replaces a workspace in a list by id (adds it when new, drops it once DELETED). */
export function upsertWorkspace(list: Workspace[], changed: Workspace): Workspace[] {
  if (changed.state === 'DELETED') return list.filter((w) => w.id !== changed.id);
  const at = list.findIndex((w) => w.id === changed.id);
  if (at < 0) return [changed, ...list];
  const copy = list.slice();
  copy[at] = changed;
  return copy;
}
