import { type FormEvent, useEffect, useState } from 'react';
import { api, call, viewOf } from '../api/client';
import type { Template, Workspace } from '../api/types';
import { formatRelative, formatTime } from '../lib/format';
import {
  DAYS, effectiveTimeout, formToWorkspaceSchedule, templateRules, workspaceScheduleToForm, type WorkspaceScheduleForm,
} from '../lib/schedule';
import { Button, Card, Checkbox, TextInput, useToast } from '../ui';

const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** When the workspace stops for inactivity ("in 2 h, unless used"), with Extend while it runs. */
export function StopsIn({ workspace, template, onChange }: {
  workspace: Workspace; template: Template | null; onChange: (w: Workspace) => void;
}) {
  const notify = useToast();
  const [busy, setBusy] = useState(false);
  const timeout = effectiveTimeout(template?.schedule, workspace.schedule);

  async function extend() {
    setBusy(true);
    try {
      const w = await call(api.POST('/api/v1/workspaces/{workspaceId}/extend', { params: { path: { workspaceId: workspace.id } } }));
      onChange(w);
      notify(`It now stops ${formatRelative(w.stopsAt)} unless used`, 'success');
    } catch (e) {
      notify(viewOf(e).message, 'error');
    } finally {
      setBusy(false);
    }
  }

  if (timeout === null) return <span data-testid="stops-in">never on its own</span>;
  if (workspace.state !== 'RUNNING' || !workspace.stopsAt) return <span data-testid="stops-in">after {timeout} minutes unused</span>;
  return (
    <span className="row" data-testid="stops-in">
      <span title={formatTime(workspace.stopsAt)}>{formatRelative(workspace.stopsAt)}, unless used</span>
      <Button size="sm" onClick={() => void extend()} busy={busy}>Extend</Button>
    </span>
  );
}

/** The owner's own schedule: their inactivity timeout and an autostart, within what the template allows. */
export function WorkspaceScheduleCard({ workspace, template, onChange }: {
  workspace: Workspace; template: Template | null; onChange: (w: Workspace) => void;
}) {
  const notify = useToast();
  const rules = templateRules(template?.schedule);
  const [form, setForm] = useState<WorkspaceScheduleForm>(() => workspaceScheduleToForm(workspace.schedule, localZone()));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const path = { params: { path: { workspaceId: workspace.id } } };
  useEffect(() => setForm(workspaceScheduleToForm(workspace.schedule, localZone())), [workspace.schedule]);

  async function save(event: FormEvent) {
    event.preventDefault();
    const { schedule, errors: found } = formToWorkspaceSchedule(form, template?.schedule);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      onChange(await call(api.PUT('/api/v1/workspaces/{workspaceId}/schedule', { ...path, body: schedule }),
        ['inactivityTimeoutMinutes', 'autostart']));
      notify('Schedule saved', 'success');
    } catch (e) {
      const problem = viewOf(e);
      setErrors(problem.fieldErrors);
      if (Object.keys(problem.fieldErrors).length === 0) notify(problem.message, 'error');
    } finally {
      setBusy(false);
    }
  }

  const toggleDay = (day: (typeof DAYS)[number], on: boolean) =>
    setForm((f) => ({ ...f, days: on ? [...f.days, day] : f.days.filter((d) => d !== day) }));

  return (
    <Card title="Schedule">
      <dl className="dl">
        <dt>Autostart</dt>
        <dd>{workspace.nextAutostartAt ? `next ${formatTime(workspace.nextAutostartAt)}` : 'none'}</dd>
        {workspace.dormantAt && <><dt>Dormant</dt><dd>since {formatTime(workspace.dormantAt)}</dd></>}
        {workspace.deletesAt && <><dt>Deleted</dt><dd title={formatTime(workspace.deletesAt)}>{formatRelative(workspace.deletesAt)}, by the schedule</dd></>}
      </dl>
      <form className="stack" onSubmit={save} noValidate>
        <TextInput label="Stop when unused for (minutes)" inputMode="numeric" value={form.timeout}
          disabled={!rules.ownerMayChange} error={errors.inactivityTimeoutMinutes}
          placeholder={rules.timeout === null ? 'never' : `${rules.timeout} (the template's)`}
          hint={rules.ownerMayChange ? `Empty: the template's. Between ${rules.min} and ${rules.max}` : 'Set by the template'}
          onChange={(e) => setForm({ ...form, timeout: e.target.value })} />
        <Checkbox label="Start it on a schedule" checked={form.autostart} disabled={!rules.autostartAllowed}
          error={errors.autostart} onChange={(e) => setForm({ ...form, autostart: e.target.checked })} />
        {form.autostart && (
          <>
            <div className="row" role="group" aria-label="Days">
              {DAYS.map((day) => (
                <Checkbox key={day} label={day.slice(0, 3).toLowerCase()} checked={form.days.includes(day)}
                  onChange={(e) => toggleDay(day, e.target.checked)} />
              ))}
            </div>
            <div className="grid-form">
              <TextInput label="At" type="time" value={form.time} onChange={(e) => setForm({ ...form, time: e.target.value })} />
              <TextInput label="Time zone" value={form.timezone} hint="IANA, e.g. Europe/Berlin"
                onChange={(e) => setForm({ ...form, timezone: e.target.value })} />
            </div>
          </>
        )}
        <div className="row">
          <Button type="submit" busy={busy}>Save schedule</Button>
        </div>
      </form>
    </Card>
  );
}
