import { useEffect, useState, type FormEvent } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { api, call, viewOf } from '../api/client';
import { templateVersions } from '../api/lists';
import type { ProblemView } from '../api/problem';
import { TEMPLATE_SPEC_LIMITS as LIMITS } from '../api/templateLimits';
import { specOf, type Template, type TemplateVersion, type TemplateWarning } from '../api/types';
import { formatTime } from '../lib/format';
import { nameProblem } from '../lib/names';
import {
  SPEC_FIELDS, emptyApp, emptyParameter, formToSpec, newSpecForm, sameSpec, specToForm,
  type AppRow, type ParameterRow, type SpecForm,
} from '../lib/templateForm';
import { formToTemplateSchedule, templateScheduleToForm, type TemplateScheduleForm } from '../lib/schedule';
import { PageHeader } from '../components/AppShell';
import { Badge, Banner, Button, Card, Checkbox, ConfirmDialog, ErrorBanner, Loading, Select, Table, TextArea, TextInput, useToast } from '../ui';

const META_FIELDS = ['name', 'displayName', 'description', 'icon'];
const SCHEDULE_FIELDS = ['schedule', 'schedule.inactivityTimeoutMinutes', 'schedule.minInactivityTimeoutMinutes',
  'schedule.maxInactivityTimeoutMinutes', 'schedule.dormantAfterDays', 'schedule.deleteDormantAfterDays',
  'schedule.deleteFailedAfterDays'];
const range = ({ min, max }: { min: number; max: number }) => `${min}–${max}`;

