import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { SignInPage } from './SignInPage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  document.cookie = 'ds_csrf=; max-age=0';
});

const me = { id: 'u', username: 'ada', displayName: 'Ada', email: 'ada@example.com', role: 'admin', status: 'active', createdAt: '2026-12-01T10:00:00Z' };

function gateway(meStatus: number) {
  const paths: string[] = [];
  vi.stubGlobal('fetch', vi.fn(async (request: Request) => {
    const path = new URL(request.url).pathname;
    paths.push(path);
    if (path === '/api/v1/setup') return Response.json({ firstUserRequired: false });
    if (path === '/api/v1/auth/oauth/providers') return Response.json({ providers: [] });
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
