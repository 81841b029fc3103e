import { startServiceNowSimulator, type ServiceNowSimulator } from '../../../apps/simulator/servicenow/index.js';
import type { ServiceNowIssueSource } from '../../../adapters/providers/servicenow/index.js';
import { parseServiceNowDateTime } from '../../../adapters/providers/servicenow/index.js';
import { describeIssueSourceContract } from '../../contracts/issue-source.contract.js';
import { connectionTo, deleteInInstance, editInInstance, everyRecordInAGroup, fastSource, groupNameOf, MFA_ACCOUNT, reassignInInstance, tableOf } from './servicenow-harness.js';

let sim: ServiceNowSimulator | undefined;
let source: ServiceNowIssueSource | undefined;
const TABLES = ['incident', 'sc_task'];

describeIssueSourceContract(
  'ServiceNow over HTTP against the simulator',
  async () => {
    sim = await startServiceNowSimulator({ incidents: 30, tasks: 12, seed: 4 });
    everyRecordInAGroup(sim, TABLES);
    source = fastSource({ pageSize: 7, idPageSize: 5 }).source;
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
        await editInInstance(instance, tableOf(instance, TABLES, externalId), externalId, { short_description: 'Edited for the contract' });
      },
      // A project is an assignment group: a move reassigns the record (its number stays).
      move: async (externalId, projectKey) => reassignInInstance(instance, tableOf(instance, TABLES, externalId), externalId, projectKey),
      remove: async (externalId) => deleteInInstance(instance, tableOf(instance, TABLES, externalId), externalId),
      // One minute of overlap, and sys_updated_on's one-second precision.
      overlapMs: 61_000,
    };
  },
  async () => {
    source?.close();
    await sim?.close();
  },
);
