import { startServiceNowSimulator, type ServiceNowSimulator } from '../../../apps/simulator/servicenow/index.js';
import type { ServiceNowIssueSource } from '../../../adapters/providers/servicenow/index.js';
import { parseServiceNowDateTime } from '../../../adapters/providers/servicenow/index.js';
import { describeIssueSourceContract } from '../../contracts/issue-source.contract.js';
import { connectionTo, editInInstance, everyRecordInAGroup, fastSource, groupNameOf, MFA_ACCOUNT } from './servicenow-harness.js';

let sim: ServiceNowSimulator | undefined;
let source: ServiceNowIssueSource | undefined;
const TABLES = ['incident', 'sc_task'];

describeIssueSourceContract(
  'ServiceNow over HTTP against the simulator',
  async () => {
    sim = await startServiceNowSimulator({ incidents: 30, tasks: 12, seed: 4 });
    everyRecordInAGroup(sim, TABLES);
    source = fastSource({ pageSize: 7 }).source;
    const instance = sim;
    return {
      source,
      connection: (settings = {}) => connectionTo(instance.url, { tables: TABLES, ...settings }),
      refusedConnection: () => connectionTo(instance.url, { tables: TABLES }, { userName: MFA_ACCOUNT.userName, password: 'not-the-password' }),
      items: async () =>
        TABLES.flatMap((table) =>
          instance.store.all(table).map((r) => ({ externalId: r.sys_id!, projectKey: groupNameOf(instance, r.assignment_group), updatedAt: parseServiceNowDateTime(r.sys_updated_on!)! })),
        ),
      filterSelecting: (projectKey) => ({ filter: `assignment_group.name=${projectKey}` }),
      edit: async (externalId) => {
        const table = TABLES.find((t) => instance.store.get(t, externalId) !== undefined)!;
        await editInInstance(instance, table, externalId, { short_description: 'Edited for the contract' });
      },
      // One minute of overlap, and sys_updated_on's one-second precision.
      overlapMs: 61_000,
    };
  },
  async () => {
    source?.close();
    await sim?.close();
  },
);
