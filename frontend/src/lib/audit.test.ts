import { describe, expect, it } from 'vitest';
import { auditCsvUrl, auditFilterFrom, auditFilterProblems, auditQuery, auditSearchOf, changeDiff, NO_AUDIT_FILTER } from './audit';

describe('audit filter', () => {
  it('asks the API for exactly the fields that narrow, with times as instants', () => {
    const filter = { ...NO_AUDIT_FILTER, actorName: ' ada ', action: 'workspace.create' as const, result: 'refused' as const, from: '2026-12-01T10:30' };
    expect(auditQuery(filter)).toEqual({
      limit: 50, actorName: 'ada', action: 'workspace.create', result: 'refused', from: new Date('2026-12-01T10:30').toISOString(),
    });
    expect(auditQuery(NO_AUDIT_FILTER, 'next-page', 10)).toEqual({ limit: 10, cursor: 'next-page' });
  });

  it('exports the same range as CSV, without a page size', () => {
    const url = new URL(auditCsvUrl({ ...NO_AUDIT_FILTER, targetType: 'user', to: '2026-12-02T00:00' }), 'http://x');
    expect(url.pathname).toBe('/api/v1/audit');
    expect(Object.fromEntries(url.searchParams)).toEqual({ format: 'csv', targetType: 'user', to: new Date('2026-12-02T00:00').toISOString() });
  });

  it('round-trips through the address and drops values the contract does not know', () => {
    const filter = { ...NO_AUDIT_FILTER, actorName: 'ada', targetType: 'workspace' as const, from: '2026-12-01T10:30' };
    expect(auditFilterFrom(auditSearchOf(filter))).toEqual(filter);
    expect(auditFilterFrom(new URLSearchParams('action=user.frobnicate&result=maybe'))).toEqual(NO_AUDIT_FILTER);
  });

  it('refuses a range that ends before it starts and a target id that is not one', () => {
    expect(auditFilterProblems({ ...NO_AUDIT_FILTER, from: '2026-12-02T00:00', to: '2026-12-01T00:00', targetId: 'nope' }))
      .toEqual({ to: 'must be after From', targetId: 'an id (UUID)' });
    expect(auditFilterProblems(NO_AUDIT_FILTER)).toEqual({});
  });
});

describe('changeDiff', () => {
  it('marks each setting added, removed, changed or unchanged, in key order', () => {
    expect(changeDiff({ before: { role: 'member', name: 'ada', quota: '2' }, after: { role: 'admin', name: 'ada', email: 'a@x' } })).toEqual([
      { key: 'email', before: undefined, after: 'a@x', kind: 'added' },
      { key: 'name', before: 'ada', after: 'ada', kind: 'unchanged' },
      { key: 'quota', before: '2', after: undefined, kind: 'removed' },
      { key: 'role', before: 'member', after: 'admin', kind: 'changed' },
    ]);
    expect(changeDiff({ before: {}, after: {} })).toEqual([]);
  });
});
