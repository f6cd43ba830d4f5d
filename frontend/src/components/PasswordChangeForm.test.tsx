import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { PasswordChangeForm } from './PasswordChangeForm';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });
}

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('PasswordChangeForm', () => {
  it('shows each field its own problem and sends nothing while one is wrong', async () => {
    const fetch = vi.fn(async () => json(200, {}));
    vi.stubGlobal('fetch', fetch);
    render(<PasswordChangeForm submitLabel="Change password" onChanged={() => {}} />);
    type('New password', 'short');
    type('Confirm new password', 'shorter');
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('enter your current password')).toBeTruthy();
    expect(screen.getByText('at least 8 characters')).toBeTruthy();
    expect(screen.getByText('does not match the new password')).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('sends the current and new password, and shows the server\'s reason next to the field it names', async () => {
    const bodies: unknown[] = [];
    vi.stubGlobal('fetch', vi.fn(async (request: Request) => {
      bodies.push(await request.json());
      return json(400, {
        type: 'https://devsanctum.dev/problems/validation', title: 'Invalid request', status: 400,
        detail: 'currentPassword: is not your current password',
        errors: [{ field: 'currentPassword', reason: 'is not your current password' }],
      });
    }));
    const onChanged = vi.fn();
    render(<PasswordChangeForm submitLabel="Change password" onChanged={onChanged} />);
    type('Current password', 'wrong one');
    type('New password', 'brand new secret');
    type('Confirm new password', 'brand new secret');
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('is not your current password')).toBeTruthy();
    expect(bodies).toEqual([{ currentPassword: 'wrong one', newPassword: 'brand new secret' }]);
    expect(screen.getByLabelText('Current password').getAttribute('aria-invalid')).toBe('true');
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('does not ask again for the password just signed in with, unless the server refuses it', async () => {
    const answers = [
      json(400, { type: 'https://devsanctum.dev/problems/validation', title: 'Invalid request', status: 400,
        errors: [{ field: 'currentPassword', reason: 'is not your current password' }] }),
      json(200, { id: 'u', username: 'bob', email: 'b@x', role: 'member', status: 'active', passwordChangeRequired: false }),
    ];
    const bodies: unknown[] = [];
    vi.stubGlobal('fetch', vi.fn(async (request: Request) => {
      bodies.push(await request.json());
      return answers.shift()!;
    }));
    const onChanged = vi.fn();
    render(<PasswordChangeForm currentPassword="abcde-fghjk" submitLabel="Save" onChanged={onChanged} />);
    expect(screen.queryByLabelText('Current password')).toBeNull();
    type('New password', 'my own secret');
    type('Confirm new password', 'my own secret');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByLabelText('Current password');
    type('Current password', 'abcde-fghjk-typed');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(bodies).toEqual([
      { currentPassword: 'abcde-fghjk', newPassword: 'my own secret' },
      { currentPassword: 'abcde-fghjk-typed', newPassword: 'my own secret' },
    ]);
  });
});
