import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { JiraIssueCodec, SEARCH_FIELDS, buildJql, toSourceIssue } from '../../adapters/providers/jira/index.js';
import { createInMemoryAdapters } from '../../adapters/memory/index.js';
import { jiraProvider } from '../../adapters/providers/jira/index.js';
import { simulatorDeps } from '../../apps/simulator/jira/index.js';
import { runSearch } from '../../apps/simulator/jira/search.js';
import { asEntityId, createConnection, pollIdempotencyKey, type Connection, type ExternalTask } from '../../core/index.js';
import { toTaskDraft } from '../../core/use-cases/sync/to-task-draft.js';
import { TASK_COLUMNS } from './ceiling-statements.js';
import { BENCH_ORGANIZATION, BENCH_REQUESTER } from './sync-wiring.js';

/** One issue as the database receives it: every external_tasks column, plus its event's. */
export type MappedRow = Record<string, unknown> & { readonly idempotency_key: string; readonly external_id: string };

const SITE = 'http://127.0.0.1:3100';

const benchConnection = async (): Promise<Connection> => {
  const jira = jiraProvider({ allowPrivateNetwork: true, timeoutMs: 1_000 });
  const memory = createInMemoryAdapters({ extraProviders: [jira] });
  const created = await createConnection(memory)(BENCH_REQUESTER, { type: 'jira', baseUrl: SITE, email: 'bench@taskport.test', apiToken: 'x' })();
  jira.close();
  if (E.isLeft(created)) throw new Error(JSON.stringify(created.left));
  const found = await memory.connections.findById(BENCH_ORGANIZATION, asEntityId(created.right.id))();
  if (E.isLeft(found) || found.right === null) throw new Error('the bench connection was not stored');
  return found.right;
};

/**
 * The rows a first sync of the same simulated site writes, page by page, built in this process
 * with no HTTP: the simulator's own search renders the pages, the Jira adapter decodes and maps
 * them, core maps them to drafts. Building them is not part of any measurement.
 */
export const mappedPages = async (issues: number, pageSize: number): Promise<ReadonlyArray<ReadonlyArray<MappedRow>>> => {
  const deps = simulatorDeps({ issues });
  const connection = await benchConnection();
  const now = new Date();
  const jql = buildJql({ filter: null, projectKeys: [], updatedFrom: null });
  const pages: MappedRow[][] = [];
  let nextPageToken: string | undefined;
  do {
    const outcome = runSearch({ site: SITE, zone: 'UTC', store: deps.store, now: deps.now() }, { jql, nextPageToken, maxResults: pageSize, fields: SEARCH_FIELDS }, deps.pageLimits);
    if (outcome.status !== 200) throw new Error(JSON.stringify(outcome.body));
    const decoded = JSON.parse(JSON.stringify(outcome.body.issues)) as unknown[];
    pages.push(
      decoded.map((raw) => {
        const jira = JiraIssueCodec.decode(raw);
        if (E.isLeft(jira)) throw new Error('the simulator answered an issue the adapter cannot decode');
        const issue = toSourceIssue(SITE)(jira.right);
        const draft = toTaskDraft(connection, issue, null, now);
        const task: ExternalTask = { ...draft, id: asEntityId(randomUUID()), createdAt: now, updatedAt: now };
        return {
          ...Object.fromEntries(TASK_COLUMNS.map(([column, , property]) => [column, task[property]])),
          external_id: issue.externalId,
          idempotency_key: pollIdempotencyKey(connection, issue.externalId, issue.version),
          kind: 'poll',
          processed_at: now,
        };
      }),
    );
    nextPageToken = outcome.body.nextPageToken;
  } while (nextPageToken !== undefined);
  return pages;
};

/** The same rows in batches of another size. */
export const rebatch = (pages: ReadonlyArray<ReadonlyArray<MappedRow>>, size: number): ReadonlyArray<ReadonlyArray<MappedRow>> => {
  const all = pages.flat();
  return Array.from({ length: Math.ceil(all.length / size) }, (_, i) => all.slice(i * size, (i + 1) * size));
};
