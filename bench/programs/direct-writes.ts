/**
 * Scenarios 3 and 4: the rows a first sync writes, written straight to PostgreSQL with plain `pg`
 * (no HTTP, no ORM): set-based batches (the write-only ceiling) and one transaction per issue (the
 * naive baseline). Each variant writes into a database of its own, then its row counts are checked.
 */
import pg from 'pg';
import { childProgram } from '../support/child.js';
import { BATCH_COLUMN_NAMES, BATCH_EVENTS_AND_TASKS, NAIVE_EVENT, NAIVE_TASK, TASK_COLUMN_NAMES } from '../support/ceiling-statements.js';
import { mappedPages, rebatch, type MappedRow } from '../support/mapped-rows.js';
import { timePhase, withoutValue, type PhaseResult } from '../support/phase.js';

export type WriteVariant =
  | { readonly kind: 'set-based'; readonly batch: number; readonly writers: number; readonly databaseUrl: string }
  | { readonly kind: 'naive'; readonly databaseUrl: string };

export interface DirectWritesInput {
  readonly issues: number;
  readonly pageSize: number;
  readonly variants: ReadonlyArray<WriteVariant>;
}

export type DirectWritesResult = ReadonlyArray<PhaseResult>;

const connect = async (url: string) => {
  const client = new pg.Client({ connectionString: url, options: '-c TimeZone=UTC' });
  await client.connect();
  return client;
};

/** `writers` connections take the batches in order from one queue, one statement per batch. */
const writeBatches = async (url: string, batches: ReadonlyArray<ReadonlyArray<MappedRow>>, writers: number) => {
  const clients = await Promise.all(Array.from({ length: writers }, () => connect(url)));
  let next = 0;
  try {
    await Promise.all(
      clients.map(async (client) => {
        for (let i = next++; i < batches.length; i = next++) {
          const rows = batches[i]!.map((row) => BATCH_COLUMN_NAMES.map((column) => row[column]));
          await client.query(BATCH_EVENTS_AND_TASKS, [JSON.stringify(rows)]);
        }
      }),
    );
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
};

/** What a naive implementation does: per issue, a transaction with its event and its task. */
const writeOneByOne = async (url: string, rows: ReadonlyArray<MappedRow>) => {
  const client = await connect(url);
  try {
    for (const row of rows) {
      await client.query('begin');
      const event = await client.query(NAIVE_EVENT, [row.idempotency_key, row.organization_id, row.connection_id, row.external_id, row.kind, row.processed_at]);
      if (event.rowCount === 1) {
        await client.query(NAIVE_TASK, TASK_COLUMN_NAMES.map((column) => (column === 'source_data' ? JSON.stringify(row[column]) : row[column])));
      }
      await client.query('commit');
    }
  } finally {
    await client.end();
  }
};

const expectRows = async (url: string, expected: number) => {
  const client = await connect(url);
  try {
    const { rows } = await client.query('select (select count(*) from external_tasks)::int as tasks, (select count(*) from external_task_events)::int as events');
    if (rows[0].tasks !== expected || rows[0].events !== expected) throw new Error(`expected ${expected} tasks and events, found ${JSON.stringify(rows[0])}`);
  } finally {
    await client.end();
  }
};

childProgram<DirectWritesInput, DirectWritesResult>(async (input) => {
  const pages = await mappedPages(input.issues, input.pageSize);
  const results: PhaseResult[] = [];
  for (const variant of input.variants) {
    const phase =
      variant.kind === 'naive'
        ? await timePhase(input.issues, () => writeOneByOne(variant.databaseUrl, pages.flat()), () => ({ variant: 'naive' }))
        : await timePhase(
            input.issues,
            () => writeBatches(variant.databaseUrl, rebatch(pages, variant.batch), variant.writers),
            () => ({ variant: `batch ${variant.batch} x ${variant.writers} writer${variant.writers === 1 ? '' : 's'}` }),
          );
    await expectRows(variant.databaseUrl, input.issues);
    results.push(withoutValue(phase));
  }
  return results;
});
