import type { Workspace, WorkspaceState } from '../api/types';

/** What the workspace list is narrowed to; empty fields do not narrow. */
export interface WorkspaceFilter {
  /** matched, case-insensitively, against the workspace's and its owner's names */
  text: string;
  /**
   * '' for any state; 'active' for running or on its way to run (pending, starting); 'dormant' for
   * dormant workspaces, which every other choice leaves out
   */
  state: WorkspaceState | 'active' | 'dormant' | '';
  /** '' for every owner */
  ownerId: string;
}

export const NO_FILTER: WorkspaceFilter = { text: '', state: '', ownerId: '' };

const ACTIVE: ReadonlySet<WorkspaceState> = new Set(['PENDING', 'STARTING', 'RUNNING']);

export function filterWorkspaces(list: readonly Workspace[], filter: WorkspaceFilter): Workspace[] {
  const text = filter.text.trim().toLowerCase();
  return list.filter((w) =>
    (text === '' || w.name.toLowerCase().includes(text) || w.ownerName.toLowerCase().includes(text))
    && (filter.state === 'dormant' ? w.dormantAt != null : w.dormantAt == null
      && (filter.state === '' || (filter.state === 'active' ? ACTIVE.has(w.state) : w.state === filter.state)))
    && (filter.ownerId === '' || w.ownerId === filter.ownerId));
}

/** The owners of the listed workspaces, by name, for an owner picker. */
export function ownersOf(list: readonly Workspace[]): { id: string; name: string }[] {
  const owners = new Map<string, string>();
  list.forEach((w) => owners.set(w.ownerId, w.ownerName));
  return [...owners].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}
