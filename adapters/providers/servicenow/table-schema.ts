import * as A from 'fp-ts/lib/Array.js';
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as t from 'io-ts';
import type { SourceConnection, SourceError } from '../../../core/index.js';
import { isPlainValue } from './encoded-query.js';
import { decodeEach } from './responses.js';
import type { ListCall } from './servicenow-call.js';
import { ReferenceCodec } from './to-domain.js';

const TableRowCodec = t.type({ sys_id: t.string, name: t.string, super_class: ReferenceCodec });
const FieldRowCodec = t.type({ name: t.string, element: t.string, internal_type: ReferenceCodec, reference: ReferenceCodec });

/** A field as the dictionary defines it: on which table of the hierarchy, of which type, referencing what. */
export interface FieldDefinition {
  readonly table: string;
  readonly type: string | null;
  /** The table a reference field points at. */
  readonly reference: string | null;
}

/**
 * The instance's own schema, read through the Table API as far as a filter check needs it: which
 * tables exist and what they extend (`sys_db_object.super_class`), and which fields the dictionary
 * (`sys_dictionary`) defines on each. Answers are kept for the life of this value (one check).
 */
export interface TableSchema {
  /** The table, then the tables it extends, nearest first; empty when the instance shows no such table. */
  readonly lineage: (tables: ReadonlyArray<string>) => TE.TaskEither<SourceError, ReadonlyMap<string, ReadonlyArray<string>>>;
  /** Where each of `elements` is defined for each table (walking its lineage); absent when nowhere. */
  readonly fields: (
    tables: ReadonlyArray<string>,
    elements: ReadonlyArray<string>,
  ) => TE.TaskEither<SourceError, (table: string, element: string) => FieldDefinition | undefined>;
}

const BATCH = 100;

export const tableSchema = (call: ListCall, connection: SourceConnection): TableSchema => {
  const byName = new Map<string, t.TypeOf<typeof TableRowCodec> | null>();
  const byId = new Map<string, t.TypeOf<typeof TableRowCodec>>();
  const definitions = new Map<string, t.TypeOf<typeof FieldRowCodec> | null>();

  const readTables = (condition: 'name' | 'sys_id', values: ReadonlyArray<string>) =>
    pipe(
      A.chunksOf(BATCH)([...values]),
      TE.traverseSeqArray((chunk) => {
        const what = 'the table check (GET /api/now/table/sys_db_object)';
        return pipe(
          call(connection, { table: 'sys_db_object', query: `${condition}IN${chunk.join(',')}`, fields: ['sys_id', 'name', 'super_class'], limit: chunk.length, noCount: true }, what),
          TE.chainEitherKW((answer) => decodeEach(TableRowCodec, answer.records, what)),
        );
      }),
      TE.map((pages) => pages.flat().forEach((row) => (byName.set(row.name, row), byId.set(row.sys_id, row)))),
    );

  /** Parents one level at a time, every table at once: a hierarchy of depth d costs d + 1 reads. */
  const lineage: TableSchema['lineage'] = (tables) => async () => {
    let wanted = tables.filter((name) => !byName.has(name) && isPlainValue(name));
    let read = await readTables('name', wanted)();
    if (E.isLeft(read)) return read;
    wanted.forEach((name) => byName.set(name, byName.get(name) ?? null));
    for (let depth = 0; depth < 20; depth += 1) {
      wanted = [...byName.values()].flatMap((row) => (row?.super_class && !byId.has(row.super_class) ? [row.super_class] : []));
      if (wanted.length === 0) break;
      read = await readTables('sys_id', [...new Set(wanted)])();
      if (E.isLeft(read)) return read;
      wanted.filter((id) => !byId.has(id)).forEach((id) => byId.set(id, { sys_id: id, name: '', super_class: null }));
    }
    const chainOf = (name: string): string[] => {
      const chain: string[] = [];
      for (let row = byName.get(name) ?? null; row !== null && row.name !== '' && chain.length < 20; row = row.super_class === null ? null : (byId.get(row.super_class) ?? null)) {
        chain.push(row.name);
      }
      return chain;
    };
    return E.right(new Map(tables.map((name) => [name, chainOf(name)])));
  };

  const readFields = (tables: ReadonlyArray<string>, elements: ReadonlyArray<string>) => {
    const what = 'the field check (GET /api/now/table/sys_dictionary)';
    const limit = Math.min(10_000, Math.max(1, tables.length * elements.length));
    const query = `nameIN${tables.join(',')}^elementIN${elements.join(',')}`;
    return pipe(
      call(connection, { table: 'sys_dictionary', query, fields: ['name', 'element', 'internal_type', 'reference'], limit, noCount: true }, what),
      TE.chainEitherKW((answer) => decodeEach(FieldRowCodec, answer.records, what)),
      TE.map((rows) => {
        tables.forEach((table) => elements.forEach((element) => definitions.set(`${table}.${element}`, definitions.get(`${table}.${element}`) ?? null)));
        rows.forEach((row) => definitions.set(`${row.name}.${row.element}`, row));
      }),
    );
  };

  const fields: TableSchema['fields'] = (tables, elements) =>
    pipe(
      lineage(tables),
      TE.chainFirst((chains) => {
        const all = [...new Set([...chains.values()].flat())];
        const plain = elements.filter(isPlainValue);
        return all.length === 0 || plain.length === 0 ? TE.right(undefined) : readFields(all, plain);
      }),
      TE.map((chains) => (table: string, element: string) => {
        const owner = (chains.get(table) ?? []).find((name) => (definitions.get(`${name}.${element}`) ?? null) !== null);
        const row = owner === undefined ? null : definitions.get(`${owner}.${element}`)!;
        return row === null ? undefined : { table: row.name, type: row.internal_type, reference: row.reference };
      }),
    );

  return { lineage, fields };
};
