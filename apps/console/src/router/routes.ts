import { AUDIT_FILTER_NAMES, type AuditFilters } from '../api/audit';
import type { TaskFilters } from '../api/task';

export type ConnectionTab = 'overview' | 'mappings' | 'settings';

export type Route =
  | { readonly name: 'connections' }
  | { readonly name: 'new-connection' }
  | { readonly name: 'connection'; readonly id: string; readonly tab: ConnectionTab }
  | { readonly name: 'tasks'; readonly filters: TaskFilters }
  | { readonly name: 'task'; readonly id: string }
  | { readonly name: 'user-mappings' }
  | { readonly name: 'audit'; readonly filters: AuditFilters }
  | { readonly name: 'workspace-modules'; readonly workspaceId: string | undefined }
  | { readonly name: 'oauth-return'; readonly outcome: URLSearchParams }
  | { readonly name: 'not-found' };

export const BASE = '/console';
const TABS: ReadonlyArray<ConnectionTab> = ['overview', 'mappings', 'settings'];
const FILTER_NAMES = ['source', 'status', 'assignee', 'projectKey', 'updatedSince', 'connectionId'] as const;

const filtersOf = (search: URLSearchParams, names: ReadonlyArray<string>): Readonly<Record<string, string>> =>
  Object.fromEntries(names.flatMap((name) => {
    const value = search.get(name);
    return value === null || value === '' ? [] : [[name, value]];
  }));

const withQuery = (path: string, filters: object): string => {
  const query = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  const text = query.toString();
  return `${path}${text === '' ? '' : `?${text}`}`;
};

/** The page a path under /console shows. */
export const parseRoute = (pathname: string, search: string): Route => {
  const parts = pathname.replace(/^\/console\/?/, '').split('/').filter((p) => p !== '').map(decodeURIComponent);
  const query = new URLSearchParams(search);
  const [first, second, third] = parts;
  if (first === undefined || (first === 'connections' && second === undefined)) return { name: 'connections' };
  if (first === 'connections' && second === 'new' && third === undefined) return { name: 'new-connection' };
  if (first === 'connections' && second !== undefined) {
    const tab = TABS.find((t) => t === (third ?? 'overview'));
    return tab === undefined || parts.length > 3 ? { name: 'not-found' } : { name: 'connection', id: second, tab };
  }
  if (first === 'tasks' && second === undefined) return { name: 'tasks', filters: filtersOf(query, FILTER_NAMES) };
  if (first === 'tasks' && parts.length === 2 && second !== undefined) return { name: 'task', id: second };
  if (first === 'user-mappings' && second === undefined) return { name: 'user-mappings' };
  if (first === 'audit' && second === undefined) return { name: 'audit', filters: filtersOf(query, AUDIT_FILTER_NAMES) };
  if (first === 'workspace-modules' && parts.length <= 2) return { name: 'workspace-modules', workspaceId: second };
  if (first === 'oauth' && second === 'return') return { name: 'oauth-return', outcome: query };
  return { name: 'not-found' };
};

/** The address of a page. */
export const hrefOf = (route: Route): string => {
  switch (route.name) {
    case 'connections':
      return `${BASE}/connections`;
    case 'new-connection':
      return `${BASE}/connections/new`;
    case 'connection':
      return `${BASE}/connections/${encodeURIComponent(route.id)}${route.tab === 'overview' ? '' : `/${route.tab}`}`;
    case 'tasks':
      return withQuery(`${BASE}/tasks`, route.filters);
    case 'task':
      return `${BASE}/tasks/${encodeURIComponent(route.id)}`;
    case 'user-mappings':
      return `${BASE}/user-mappings`;
    case 'audit':
      return withQuery(`${BASE}/audit`, route.filters);
    case 'workspace-modules':
      return `${BASE}/workspace-modules${route.workspaceId === undefined ? '' : `/${encodeURIComponent(route.workspaceId)}`}`;
    case 'oauth-return':
      return `${BASE}/oauth/return?${route.outcome.toString()}`;
    case 'not-found':
      return `${BASE}/`;
  }
};
