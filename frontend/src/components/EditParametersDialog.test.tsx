import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { TemplateParameter, Workspace } from '../api/types';
import { EditParametersDialog } from './EditParametersDialog';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const parameters: TemplateParameter[] = [
  { name: 'editor', displayName: 'Editor', options: ['vim', 'nano'], default: 'vim', mutable: true },
  { name: 'region', displayName: 'Region', default: 'eu', mutable: false },
];

const workspace: Workspace = {
  id: 'w-1', ownerId: 'u-1', ownerName: 'ada', name: 'dev', templateId: 't-1', templateVersionId: 'v-1',
  state: 'RUNNING',
  // the contract types parameters as an open object; the values are the stored strings
  parameters: { editor: 'vim', region: 'eu' } as unknown as Workspace['parameters'],
};

function json(status: number, body: unknown, type = 'application/json') {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

function renderDialog(fetch: (r: Request) => Promise<Response>, onSaved = vi.fn()) {
  vi.stubGlobal('fetch', vi.fn(fetch));
  render(<EditParametersDialog open workspace={workspace} parameters={parameters} onClose={() => {}} onSaved={onSaved} />);
  return onSaved;
}

describe('EditParametersDialog', () => {
  it('offers only the mutable parameters, starting from the stored values, and shows the others as fixed', () => {
    renderDialog(async () => json(500, {}));
    expect(screen.getByRole('combobox', { name: 'Editor' })).toHaveProperty('value', 'vim');
    expect(screen.queryByRole('textbox', { name: 'Region' })).toBeNull();
    expect(screen.getByText('(cannot be changed)')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save and restart' })).toBeTruthy();
  });

  it('puts the new values and hands back the restarting workspace', async () => {
    const sent: { method: string; path: string; body: unknown }[] = [];
    const onSaved = renderDialog(async (r) => {
      sent.push({ method: r.method, path: new URL(r.url).pathname, body: await r.json() });
      return json(200, { ...workspace, state: 'STOPPING', parameters: { editor: 'nano', region: 'eu' } });
    });
    fireEvent.change(screen.getByRole('combobox', { name: 'Editor' }), { target: { value: 'nano' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save and restart' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(sent).toEqual([{ method: 'PUT', path: '/api/v1/workspaces/w-1/parameters', body: { parameters: { editor: 'nano' } } }]);
    expect(onSaved.mock.calls[0]?.[0].state).toBe('STOPPING');
  });

  it('shows the API refusal and keeps the dialog open', async () => {
    const onSaved = renderDialog(async () => json(409, {
      type: 'https://devsanctum.dev/problems/conflict', title: 'Conflict', status: 409,
      detail: "workspace 'dev' is STARTING; wait until its current deployment finishes",
    }, 'application/problem+json'));
    fireEvent.click(screen.getByRole('button', { name: 'Save and restart' }));
    expect(await screen.findByText(/wait until its current deployment finishes/)).toBeTruthy();
    expect(onSaved).not.toHaveBeenCalled();
  });
});
