import type { SignInLockout } from '../api/types';

/** What each kind of sign-in limit is on (see listSignInLockouts in the contract). */
export const LOCKOUT_SCOPES: Record<SignInLockout['scope'], string> = {
  'account-address': 'Account, from one address',
  address: 'Address, for every account',
  account: 'Account, from everywhere',
  device: 'Account, in one browser',
};

/** How an admin lifts a limit: the user's (every limit on their account) or the address's; none for a login that names nobody (it ages out). */
export type LockoutRelease = { kind: 'user'; userId: string } | { kind: 'address'; address: string } | null;

export function releaseOf(lockout: SignInLockout): LockoutRelease {
  if (lockout.userId) return { kind: 'user', userId: lockout.userId };
  if (lockout.address) return { kind: 'address', address: lockout.address };
  return null;
}

/** Who the limit is on, as shown. */
export function lockoutAccount(lockout: SignInLockout): string {
  if (lockout.username) return lockout.username;
  if (lockout.login) return `“${lockout.login}” (no such user)`;
  return lockout.userId ? 'a deleted user' : 'every account';
}

export function lockedUserIds(lockouts: readonly SignInLockout[]): Set<string> {
  return new Set(lockouts.flatMap((l) => (l.userId ? [l.userId] : [])));
}
