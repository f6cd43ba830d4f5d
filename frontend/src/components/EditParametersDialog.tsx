import { Fragment, useEffect, useState } from 'react';
import { api, call, viewOf } from '../api/client';
import type { ProblemView } from '../api/problem';
import { parametersOf, type TemplateParameter, type Workspace } from '../api/types';
import { fieldKey, resolveParameters, type ParameterInputs } from '../lib/parameters';
import { Banner, Button, Dialog, ErrorBanner } from '../ui';
import { ParametersForm } from './ParametersForm';

/**
 * Changes a workspace's mutable parameters (the template's immutable ones are shown, not editable).
 * The values are checked as the API checks them; a running workspace restarts with them.
 */
export function EditParametersDialog({ open, workspace, parameters, onClose, onSaved }: {
  open: boolean;
  workspace: Workspace;
  /** the parameters of the workspace's own template version */
  parameters: readonly TemplateParameter[];
  onClose: () => void;
  onSaved: (workspace: Workspace) => void;
}) {
  const current = parametersOf(workspace);
  const mutable = parameters.filter((p) => p.mutable !== false);
  const fixed = parameters.filter((p) => p.mutable === false);
  const [inputs, setInputs] = useState<ParameterInputs>({});
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<ProblemView | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    const start: ParameterInputs = {};
    for (const p of mutable) start[p.name] = current[p.name] === undefined ? '' : String(current[p.name]);
    setInputs(start);
    setLocal({});
    setError(null);
    // the form starts from the stored values each time it opens
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  async function save() {
    const { values, errors } = resolveParameters(mutable, inputs);
    // an emptied field goes back to the default (the API keeps a value that is not sent)
    for (const p of mutable) {
      if (inputs[p.name] === '' && p.default !== undefined && p.default !== null) values[p.name] = p.default;
    }
    setLocal(errors);
    setError(null);
    if (Object.keys(errors).length > 0) return;
    setBusy(true);
    try {
      const saved = await call(
        api.PUT('/api/v1/workspaces/{workspaceId}/parameters', {
          params: { path: { workspaceId: workspace.id } },
          body: { parameters: values },
        }),
        parameters.map((p) => fieldKey(p)),
      );
      onSaved(saved);
    } catch (e) {
      setError(viewOf(e));
    } finally {
      setBusy(false);
    }
  }

  const running = workspace.state === 'RUNNING';
  return (
    <Dialog open={open} title={`Parameters of ${workspace.name}`} onClose={onClose}
      actions={
        <>
          <Button onClick={onClose} disabled={busy}>Cancel</Button>
          <Button variant="primary" onClick={() => void save()} busy={busy}>{running ? 'Save and restart' : 'Save'}</Button>
        </>
      }>
      <div className="stack">
        <Banner tone="info">
          {running
            ? 'The workspace restarts with the new values; files in its home are kept.'
            : 'The new values apply when the workspace next starts; files in its home are kept.'}
        </Banner>
        <ErrorBanner error={error} />
        <ParametersForm parameters={mutable} values={inputs} errors={{ ...error?.fieldErrors, ...local }}
          onChange={(name, value) => setInputs((all) => ({ ...all, [name]: value }))} />
        {fixed.length > 0 && (
          <dl className="dl">
            {fixed.map((p) => (
              <Fragment key={p.name}>
                <dt>{p.displayName ?? p.name}</dt>
                <dd className="mono">{current[p.name] === undefined ? '—' : String(current[p.name])} <span className="muted small">(cannot be changed)</span></dd>
              </Fragment>
            ))}
          </dl>
        )}
      </div>
    </Dialog>
  );
}
