import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, call, viewOf } from '../api/client';
import { allItems } from '../lib/pages';
import { useLoader } from '../lib/useLoader';
import { specOf, type Template } from '../api/types';
import { formatTime } from '../lib/format';
import { PageHeader } from '../components/AppShell';
import { Badge, Button, Checkbox, ConfirmDialog, EmptyState, ErrorBanner, Loading, Table, useToast } from '../ui';

export function TemplatesPage() {
  const navigate = useNavigate();
  const notify = useToast();
  const [includeArchived, setIncludeArchived] = useState(false);
  const { data: templates, error, reload: load } = useLoader(
    () => allItems((paging) => call(api.GET('/api/v1/templates', { params: { query: { includeArchived, ...paging } } })),
      (page) => page.templates),
    [includeArchived]);
  const [archiving, setArchiving] = useState<Template | null>(null);
  const [busy, setBusy] = useState(false);


  async function archive(t: Template) {
    setBusy(true);
    try {
      await call(api.POST('/api/v1/templates/{templateId}/archive', { params: { path: { templateId: t.id } } }));
      notify(`Archived ${t.displayName || t.name}`, 'success');
      setArchiving(null);
      await load();
    } catch (e) {
      notify(viewOf(e).message, 'error');
    } finally {
      setBusy(false);
    }
  }

  const create = <Button variant="primary" onClick={() => navigate('/templates/new')}>New template</Button>;
  return (
    <>
      <PageHeader title="Templates" subtitle="What workspaces are built from. Every spec change makes a new, immutable version." actions={create} />
      <Checkbox label="Show archived templates" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} />
      <ErrorBanner error={error} />
      {templates === null ? (
        !error && <Loading />
      ) : templates.length === 0 ? (
        <EmptyState title="No templates" action={create}>Create a template so users can create workspaces from it.</EmptyState>
      ) : (
        <Table caption="Templates" head={['Template', 'Image', 'Version', 'Updated', '']}>
          {templates.map((t) => (
            <tr key={t.id}>
              <td>
                <div className="stack-sm">
                  <span className="row">
                    <Link to={`/templates/${t.id}`}><strong>{t.displayName || t.name}</strong></Link>
                    {t.archived && <Badge tone="warning">archived</Badge>}
                  </span>
                  <span className="muted small mono">{t.name}</span>
                </div>
              </td>
              <td className="mono small">{specOf(t.activeVersion)?.image ?? '—'}</td>
              <td>{t.activeVersion ? `v${t.activeVersion.version}` : '—'}</td>
              <td className="muted">{formatTime(t.updatedAt)}</td>
              <td>
                <div className="table-actions">
                  <Button size="sm" onClick={() => navigate(`/templates/${t.id}`)}>Edit</Button>
                  {!t.archived && <Button size="sm" variant="ghost" onClick={() => setArchiving(t)}>Archive</Button>}
                </div>
              </td>
            </tr>
          ))}
        </Table>
      )}
      <ConfirmDialog
        open={archiving !== null}
        title={`Archive ${archiving?.displayName || archiving?.name || ''}?`}
        confirmLabel="Archive"
        busy={busy}
        onConfirm={() => archiving && void archive(archiving)}
        onClose={() => setArchiving(null)}
      >
        <p>No new workspaces can be created from an archived template. Existing workspaces keep working.</p>
      </ConfirmDialog>
    </>
  );
}
