import { Fragment, lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, call, viewOf } from '../api/client';
import { templateVersions } from '../api/lists';
import { allItems } from '../lib/pages';
import type { ProblemView } from '../api/problem';
import { parametersOf, specOf, type Deployment, type Template, type TemplateVersion, type Workspace } from '../api/types';
import { formatDuration, formatRelative, formatTime } from '../lib/format';
import { useWorkspaceEvents } from '../lib/useWorkspaceEvents';
import { PageHeader } from '../components/AppShell';
import { EditParametersDialog } from '../components/EditParametersDialog';
import { StopsIn, WorkspaceScheduleCard } from '../components/WorkspaceScheduleCard';
import { DeploymentLog } from '../components/DeploymentLog';
import {
  Badge, Button, Card, ConfirmDialog, DeploymentStatusPill, EmptyState, ErrorBanner, Loading, Select, Table,
  WorkspaceStatePill, buttonClass, useToast,
} from '../ui';

// xterm.js is loaded only when a terminal is shown
const Terminal = lazy(() => import('../components/Terminal'));

type Action = 'start' | 'stop' | 'restart' | 'update';
type Sharing = 'owner' | 'authenticated' | 'public';
const ACTION_PATHS = {
  start: '/api/v1/workspaces/{workspaceId}/start',
  stop: '/api/v1/workspaces/{workspaceId}/stop',
  restart: '/api/v1/workspaces/{workspaceId}/restart',
  update: '/api/v1/workspaces/{workspaceId}/update',
} as const;
const ACTION_DONE: Record<Action, string> = {
  start: 'Starting', stop: 'Stopping', restart: 'Restarting', update: 'Updating to the latest template version',
};

