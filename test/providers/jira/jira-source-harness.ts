import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sinon from 'sinon';
import { jiraIssueSource, type JiraIssueSource, type JiraIssueSourceOptions } from '../../../adapters/providers/jira/index.js';
import type { ResolveAll } from '../../../adapters/net/index.js';
import type { IssuePage, IssueQuery, SourceConnection } from '../../../core/index.js';
import { asEntityId, asOrganizationId } from '../../../core/index.js';
import { DEFAULT_ACCOUNTS, type JiraSimulator, type SimulatorAccount } from '../../../apps/simulator/jira/index.js';
import * as E from 'fp-ts/lib/Either.js';

export const ADMIN = DEFAULT_ACCOUNTS[0] as SimulatorAccount;
export const NO_ACCESS = DEFAULT_ACCOUNTS[1] as SimulatorAccount;
export const FULL_SYNC: IssueQuery = { updatedSince: null, projectKeys: [] };

/** An API-token connection to the site at `baseUrl`, as core hands it to the adapter. */
export const connectionTo = (
  baseUrl: string,
  account: Pick<SimulatorAccount, 'email' | 'apiToken'> = ADMIN,
  settings: { readonly jqlFilter?: string } = {},
): SourceConnection => ({
  organizationId: asOrganizationId('org-jira-tests'),
  connectionId: asEntityId('connection-1'),
  provider: 'jira',
  site: URL.canParse(baseUrl) ? new URL(baseUrl).host : 'not-a-url',
  baseUrl,
  settings: { email: account.email, ...settings },
  authMode: 'api-token',
  secrets: { apiToken: account.apiToken },
  oauth: null,
});

/** The adapter with every wait made instant and recorded, so tests are fast and can check the waits. */
export const fastSource = (options: Partial<JiraIssueSourceOptions> = {}) => {
  const sleep = sinon.spy(async (_ms: number) => undefined);
  const source: JiraIssueSource = jiraIssueSource({
    allowPrivateNetwork: true,
    sleep,
    random: () => 0.5,
    now: () => Date.parse('2026-03-02T10:00:00Z'),
    timeoutMs: 5_000,
    overlapMs: 2 * 60_000,
    ...options,
  });
  return { source, sleep };
};

export const resolvingTo =
  (address: string): ResolveAll =>
  (_hostname, _options, callback) =>
    callback(null, [{ address, family: address.includes(':') ? 6 : 4 }]);

/** Every page of a search, as core's sync walks them. */
export const allPages = async (source: JiraIssueSource, connection: SourceConnection, query: IssueQuery): Promise<IssuePage[]> => {
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

export const apiRequests = (sim: JiraSimulator, path: string) => sim.requests.entries().filter((r) => r.path === path);

/** A throwaway local HTTP server for answers the simulator never gives (redirects, malformed JSON). */
export const startStubServer = async (handler: http.RequestListener) => {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
