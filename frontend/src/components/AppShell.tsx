import type { ReactNode } from 'react';
import { NavLink, Outlet } from 'react-router';
import type { Permission } from '../api/types';
import { useSession } from '../api/session';
import { Badge, Button, EmptyState } from '../ui';

export function Brand() {
  return (
    <span className="brand">
      <span className="brand-mark" aria-hidden="true">DS</span>
      DevSanctum
    </span>
  );
}

function NavItem({ to, children }: { to: string; children: ReactNode }) {
  return (
    <NavLink to={to} className={({ isActive }) => (isActive ? 'shell-link active' : 'shell-link')}>
      {children}
    </NavLink>
  );
}

/** The signed-in frame: navigation, the user and sign-out, and the page. */
export function AppShell() {
  const { user, can, signOut } = useSession();
  return (
    <div className="shell">
      <header className="shell-nav">
        <Brand />
        <nav className="shell-links" aria-label="Main">
          <NavItem to="/workspaces">Workspaces</NavItem>
          {can('template.write') && <NavItem to="/templates">Templates</NavItem>}
          {can('user.read') && <NavItem to="/users">Users</NavItem>}
          {can('docker-host.read') && <NavItem to="/hosts">Hosts</NavItem>}
          {can('audit.read') && <NavItem to="/audit">Audit</NavItem>}
          <NavItem to="/account">Account</NavItem>
        </nav>
        <div className="shell-user">
          <div className="row">
            <span data-testid="current-user"><strong>{user.username}</strong></span>
            {user.role !== 'member' && <Badge tone="info">{user.role}</Badge>}
          </div>
          <Button size="sm" onClick={() => void signOut()}>Sign out</Button>
        </div>
      </header>
      <main className="shell-main">
        <div className="shell-content">
          <Outlet />
        </div>
      </main>
    </div>
  );
}

/** The page, for a user who holds {@code permission}; others are told it is not theirs. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useSession();
  if (!can(permission)) {
    return <EmptyState title="Not for your role">This page needs the permission {permission}.</EmptyState>;
  }
  return <>{children}</>;
}

export function PageHeader({ title, subtitle, actions }: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="page-header">
      <div className="stack-sm">
        <h1>{title}</h1>
        {subtitle && <div className="muted small">{subtitle}</div>}
      </div>
      {actions && <div className="row">{actions}</div>}
    </div>
  );
}
