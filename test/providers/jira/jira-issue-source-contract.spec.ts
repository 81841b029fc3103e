import { startJiraSimulator, type JiraSimulator } from '../../../apps/simulator/jira/index.js';
import type { JiraIssueSource } from '../../../adapters/providers/jira/index.js';
import { describeIssueSourceContract } from '../../contracts/issue-source.contract.js';
import { ADMIN, connectionTo, fastSource } from './jira-source-harness.js';

let sim: JiraSimulator | undefined;
let source: JiraIssueSource | undefined;

const basic = `Basic ${Buffer.from(`${ADMIN.email}:${ADMIN.apiToken}`).toString('base64')}`;

describeIssueSourceContract(
  'Jira over HTTP against the simulator',
  async () => {
    sim = await startJiraSimulator({ issues: 40, projects: 3, seed: 4 });
    source = fastSource({ pageSize: 7 }).source;
    const url = sim.url;
    const store = sim.store;
    return {
      source,
      connection: (settings = {}) => ({ ...connectionTo(url), settings: { email: ADMIN.email, ...settings } }),
      refusedConnection: () => connectionTo(url, { email: ADMIN.email, apiToken: 'revoked-token' }),
      items: async () => store.sorted().map((i) => ({ externalId: String(i.id), projectKey: i.projectKey, updatedAt: new Date(i.updated) })),
      filterSelecting: (projectKey) => ({ jqlFilter: `project = "${projectKey}"` }),
      edit: async (externalId) => {
        const answer = await fetch(`${url}/rest/api/3/issue/${externalId}`, {
          method: 'PUT',
          headers: { authorization: basic, 'content-type': 'application/json' },
          body: JSON.stringify({ fields: { summary: 'Edited for the contract' } }),
        });
        if (answer.status !== 204) throw new Error(`the edit answered ${answer.status}`);
      },
      move: async (externalId, projectKey) => store.move(store.find(externalId)!, projectKey),
      remove: async (externalId) => store.remove(store.find(externalId)!),
      // JQL has minute precision, in the account's zone, and the adapter reads two minutes more.
      overlapMs: 2 * 3_600_000,
    };
  },
  async () => {
    source?.close();
    await sim?.close();
  },
);