export function WorkspaceDetailPage() {
  const { workspaceId = '' } = useParams();
  const navigate = useNavigate();
  const notify = useToast();
  const [workspace, setWorkspace] = useState<Workspace | null>(null);
  const [template, setTemplate] = useState<Template | null>(null);
  const [versions, setVersions] = useState<TemplateVersion[]>([]);
  const [editingParameters, setEditingParameters] = useState(false);
  const [deployments, setDeployments] = useState<Deployment[]>([]);
  const [selected, setSelected] = useState<number | null>(null); // null: follow the newest
  const [error, setError] = useState<ProblemView | null>(null);
  const [busy, setBusy] = useState<Action | 'delete' | 'wake' | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const path = { params: { path: { workspaceId } } };
  const lastState = useRef<string | null>(null);

  const loadDeployments = useCallback(async () => {
    try {
      setDeployments(await allItems((paging) => call(api.GET('/api/v1/workspaces/{workspaceId}/deployments', {
        params: { path: { workspaceId }, query: paging },
      })), (page) => page.deployments));
    } catch {
      // the workspace itself reports the error
    }
  }, [workspaceId]);

  const loadWorkspace = useCallback(async () => {
    try {
      const w = await call(api.GET('/api/v1/workspaces/{workspaceId}', { params: { path: { workspaceId } } }));
      setWorkspace(w);
      setError(null);
      return w;
    } catch (e) {
      setError(viewOf(e));
      return null;
    }
  }, [workspaceId]);

  useEffect(() => {
    setWorkspace(null);
    setSelected(null);
    void loadWorkspace().then((w) => {
      if (!w) return;
      void loadDeployments();
      const templatePath = { params: { path: { templateId: w.templateId } } };
      call(api.GET('/api/v1/templates/{templateId}', templatePath)).then(setTemplate, () => {});
      templateVersions(w.templateId).then(setVersions, () => {});
    });
  }, [loadWorkspace, loadDeployments]);

  // live state; a state change usually means a new or finished deployment
  useWorkspaceEvents((changed) => {
    if (changed.id !== workspaceId) return;
    setWorkspace(changed);
    if (lastState.current !== changed.state) void loadDeployments();
    lastState.current = changed.state;
  });
  useEffect(() => {
    lastState.current = workspace?.state ?? null;
  }, [workspace?.state]);

  async function share(sharing: Sharing) {
    try {
      setWorkspace(await call(api.PUT('/api/v1/workspaces/{workspaceId}/sharing', { ...path, body: { sharing } })));
      notify(sharing === 'owner' ? 'Only you (and admins) can open it now' : 'Sharing updated', 'info');
    } catch (e) {
      notify(viewOf(e).message, 'error');
    }
  }

  async function run(action: Action) {
    setBusy(action);
    try {
      const w = await call(api.POST(ACTION_PATHS[action], path));
      setWorkspace(w);
      setSelected(null);
      notify(`${ACTION_DONE[action]} ${w.name}…`, 'info');
      await loadDeployments();
    } catch (e) {
      notify(viewOf(e).message, 'error');
    } finally {
      setBusy(null);
    }
  }

  async function wake() {
    setBusy('wake');
    try {
      setWorkspace(await call(api.POST('/api/v1/workspaces/{workspaceId}/wake', path)));
      notify('Awake: it can start again', 'success');
    } catch (e) {
      notify(viewOf(e).message, 'error');
    } finally {
      setBusy(null);
    }
  }

  async function remove() {
    setBusy('delete');
    try {
      const w = await call(api.DELETE('/api/v1/workspaces/{workspaceId}', path));
      setConfirmDelete(false);
      setWorkspace(w);
      setSelected(null);
      notify(`Deleting ${w.name}…`, 'info');
      await loadDeployments();
    } catch (e) {
      notify(viewOf(e).message, 'error');
    } finally {
      setBusy(null);
    }
  }

  // once its delete has finished, the workspace is gone: back to the list, saying so
  const deleted = useRef(false);
  const leaveDeleted = useCallback((name: string) => {
    if (deleted.current) return;
    deleted.current = true;
    notify(`${name} was deleted`, 'success');
    navigate('/workspaces', { replace: true });
  }, [notify, navigate]);
  useEffect(() => {
    if (workspace?.state === 'DELETED') leaveDeleted(workspace.name);
  }, [workspace?.state, workspace?.name, leaveDeleted]);

  const onDeploymentEnd = useCallback(() => {
    const before = workspace;
    void loadWorkspace().then((w) => {
      if (!w && before?.state === 'DELETING') leaveDeleted(before.name);
    });
    void loadDeployments();
  }, [workspace, loadWorkspace, loadDeployments, leaveDeleted]);

  if (!workspace) {
    if (error) {
      return (
        <EmptyState title={error.status === 404 ? 'Workspace not found' : 'Could not load the workspace'}
          action={<Button onClick={() => navigate('/workspaces')}>Back to workspaces</Button>}>
          {error.message}
        </EmptyState>
      );
    }
    return <Loading />;
  }

  const state = workspace.state;
  const gone = state === 'DELETED' || state === 'DELETING';
  const outdated = template?.activeVersion !== undefined && template.activeVersion.id !== workspace.templateVersionId;
  // what the workspace runs: its own version, not necessarily the template's active one
  const spec = specOf(versions.find((v) => v.id === workspace.templateVersionId)
    ?? (outdated ? undefined : template?.activeVersion));
  const declared = spec?.parameters ?? [];
  const editable = declared.some((p) => p.mutable !== false) && !gone && ['RUNNING', 'STOPPED', 'FAILED'].includes(state);
  const newest = deployments[0];
  const shown = selected === null ? newest : deployments.find((d) => d.number === selected) ?? newest;
  const params = Object.entries(parametersOf(workspace));

  return (
    <>
      <PageHeader
        title={<span className="row">{workspace.name} <WorkspaceStatePill state={state} />
          {workspace.dormantAt && <Badge tone="warning">dormant</Badge>}</span>}
        subtitle={<Link to="/workspaces">← All workspaces</Link>}
        actions={
          <>
            {workspace.url && state === 'RUNNING' && (
              <a className={buttonClass('primary')} href={workspace.url} target="_blank" rel="noopener noreferrer" data-testid="open-workspace">
                Open
              </a>
            )}
            {workspace.dormantAt && <Button variant="primary" onClick={() => void wake()} busy={busy === 'wake'}>Wake</Button>}
            <Button onClick={() => void run('start')} busy={busy === 'start'}
              disabled={gone || busy !== null || workspace.dormantAt != null || state === 'RUNNING' || state === 'STARTING'
                || state === 'PENDING'}>Start</Button>
            <Button onClick={() => void run('stop')} busy={busy === 'stop'}
              disabled={gone || busy !== null || state === 'STOPPED' || state === 'STOPPING'}>Stop</Button>
            <Button onClick={() => void run('restart')} busy={busy === 'restart'} disabled={gone || busy !== null}>Restart</Button>
            {outdated && (
              <Button onClick={() => void run('update')} busy={busy === 'update'} disabled={gone || busy !== null}>Update</Button>
            )}
            <Button variant="danger" onClick={() => setConfirmDelete(true)} busy={busy === 'delete'} disabled={gone || busy !== null}>Delete</Button>
          </>
        }
      />
      {error && <ErrorBanner error={error} />}
      {state === 'FAILED' && workspace.failureReason && (
        <ErrorBanner error={{ message: `Failed: ${workspace.failureReason}`, fieldErrors: {}, otherErrors: [] }} />
      )}

      <div className="grid-form">
        <Card title="Overview">
          <dl className="dl">
            <dt>State</dt><dd>{state}</dd>
            <dt>Template</dt>
            <dd>
              {template ? template.displayName || template.name : '…'}
              {outdated && <> <Badge tone="warning">update available</Badge></>}
            </dd>
            <dt>Owner</dt><dd>{workspace.ownerName}</dd>
            <dt>Docker host</dt><dd>{workspace.dockerHostId ?? '—'}</dd>
            <dt>Address</dt><dd>{workspace.url ? <span className="mono">{workspace.url}</span> : <span className="muted">not routed yet</span>}</dd>
            <dt>Created</dt><dd>{formatTime(workspace.createdAt)}</dd>
            <dt>Last used</dt>
            <dd title={formatTime(workspace.lastUsedAt)}>{workspace.lastUsedAt ? formatRelative(workspace.lastUsedAt) : 'never'}</dd>
            {!gone && <><dt>Stops</dt><dd><StopsIn workspace={workspace} template={template} onChange={setWorkspace} /></dd></>}
          </dl>
          <Select label="Who can open it" value={workspace.sharing ?? 'owner'} disabled={gone}
            onChange={(e) => void share(e.target.value as Sharing)}>
            <option value="owner">Only me (and admins)</option>
            <option value="authenticated">Anyone signed in</option>
            <option value="public">Anyone with the link</option>
          </Select>
        </Card>
        <Card title="Configuration">
          <dl className="dl">
            {spec && <><dt>Image</dt><dd className="mono">{spec.image}</dd></>}
            {spec && <><dt>Limits</dt><dd>{(spec.cpuMillis ?? 1000) / 1000} CPU · {spec.memoryMb ?? 1024} MB · {spec.pidsLimit ?? 512} processes</dd></>}
            {spec && spec.apps.length > 0 && <><dt>Apps</dt><dd>{spec.apps.map((a) => `${a.name} :${a.port}${a.default ? ' (default)' : ''}`).join(', ')}</dd></>}
            {params.map(([k, v]) => (
              <Fragment key={k}><dt>{k}</dt><dd className="mono">{String(v)}</dd></Fragment>
            ))}
          </dl>
          {editable && (
            <div className="row">
              <Button onClick={() => setEditingParameters(true)} disabled={busy !== null}>Edit parameters</Button>
            </div>
          )}
        </Card>
      </div>

      {state === 'RUNNING' && (
        <Card title="Terminal">
          <Suspense fallback={<Loading>Loading terminal…</Loading>}>
            <Terminal workspaceId={workspace.id} />
          </Suspense>
        </Card>
      )}

      {/* below the terminal: xterm renders only while it is in view, and it is what a visitor came for */}
      {!gone && <WorkspaceScheduleCard workspace={workspace} template={template} onChange={setWorkspace} />}

      <Card title="Deployments">
        {deployments.length === 0 ? (
          <p className="muted">No deployments yet.</p>
        ) : (
          <>
            <Table caption="Deployments" head={['#', 'Transition', 'Status', 'Step', 'Started', 'Took', '']}>
              {deployments.map((d) => (
                <tr key={d.number} className={shown?.number === d.number ? 'selected' : undefined}>
                  <td>{d.number}</td>
                  <td>{d.transition}</td>
                  <td><DeploymentStatusPill status={d.status} /></td>
                  <td className="muted">{d.step ?? '—'}</td>
                  <td className="muted">{formatTime(d.startedAt ?? d.createdAt)}</td>
                  <td className="muted">{formatDuration(d.startedAt, d.finishedAt)}</td>
                  <td>
                    <div className="table-actions">
                      <Button size="sm" variant="ghost" aria-pressed={shown?.number === d.number}
                        onClick={() => setSelected(d.number === newest?.number ? null : d.number)}>
                        Show log
                      </Button>
                    </div>
                  </td>
                </tr>
              ))}
            </Table>
            {shown && <DeploymentLog key={shown.number} workspaceId={workspace.id} deployment={shown} onEnd={onDeploymentEnd} />}
          </>
        )}
      </Card>

      <ConfirmDialog
        open={confirmDelete}
        title={`Delete ${workspace.name}?`}
        confirmLabel="Delete workspace"
        busy={busy === 'delete'}
        onConfirm={() => void remove()}
        onClose={() => setConfirmDelete(false)}
      >
        <p>This removes the container <strong>and its home volume</strong>. Files in the workspace are lost for good.</p>
      </ConfirmDialog>
      <EditParametersDialog
        open={editingParameters}
        workspace={workspace}
        parameters={declared}
        onClose={() => setEditingParameters(false)}
        onSaved={(saved) => {
          const changed = JSON.stringify(parametersOf(saved)) !== JSON.stringify(parametersOf(workspace));
          const restarting = state === 'RUNNING' && saved.state !== 'RUNNING';
          setEditingParameters(false);
          setWorkspace(saved);
          setSelected(null);
          notify(!changed ? 'Nothing changed'
            : restarting ? `Restarting ${saved.name} with the new parameters…` : 'Parameters saved; they apply at the next start', 'info');
          void loadDeployments();
        }}
      />
    </>
  );
}
