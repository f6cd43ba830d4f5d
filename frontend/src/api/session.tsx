import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api, call, onSessionLost, viewOf } from './client';
import type { ProblemView } from './problem';
import type { User } from './types';
import { Button, ErrorBanner, Loading } from '../ui';

interface Session {
  user: User;
  isAdmin: boolean;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <RequireSession>');
  return session;
}

export function signInPath(returnTo: string): string {
  return '/sign-in?returnTo=' + encodeURIComponent(returnTo);
}

/** Sends the user to sign in (keeping where they were) whenever a session cannot be renewed. */
export function SessionLostRedirect() {
  const navigate = useNavigate();
  useEffect(() => {
    onSessionLost(() => {
      const here = window.location.pathname + window.location.search;
      if (window.location.pathname === '/sign-in' || window.location.pathname === '/setup') return;
      navigate(signInPath(here), { replace: true });
    });
  }, [navigate]);
  return null;
}

/** Loads the signed-in user (GET /api/v1/users/me) and provides it to the pages inside. */
export function RequireSession({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [error, setError] = useState<ProblemView | null>(null);
  const navigate = useNavigate();
  const location = useLocation();

  const reload = useCallback(async () => {
    try {
      setUser(await call(api.GET('/api/v1/users/me')));
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

  const signOut = useCallback(async () => {
    try {
      await api.POST('/api/v1/auth/sign-out', {});
    } finally {
      setUser(null);
      navigate('/sign-in', { replace: true });
    }
  }, [navigate]);

  if (error) {
    return (
      <div className="center-page">
        <div className="narrow stack">
          <ErrorBanner error={error} />
          <div className="row">
            <Button onClick={() => void reload()}>Try again</Button>
            <Button variant="ghost" onClick={() => navigate(signInPath(location.pathname + location.search))}>Sign in</Button>
          </div>
        </div>
      </div>
    );
  }
  if (!user) return <Loading>Loading your session…</Loading>;
  return (
    <SessionContext.Provider value={{ user, isAdmin: user.role === 'admin', signOut }}>
      {children}
    </SessionContext.Provider>
  );
}
