import type { ConsoleHarness } from './console-harness.js';

/** A Jira connection to the simulator, synced once through the API. */
export const syncedConnection = async (harness: ConsoleHarness, body: Record<string, unknown> = {}) => {
  const connection = await harness.createJiraConnection(body);
  const sync = await harness.api.http.call('POST', `/api/integrations/${connection.id}/sync-now`, { token: harness.token, body: { mode: 'full' } });
  if (sync.status !== 200) throw new Error(`the sync answered ${sync.status}: ${sync.text}`);
  return connection;
};

/** How many tasks the API lists for a query (all pages). */
export const countTasks = async (harness: ConsoleHarness, query: string): Promise<number> => {
  let count = 0;
  let cursor: string | null = null;
  do {
    const page = await harness.api.http.call('GET', `/api/external-tasks?limit=500&${query}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`, { token: harness.token });
    count += (page.json.data as unknown[]).length;
    cursor = page.json.meta.nextCursor as string | null;
  } while (cursor !== null);
  return count;
};
