import { useState } from 'react';
import { api, call, viewOf } from '../api/client';
import type { ProblemView } from '../api/problem';
import type { User } from '../api/types';
import { CopyButton } from './CopyButton';
import { Banner, Button, Checkbox, ConfirmDialog, Dialog, ErrorBanner } from '../ui';

/**
 * An admin's password reset: confirm, then the one-time password, shown this once (the server keeps
 * only its hash), with a copy button. Closing the dialog forgets it.
 */
export function ResetPasswordDialog({ user, onClose, onReset }: { user: User; onClose: () => void; onReset: (u: User) => void }) {
  const [oneTime, setOneTime] = useState<string | null>(null);
  const [error, setError] = useState<ProblemView | null>(null);
  const [busy, setBusy] = useState(false);

  async function reset() {
    setBusy(true);
    setError(null);
    try {
      const answer = await call(api.POST('/api/v1/users/{userId}/password-reset', { params: { path: { userId: user.id } } }));
      setOneTime(answer.oneTimePassword);
      onReset(user);
    } catch (e) {
      setError(viewOf(e));
    } finally {
      setBusy(false);
    }
  }

  if (oneTime === null) {
    return (
      <ConfirmDialog open title={`Reset the password of ${user.username}?`} confirmLabel="Reset password" busy={busy}
        onConfirm={() => void reset()} onClose={onClose}>
        <ErrorBanner error={error} />
        <p>
          {user.username} is signed out everywhere at once and gets a one-time password from you. At their next sign-in
          they must choose a new password before anything else.
        </p>
      </ConfirmDialog>
    );
  }
  return (
    <Dialog open title={`One-time password for ${user.username}`} onClose={onClose}
      actions={<Button variant="primary" onClick={onClose}>Done</Button>}>
      <Banner tone="warning">Hand it to {user.username} safely. It is shown only now and cannot be shown again.</Banner>
      <div className="secret" data-testid="one-time-password">{oneTime}</div>
      <div className="row">
        <CopyButton value={oneTime} label="Copy password" what="password" />
      </div>
    </Dialog>
  );
}

/** Deleting a user: refused (409, naming them) while they own workspaces, unless those go too. */
export function DeleteUserDialog({ user, onClose, onDeleted }: { user: User; onClose: () => void; onDeleted: (u: User) => void }) {
  const [withWorkspaces, setWithWorkspaces] = useState(false);
  const [error, setError] = useState<ProblemView | null>(null);
  const [busy, setBusy] = useState(false);

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await call(api.DELETE('/api/v1/users/{userId}', {
        params: { path: { userId: user.id }, query: { deleteWorkspaces: withWorkspaces } },
      }));
      onDeleted(user);
    } catch (e) {
      setError(viewOf(e));
      setBusy(false);
    }
  }

  return (
    <ConfirmDialog open title={`Delete ${user.username}?`} confirmLabel="Delete user" busy={busy}
      onConfirm={() => void remove()} onClose={onClose}>
      <ErrorBanner error={error} />
      <p>Their account, sessions, API tokens and sign-in identities are deleted. This cannot be undone.</p>
      <Checkbox label="Delete their workspaces too" checked={withWorkspaces} disabled={busy}
        onChange={(e) => setWithWorkspaces(e.target.checked)} />
    </ConfirmDialog>
  );
}
