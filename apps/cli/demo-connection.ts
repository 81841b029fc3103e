import { formatTable, truncate } from './table.js';

/** An authenticated call to the demo's API: the `data` of the answer, or a thrown error naming the status. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DemoCall = (method: string, path: string, body?: unknown) => Promise<any>;

export interface DemoConnection {
  readonly name: string;
  /** The create body (with `type`); on a rerun its credentials (`type` left out) update the existing connection. */
  readonly body: Readonly<Record<string, unknown>>;
}

/** A scheduled sync left from an earlier demo may hold the connection for a moment: wait for it. */
const syncWhenFree = async <A>(sync: () => Promise<A>): Promise<A> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await sync();
    } catch (error) {
      if (attempt >= 120 || !(error instanceof Error) || !error.message.includes('sync/in-progress')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
};

/**
 * The connection's newest tasks from the instance it reaches now: a simulator started on another
 * port than the last run's (`--servicenow-port 0`, say) is another instance of a tracker known by
 * its host, and the connection also holds the tasks the earlier one gave it.
 */
export const tasksOfThisSite = async (call: DemoCall, connection: { readonly id: string; readonly site: string }, query = '', count = 10) => {
  const tasks = (await call('GET', `/api/external-tasks?connectionId=${connection.id}${query}&limit=100`)) as Array<Record<string, string | null>>;
  return tasks.filter((t) => t.site === connection.site).slice(0, count);
};

/**
 * One tracker of the demo: connect (or, on a rerun, keep the connection and its tasks and point it
 * at this run's simulator, so the sync shows idempotency), test, sync everything, show the first tasks.
 */
export const demoConnection = async (call: DemoCall, demo: DemoConnection, organizationId: string): Promise<string> => {
  const existing = ((await call('GET', '/api/integrations')) as Array<{ id: string; name: string }>).find((c) => c.name === demo.name);
  const { type: _type, ...credentials } = demo.body;
  const connection = existing === undefined ? await call('POST', '/api/integrations', { name: demo.name, ...demo.body }) : await call('PATCH', `/api/integrations/${existing.id}`, { ...credentials, pollingEnabled: false });
  console.log(`Connected organization ${organizationId} to ${demo.name} as connection ${connection.id}`);
  const test = await call('POST', `/api/integrations/${connection.id}/test`);
  console.log(`Test: ${test.connected ? 'connected' : 'NOT connected'}, ${test.message}`);
  const started = Date.now();
  const report = await syncWhenFree(() => call('POST', `/api/integrations/${connection.id}/sync-now`, { mode: 'full' }));
  console.log(`\nSync report (${Date.now() - started} ms):`);
  console.log(formatTable(['status', 'processed', 'created', 'updated', 'unchanged', 'skipped'], [
    [report.status, report.issuesProcessed, report.created, report.updated, report.unchanged, report.skipped].map(String),
  ]));
  if (report.skipped > 0) console.log(`(${report.skipped} item versions were already recorded by an earlier run: nothing rewritten)`);
  const tasks = await tasksOfThisSite(call, connection);
  console.log('\nFirst tasks (newest change first):');
  console.log(formatTable(
    ['key', 'status', 'priority', 'assignee', 'due', 'title'],
    tasks.map((t: Record<string, string | null>) => [t.key, t.status, t.priority, t.assigneeEmail ?? '-', t.dueDate ?? '-', truncate(t.title, 48)].map((c) => String(c))),
  ));
  return connection.id as string;
};
