import { describe, expect, it } from 'vitest';
import { passwordFormProblems } from './passwordForm';

describe('passwordFormProblems', () => {
  it('accepts a current password and a long enough new one typed twice', () => {
    expect(passwordFormProblems({ currentPassword: 'old secret', newPassword: 'new secret', confirmPassword: 'new secret' })).toEqual({});
  });

  it('names each field that is wrong', () => {
    expect(passwordFormProblems({ currentPassword: '', newPassword: 'short', confirmPassword: 'other' })).toEqual({
      currentPassword: 'enter your current password',
      newPassword: 'at least 8 characters',
      confirmPassword: 'does not match the new password',
    });
  });

  it('refuses a new password equal to the current one, or longer than the server takes', () => {
    expect(passwordFormProblems({ currentPassword: 'same secret', newPassword: 'same secret', confirmPassword: 'same secret' }).newPassword)
      .toBe('must differ from the current password');
    const long = 'x'.repeat(257);
    expect(passwordFormProblems({ currentPassword: 'a', newPassword: long, confirmPassword: long }).newPassword).toBe('at most 256 characters');
  });
});
