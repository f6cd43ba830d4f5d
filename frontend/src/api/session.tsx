import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { api, call, onPasswordChangeRequired, onSessionLost, viewOf } from './client';
import type { ProblemView } from './problem';
import type { User } from './types';
import { Button, ErrorBanner, Loading } from '../ui';
import { isAdmin, mayReadAudit } from '../lib/access';
import {
  CHOOSE_PASSWORD_PATH,
  choosePasswordPath,
  lossReason,
  signInPath,
  type SignInReason,
} from '../lib/signInReason';

interface Session {
  user: User;
  isAdmin: boolean;
  /** whether the Audit page is for them (lib/access) */
  mayReadAudit: boolean;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <RequireSession>');
  return session;
}

/** Whether this page has shown a signed-in user (a lost session then gets a reason on the sign-in page). */
let hadSession = false;

/** Tabs of this browser tell each other about a sign-out, so none of them goes on as if signed in. */
const CHANNEL = 'devsanctum-session';
const SIGNED_OUT = 'signed-out';
function sessionChannel(): BroadcastChannel | null {
  return typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
}

function here(): string {
  return window.location.pathname + window.location.search;
}

const OUTSIDE_SESSION = ['/sign-in', '/setup'];

/**
 * Sends the user to sign in (keeping where they were, and saying why) whenever a session cannot be
 * renewed or another tab signed out; and to choose a new password when the server asks for that.
 */
export function SessionRedirects() {
  const navigate = useNavigate();
  useEffect(() => {
    const toSignIn = (reason: SignInReason | undefined) => {
      if (OUTSIDE_SESSION.includes(window.location.pathname)) return;
      hadSession = false;
      navigate(signInPath(here(), reason), { replace: true });
    };
    onSessionLost((why) => toSignIn(lossReason(why, hadSession)));
    onPasswordChangeRequired(() => {
      if (window.location.pathname === CHOOSE_PASSWORD_PATH || OUTSIDE_SESSION.includes(window.location.pathname)) return;
      navigate(choosePasswordPath(here()), { replace: true });
    });
    const channel = sessionChannel();
    if (channel) {
      channel.onmessage = (event: MessageEvent) => {
        if (event.data === SIGNED_OUT && hadSession) toSignIn('signed-out');
      };
    }
    return () => channel?.close();
  }, [navigate]);
  return null;
}

/** Loads the signed-in user (GET /api/v1/users/me); `null` while loading, with a retry view on failure. */
export function useCurrentUser() {
  const [user, setUser] = useState<User | null>(null);
  const [error, setError] = useState<ProblemView | null>(null);
  const reload = useCallback(async () => {
    try {
      const me = await call(api.GET('/api/v1/users/me'));
      hadSession = true;
      setUser(me);
      setError(null);
    } catch (e) {
      const view = viewOf(e);
      // a 401 has already redirected to /sign-in (the refresh failed)
      if (view.status !== 401) setError(view);
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { user, setUser, error, reload };
}

export function SessionError({ error, onRetry }: { error: ProblemView; onRetry: () => void }) {
  const navigate = useNavigate();
  const location = useLocation();
  return (
    <div className="center-page">
      <div className="narrow stack">
        <ErrorBanner error={error} />
        <div className="row">
          <Button onClick={onRetry}>Try again</Button>
          <Button variant="ghost" onClick={() => navigate(signInPath(location.pathname + location.search))}>Sign in</Button>
        </div>
      </div>
    </div>
  );
}

/**
 * Provides the signed-in user to the pages inside; a user who must first replace an admin's
 * one-time password is sent to do that, and nothing else.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const { user, setUser, error, reload } = useCurrentUser();
  const navigate = useNavigate();
  const location = useLocation();

  const signOut = useCallback(async () => {
    // a provider that ends its own session too is where the browser goes next; it sends it back to sign-in
    let providerSignOutUrl: string | undefined;
    try {
      providerSignOutUrl = (await api.POST('/api/v1/auth/sign-out', {})).data?.providerSignOutUrl;
    } finally {
      const channel = sessionChannel();
      channel?.postMessage(SIGNED_OUT);
      channel?.close();
      hadSession = false;
      setUser(null);
      if (providerSignOutUrl) window.location.assign(providerSignOutUrl);
      else navigate('/sign-in', { replace: true });
    }
  }, [navigate, setUser]);

  if (error) return <SessionError error={error} onRetry={() => void reload()} />;
  if (!user) return <Loading>Loading your session…</Loading>;
  if (user.passwordChangeRequired) {
    return <Navigate to={choosePasswordPath(location.pathname + location.search)} replace />;
  }
  return (
    <SessionContext.Provider value={{ user, isAdmin: isAdmin(user), mayReadAudit: mayReadAudit(user), signOut }}>
      {children}
    </SessionContext.Provider>
  );
}
