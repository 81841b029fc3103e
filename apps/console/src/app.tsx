import { useSessionState } from './auth/session';
import { AuditPage } from './pages/audit/audit-page';
import { AddConnectionPage } from './pages/connections/add-connection-page';
import { ConnectionPage } from './pages/connections/connection-page';
import { ConnectionsPage } from './pages/connections/connections-page';
import { NotFoundPage } from './pages/not-found-page';
import { OAuthReturnPage } from './pages/oauth/oauth-return-page';
import { SignInPage } from './pages/sign-in-page';
import { TaskPage } from './pages/tasks/task-page';
import { TasksPage } from './pages/tasks/tasks-page';
import { UserMappingsPage } from './pages/user-mappings/user-mappings-page';
import { WorkspaceModulesPage } from './pages/workspace-modules/workspace-modules-page';
import { useNavigation } from './router/navigation';
import type { Route } from './router/routes';
import { Shell } from './shell';

const SignedInPage = ({ route }: { route: Route }) => {
  switch (route.name) {
    case 'connections':
      return <ConnectionsPage />;
    case 'new-connection':
      return <AddConnectionPage />;
    case 'connection':
      return <ConnectionPage key={route.id} id={route.id} tab={route.tab} />;
    case 'tasks':
      // A new set of filters starts again at the first page.
      return <TasksPage key={JSON.stringify(route.filters)} filters={route.filters} />;
    case 'task':
      return <TaskPage key={route.id} id={route.id} />;
    case 'user-mappings':
      return <UserMappingsPage />;
    case 'audit':
      // New filters start again at the newest entries.
      return <AuditPage key={JSON.stringify(route.filters)} filters={route.filters} />;
    case 'workspace-modules':
      return <WorkspaceModulesPage key={route.workspaceId ?? ''} workspaceId={route.workspaceId} />;
    default:
      return <NotFoundPage />;
  }
};

/** The page for the address, or the sign-in page while there is no token. */
export const App = () => {
  const { route } = useNavigation();
  const { session } = useSessionState();
  if (route.name === 'oauth-return') return <OAuthReturnPage query={route.outcome} />;
  if (session === undefined) return <SignInPage />;
  return (
    <Shell>
      <SignedInPage route={route} />
    </Shell>
  );
};
