import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import type { Template, TemplateParameter, TemplateVersion } from '../api/types';
import { initialInputs, resolveParameters } from '../lib/parameters';
import { CreateWorkspacePage } from '../pages/CreateWorkspacePage';
import { ToastProvider } from '../ui';
import { ParametersForm } from './ParametersForm';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const parameters: TemplateParameter[] = [
  { name: 'cpus', displayName: 'CPUs', type: 'number', min: 1, max: 8, required: true },
  { name: 'region', displayName: 'Region', options: ['eu', 'us'], default: 'eu' },
  { name: 'gpu', displayName: 'GPU', type: 'boolean' },
];

/** The form as a page uses it: validate on submit, show errors by the fields. */
function Harness() {
  const [values, setValues] = useState(initialInputs(parameters));
  const [errors, setErrors] = useState<Record<string, string>>({});
  return (
    <form onSubmit={(e) => { e.preventDefault(); setErrors(resolveParameters(parameters, values).errors); }}>
      <ParametersForm parameters={parameters} values={values} errors={errors} onChange={(n, v) => setValues((all) => ({ ...all, [n]: v }))} />
      <button type="submit">Check</button>
    </form>
  );
}

describe('ParametersForm', () => {
  it('renders each parameter type and shows a field error next to its field', () => {
    render(<Harness />);
    expect(screen.getByRole('combobox', { name: 'Region' })).toHaveProperty('value', '');
    expect(screen.getByRole('checkbox', { name: 'GPU' })).toHaveProperty('checked', false);

    const cpus = screen.getByRole('textbox', { name: 'CPUs *' });
    fireEvent.change(cpus, { target: { value: '12' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check' }));

    expect(cpus.getAttribute('aria-invalid')).toBe('true');
    const error = document.getElementById(cpus.getAttribute('aria-describedby')!.split(' ')[0]!);
    expect(error?.textContent).toBe('must be at most 8');

    fireEvent.change(cpus, { target: { value: '4' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check' }));
    expect(cpus.getAttribute('aria-invalid')).toBeNull();
  });
});

const template: Template = {
  id: '11111111-1111-1111-1111-111111111111', name: 'base', displayName: 'Base', archived: false,
  activeVersion: {
    id: '22222222-2222-2222-2222-222222222222', templateId: '11111111-1111-1111-1111-111111111111', version: 3, createdAt: '2025-01-01T00:00:00Z',
    spec: { image: 'devsanctum/base', apps: [{ name: 'code', port: 8080 }], parameters } as unknown as TemplateVersion['spec'],
  },
};

function json(status: number, body: unknown, type = 'application/json') {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

describe('CreateWorkspacePage', () => {
  function renderPage(fetch: (r: Request) => Promise<Response>) {
    vi.stubGlobal('fetch', vi.fn(fetch));
    render(
      <ToastProvider>
        <MemoryRouter initialEntries={['/workspaces/new']}>
          <Routes>
            <Route path="/workspaces/new" element={<CreateWorkspacePage />} />
            <Route path="/workspaces/:id" element={<p>detail page</p>} />
          </Routes>
        </MemoryRouter>
      </ToastProvider>,
    );
  }

  it('refuses invalid input locally, without calling the API', async () => {
    const calls: string[] = [];
    renderPage(async (r) => {
      calls.push(`${r.method} ${new URL(r.url).pathname}`);
      return json(200, { templates: [template] });
    });
    const name = await screen.findByRole('textbox', { name: 'Name' }); // the only template is preselected
    fireEvent.change(name, { target: { value: 'my--box' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'CPUs *' }), { target: { value: 'lots' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create workspace' }));
    expect(await screen.findByText('must be a number')).toBeTruthy();
    expect(screen.getByText(/single '-'/)).toBeTruthy();
    expect(calls).toEqual(['GET /api/v1/templates']);
  });

  it('posts the workspace and shows the API field errors by the fields', async () => {
    const posted: unknown[] = [];
    renderPage(async (r) => {
      if (r.method === 'GET') return json(200, { templates: [template] });
      posted.push(await r.json());
      return json(400, {
        type: 'https://devsanctum.dev/problems/validation', title: 'Invalid request', status: 400,
        detail: 'parameters.cpus: must be at most 4', errors: [{ field: 'parameters.cpus', reason: 'must be at most 4' }],
      }, 'application/problem+json');
    });
    fireEvent.change(await screen.findByRole('textbox', { name: 'Name' }), { target: { value: 'dev' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'CPUs *' }), { target: { value: '6' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create workspace' }));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toEqual({ templateId: template.id, name: 'dev', parameters: { cpus: 6, gpu: false } });
    expect(await screen.findByText('must be at most 4')).toBeTruthy();
    expect(screen.getByText('parameters.cpus: must be at most 4')).toBeTruthy(); // the banner shows the detail
    expect(screen.getByRole('textbox', { name: 'CPUs *' }).getAttribute('aria-invalid')).toBe('true');
  });

  it('goes to the new workspace on success', async () => {
    renderPage(async (r) =>
      r.method === 'GET'
        ? json(200, { templates: [template] })
        : json(201, { id: 'w-1', ownerId: 'u', ownerName: 'ada', name: 'dev', templateId: template.id, templateVersionId: 'v', state: 'PENDING' }));
    fireEvent.change(await screen.findByRole('textbox', { name: 'Name' }), { target: { value: 'dev' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'CPUs *' }), { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create workspace' }));
    expect(await screen.findByText('detail page')).toBeTruthy();
  });
});
