import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { SignInMethods } from './UsersPage';

afterEach(cleanup);

describe('SignInMethods', () => {
  it('names each way a user signs in, and an issuer that is no longer configured as such', () => {
    render(<SignInMethods methods={[
      { provider: 'password', name: 'Password' },
      { provider: 'keycloak', name: 'Keycloak' },
      { name: 'https://old-sso.example/realms/x' },
    ]} />);
    expect(screen.getByTestId('sign-in-methods').textContent)
      .toBe('PasswordKeycloakhttps://old-sso.example/realms/x (no longer configured)');
  });

  it('says so when a user has no way to sign in yet', () => {
    render(<SignInMethods methods={[]} />);
    expect(screen.getByText('no way yet')).toBeTruthy();
  });
});
