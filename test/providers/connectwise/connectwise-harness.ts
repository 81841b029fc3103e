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

const memberHeaders = () => {
  const auth = Buffer.from(`${CONNECTWISE_SIM_MEMBER.companyId}+${CONNECTWISE_SIM_MEMBER.publicKey}:${CONNECTWISE_SIM_MEMBER.privateKey}`).toString('base64');
  return { authorization: `Basic ${auth}`, clientid: CONNECTWISE_SIM_MEMBER.clientId };
};
const ticketUrl = (baseUrl: string, kind: Kind, id: number) => `${baseUrl}/${CONNECTWISE_SIM_MEMBER.codebase}/apis/3.0/${kind}/tickets/${id}`;

/** Changes a ticket through the simulator's API, as a person would (JSON Patch `replace`). */
export const patchTicket = async (baseUrl: string, kind: Kind, id: number, path: string, value: unknown) => {
  const answer = await fetch(ticketUrl(baseUrl, kind, id), {
    method: 'PATCH',
    headers: { ...memberHeaders(), 'content-type': 'application/json' },
    body: JSON.stringify([{ op: 'replace', path, value }]),
  });
  if (answer.status !== 200) throw new Error(`the patch answered ${answer.status}`);
};

export const editTicket = (baseUrl: string, kind: Kind, id: number, summary = 'Edited') => patchTicket(baseUrl, kind, id, '/summary', summary);

/** Deletes a ticket through the simulator's API. */
export const deleteTicket = async (baseUrl: string, kind: Kind, id: number) => {
  const answer = await fetch(ticketUrl(baseUrl, kind, id), { method: 'DELETE', headers: memberHeaders() });
  if (answer.status !== 204) throw new Error(`the delete answered ${answer.status}`);
};
