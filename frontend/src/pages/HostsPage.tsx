import { useEffect } from 'react';
import { api, call } from '../api/client';
import { useLoader } from '../lib/useLoader';
import { formatBytes } from '../lib/format';
import { PageHeader } from '../components/AppShell';
import { Badge, EmptyState, ErrorBanner, Loading, Table } from '../ui';

/** As often as the provisioner checks its hosts (DEVSANCTUM_DOCKER_HEALTH_INTERVAL_MS, 5 s by default). */
const REFRESH_MS = 5_000;

/** The Docker engines workspaces are placed on, with their health, capacity and load (admin). */
export function HostsPage() {
  const { data: hosts, error, reload } = useLoader(
    async () => (await call(api.GET('/api/v1/hosts'))).hosts, []);
  useEffect(() => {
    const timer = window.setInterval(() => void reload(), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reload]);

  return (
    <>
      <PageHeader title="Docker hosts"
        subtitle="Where workspaces run. New workspaces go to the least-loaded healthy host; a workspace stays on its host. Hosts are configured with DEVSANCTUM_DOCKER_HOSTS (see the README)." />
      <ErrorBanner error={error} />
      {hosts === null ? (
        !error && <Loading />
      ) : hosts.length === 0 ? (
        <EmptyState title="No Docker hosts">Configure one with DEVSANCTUM_DOCKER_HOSTS and restart the provisioner.</EmptyState>
      ) : (
        <Table caption="Docker hosts" head={['Host', 'Endpoint', 'Status', 'Workspaces', 'CPUs', 'Memory']}>
          {hosts.map((host) => (
            <tr key={host.id} data-testid={`host-${host.id}`}>
              <td><strong>{host.id}</strong></td>
              <td className="mono small">{host.endpoint ?? '—'}</td>
              <td>
                <div className="stack-sm">
                  <Badge tone={host.healthy ? 'success' : 'danger'} dot>{host.healthy ? 'healthy' : 'unreachable'}</Badge>
                  {host.error && <span className="muted small">{host.error}</span>}
                </div>
              </td>
              <td>{host.workspaces ?? '—'}</td>
              <td>{host.cpus ?? '—'}</td>
              <td>{formatBytes(host.memoryBytes)}</td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
