import { describe, expect, it } from 'vitest';
import type { User } from '../api/types';
import { isAdmin, mayReadAudit } from './access';

const user = (role: string, permissions?: string[]) =>
  ({ id: 'u', email: 'a@x', username: 'a', displayName: 'A', role, status: 'active', createdAt: '2026-12-01T10:00:00Z',
    ...(permissions ? { permissions } : {}) }) as unknown as User;

describe('isAdmin', () => {
  it('is for owners, whether the server names them owner or, as the contract did, admin', () => {
    expect(['owner', 'admin', 'auditor', 'member'].map((role) => isAdmin(user(role)))).toEqual([true, true, false, false]);
  });
});

describe('mayReadAudit', () => {
  it('is for auditors and owners when only the role is known', () => {
    expect(['owner', 'auditor', 'admin'].map((role) => mayReadAudit(user(role)))).toEqual([true, true, true]);
    expect(['member', 'user-admin', 'template-admin'].map((role) => mayReadAudit(user(role)))).toEqual([false, false, false]);
  });

  it('follows the permissions the server lists, when it lists them', () => {
    expect(mayReadAudit(user('member', ['audit.read']))).toBe(true);
    expect(mayReadAudit(user('owner', ['account']))).toBe(false);
  });
});
