import { describe, expect, it } from 'vitest';
import type { Workspace } from '../api/types';
import { filterWorkspaces, NO_FILTER, ownersOf } from './workspaceFilter';

const ws = (name: string, ownerId: string, ownerName: string, state: Workspace['state']): Workspace =>
  ({ id: name, name, ownerId, ownerName, state, templateId: 't', templateVersionId: 'v' });

const list = [
  ws('api', 'u-ada', 'ada', 'RUNNING'),
  ws('web', 'u-ada', 'ada', 'STOPPED'),
  ws('data', 'u-ben', 'ben', 'STARTING'),
  ws('ml', 'u-ben', 'ben', 'FAILED'),
  ws('old', 'u-ben', 'ben', 'STOPPING'),
];
const names = (filtered: Workspace[]) => filtered.map((w) => w.name);

describe('filterWorkspaces', () => {
  it('keeps everything without a filter', () => {
    expect(names(filterWorkspaces(list, NO_FILTER))).toEqual(['api', 'web', 'data', 'ml', 'old']);
  });

  it('matches text against workspace and owner names, ignoring case', () => {
    expect(names(filterWorkspaces(list, { ...NO_FILTER, text: ' WE ' }))).toEqual(['web']);
    expect(names(filterWorkspaces(list, { ...NO_FILTER, text: 'ben' }))).toEqual(['data', 'ml', 'old']);
  });

  it('narrows by exact state, or to the active ones (running or starting, not stopping)', () => {
    expect(names(filterWorkspaces(list, { ...NO_FILTER, state: 'FAILED' }))).toEqual(['ml']);
    expect(names(filterWorkspaces(list, { ...NO_FILTER, state: 'active' }))).toEqual(['api', 'data']);
  });

  it('shows dormant workspaces only when asked for them', () => {
    const sleeping = { ...ws('nap', 'u-ada', 'ada', 'STOPPED'), dormantAt: '2026-01-01T00:00:00Z' };
    expect(names(filterWorkspaces([...list, sleeping], { ...NO_FILTER, state: 'STOPPED' }))).toEqual(['web']);
    expect(names(filterWorkspaces([...list, sleeping], NO_FILTER))).not.toContain('nap');
    expect(names(filterWorkspaces([...list, sleeping], { ...NO_FILTER, state: 'dormant' }))).toEqual(['nap']);
  });

  it('narrows by owner, combined with the other fields', () => {
    expect(names(filterWorkspaces(list, { text: '', state: 'active', ownerId: 'u-ben' }))).toEqual(['data']);
  });
});

describe('ownersOf', () => {
  it('lists each owner once, by name', () => {
    expect(ownersOf([list[2]!, list[0]!, list[1]!])).toEqual([{ id: 'u-ada', name: 'ada' }, { id: 'u-ben', name: 'ben' }]);
  });
});
