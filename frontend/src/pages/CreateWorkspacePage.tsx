import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, call, viewOf } from '../api/client';
import { allItems } from '../lib/pages';
import type { ProblemView } from '../api/problem';
import { specOf, type Template } from '../api/types';
import { nameProblem } from '../lib/names';
import { fieldKey, initialInputs, resolveParameters, type ParameterInputs } from '../lib/parameters';
import { PageHeader } from '../components/AppShell';
import { ParametersForm } from '../components/ParametersForm';
import { Badge, Button, Card, EmptyState, ErrorBanner, Loading, SelectableCard, TextInput } from '../ui';

export function CreateWorkspacePage() {
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [templates, setTemplates] = useState<Template[] | null>(null);
  const [templateId, setTemplateId] = useState<string | null>(search.get('template'));
  const [name, setName] = useState('');
  const [inputs, setInputs] = useState<ParameterInputs>({});
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<ProblemView | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    allItems((paging) => call(api.GET('/api/v1/templates', { params: { query: paging } })), (page) => page.templates).then(
      (templates) => {
        const usable = templates.filter((t) => !t.archived && t.activeVersion);
        setTemplates(usable);
        // one template: nothing to choose
        if (usable.length === 1) setTemplateId((chosen) => chosen ?? usable[0]!.id);
      },
      (e) => setError(viewOf(e)),
    );
  }, []);

  const template = templates?.find((t) => t.id === templateId);
  const parameters = useMemo(() => specOf(template?.activeVersion)?.parameters ?? [], [template]);

  useEffect(() => {
    setInputs(initialInputs(parameters));
    setLocal({});
  }, [parameters]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!template) return;
    const { values, errors } = resolveParameters(parameters, inputs);
    const problem = nameProblem(name);
    const all = problem ? { ...errors, name: problem } : errors;
    setLocal(all);
    setError(null);
    if (Object.keys(all).length > 0) return;
    setBusy(true);
    try {
      const created = await call(
        api.POST('/api/v1/workspaces', { body: { templateId: template.id, name, parameters: values } }),
        ['name', 'templateId', ...parameters.map((p) => fieldKey(p))],
      );
      navigate(`/workspaces/${created.id}`);
    } catch (e) {
      setError(viewOf(e));
      setBusy(false);
    }
  }

  const errors: Record<string, string | undefined> = { ...error?.fieldErrors, ...local };

  if (templates === null) return error ? <ErrorBanner error={error} /> : <Loading />;

  return (
    <>
      <PageHeader title="Create workspace" subtitle="Pick a template, name your workspace and fill in its parameters." />
      {templates.length === 0 ? (
        <EmptyState title="No templates available">An administrator has to create a template first.</EmptyState>
      ) : (
        <form className="stack" onSubmit={submit} noValidate>
          <ErrorBanner error={error} />
          <section className="stack-sm" aria-label="Templates">
            <h2>Template</h2>
            <div className="grid-cards">
              {templates.map((t) => {
                const spec = specOf(t.activeVersion);
                return (
                  <SelectableCard key={t.id} selected={t.id === templateId} onSelect={() => setTemplateId(t.id)} label={`Template ${t.displayName || t.name}`}>
                    <div className="row-between">
                      <strong>{t.displayName || t.name}</strong>
                      {t.activeVersion && <Badge>v{t.activeVersion.version}</Badge>}
                    </div>
                    {t.description && <span className="muted small">{t.description}</span>}
                    {spec && (
                      <span className="muted small mono">
                        {spec.image} · {(spec.cpuMillis ?? 1000) / 1000} CPU · {spec.memoryMb ?? 1024} MB
                      </span>
                    )}
                  </SelectableCard>
                );
              })}
            </div>
          </section>
          {template && (
            <Card title={`New ${template.displayName || template.name} workspace`}>
              <TextInput
                label="Name"
                name="name"
                value={name}
                onChange={(e) => setName(e.target.value.toLowerCase())}
                error={errors.name}
                hint="1-32 lowercase letters, digits or '-'; part of the workspace's address"
                autoComplete="off"
                required
              />
              <ParametersForm parameters={parameters} values={inputs} errors={errors} onChange={(n, v) => setInputs((all) => ({ ...all, [n]: v }))} />
              <div className="row">
                <Button type="submit" variant="primary" busy={busy}>Create workspace</Button>
                <Button variant="ghost" onClick={() => navigate('/workspaces')}>Cancel</Button>
              </div>
            </Card>
          )}
          {!template && <p className="muted">Choose a template to continue.</p>}
        </form>
      )}
    </>
  );
}
