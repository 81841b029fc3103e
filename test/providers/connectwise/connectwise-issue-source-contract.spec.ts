import { startConnectWiseSimulator, type ConnectWiseSimulator } from '../../../apps/simulator/connectwise/index.js';
import type { ConnectWiseIssueSource } from '../../../adapters/providers/connectwise/index.js';
import { describeIssueSourceContract } from '../../contracts/issue-source.contract.js';
import { connectionTo, deleteTicket, editTicket, patchTicket, virtualTimeSource } from './connectwise-harness.js';

let sim: ConnectWiseSimulator | undefined;
let source: ConnectWiseIssueSource | undefined;
const idOf = (externalId: string) => Number(externalId.split(':')[1]);

// The contract groups items by project, so this site holds project tickets only; service tickets
// (which have no project) are read alongside them in connectwise-issue-source.spec.ts.
describeIssueSourceContract(
  'ConnectWise over HTTP against the simulator',
  async () => {
    sim = await startConnectWiseSimulator({ serviceTickets: 0, projectTickets: 40, seed: 3 });
    source = virtualTimeSource({ pageSize: 7, idPageSize: 6 }).source;
    const { url, store } = sim;
    return {
      source,
      // Every seeded ticket, however long ago it closed: the 30-day window has its own test.
      connection: (settings = {}) => connectionTo(url, { closedTicketsDays: '36500', ...settings }),
      refusedConnection: () => connectionTo(url, {}, 'revoked-private-key'),
      items: async () => store.all('project').map((t) => ({ externalId: `project:${t.id}`, projectKey: String(t.projectId), updatedAt: new Date(t.lastUpdated) })),
      filterSelecting: (projectKey) => ({ filter: `project/id = ${projectKey}` }),
      edit: async (externalId) => editTicket(url, 'project', idOf(externalId)),
      // A project ticket moved to another project keeps its id (and so its key, `#<id>`).
      move: async (externalId, projectKey) => patchTicket(url, 'project', idOf(externalId), '/project', { id: Number(projectKey) }),
      remove: async (externalId) => deleteTicket(url, 'project', idOf(externalId)),
      overlapMs: 2 * 60_000,
    };
  },
  async () => {
    source?.close();
    await sim?.close();
  },
);