/** Create (/templates/new) or edit (/templates/:id) a template with a structured spec editor. */
export function TemplateEditPage() {
  const { templateId } = useParams();
  const creating = templateId === undefined;
  const navigate = useNavigate();
  const notify = useToast();
  const [template, setTemplate] = useState<Template | null>(null);
  const [versions, setVersions] = useState<TemplateVersion[]>([]);
  const [meta, setMeta] = useState({ name: '', displayName: '', description: '', icon: '' });
  const [form, setForm] = useState<SpecForm>(newSpecForm);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<ProblemView | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmArchive, setConfirmArchive] = useState(false);
  const [schedule, setSchedule] = useState<TemplateScheduleForm>(() => templateScheduleToForm(undefined));
  // what the server warned of when the spec was last saved (e.g. hosts without the image)
  const location = useLocation();
  const [warnings, setWarnings] = useState<TemplateWarning[]>([]);
  useEffect(() => {
    setWarnings((location.state as { warnings?: TemplateWarning[] } | null)?.warnings ?? []);
  }, [location.state]);

  useEffect(() => {
    if (creating) return;
    const path = { params: { path: { templateId } } };
    call(api.GET('/api/v1/templates/{templateId}', path)).then((t) => {
      setTemplate(t);
      setSchedule(templateScheduleToForm(t.schedule));
      setMeta({ name: t.name, displayName: t.displayName, description: t.description ?? '', icon: t.icon ?? '' });
      const spec = specOf(t.activeVersion);
      if (spec) setForm(specToForm(spec));
    }, (e) => setError(viewOf(e)));
    templateVersions(templateId).then(setVersions, () => {});
  }, [creating, templateId]);

  const activeSpec = specOf(template?.activeVersion);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const { spec, errors: specErrors } = formToSpec(form);
    const { schedule: scheduleBody, errors: scheduleErrors } = formToTemplateSchedule(schedule);
    const errors = { ...specErrors, ...scheduleErrors };
    if (creating) {
      const problem = nameProblem(meta.name);
      if (problem) errors.name = problem;
    }
    setLocal(errors);
    setError(null);
    if (Object.keys(errors).length > 0) return;
    setBusy(true);
    const known = [...META_FIELDS, ...SPEC_FIELDS, ...SCHEDULE_FIELDS];
    try {
      if (creating) {
        const created = await call(api.POST('/api/v1/templates', {
          body: { name: meta.name, displayName: meta.displayName || meta.name, description: meta.description, ...(meta.icon ? { icon: meta.icon } : {}), spec,
            schedule: scheduleBody },
        }), known);
        notify(`Created ${created.displayName || created.name} (version 1)`, 'success');
        navigate(`/templates/${created.id}`, { replace: true, state: { warnings: created.warnings ?? [] } });
        return;
      }
      const specChanged = !sameSpec(activeSpec, spec);
      const updated = await call(api.PATCH('/api/v1/templates/{templateId}', {
        params: { path: { templateId: templateId! } },
        body: { displayName: meta.displayName, description: meta.description, icon: meta.icon, ...(specChanged ? { spec } : {}),
          schedule: scheduleBody },
      }), known);
      setTemplate(updated);
      setSchedule(templateScheduleToForm(updated.schedule));
      setWarnings(updated.warnings ?? []);
      const s = specOf(updated.activeVersion);
      if (s) setForm(specToForm(s));
      notify(specChanged ? `Saved as version ${updated.activeVersion?.version ?? '?'}` : 'Saved', 'success');
      setVersions(await templateVersions(templateId!));
    } catch (e) {
      setError(viewOf(e));
    } finally {
      setBusy(false);
    }
  }

  async function archive() {
    if (!template) return;
    setBusy(true);
    try {
      setTemplate(await call(api.POST('/api/v1/templates/{templateId}/archive', { params: { path: { templateId: template.id } } })));
      notify('Template archived', 'success');
      setConfirmArchive(false);
    } catch (e) {
      notify(viewOf(e).message, 'error');
    } finally {
      setBusy(false);
    }
  }

  if (!creating && !template) return error ? <ErrorBanner error={error} /> : <Loading />;

  const err = (key: string) => local[key] ?? error?.fieldErrors[key];
  const setSpec = <K extends keyof SpecForm>(key: K, value: SpecForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setApp = (i: number, change: Partial<AppRow>) => setSpec('apps', form.apps.map((a, j) => (j === i ? { ...a, ...change } : a)));
  const setParam = (i: number, change: Partial<ParameterRow>) =>
    setSpec('parameters', form.parameters.map((p, j) => (j === i ? { ...p, ...change } : p)));

  return (
    <>
      <PageHeader
        title={creating ? 'New template' : <span className="row">{template!.displayName || template!.name}{template!.archived && <Badge tone="warning">archived</Badge>}</span>}
        subtitle={creating ? 'Version 1 is made from this spec.' : `Active version: v${template!.activeVersion?.version ?? '—'}`}
        actions={!creating && !template!.archived ? <Button variant="ghost" onClick={() => setConfirmArchive(true)}>Archive</Button> : undefined}
      />
      <form className="stack" onSubmit={submit} noValidate>
        {!creating && (
          <Banner tone="info">
            Changing the spec creates a new immutable version (v{(template!.activeVersion?.version ?? 0) + 1}) and makes it active.
            Existing workspaces stay on their version until someone updates them. Name and description changes do not make a version.
          </Banner>
        )}
        <ErrorBanner error={error} />
        {warnings.map((w) => <Banner key={w.code} tone="warning">{w.detail}</Banner>)}
        <Card title="About">
          <div className="grid-form">
            <TextInput label="Name" value={meta.name} disabled={!creating} error={err('name')}
              hint={creating ? "1-32 lowercase letters, digits or '-'; cannot change later" : 'Cannot change'}
              onChange={(e) => setMeta({ ...meta, name: e.target.value })} />
            <TextInput label="Display name" value={meta.displayName} error={err('displayName')} onChange={(e) => setMeta({ ...meta, displayName: e.target.value })} />
            <TextInput label="Icon" value={meta.icon} error={err('icon')} hint="Optional icon name or URL" onChange={(e) => setMeta({ ...meta, icon: e.target.value })} />
          </div>
          <TextArea label="Description" value={meta.description} error={err('description')} rows={2} onChange={(e) => setMeta({ ...meta, description: e.target.value })} />
        </Card>

        <Card title="Container">
          {err('spec') && <span className="field-error">{err('spec')}</span>}
          <div className="grid-form">
            <TextInput label="Image" value={form.image} error={err('spec.image')} hint="e.g. devsanctum/code-server:latest" onChange={(e) => setSpec('image', e.target.value)} />
            <TextInput label="Home path" value={form.homePath} error={err('spec.homePath')} hint="Persistent volume mount" onChange={(e) => setSpec('homePath', e.target.value)} />
            <TextInput label="Run as user" value={form.user} error={err('spec.user')} placeholder="the image's user"
              hint="Name or uid[:gid]; empty: the image's user unless it is root. root only when named here"
              onChange={(e) => setSpec('user', e.target.value)} />
            <TextInput label="CPU (millicores)" inputMode="numeric" value={form.cpuMillis} error={err('spec.cpuMillis')} hint={`${range(LIMITS.cpuMillis)}; 1000 = 1 CPU`} onChange={(e) => setSpec('cpuMillis', e.target.value)} />
            <TextInput label="Memory (MB)" inputMode="numeric" value={form.memoryMb} error={err('spec.memoryMb')} hint={range(LIMITS.memoryMb)} onChange={(e) => setSpec('memoryMb', e.target.value)} />
            <TextInput label="Process limit" inputMode="numeric" value={form.pidsLimit} error={err('spec.pidsLimit')} hint={range(LIMITS.pidsLimit)} onChange={(e) => setSpec('pidsLimit', e.target.value)} />
            <TextInput label="Startup timeout (s)" inputMode="numeric" value={form.startupTimeoutSeconds} error={err('spec.startupTimeoutSeconds')} hint={range(LIMITS.startupTimeoutSeconds)} onChange={(e) => setSpec('startupTimeoutSeconds', e.target.value)} />
          </div>
          {(form.entrypoint || form.command) && (
            <span className="muted small">Entrypoint/command are kept as they are: <code>{[...(form.entrypoint ?? []), ...(form.command ?? [])].join(' ')}</code></span>
          )}
        </Card>

        <Card title="Apps" actions={<Button size="sm" onClick={() => setSpec('apps', [...form.apps, emptyApp()])}>Add app</Button>}>
          {err('spec.apps') && <span className="field-error" role="alert">{err('spec.apps')}</span>}
          <div className="rows">
            {form.apps.map((a, i) => (
              <div className="row-item" key={i}>
                <TextInput label="App name" value={a.name} error={local[`spec.apps.${i}.name`]} onChange={(e) => setApp(i, { name: e.target.value })} />
                <TextInput label="Port" inputMode="numeric" value={a.port} error={local[`spec.apps.${i}.port`]} onChange={(e) => setApp(i, { port: e.target.value })} />
                <TextInput label="Health path" value={a.healthPath} error={local[`spec.apps.${i}.healthPath`]} onChange={(e) => setApp(i, { healthPath: e.target.value })} />
                <Checkbox label="Default app" checked={a.isDefault} onChange={(e) => setApp(i, { isDefault: e.target.checked })} />
                <Button size="sm" variant="ghost" aria-label={`Remove app ${a.name || i + 1}`} onClick={() => setSpec('apps', form.apps.filter((_, j) => j !== i))}>Remove</Button>
              </div>
            ))}
          </div>
        </Card>

        <Card title="Environment" actions={<Button size="sm" onClick={() => setSpec('env', [...form.env, { key: '', value: '' }])}>Add variable</Button>}>
          {err('spec.env') && <span className="field-error" role="alert">{err('spec.env')}</span>}
          {form.env.length === 0 && <span className="muted small">No extra environment variables.</span>}
          <div className="rows">
            {form.env.map((row, i) => (
              <div className="row-item" key={i}>
                <TextInput label="Variable" value={row.key} error={local[`spec.env.${i}`]} onChange={(e) => setSpec('env', form.env.map((r, j) => (j === i ? { ...r, key: e.target.value } : r)))} />
                <TextInput label="Value" value={row.value} onChange={(e) => setSpec('env', form.env.map((r, j) => (j === i ? { ...r, value: e.target.value } : r)))} />
                <Button size="sm" variant="ghost" aria-label={`Remove variable ${row.key || i + 1}`} onClick={() => setSpec('env', form.env.filter((_, j) => j !== i))}>Remove</Button>
              </div>
            ))}
          </div>
        </Card>

        <Card title="Parameters" actions={<Button size="sm" onClick={() => setSpec('parameters', [...form.parameters, emptyParameter()])}>Add parameter</Button>}>
          <span className="muted small">Asked when a workspace is created; passed to the container as <code>PARAM_&lt;NAME&gt;</code>.</span>
          {err('spec.parameters') && <span className="field-error" role="alert">{err('spec.parameters')}</span>}
          <div className="rows">
            {form.parameters.map((p, i) => {
              const k = `spec.parameters.${i}`;
              return (
                <div className="row-item" key={i}>
                  <TextInput label="Parameter name" value={p.name} error={local[`${k}.name`]} onChange={(e) => setParam(i, { name: e.target.value })} />
                  <TextInput label="Label" value={p.displayName} onChange={(e) => setParam(i, { displayName: e.target.value })} />
                  <Select label="Type" value={p.type} onChange={(e) => setParam(i, { type: e.target.value as ParameterRow['type'] })}>
                    <option value="string">string</option>
                    <option value="number">number</option>
                    <option value="boolean">boolean</option>
                  </Select>
                  <TextInput label="Default" value={p.default} onChange={(e) => setParam(i, { default: e.target.value })} />
                  {p.type === 'string' && <TextInput label="Pattern" value={p.pattern} error={local[`${k}.pattern`]} hint="Whole value must match" onChange={(e) => setParam(i, { pattern: e.target.value })} />}
                  {p.type === 'number' && <TextInput label="Min" value={p.min} error={local[`${k}.min`]} onChange={(e) => setParam(i, { min: e.target.value })} />}
                  {p.type === 'number' && <TextInput label="Max" value={p.max} error={local[`${k}.max`]} onChange={(e) => setParam(i, { max: e.target.value })} />}
                  <TextInput label="Options" value={p.options} hint="Comma-separated; empty = free input" onChange={(e) => setParam(i, { options: e.target.value })} />
                  <TextInput label="Description" value={p.description} onChange={(e) => setParam(i, { description: e.target.value })} />
                  <Checkbox label="Required" checked={p.required} onChange={(e) => setParam(i, { required: e.target.checked })} />
                  <Checkbox label="Changeable later" checked={p.mutable} onChange={(e) => setParam(i, { mutable: e.target.checked })} />
                  <Button size="sm" variant="ghost" aria-label={`Remove parameter ${p.name || i + 1}`} onClick={() => setSpec('parameters', form.parameters.filter((_, j) => j !== i))}>Remove</Button>
                </div>
              );
            })}
          </div>
        </Card>

        <Card title="Schedule">
          <span className="muted small">For every workspace of this template at once; changing it makes no version.</span>
          <div className="grid-form">
            <TextInput label="Stop when unused for (minutes)" inputMode="numeric" value={schedule.timeout}
              error={err('schedule.inactivityTimeoutMinutes')} placeholder="never" hint="Empty: workspaces do not stop on their own"
              onChange={(e) => setSchedule({ ...schedule, timeout: e.target.value })} />
            <TextInput label="Shortest an owner may set" inputMode="numeric" value={schedule.min}
              error={err('schedule.minInactivityTimeoutMinutes')} onChange={(e) => setSchedule({ ...schedule, min: e.target.value })} />
            <TextInput label="Longest an owner may set" inputMode="numeric" value={schedule.max}
              error={err('schedule.maxInactivityTimeoutMinutes')} onChange={(e) => setSchedule({ ...schedule, max: e.target.value })} />
          </div>
          <div className="grid-form">
            <TextInput label="Dormant after (days stopped and unused)" inputMode="numeric" value={schedule.dormantAfter}
              error={err('schedule.dormantAfterDays')} placeholder="never"
              hint="Dormant: hidden from the list, it cannot start until woken"
              onChange={(e) => setSchedule({ ...schedule, dormantAfter: e.target.value })} />
            <TextInput label="Delete dormant ones after (days)" inputMode="numeric" value={schedule.deleteDormantAfter}
              error={err('schedule.deleteDormantAfterDays')} placeholder="never" hint="Home folder included"
              onChange={(e) => setSchedule({ ...schedule, deleteDormantAfter: e.target.value })} />
            <TextInput label="Delete failed ones after (days)" inputMode="numeric" value={schedule.deleteFailedAfter}
              error={err('schedule.deleteFailedAfterDays')} placeholder="never"
              onChange={(e) => setSchedule({ ...schedule, deleteFailedAfter: e.target.value })} />
          </div>
          <Checkbox label="Owners may set their own timeout" checked={schedule.ownerMayChange}
            onChange={(e) => setSchedule({ ...schedule, ownerMayChange: e.target.checked })} />
          <Checkbox label="Owners may give their workspaces an autostart schedule" checked={schedule.autostartAllowed}
            onChange={(e) => setSchedule({ ...schedule, autostartAllowed: e.target.checked })} />
        </Card>

        <div className="row">
          <Button type="submit" variant="primary" busy={busy}>{creating ? 'Create template' : 'Save changes'}</Button>
          <Button variant="ghost" onClick={() => navigate('/templates')}>Back to templates</Button>
        </div>
      </form>

      {!creating && (
        <Card title="Version history">
          <Table caption="Template versions" head={['Version', 'Image', 'Created', '']}>
            {versions.map((v) => (
              <tr key={v.id}>
                <td>v{v.version}</td>
                <td className="mono small">{specOf(v)?.image}</td>
                <td className="muted">{formatTime(v.createdAt)}</td>
                <td>{v.id === template!.activeVersion?.id && <Badge tone="success">active</Badge>}</td>
              </tr>
            ))}
          </Table>
        </Card>
      )}
      <ConfirmDialog open={confirmArchive} title="Archive this template?" confirmLabel="Archive" busy={busy}
        onConfirm={() => void archive()} onClose={() => setConfirmArchive(false)}>
        <p>No new workspaces can be created from it. Existing workspaces keep working.</p>
      </ConfirmDialog>
    </>
  );
}
