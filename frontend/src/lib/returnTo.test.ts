import { describe, expect, it } from 'vitest';
import { returnToPath, safeReturnTo } from './returnTo';

const origin = 'https://dev.example.com';

describe('safeReturnTo', () => {
  it('goes home without a target', () => {
    expect(safeReturnTo(null, origin)).toEqual({ kind: 'route', path: '/' });
    expect(safeReturnTo('', origin)).toEqual({ kind: 'route', path: '/' });
  });

  it('keeps dashboard paths with their query', () => {
    expect(safeReturnTo('/workspaces/42?tab=log#end', origin)).toEqual({ kind: 'route', path: '/workspaces/42?tab=log#end' });
  });

  it('allows the workspace-access handoff on this origin, absolute or relative', () => {
    const handoff = `${origin}/api/v1/workspace-access/handoff?host=box--ada.dev.example.com`;
    expect(safeReturnTo(handoff, origin)).toEqual({ kind: 'external', url: handoff });
    expect(safeReturnTo('/api/v1/workspace-access/handoff?host=x', origin)).toEqual({
      kind: 'external', url: `${origin}/api/v1/workspace-access/handoff?host=x`,
    });
  });

  it.each([
    'https://evil.example/api/v1/workspace-access/handoff',
    'https://dev.example.com.evil.example/api/v1/workspace-access/handoff',
    'http://dev.example.com/api/v1/workspace-access/handoff', // another scheme is another origin
    '//evil.example/x',
    '/\\evil.example',
    'javascript:alert(1)',
    'https://dev.example.com/workspaces', // absolute URLs only for the handoff
    '/api/v1/users', // other API endpoints are not navigation targets
    '/sign-in?returnTo=/x',
  ])('refuses %s', (raw) => {
    expect(safeReturnTo(raw, origin)).toEqual({ kind: 'route', path: '/' });
  });

  it('gives OAuth a path (its returnTo must start with /)', () => {
    const target = safeReturnTo(`${origin}/api/v1/workspace-access/handoff?host=x`, origin);
    expect(returnToPath(target, origin)).toBe('/api/v1/workspace-access/handoff?host=x');
    expect(returnToPath({ kind: 'route', path: '/account' }, origin)).toBe('/account');
  });
});
