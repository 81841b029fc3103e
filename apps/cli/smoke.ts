/**
 * Smoke test of a running taskport API: creates a Jira connection, lists it, tests it, syncs it,
 * adds a user mapping, reads tasks, and deletes what it made. Exits non-zero on the first failure.
 *
 *   npm run smoke -- --url http://127.0.0.1:3000 --token <jwt> --jira-url http://127.0.0.1:3100
 */
import { flagsOrEnv } from './args.js';

const flags = flagsOrEnv({
  url: { env: 'TASKPORT_URL', default: 'http://127.0.0.1:3000' },
  token: { env: 'TASKPORT_TOKEN' },
  'jira-url': { env: 'JIRA_BASE_URL', default: 'http://127.0.0.1:3100' },
  'jira-email': { env: 'JIRA_EMAIL', default: 'admin@taskport.test' },
  'jira-token': { env: 'JIRA_API_TOKEN', default: 'simulator-token' },
});

class SmokeFailure extends Error {}

const call = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${flags.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${flags.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text === '' ? undefined : JSON.parse(text) };
};

const step = async <A>(name: string, expected: number, run: () => Promise<{ status: number; json: A }>): Promise<A> => {
  const { status, json } = await run();
  if (status !== expected) throw new SmokeFailure(`${name}: expected HTTP ${expected}, got ${status} ${JSON.stringify(json)}`);
  console.log(`ok  ${name}`);
  return json;
};

const main = async () => {
  if (flags.token === undefined) throw new SmokeFailure('A token is required: --token or TASKPORT_TOKEN');
  const created = await step('create connection', 201, () =>
    call('POST', '/api/integrations', {
      type: 'jira',
      name: `smoke ${new Date().toISOString()}`,
      baseUrl: flags['jira-url'],
      email: flags['jira-email'],
      apiToken: flags['jira-token'],
    }),
  );
  const id: string = created.data.id;
  try {
    const listed = await step('list connections', 200, () => call('GET', '/api/integrations'));
    if (!listed.data.some((c: { id: string }) => c.id === id)) throw new SmokeFailure('list connections: the new connection is missing');
    const tested = await step('test connection', 200, () => call('POST', `/api/integrations/${id}/test`));
    if (tested.data.connected !== true) throw new SmokeFailure(`test connection: ${tested.data.message}`);
    const report = await step('sync now', 200, () => call('POST', `/api/integrations/${id}/sync-now`, { mode: 'full' }));
    console.log(`    ${report.data.issuesProcessed} processed, ${report.data.created} created, ${report.data.skipped} skipped`);
    const mapping = await step('add user mapping', 201, () =>
      call('POST', '/api/external-user-mappings', { externalSystem: 'jira', externalEmail: `smoke-${Date.now()}@example.com`, resourceId: crypto.randomUUID() }),
    );
    const tasks = await step('read tasks', 200, () => call('GET', `/api/external-tasks?connectionId=${id}&limit=5`));
    console.log(`    first page: ${tasks.data.map((t: { key: string }) => t.key).join(', ') || '(none)'}`);
    await step('delete user mapping', 204, () => call('DELETE', `/api/external-user-mappings/${mapping.data.id}`));
  } finally {
    await step('delete connection', 204, () => call('DELETE', `/api/integrations/${id}`));
  }
  console.log('smoke test passed');
};

main().catch((error: unknown) => {
  console.error(error instanceof SmokeFailure ? `FAILED ${error.message}` : error);
  process.exit(1);
});
