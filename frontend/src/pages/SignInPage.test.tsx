import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { SignInPage } from './SignInPage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  document.cookie = 'ds_csrf=; max-age=0';
});

const me = { id: 'u', username: 'ada', displayName: 'Ada', email: 'ada@example.com', role: 'owner', status: 'active', createdAt: '2026-12-01T10:00:00Z', permissions: [], scopes: ['all'], grantableScopes: ['all'] };

function gateway(meStatus: number, providers: unknown[] = []) {
  const paths: string[] = [];
  vi.stubGlobal('fetch', vi.fn(async (request: Request) => {
    const path = new URL(request.url).pathname;
    paths.push(path);
    if (path === '/api/v1/setup') return Response.json({ firstUserRequired: false });
    if (path === '/api/v1/auth/oauth/providers') return Response.json({ providers });
    if (path === '/api/v1/users/me') return meStatus === 200 ? Response.json(me) : new Response(null, { status: meStatus });
    return new Response(null, { status: 401 }); // the refresh
  }));
  return paths;
}

function open(url: string) {
  render(
    <MemoryRouter initialEntries={[url]}>
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/templates" element={<p>templates page</p>} />
      </Routes>
    </MemoryRouter>,
  );
}

describe('SignInPage', () => {
  it('offers a button per provider with its icon, and says which one cannot be reached', async () => {
    gateway(401, [
      { id: 'github', name: 'GitHub', available: true },
      { id: 'keycloak', name: 'Company SSO', iconUrl: '/icons/openid.svg', available: true },
      { id: 'okta', name: 'Okta', available: false },
    ]);
    open('/sign-in?returnTo=%2Ftemplates');
    const sso = (await screen.findByText('Sign in with Company SSO')).closest('a');
    expect(sso?.getAttribute('href')).toBe('/api/v1/auth/oauth/keycloak/start?returnTo=%2Ftemplates');
    expect(sso?.querySelector('img')?.getAttribute('src')).toBe('/icons/openid.svg');
    expect(screen.getByText('Sign in with GitHub').closest('a')?.querySelector('img')).toBeNull();
    const okta = screen.getByText('Sign in with Okta').closest('button');
    expect(okta?.disabled).toBe(true);
    expect(screen.getByTestId('provider-unreachable-okta').textContent).toMatch(/Okta cannot be reached right now/);
    expect(screen.queryByTestId('provider-unreachable-keycloak')).toBeNull();
  });

  it('shows why a provider sign-in came back refused', async () => {
    gateway(401);
    open('/sign-in?error=your%20Keycloak%20account%20is%20in%20none%20of%20the%20groups%20allowed%20to%20sign%20in%20here');
    expect(await screen.findByText(/none of the groups allowed to sign in here/)).toBeTruthy();
  });

  it('says why the user is there when a lost session sent them', async () => {
    gateway(401);
    open('/sign-in?returnTo=%2Ftemplates&reason=signed-out');
    expect((await screen.findByTestId('sign-in-reason')).textContent).toMatch(/signed out in another tab/);
  });

  it('goes straight on when the browser still holds a session that renews', async () => {
    document.cookie = 'ds_csrf=held';
    const paths = gateway(200);
    open('/sign-in?returnTo=%2Ftemplates');
    expect(await screen.findByText('templates page')).toBeTruthy();
    expect(paths).toContain('/api/v1/users/me');
  });

  it('asks for the password when the held session does not renew, and checks nothing without one', async () => {
    document.cookie = 'ds_csrf=held';
    const paths = gateway(401);
    open('/sign-in?returnTo=%2Ftemplates');
    expect(await screen.findByLabelText('Login')).toBeTruthy();
    expect(paths.filter((p) => p === '/api/v1/auth/refresh')).toHaveLength(1);
    cleanup();
    document.cookie = 'ds_csrf=; max-age=0';
    const none = gateway(200);
    open('/sign-in');
    expect(await screen.findByLabelText('Login')).toBeTruthy();
    expect(none).not.toContain('/api/v1/users/me');
    expect(screen.queryByTestId('sign-in-reason')).toBeNull();
  });
});
