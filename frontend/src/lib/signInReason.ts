import type { SessionLoss } from '../api/authFetch';

/**
 * Why the user is on the sign-in page, carried in its `reason` parameter:
 * - ended: the server ended this browser's sign-in (its password changed, an admin reset or
 *   suspended the account, or it was signed out);
 * - expired: the session ran out (no session was left in this browser);
 * - signed-out: the user signed out in another tab or window of this browser.
 */
export type SignInReason = 'ended' | 'expired' | 'signed-out';

export const SIGN_IN_REASONS: Record<SignInReason, string> = {
  ended:
    'Your sign-in was ended: your password was changed, an administrator changed your account, or the session was signed out. Sign in again to continue.',
  expired: 'Your session has expired. Sign in again to continue.',
  'signed-out': 'You signed out in another tab or window. Sign in again to continue.',
};

export function parseSignInReason(value: string | null): SignInReason | undefined {
  return value !== null && Object.hasOwn(SIGN_IN_REASONS, value) ? (value as SignInReason) : undefined;
}

/**
 * The reason to show for a lost session; none for a visitor this page never saw signed in (their
 * first visit, or a bookmark long after signing out), who simply has to sign in.
 */
export function lossReason(why: SessionLoss, hadSession: boolean): SignInReason | undefined {
  if (why === 'ended') return 'ended';
  return hadSession ? 'expired' : undefined;
}

export function signInPath(returnTo: string, reason?: SignInReason): string {
  return '/sign-in?returnTo=' + encodeURIComponent(returnTo) + (reason ? '&reason=' + reason : '');
}

/** The page where a user replaces an admin's one-time password before anything else. */
export const CHOOSE_PASSWORD_PATH = '/choose-password';

export function choosePasswordPath(returnTo: string): string {
  const path = returnTo.startsWith(CHOOSE_PASSWORD_PATH) ? '/' : returnTo;
  return CHOOSE_PASSWORD_PATH + '?returnTo=' + encodeURIComponent(path);
}
