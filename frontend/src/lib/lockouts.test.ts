import { describe, expect, it } from 'vitest';
import type { SignInLockout } from '../api/types';
import { lockedUserIds, lockoutAccount, releaseOf } from './lockouts';

const until = '2026-12-01T12:00:00Z';
const onBob: SignInLockout = { scope: 'account-address', userId: 'u-bob', username: 'bob', address: '10.0.0.9', failures: 5, lockedUntil: until };
const onAddress: SignInLockout = { scope: 'address', address: '10.0.0.9', failures: 20, lockedUntil: until };
const onNobody: SignInLockout = { scope: 'account', login: 'root', failures: 30, lockedUntil: until };

describe('sign-in lockouts', () => {
  it('are lifted per user when they are on a user, else per address, else not at all', () => {
    expect(releaseOf(onBob)).toEqual({ kind: 'user', userId: 'u-bob' });
    expect(releaseOf(onAddress)).toEqual({ kind: 'address', address: '10.0.0.9' });
    expect(releaseOf(onNobody)).toBeNull();
  });

  it('name whom they are on', () => {
    expect(lockoutAccount(onBob)).toBe('bob');
    expect(lockoutAccount(onAddress)).toBe('every account');
    expect(lockoutAccount(onNobody)).toBe('“root” (no such user)');
  });

  it('tell which users are locked out', () => {
    expect([...lockedUserIds([onBob, onAddress, onNobody, { ...onBob, scope: 'device' }])]).toEqual(['u-bob']);
  });
});
