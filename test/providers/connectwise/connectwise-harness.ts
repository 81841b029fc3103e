import * as E from 'fp-ts/lib/Either.js';
import { connectWiseIssueSource, type ConnectWiseIssueSourceOptions } from '../../../adapters/providers/connectwise/index.js';
import { localRequestBudget } from '../../../adapters/net/index.js';
import { asEntityId, asOrganizationId, type IssuePage, type IssueQuery, type IssueSource, type ProviderSettings, type SourceConnection, type SourceIssue } from '../../../core/index.js';
import { CONNECTWISE_SIM_MEMBER, type Kind } from '../../../apps/simulator/connectwise/index.js';

export const FULL_SYNC: IssueQuery = { updatedSince: null, projectKeys: [] };

/** A connection to the simulator's API member, as core hands it to the adapter. */
export const connectionTo = (baseUrl: string, settings: ProviderSettings = {}, privateKey: string = CONNECTWISE_SIM_MEMBER.privateKey): SourceConnection => ({
  organizationId: asOrganizationId('org-connectwise-tests'),
  connectionId: asEntityId('connection-cw-1'),
  provider: 'connectwise',
  site: `${new URL(baseUrl).host}/${CONNECTWISE_SIM_MEMBER.companyId}`,
  baseUrl,
  settings: { companyId: CONNECTWISE_SIM_MEMBER.companyId, publicKey: CONNECTWISE_SIM_MEMBER.publicKey, clientId: CONNECTWISE_SIM_MEMBER.clientId, ...settings },
  authMode: 'api-keys',
  secrets: { privateKey },
  oauth: null,
});

/**
 * The adapter with waits on a virtual clock: a sleep moves the clock instead of waiting, so a
 * budget that makes a sync wait an hour costs nothing, and `waitedMs()` says how long it waited.
 */
export const virtualTimeSource = (options: Partial<ConnectWiseIssueSourceOptions> = {}) => {
  let clock = Date.now();
  let waited = 0;
  const now = () => clock;
  const sleep = async (ms: number) => {
    clock += ms;
    waited += ms;
  };
  const source = connectWiseIssueSource({ allowPrivateNetwork: true, sleep, now, random: () => 0.5, timeoutMs: 5_000, budget: localRequestBudget({ now, sleep }), ...options });
  return { source, waitedMs: () => waited };
};

export const readAll = async (source: IssueSource, connection: SourceConnection, query: IssueQuery = FULL_SYNC): Promise<SourceIssue[]> => {
  const issues: SourceIssue[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 1000; pages += 1) {
    const page: E.Either<unknown, IssuePage> = await source.searchIssues(connection, query, cursor)();
    if (E.isLeft(page)) throw new Error(`the search failed: ${JSON.stringify(page.left)}`);
    issues.push(...page.right.issues);
    cursor = page.right.nextCursor;
    if (cursor === null) return issues;
  }
  throw new Error('the search did not end');
};

/** Edits a ticket through the simulator's API, as a person would (JSON Patch). */
export const editTicket = async (baseUrl: string, kind: Kind, id: number, summary = 'Edited') => {
  const auth = Buffer.from(`${CONNECTWISE_SIM_MEMBER.companyId}+${CONNECTWISE_SIM_MEMBER.publicKey}:${CONNECTWISE_SIM_MEMBER.privateKey}`).toString('base64');
  const answer = await fetch(`${baseUrl}/${CONNECTWISE_SIM_MEMBER.codebase}/apis/3.0/${kind}/tickets/${id}`, {
    method: 'PATCH',
    headers: { authorization: `Basic ${auth}`, clientid: CONNECTWISE_SIM_MEMBER.clientId, 'content-type': 'application/json' },
    body: JSON.stringify([{ op: 'replace', path: '/summary', value: summary }]),
  });
  if (answer.status !== 200) throw new Error(`the edit answered ${answer.status}`);
};
