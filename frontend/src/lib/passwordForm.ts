/** The change-password form's own checks, before the server's (PasswordChange in the contract). */
export interface PasswordFormValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export const PASSWORD_FIELDS = ['currentPassword', 'newPassword', 'confirmPassword'] as const;
export type PasswordField = (typeof PASSWORD_FIELDS)[number];

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;

/** A reason per field that is wrong; empty when the form may be sent. */
export function passwordFormProblems(values: PasswordFormValues): Partial<Record<PasswordField, string>> {
  const problems: Partial<Record<PasswordField, string>> = {};
  if (values.currentPassword === '') problems.currentPassword = 'enter your current password';
  if (values.newPassword.length < MIN_PASSWORD_LENGTH) {
    problems.newPassword = `at least ${MIN_PASSWORD_LENGTH} characters`;
  } else if (values.newPassword.length > MAX_PASSWORD_LENGTH) {
    problems.newPassword = `at most ${MAX_PASSWORD_LENGTH} characters`;
  } else if (values.newPassword === values.currentPassword) {
    problems.newPassword = 'must differ from the current password';
  }
  if (values.confirmPassword !== values.newPassword) problems.confirmPassword = 'does not match the new password';
  return problems;
}
