import { Navigate, Route, Routes } from 'react-router';
import { RequireSession, SessionRedirects } from './api/session';
import { AppShell, RequirePermission } from './components/AppShell';
import { SignInPage } from './pages/SignInPage';
import { SetupPage } from './pages/SetupPage';
import { ChoosePasswordPage } from './pages/ChoosePasswordPage';
import { CHOOSE_PASSWORD_PATH } from './lib/signInReason';
import { WorkspacesPage } from './pages/WorkspacesPage';
import { CreateWorkspacePage } from './pages/CreateWorkspacePage';
import { WorkspaceDetailPage } from './pages/WorkspaceDetailPage';
import { TemplatesPage } from './pages/TemplatesPage';
import { TemplateEditPage } from './pages/TemplateEditPage';
import { UsersPage } from './pages/UsersPage';
import { HostsPage } from './pages/HostsPage';
import { AccountPage } from './pages/AccountPage';
import { AuditPage } from './pages/AuditPage';
import { NotFoundPage } from './pages/NotFoundPage';

export function App() {
  return (
    <>
      <SessionRedirects />
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/setup" element={<SetupPage />} />
        <Route path={CHOOSE_PASSWORD_PATH} element={<ChoosePasswordPage />} />
        <Route
          element={
            <RequireSession>
              <AppShell />
            </RequireSession>
          }
        >
          <Route index element={<Navigate to="/workspaces" replace />} />
          <Route path="workspaces" element={<WorkspacesPage />} />
          <Route path="workspaces/new" element={<CreateWorkspacePage />} />
          <Route path="workspaces/:workspaceId" element={<WorkspaceDetailPage />} />
          <Route path="templates" element={<RequirePermission permission="template.write"><TemplatesPage /></RequirePermission>} />
          <Route path="templates/new" element={<RequirePermission permission="template.write"><TemplateEditPage /></RequirePermission>} />
          <Route path="templates/:templateId" element={<RequirePermission permission="template.write"><TemplateEditPage /></RequirePermission>} />
          <Route path="users" element={<RequirePermission permission="user.read"><UsersPage /></RequirePermission>} />
          <Route path="hosts" element={<RequirePermission permission="docker-host.read"><HostsPage /></RequirePermission>} />
          <Route path="audit" element={<RequirePermission permission="audit.read"><AuditPage /></RequirePermission>} />
          <Route path="account" element={<AccountPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </>
  );
}
