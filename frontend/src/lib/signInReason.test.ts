import { describe, expect, it } from 'vitest';
import { choosePasswordPath, lossReason, parseSignInReason, signInPath } from './signInReason';

describe('sign-in reasons', () => {
  it('says the sign-in ended when the server refused a session the browser held', () => {
    expect(lossReason('ended', true)).toBe('ended');
    expect(lossReason('ended', false)).toBe('ended');
  });

  it('says the session expired only to someone this page saw signed in', () => {
    expect(lossReason('expired', true)).toBe('expired');
    expect(lossReason('expired', false)).toBeUndefined(); // a first visit: just sign in
  });

  it('round-trips through the sign-in address, ignoring reasons it does not know', () => {
    expect(signInPath('/workspaces?q=a', 'ended')).toBe('/sign-in?returnTo=%2Fworkspaces%3Fq%3Da&reason=ended');
    expect(signInPath('/workspaces')).toBe('/sign-in?returnTo=%2Fworkspaces');
    expect(parseSignInReason(new URLSearchParams('reason=signed-out').get('reason'))).toBe('signed-out');
    expect(parseSignInReason('toString')).toBeUndefined();
    expect(parseSignInReason(null)).toBeUndefined();
  });

  it('never sends the choose-password page back to itself', () => {
    expect(choosePasswordPath('/templates')).toBe('/choose-password?returnTo=%2Ftemplates');
    expect(choosePasswordPath('/choose-password?returnTo=%2F')).toBe('/choose-password?returnTo=%2F');
  });
});
