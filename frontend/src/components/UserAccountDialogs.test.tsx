import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { User } from '../api/types';
import { DeleteUserDialog, ResetPasswordDialog } from './UserAccountDialogs';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const bob: User = {
  id: '6f1c1f4e-0000-4000-8000-000000000001', username: 'bob', displayName: 'Bob', email: 'bob@example.com', role: 'member',
  status: 'active', createdAt: '2026-12-01T10:00:00Z',
};

function respond(status: number, body?: unknown) {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
}

describe('ResetPasswordDialog', () => {
  it('asks first, then shows the one-time password once, with a copy button', async () => {
    const requests: string[] = [];
    vi.stubGlobal('fetch', vi.fn(async (request: Request) => {
      requests.push(`${request.method} ${new URL(request.url).pathname}`);
      return respond(200, { oneTimePassword: 'abcde-fghjk-mnpqr-stuvw' });
    }));
    const onReset = vi.fn();
    render(<ResetPasswordDialog user={bob} onClose={() => {}} onReset={onReset} />);
    expect(requests).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Reset password' }));
    expect((await screen.findByTestId('one-time-password')).textContent).toBe('abcde-fghjk-mnpqr-stuvw');
    expect(screen.getByRole('button', { name: 'Copy password' })).toBeTruthy();
    expect(requests).toEqual([`POST /api/v1/users/${bob.id}/password-reset`]);
    expect(onReset).toHaveBeenCalledExactlyOnceWith(bob);
  });
});

describe('DeleteUserDialog', () => {
  it('shows why the server refused while the user owns workspaces, and deletes them too when asked', async () => {
    const urls: string[] = [];
    vi.stubGlobal('fetch', vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      urls.push(`${request.method} ${url.pathname}${url.search}`);
      return url.searchParams.get('deleteWorkspaces') === 'true'
        ? respond(204)
        : respond(409, { type: 'https://devsanctum.dev/problems/conflict', title: 'Conflict', status: 409,
          detail: 'the user owns 1 workspace (dev); delete them first, or delete them with the user' });
    }));
    const onDeleted = vi.fn();
    render(<DeleteUserDialog user={bob} onClose={() => {}} onDeleted={onDeleted} />);
    fireEvent.click(screen.getByRole('button', { name: 'Delete user' }));
    expect(await screen.findByText(/owns 1 workspace \(dev\)/)).toBeTruthy();
    expect(onDeleted).not.toHaveBeenCalled();
    fireEvent.click(screen.getByLabelText('Delete their workspaces too'));
    fireEvent.click(screen.getByRole('button', { name: 'Delete user' }));
    await waitFor(() => expect(onDeleted).toHaveBeenCalledExactlyOnceWith(bob));
    expect(urls).toEqual([
      `DELETE /api/v1/users/${bob.id}?deleteWorkspaces=false`,
      `DELETE /api/v1/users/${bob.id}?deleteWorkspaces=true`,
    ]);
  });
});
