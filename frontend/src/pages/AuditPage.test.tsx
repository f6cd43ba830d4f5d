import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import type { AuditRecord } from '../api/types';
import { AuditPage } from './AuditPage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function record(id: string, overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    id,
    occurredAt: '2026-12-01T10:00:00Z',
    actor: { kind: 'user', userId: '6f1c2a70-3d5e-4c9b-8a1f-0e2d3c4b5a69', name: 'ada' },
    action: 'workspace.create',
    target: { type: 'workspace', id: '0b7e9a52-1c3d-4e5f-8a9b-c0d1e2f3a4b5', name: 'demo' },
    change: { before: {}, after: {} },
    clientAddress: '198.51.100.7',
    userAgent: 'Mozilla/5.0 test',
    requestId: 'req-' + id,
    result: { success: true },
    ...overrides,
  };
}

/** A gateway answering GET /api/v1/audit with the given pages in turn; the queries it was asked. */
function gateway(...pages: { events: AuditRecord[]; nextCursor?: string }[]) {
  const asked: URLSearchParams[] = [];
  vi.stubGlobal('fetch', vi.fn(async (request: Request) => {
    const url = new URL(request.url);
    if (url.pathname !== '/api/v1/audit') return new Response(null, { status: 404 });
    asked.push(url.searchParams);
    return Response.json(pages[Math.min(asked.length, pages.length) - 1]);
  }));
  return asked;
}

function open(url = '/audit') {
  render(
    <MemoryRouter initialEntries={[url]}>
      <Routes>
        <Route path="/audit" element={<AuditPage />} />
      </Routes>
    </MemoryRouter>,
  );
}

describe('AuditPage', () => {
  it('asks for the filtered records when the filters are applied, and exports the same filter as CSV', async () => {
    const asked = gateway({ events: [record('a')] });
    open();
    await screen.findByText('demo');
    expect(Object.fromEntries(asked[0]!)).toEqual({ limit: '50' });

    fireEvent.change(screen.getByLabelText('Actor'), { target: { value: 'ada' } });
    fireEvent.change(screen.getByLabelText('Action'), { target: { value: 'user.role-change' } });
    fireEvent.change(screen.getByLabelText('Target type'), { target: { value: 'user' } });
    fireEvent.change(screen.getByLabelText('Result'), { target: { value: 'refused' } });
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-12-01T09:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));

    await waitFor(() => expect(asked).toHaveLength(2));
    const from = new Date('2026-12-01T09:00').toISOString();
    expect(Object.fromEntries(asked[1]!)).toEqual({
      limit: '50', actorName: 'ada', action: 'user.role-change', targetType: 'user', result: 'refused', from,
    });
    const csv = new URL(screen.getByTestId('audit-export').getAttribute('href')!, 'http://x');
    expect(Object.fromEntries(csv.searchParams)).toEqual({
      format: 'csv', actorName: 'ada', action: 'user.role-change', targetType: 'user', result: 'refused', from,
    });
  });

  it('offers only the actions the contract knows', async () => {
    gateway({ events: [] });
    open();
    await screen.findByText('No records');
    const actions = within(screen.getByLabelText('Action')).getAllByRole('option').map((o) => o.getAttribute('value'));
    expect(actions).toContain('session.sign-in');
    expect(actions).toContain('workspace.create');
    expect(actions[0]).toBe('');
  });

  it('appends the next page under the same filter when Load more follows the cursor, until the last page', async () => {
    const asked = gateway(
      { events: [record('a'), record('b')], nextCursor: 'page-2' },
      { events: [record('c', { action: 'session.sign-in', target: { type: 'user', name: 'ada' } })] },
    );
    open('/audit?actorName=ada');
    await screen.findByText('2 records, more to load');
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));

    await screen.findByText('3 records');
    expect(Object.fromEntries(asked[1]!)).toEqual({ limit: '50', actorName: 'ada', cursor: 'page-2' });
    expect([...document.querySelectorAll('tr[data-audit-id]')].map((row) => row.getAttribute('data-audit-id'))).toEqual(['a', 'b', 'c']);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('shows a refusal with its status and a record in full with its change as a diff of the settings', async () => {
    gateway({ events: [
      record('r', { action: 'user.role-change', target: { type: 'user', id: '6f1c2a70-3d5e-4c9b-8a1f-0e2d3c4b5a69', name: 'bob' },
        change: { before: { role: 'member', email: 'bob@example.com', quota: '2' }, after: { role: 'admin', email: 'bob@example.com', displayName: 'Bob' } },
        result: { success: false, status: 403, code: 'forbidden' } }),
    ] });
    open();
    await screen.findByText('refused 403 · forbidden');
    fireEvent.click(screen.getByRole('button', { name: 'Details' }));

    const diff = await screen.findByTestId('audit-diff');
    const kinds = Object.fromEntries([...diff.querySelectorAll('tr[data-setting]')]
      .map((row) => [row.getAttribute('data-setting'), row.getAttribute('data-kind')]));
    expect(kinds).toEqual({ displayName: 'added', email: 'unchanged', quota: 'removed', role: 'changed' });
    const role = diff.querySelector('tr[data-setting="role"]')!;
    expect(role.className).toBe('diff-changed');
    expect(role.querySelector('.diff-before')!.textContent).toBe('member');
    expect(role.querySelector('.diff-after')!.textContent).toBe('admin');
    // what did not change is folded away
    expect(within(screen.getByTestId('audit-unchanged')).getByText('1 unchanged setting')).toBeTruthy();
    expect(screen.getByTestId('audit-unchanged').querySelector('tr[data-setting="email"]')).not.toBeNull();
    const details = screen.getByTestId('audit-record').textContent!;
    expect(details).toContain('req-r');
    expect(details).toContain('Mozilla/5.0 test');
    expect(details).toContain('198.51.100.7');
  });
});
