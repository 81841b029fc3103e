import type { EntityManager, Knex } from '@mikro-orm/postgresql';

interface SentStatement {
  /** As knex's builder names each statement, for the listeners that pair a statement with its answer. */
  readonly __knexQueryUid: string;
  readonly sql: string;
  readonly bindings: unknown[];
  readonly method: 'raw';
  response?: { readonly rows: unknown[] };
}

interface KnexConnection {
  readonly __knexUid?: string;
  readonly __knexTxId?: string;
}

/**
 * What knex's client is below its query builder and runner: a transaction's own client hands out the
 * transaction's connection (and refuses a statement once the transaction is over); the ORM's client,
 * its pool's. `query` tells the client's listeners of the statement and words its failures.
 */
interface StatementClient {
  readonly acquireConnection: () => Promise<KnexConnection>;
  readonly releaseConnection: (connection: KnexConnection) => Promise<void>;
  readonly query: (connection: KnexConnection, statement: SentStatement) => Promise<SentStatement>;
  readonly emit: (event: 'query-response', response: unknown, statement: object) => boolean;
}

let statementsSent = 0;

const KNEX_PLACEHOLDER = /\\?\?\??/g;
const MAX_REMEMBERED_TEXTS = 512;
const numberedTexts = new Map<string, string | null>();

/**
 * `sql` with its `?` placeholders numbered ($1, $2, ...) as knex numbers them for PostgreSQL; null
 * when it holds knex's other forms (`??` identifiers, `\?` escapes), which knex's builder handles.
 * Statements are constants or a few variants of one, so their numbered texts are kept.
 */
const numberedText = (sql: string): string | null => {
  const known = numberedTexts.get(sql);
  if (known !== undefined) return known;
  let count = 0;
  let plain = true;
  const text = sql.replace(KNEX_PLACEHOLDER, (match) => {
    if (match !== '?') plain = false;
    return `$${++count}`;
  });
  if (numberedTexts.size >= MAX_REMEMBERED_TEXTS) numberedTexts.clear();
  numberedTexts.set(sql, plain ? text : null);
  return plain ? text : null;
};

// knex's builder refuses a statement with an undefined value anywhere in its bindings.
const holdsUndefined = (value: unknown): boolean =>
  value === undefined ||
  (Array.isArray(value) ? value.some(holdsUndefined) : value !== null && Object.getPrototypeOf(value) === Object.prototype && Object.values(value).some(holdsUndefined));

const throughBuilder = async <R>(em: EntityManager, transaction: Knex.Transaction | undefined, sql: string, params: ReadonlyArray<Knex.RawBinding>): Promise<R[]> => {
  const query = em.getConnection().getKnex().raw(sql, [...params]);
  if (transaction !== undefined) query.transacting(transaction);
  const result: { rows: R[] } = await query;
  return result.rows;
};

/**
 * Runs one statement with its values as bind parameters, on the entity manager's transaction when
 * it has one. MikroORM's own `execute` inlines every value into the SQL text: for a batch sent as
 * one JSON parameter that means escaping and re-sending some 100 KB of text per statement, the
 * largest CPU cost of a sync's writes. Here the JSON travels as is. The statement goes to knex's
 * client directly, on the connection its runner would have used: the raw builder and the runner
 * around it (bindings rewritten, the connection ensured, the response processed) cost about as
 * much CPU as pg's own work, on each of the statements of every page of a sync.
 */
export const executeBound = async <R>(em: EntityManager, sql: string, params: ReadonlyArray<Knex.RawBinding>): Promise<R[]> => {
  const transaction = em.getTransactionContext<Knex.Transaction>();
  const text = numberedText(sql);
  if (text === null || params.some(holdsUndefined)) return throughBuilder<R>(em, transaction, sql, params);
  const client = (transaction?.client ?? em.getConnection().getKnex().client) as unknown as StatementClient;
  const connection = await client.acquireConnection();
  try {
    const sent = await client.query(connection, { __knexQueryUid: `bound-${++statementsSent}`, sql: text, bindings: [...params], method: 'raw' });
    // As knex's runner tells it, for the listeners that follow statements to their answers.
    client.emit('query-response', sent.response, { __knexUid: connection.__knexUid, __knexTxId: connection.__knexTxId, ...sent });
    return sent.response!.rows as R[];
  } finally {
    await client.releaseConnection(connection);
  }
};
