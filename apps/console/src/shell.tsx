import type { ComponentChildren } from 'preact';
import { useSession } from './auth/session';
import { Link, useNavigation } from './router/navigation';
import type { Route } from './router/routes';

const SECTIONS: ReadonlyArray<{ readonly label: string; readonly to: Route; readonly matches: ReadonlyArray<Route['name']> }> = [
  { label: 'Connections', to: { name: 'connections' }, matches: ['connections', 'new-connection', 'connection'] },
  { label: 'Tasks', to: { name: 'tasks', filters: {} }, matches: ['tasks', 'task'] },
  { label: 'User mappings', to: { name: 'user-mappings' }, matches: ['user-mappings'] },
  { label: 'Workspace modules', to: { name: 'workspace-modules', workspaceId: undefined }, matches: ['workspace-modules'] },
  { label: 'Audit log', to: { name: 'audit', filters: {} }, matches: ['audit'] },
];

/** The frame of every signed-in page: skip link, navigation, who is signed in, and the page. */
export const Shell = ({ children }: { children: ComponentChildren }) => {
  const { claims, signOut } = useSession();
  const { route } = useNavigation();
  return (
    <>
      <a href="#main" class="skip-link">
        Skip to content
      </a>
      <header class="topbar">
        <span class="brand">taskport</span>
        <nav aria-label="Sections">
          <ul>
            {SECTIONS.map((s) => (
              <li key={s.label}>
                <Link to={s.to} aria-current={s.matches.includes(route.name) ? 'page' : undefined}>
                  {s.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div class="who">
          <span class="muted wrap" title="Organization">
            {claims.organizationId ?? 'unknown organization'}
          </span>
          <button type="button" class="link" onClick={() => signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" class="content">
        {children}
      </main>
    </>
  );
};
