import { useState, type FormEvent } from 'react';
import { api, call, viewOf } from '../api/client';
import type { ProblemView } from '../api/problem';
import type { User } from '../api/types';
import { PASSWORD_FIELDS, passwordFormProblems, type PasswordField, type PasswordFormValues } from '../lib/passwordForm';
import { Button, ErrorBanner, TextInput } from '../ui';

const BLANK: PasswordFormValues = { currentPassword: '', newPassword: '', confirmPassword: '' };

/**
 * Current password, new password and its confirmation → POST /api/v1/users/me/password. Each
 * field shows its own problem (the form's checks first, then the server's). `currentPassword`,
 * when given, is the password just signed in with (an admin's one-time password): it is not asked
 * for again.
 */
export function PasswordChangeForm({ currentPassword, submitLabel, onChanged }: {
  currentPassword?: string;
  submitLabel: string;
  onChanged: (user: User) => void;
}) {
  const [values, setValues] = useState<PasswordFormValues>({ ...BLANK, currentPassword: currentPassword ?? '' });
  const [local, setLocal] = useState<Partial<Record<PasswordField, string>>>({});
  const [error, setError] = useState<ProblemView | null>(null);
  const [busy, setBusy] = useState(false);
  const [askCurrent, setAskCurrent] = useState(currentPassword === undefined);

  const set = (field: PasswordField) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: event.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const problems = passwordFormProblems(values);
    setLocal(problems);
    if (Object.keys(problems).length > 0) {
      if (problems.currentPassword) setAskCurrent(true);
      return;
    }
    setBusy(true);
    try {
      const user = await call(api.POST('/api/v1/users/me/password', {
        body: { currentPassword: values.currentPassword, newPassword: values.newPassword },
      }), PASSWORD_FIELDS);
      setValues(BLANK);
      onChanged(user);
    } catch (e) {
      const view = viewOf(e);
      setError(view);
      // a remembered password the server refused must be typed after all
      if (view.fieldErrors.currentPassword) setAskCurrent(true);
    } finally {
      setBusy(false);
    }
  }

  const err = (field: PasswordField) => local[field] ?? error?.fieldErrors[field];
  const shownError = error && Object.keys(error.fieldErrors).length > 0 && error.otherErrors.length === 0 ? null : error;
  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Change password">
      <ErrorBanner error={shownError} />
      {askCurrent && (
        <TextInput label="Current password" type="password" name="currentPassword" autoComplete="current-password"
          value={values.currentPassword} error={err('currentPassword')} onChange={set('currentPassword')} />
      )}
      <TextInput label="New password" type="password" name="newPassword" autoComplete="new-password"
        hint="At least 8 characters" value={values.newPassword} error={err('newPassword')} onChange={set('newPassword')} />
      <TextInput label="Confirm new password" type="password" name="confirmPassword" autoComplete="new-password"
        value={values.confirmPassword} error={err('confirmPassword')} onChange={set('confirmPassword')} />
      <div className="row">
        <Button type="submit" variant="primary" busy={busy}>{submitLabel}</Button>
      </div>
    </form>
  );
}
