import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, browserHoldsSession, call, viewOf } from '../api/client';
import type { ProblemView } from '../api/problem';
import type { OAuthProvider, User } from '../api/types';
import { returnToPath, safeReturnTo } from '../lib/returnTo';
import { SIGN_IN_REASONS, choosePasswordPath, parseSignInReason } from '../lib/signInReason';
import { leaveTo, rememberSignInPassword } from './ChoosePasswordPage';
import { Brand } from '../components/AppShell';
import { Banner, Button, Card, ErrorBanner, Loading, TextInput, buttonClass } from '../ui';

const FIELDS = ['login', 'password'];

export function SignInPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const target = useMemo(() => safeReturnTo(params.get('returnTo'), window.location.origin), [params]);
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ProblemView | null>(null);
  const [providers, setProviders] = useState<OAuthProvider[]>([]);
  const reason = parseSignInReason(params.get('reason'));
  // sent here while the browser still holds a session (say, by a workspace link once the short-lived
  // access cookie has gone): renew it and go on instead of asking for the password again
  const [resuming, setResuming] = useState(() => reason === undefined && browserHoldsSession());

  function goOn(user: User, password?: string) {
    if (user.passwordChangeRequired) {
      if (password !== undefined) rememberSignInPassword(password);
      navigate(choosePasswordPath(returnToPath(target, window.location.origin)), { replace: true });
      return;
    }
    leaveTo(target, navigate);
  }

  useEffect(() => {
    if (!resuming) return;
    let live = true;
    api.GET('/api/v1/users/me').then(({ data }) => {
      if (!live) return;
      if (data) goOn(data);
      else setResuming(false);
    }, () => live && setResuming(false));
    return () => {
      live = false;
    };
    // once, for the page as it was opened
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    let live = true;
    api.GET('/api/v1/setup').then(({ data }) => {
      if (live && data?.firstUserRequired) navigate('/setup', { replace: true });
    }, () => {});
    api.GET('/api/v1/auth/oauth/providers').then(({ data }) => {
      if (live && data) setProviders(data.providers);
    }, () => {});
    return () => {
      live = false;
    };
  }, [navigate]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await call(api.POST('/api/v1/auth/sign-in', { body: { login, password } }), FIELDS);
      goOn(session.user, password);
    } catch (e) {
      setError(viewOf(e));
      setBusy(false);
    }
  }

  const oauthReturnTo = encodeURIComponent(returnToPath(target, window.location.origin));
  const oauthError = params.get('error');
  if (resuming) return <Loading>Checking your session…</Loading>;

  return (
    <div className="center-page">
      <div className="narrow stack">
        <Brand />
        <Card title="Sign in">
          {reason && <Banner tone="warning"><span data-testid="sign-in-reason">{SIGN_IN_REASONS[reason]}</span></Banner>}
          {params.get('setup') === 'done' && <Banner tone="success">Your admin account is ready. Sign in with it.</Banner>}
          {oauthError && <Banner tone="error">Sign-in with the provider failed: {oauthError}</Banner>}
          {target.kind === 'external' && <Banner tone="info">Sign in to open your workspace.</Banner>}
          <ErrorBanner error={error} />
          <form className="stack" onSubmit={submit} noValidate>
            <TextInput
              label="Login"
              hint="Your email or username"
              name="login"
              autoComplete="username"
              value={login}
              onChange={(e) => setLogin(e.target.value)}
              error={error?.fieldErrors.login}
              required
              autoFocus
            />
            <TextInput
              label="Password"
              type="password"
              name="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={error?.fieldErrors.password}
              required
            />
            <Button type="submit" variant="primary" block busy={busy} disabled={!login || !password}>
              Sign in
            </Button>
          </form>
          {providers.length > 0 && (
            <>
              <div className="divider">or</div>
              <div className="stack-sm">
                {providers.map((p) => <ProviderButton key={p.id} provider={p} returnTo={oauthReturnTo} />)}
              </div>
            </>
          )}
        </Card>
      </div>
    </div>
  );
}

/**
 * A provider's sign-in button, with its icon when it has one. A provider that did not answer its last
 * check is shown, but cannot be chosen, and says why.
 */
export function ProviderButton({ provider, returnTo }: { provider: OAuthProvider; returnTo: string }) {
  const label = (
    <>
      {provider.iconUrl && <img className="provider-icon" src={provider.iconUrl} alt="" width={18} height={18} />}
      Sign in with {provider.name}
    </>
  );
  if (!provider.available) {
    return (
      <div className="stack-sm">
        <button type="button" className={buttonClass('default', 'md', true)} disabled>{label}</button>
        <span className="field-hint" data-testid={`provider-unreachable-${provider.id}`}>
          {provider.name} cannot be reached right now; sign in another way or try again later.
        </span>
      </div>
    );
  }
  return (
    <a
      className={buttonClass('default', 'md', true)}
      href={`/api/v1/auth/oauth/${encodeURIComponent(provider.id)}/start?returnTo=${returnTo}`}
    >
      {label}
    </a>
  );
}
