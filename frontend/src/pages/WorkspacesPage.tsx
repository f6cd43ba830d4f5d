import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, call, viewOf } from '../api/client';
import type { ProblemView } from '../api/problem';
import { useSession } from '../api/session';
import type { Template, Workspace, WorkspaceState } from '../api/types';
import { formatRelative, formatTime } from '../lib/format';
import { allItems } from '../lib/pages';
import { upsertWorkspace, useWorkspaceEvents } from '../lib/useWorkspaceEvents';
import { filterWorkspaces, ownersOf, type WorkspaceFilter } from '../lib/workspaceFilter';
import { PageHeader } from '../components/AppShell';
import { Badge, Button, EmptyState, ErrorBanner, Loading, Select, Table, TextInput, WorkspaceStatePill, buttonClass } from '../ui';

const STATES: WorkspaceState[] = ['RUNNING', 'STARTING', 'STOPPING', 'STOPPED', 'FAILED', 'PENDING', 'DELETING'];

export function WorkspacesPage() {
  const navigate = useNavigate();
  const { can } = useSession();
  const seesEveryone = can('any-workspace.read');
  const [workspaces, setWorkspaces] = useState<Workspace[] | null>(null);
  const [templates, setTemplates] = useState<Template[]>([]);
  const [error, setError] = useState<ProblemView | null>(null);
  // the filter lives in the URL, so a filtered view can be bookmarked and shared
  const [search, setSearch] = useSearchParams();
  const filter: WorkspaceFilter = {
    text: search.get('q') ?? '',
    state: (search.get('state') ?? '') as WorkspaceFilter['state'],
    ownerId: search.get('owner') ?? '',
  };
  const setFilter = (field: 'q' | 'state' | 'owner', value: string) =>
    setSearch((params) => {
      if (value) params.set(field, value);
      else params.delete(field);
      return params;
    }, { replace: true });

  const load = useCallback(async () => {
    try {
      // every page (the filters below work on the whole list); dormant workspaces are listed apart,
      // and the filter shows them only when asked
      const listed = (dormant: boolean) => allItems((paging) => call(api.GET('/api/v1/workspaces', {
        params: { query: { ...paging, ...(dormant ? { dormant: true } : {}) } },
      })), (page) => page.workspaces);
      const [w, dormant, t] = await Promise.all([
        listed(false),
        listed(true),
        allItems((paging) => call(api.GET('/api/v1/templates', { params: { query: { includeArchived: true, ...paging } } })),
          (page) => page.templates),
      ]);
      setWorkspaces([...w, ...dormant]);
      setTemplates(t);
      setError(null);
    } catch (e) {
      setError(viewOf(e));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const live = useWorkspaceEvents((changed) => setWorkspaces((list) => (list ? upsertWorkspace(list, changed) : list)));
  const shown = useMemo(() => filterWorkspaces(workspaces ?? [], filter),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [workspaces, filter.text, filter.state, filter.ownerId]);
  const templateNames = useMemo(() => new Map(templates.map((t) => [t.id, t.displayName || t.name])), [templates]);
  const create = <Button variant="primary" onClick={() => navigate('/workspaces/new')}>Create workspace</Button>;

  return (
    <>
      <PageHeader
        title="Workspaces"
        subtitle={
          <span className="row">
            {seesEveryone ? 'Every workspace (your role sees everyone\'s)' : 'Your development environments'}
            <Badge tone={live === 'open' ? 'success' : 'neutral'} dot>{live === 'open' ? 'live' : 'connecting'}</Badge>
          </span>
        }
        actions={create}
      />
      <ErrorBanner error={error} />
      {workspaces === null ? (
        !error && <Loading />
      ) : workspaces.length === 0 ? (
        <EmptyState title="No workspaces yet" action={create}>
          A workspace is a container with your tools and a persistent home folder. Create one from a template: pick a
          template, give the workspace a name, and DevSanctum builds and starts it.
        </EmptyState>
      ) : (
        <div className="stack">
          <div className="filter-bar" role="search">
            <TextInput label="Search" placeholder="Workspace or owner name" value={filter.text}
              onChange={(e) => setFilter('q', e.target.value)} />
            <Select label="State" value={filter.state} onChange={(e) => setFilter('state', e.target.value)}>
              <option value="">Any</option>
              <option value="active">Running or starting</option>
              {STATES.map((state) => <option key={state} value={state}>{state.toLowerCase()}</option>)}
              <option value="dormant">dormant</option>
            </Select>
            {seesEveryone && (
              <Select label="Owner" value={filter.ownerId} onChange={(e) => setFilter('owner', e.target.value)}>
                <option value="">Everyone</option>
                {ownersOf(workspaces).map((owner) => <option key={owner.id} value={owner.id}>{owner.name}</option>)}
              </Select>
            )}
          </div>
          {shown.length === 0 ? (
            <EmptyState title="No workspace matches" action={<Button onClick={() => setSearch({}, { replace: true })}>Clear the filter</Button>}>
              {workspaces.length} workspaces are hidden by the filter.
            </EmptyState>
          ) : (
        <Table caption="Workspaces" head={['Name', ...(seesEveryone ? ['Owner'] : []), 'Template', 'State', 'Last used', 'Stops', '']}>
          {shown.map((w) => (
            <tr key={w.id} data-workspace={w.name}>
              <td><Link to={`/workspaces/${w.id}`}><strong>{w.name}</strong></Link></td>
              {seesEveryone && <td>{w.ownerName}</td>}
              <td>{templateNames.get(w.templateId) ?? <span className="muted">unknown</span>}</td>
              <td><span className="row"><WorkspaceStatePill state={w.state} />{w.dormantAt && <Badge tone="warning">dormant</Badge>}</span></td>
              <td className="muted" title={formatTime(w.lastUsedAt)}>{w.lastUsedAt ? formatRelative(w.lastUsedAt) : 'never'}</td>
              <td className="muted" title={formatTime(w.stopsAt)}>{w.state === 'RUNNING' && w.stopsAt ? formatRelative(w.stopsAt) : '—'}</td>
              <td>
                <div className="table-actions">
                  {w.url && w.state === 'RUNNING' && (
                    <a className={buttonClass('default', 'sm')} href={w.url} target="_blank" rel="noopener noreferrer">Open</a>
                  )}
                  <Link className={buttonClass('default', 'sm')} to={`/workspaces/${w.id}`}>Details</Link>
                </div>
              </td>
            </tr>
          ))}
        </Table>
          )}
        </div>
      )}
    </>
  );
}
