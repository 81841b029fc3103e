import sinon from 'sinon';
import * as E from 'fp-ts/lib/Either.js';
import { serviceNowIssueSource, type ServiceNowIssueSource, type ServiceNowIssueSourceOptions } from '../../../adapters/providers/servicenow/index.js';
import { asEntityId, asOrganizationId, type IssuePage, type IssueQuery, type IssueSource, type ProviderSettings, type SourceConnection, type SourceIssue } from '../../../core/index.js';
import { DEFAULT_SERVICENOW_ACCOUNTS, type ServiceNowAccount, type ServiceNowSimulator } from '../../../apps/simulator/servicenow/index.js';

export const INTEGRATION = DEFAULT_SERVICENOW_ACCOUNTS[0] as ServiceNowAccount;
export const MFA_ACCOUNT = DEFAULT_SERVICENOW_ACCOUNTS[1] as ServiceNowAccount;
export const FULL_SYNC: IssueQuery = { updatedSince: null, projectKeys: [] };

/** A Basic-auth connection to the instance at `baseUrl`, as core hands it to the adapter. */
export const connectionTo = (baseUrl: string, settings: ProviderSettings = {}, account: Pick<ServiceNowAccount, 'userName' | 'password'> = INTEGRATION): SourceConnection => ({
  organizationId: asOrganizationId('org-servicenow-tests'),
  connectionId: asEntityId('connection-1'),
  provider: 'servicenow',
  site: URL.canParse(baseUrl) ? new URL(baseUrl).host : 'not-a-url',
  baseUrl,
  settings: { username: account.userName, tables: ['incident'], ...settings },
  authMode: 'basic',
  secrets: { password: account.password },
  oauth: null,
});

/** The adapter with every wait made instant and recorded, so tests are fast and can check the waits. */
export const fastSource = (options: Partial<ServiceNowIssueSourceOptions> = {}) => {
  const sleep = sinon.spy(async (_ms: number) => undefined);
  const source: ServiceNowIssueSource = serviceNowIssueSource({ allowPrivateNetwork: true, sleep, random: () => 0.5, timeoutMs: 5_000, overlapMs: 60_000, ...options });
  return { source, sleep };
};

/** Every page of a search, as core's sync walks them. */
export const allPages = async (source: IssueSource, connection: SourceConnection, query: IssueQuery = FULL_SYNC): Promise<IssuePage[]> => {
  const pages: IssuePage[] = [];
  let cursor: string | null = null;
  do {
    const page: E.Either<unknown, IssuePage> = await source.searchIssues(connection, query, cursor)();
    if (E.isLeft(page)) throw new Error(`search failed: ${JSON.stringify(page.left)}`);
    pages.push(page.right);
    cursor = page.right.nextCursor;
  } while (cursor !== null);
  return pages;
};

export const allIssues = async (source: IssueSource, connection: SourceConnection, query: IssueQuery = FULL_SYNC): Promise<SourceIssue[]> =>
  (await allPages(source, connection, query)).flatMap((page) => page.issues);

/** The Table API reads the simulator logged for one table. */
export const tableReads = (sim: ServiceNowSimulator, table: string) => sim.requests.entries().filter((r) => r.table === table && r.method === 'GET');

const INTEGRATION_AUTHORIZATION = `Basic ${Buffer.from(`${INTEGRATION.userName}:${INTEGRATION.password}`).toString('base64')}`;

/** A change made in the instance, as a person (or the API) would: PATCH /api/now/table/{table}/{sys_id}. */
export const editInInstance = async (sim: ServiceNowSimulator, table: string, sysId: string, fields: Record<string, string>) => {
  const answer = await fetch(`${sim.url}/api/now/table/${table}/${sysId}`, {
    method: 'PATCH',
    headers: { authorization: INTEGRATION_AUTHORIZATION, accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify(fields),
  });
  if (answer.status !== 200) throw new Error(`the edit answered ${answer.status}`);
  return ((await answer.json()) as { result: Record<string, string> }).result;
};

/** A record deleted in the instance: DELETE /api/now/table/{table}/{sys_id}. */
export const deleteInInstance = async (sim: ServiceNowSimulator, table: string, sysId: string) => {
  const answer = await fetch(`${sim.url}/api/now/table/${table}/${sysId}`, {
    method: 'DELETE',
    headers: { authorization: INTEGRATION_AUTHORIZATION, accept: 'application/json', 'content-type': 'application/json' },
  });
  if (answer.status !== 204) throw new Error(`the delete answered ${answer.status}`);
};

/** The table of the synced tables that holds this record. */
export const tableOf = (sim: ServiceNowSimulator, tables: ReadonlyArray<string>, sysId: string): string => {
  const table = tables.find((t) => sim.store.get(t, sysId) !== undefined);
  if (table === undefined) throw new Error(`no table holds ${sysId}`);
  return table;
};

/** Reassigns a record to the group of this name, as a person would (a move to another project). */
export const reassignInInstance = async (sim: ServiceNowSimulator, table: string, sysId: string, groupName: string) => {
  const group = sim.store.all('sys_user_group').find((g) => g.name === groupName);
  if (group === undefined) throw new Error(`no group is named ${groupName}`);
  return editInInstance(sim, table, sysId, { assignment_group: group.sys_id! });
};

/** Gives every synced record an assignment group, so each belongs to a project. */
export const everyRecordInAGroup = (sim: ServiceNowSimulator, tables: ReadonlyArray<string>) => {
  const [group] = sim.store.all('sys_user_group');
  for (const table of tables) {
    for (const record of sim.store.all(table)) if (record.assignment_group === '') sim.store.update(table, record.sys_id!, { assignment_group: group!.sys_id! });
  }
};

export const groupNameOf = (sim: ServiceNowSimulator, groupId: string | undefined): string => sim.store.get('sys_user_group', groupId ?? '')?.name ?? '';
