import type { Knex } from '@mikro-orm/postgresql';
import type { Cipher, Ciphertext } from '../../../core/index.js';
import { executeBound } from '../bound-statement.js';
import type { EntityManagerSource } from '../database-call.js';
import { SECRET_TABLES, type Row, type SecretPlace, type SecretTable, type StoredSecret } from './secret-tables.js';

export interface RotationOptions {
  /** Rows read per statement (each re-encrypted secret is then one short update of its own). */
  readonly batchSize: number;
  /** Only this organization's secrets (the old key cannot go until every organization is done). */
  readonly organizationId?: string;
  /** Told after each batch, for a progress display. */
  readonly onBatch?: (table: string, report: RotationReport) => void;
}

/** A secret no configured key decrypts, by where it is (never its content). */
export interface UnreadableSecret {
  readonly table: string;
  readonly key: string;
  readonly place: string;
  readonly reason: string;
}

export interface RotationReport {
  /** Secrets looked at. */
  readonly examined: number;
  /** Re-encrypted with the current key. */
  readonly reencrypted: number;
  /** Changed by someone else between the read and the write (a new secret, a refreshed token): left as written. */
  readonly changedMeanwhile: number;
  readonly unreadable: ReadonlyArray<UnreadableSecret>;
}

const emptyReport: RotationReport = { examined: 0, reencrypted: 0, changedMeanwhile: 0, unreadable: [] };

const placeName = (place: SecretPlace) => [place.column, ...(place.path ?? [])].join('.');

const readPage = (em: EntityManagerSource, table: SecretTable, after: string | undefined, options: Pick<RotationOptions, 'batchSize' | 'organizationId'>) => {
  const conditions = [...(after === undefined ? [] : [`${table.key} > ?`]), ...(options.organizationId === undefined ? [] : ['organization_id = ?'])];
  const params: Knex.RawBinding[] = [...(after === undefined ? [] : [after]), ...(options.organizationId === undefined ? [] : [options.organizationId]), options.batchSize];
  const where = conditions.length === 0 ? '' : `where ${conditions.join(' and ')}`;
  return executeBound<Row>(em(), `select ${table.key}::text as row_key, organization_id, ${table.key}, ${table.columns.join(', ')} from ${table.table} ${where} order by ${table.key} limit ?`, params);
};

/** The table's rows, a batch at a time, in key order. */
async function* batches(em: EntityManagerSource, table: SecretTable, options: Pick<RotationOptions, 'batchSize' | 'organizationId'>): AsyncGenerator<ReadonlyArray<Row>> {
  let after: string | undefined;
  for (;;) {
    const page = await readPage(em, table, after, options);
    if (page.length > 0) yield page;
    if (page.length < options.batchSize) return;
    after = String(page[page.length - 1]!.row_key);
  }
}

/** Writes the new ciphertext only where the old one still is: a secret changed meanwhile is not overwritten. */
const replace = async (em: EntityManagerSource, table: SecretTable, key: string, secret: StoredSecret, next: string): Promise<boolean> => {
  const { column, path } = secret.place;
  const rows =
    path === undefined
      ? await executeBound(em(), `update ${table.table} set ${column} = ? where ${table.key} = ? and ${column} = ? returning 1`, [next, key, secret.ciphertext])
      : await executeBound(em(), `update ${table.table} set ${column} = jsonb_set(${column}, ?::text[], to_jsonb(?::text)) where ${table.key} = ? and ${column} #>> ?::text[] = ? returning 1`, [
          [...path],
          next,
          key,
          [...path],
          secret.ciphertext,
        ]);
  return rows.length === 1;
};

type Outcome = 'current' | 'reencrypted' | 'changed' | { readonly unreadable: string };

const rotateOne = async (em: EntityManagerSource, cipher: Cipher, table: SecretTable, key: string, secret: StoredSecret): Promise<Outcome> => {
  if (!cipher.needsReencryption(secret.ciphertext as Ciphertext)) return 'current';
  const plain = await cipher.decrypt(secret.ciphertext as Ciphertext, secret.context)();
  if (plain._tag === 'Left') return { unreadable: plain.left.message };
  const next = await cipher.encrypt(plain.right, secret.context)();
  if (next._tag === 'Left') return { unreadable: next.left.message };
  return (await replace(em, table, key, secret, next.right)) ? 'reencrypted' : 'changed';
};

const add = (report: RotationReport, table: SecretTable, key: string, secret: StoredSecret, outcome: Outcome): RotationReport => ({
  examined: report.examined + 1,
  reencrypted: report.reencrypted + (outcome === 'reencrypted' ? 1 : 0),
  changedMeanwhile: report.changedMeanwhile + (outcome === 'changed' ? 1 : 0),
  unreadable: typeof outcome === 'object' ? [...report.unreadable, { table: table.table, key, place: placeName(secret.place), reason: outcome.unreadable }] : report.unreadable,
});

/**
 * Re-encrypts every stored secret that a retired key made with the current one, table by table in
 * batches, while the service runs: each write is one short statement that replaces the ciphertext
 * only if it is still the one read, so a secret changed meanwhile keeps its new value. Processes
 * running with the new key as current and the old one among the previous keys read both forms
 * throughout. Secrets already under the current key are left alone, so it can run again at will.
 */
export const reencryptStoredSecrets = async (em: EntityManagerSource, cipher: Cipher, options: RotationOptions): Promise<RotationReport> => {
  let report = emptyReport;
  for (const table of SECRET_TABLES) {
    for await (const page of batches(em, table, options)) {
      for (const row of page) {
        const key = String(row.row_key);
        for (const secret of table.secretsOf(row)) report = add(report, table, key, secret, await rotateOne(em, cipher, table, key, secret));
      }
      options.onBatch?.(table.table, report);
    }
  }
  return report;
};

/** How many stored secrets a retired key still encrypts (0: the previous keys can be removed). */
export const countRetiredSecrets = async (em: EntityManagerSource, cipher: Cipher, options: Pick<RotationOptions, 'batchSize' | 'organizationId'>): Promise<number> => {
  let count = 0;
  for (const table of SECRET_TABLES) {
    for await (const page of batches(em, table, options)) {
      count += page.flatMap((row) => table.secretsOf(row)).filter((secret) => cipher.needsReencryption(secret.ciphertext as Ciphertext)).length;
    }
  }
  return count;
};
