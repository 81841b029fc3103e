import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { jiraProvider, type JiraProvider } from '../../../adapters/providers/jira/index.js';
import { createInMemoryAdapters, runSyncsInline } from '../../../adapters/memory/index.js';
import { networkBaseUrlPolicy } from '../../../adapters/net/index.js';
import { asEntityId, asOrganizationId, createConnection, syncNow } from '../../../core/index.js';
import { startJiraSimulator, type JiraSimulator } from '../../../apps/simulator/jira/index.js';
import { ADMIN } from './jira-source-harness.js';
import { requester } from '../../builders/harness.js';

const ORG = asOrganizationId('org-e2e');

const value = async <A>(task: TE.TaskEither<unknown, A>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`expected success, got ${JSON.stringify(result.left)}`);
  return result.right;
};

describe('syncNow with the Jira adapter against the simulator (in-memory repositories)', () => {
  let sim: JiraSimulator;
  let jira: JiraProvider;
  before(async () => {
    sim = await startJiraSimulator({ issues: 120, seed: 9 });
    jira = jiraProvider({ allowPrivateNetwork: true, pageSize: 25, sleep: async () => undefined });
  });
  after(async () => {
    jira.close();
    await sim.close();
  });

  const wire = () => {
    // Each sync's job runs in this process, over these same adapters.
    const adapters = runSyncsInline({ ...createInMemoryAdapters({ extraProviders: [jira] }), baseUrlPolicy: networkBaseUrlPolicy({ allowPrivateNetwork: true }) });
    return { adapters, sync: (connectionId: string) => syncNow(adapters)({ organizationId: ORG, connectionId: asEntityId(connectionId) }) };
  };

  it('creates every issue once, then finds nothing new, then picks up an edit made in Jira', async () => {
    const { adapters, sync } = wire();
    const connection = await value(
      createConnection(adapters)(requester(ORG), { type: 'jira', baseUrl: `${sim.url}/`, email: ADMIN.email, apiToken: ADMIN.apiToken }),
    );
    const first = await value(sync(connection.id));
    expect(first).to.include({ status: 'succeeded', issuesProcessed: 120, created: 120, updated: 0 });

    const second = await value(sync(connection.id));
    expect(second).to.include({ issuesProcessed: 0, created: 0, updated: 0 });
    const lastSearch = sim.requests.entries().filter((r) => r.jql !== null).at(-1);
    expect(lastSearch?.jql).to.match(/^updated >= "\d{4}-\d{2}-\d{2} \d{2}:\d{2}" ORDER BY updated ASC, key ASC$/);

    const target = sim.store.sorted()[10];
    const edit = await fetch(`${sim.url}/rest/api/3/issue/${target?.key}`, {
      method: 'PUT',
      headers: { authorization: `Basic ${Buffer.from(`${ADMIN.email}:${ADMIN.apiToken}`).toString('base64')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ fields: { summary: 'Renamed in Jira', priority: { name: 'Highest' } } }),
    });
    expect(edit.status).to.equal(204);

    const third = await value(sync(connection.id));
    expect(third).to.include({ issuesProcessed: 1, created: 0, updated: 1 });
    const task = await value(adapters.tasks.findBySource(ORG, { externalSystem: 'jira', site: connection.site, externalId: String(target?.id) }));
    expect(task).to.include({ title: 'Renamed in Jira', rawPriority: 'Highest', priority: 'urgent', url: `${sim.url}/browse/${target?.key}` });
  });
});
