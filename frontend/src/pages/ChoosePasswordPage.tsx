import { useMemo, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { SessionError, useCurrentUser } from '../api/session';
import { safeReturnTo, type ReturnTarget } from '../lib/returnTo';
import { Brand } from '../components/AppShell';
import { PasswordChangeForm } from '../components/PasswordChangeForm';
import { Banner, Card, Loading } from '../ui';

/**
 * The password just signed in with, when the account must replace it: kept in memory only (never in
 * the URL or history) until the choose-password page takes it, so it is not asked for twice.
 */
let signInPassword: string | undefined;

export function rememberSignInPassword(password: string) {
  signInPassword = password;
}

function takeSignInPassword(): string | undefined {
  const password = signInPassword;
  signInPassword = undefined;
  return password;
}

export function leaveTo(target: ReturnTarget, navigate: (path: string, options: { replace: boolean }) => void) {
  if (target.kind === 'external') window.location.assign(target.url);
  else navigate(target.path, { replace: true });
}

/**
 * After an admin's reset, the one thing a user may do: choose a new password. Every other page
 * sends them here (the API refuses everything else with 403 password-change-required).
 */
export function ChoosePasswordPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { user, error, reload } = useCurrentUser();
  const [known] = useState(takeSignInPassword);
  const target = useMemo(() => safeReturnTo(params.get('returnTo'), window.location.origin), [params]);

  if (error) return <SessionError error={error} onRetry={() => void reload()} />;
  if (!user) return <Loading>Loading your session…</Loading>;
  if (!user.passwordChangeRequired) {
    return target.kind === 'route' ? <Navigate to={target.path} replace /> : <Navigate to="/" replace />;
  }
  return (
    <div className="center-page">
      <div className="narrow stack">
        <Brand />
        <Card title="Choose a new password">
          <Banner tone="info">
            Hello {user.username}: an administrator reset your password. Choose your own before you go on; the one-time
            password stops working then.
          </Banner>
          <PasswordChangeForm currentPassword={known} submitLabel="Save password and continue"
            onChanged={() => leaveTo(target, navigate)} />
        </Card>
      </div>
    </div>
  );
}
