import type { RecordStore, SnRecord } from './record-store.js';
import { renderRecord, type RenderOptions } from './render.js';

interface Rendered {
  readonly stamp: string;
  readonly text: string;
}

// Keyed by the record itself: the store replaces a record on every change, so a changed record is a
// new key and its old renders go with the old object.
const renders = new WeakMap<SnRecord, Map<string, Rendered>>();

/**
 * What a render reads besides its record: dot-walked fields (`assigned_to.email`) read other
 * records, so their renders hold only while no table has changed since.
 */
export const renderStamp = (store: RecordStore, fields: ReadonlyArray<string>): string =>
  fields.some((field) => field.includes('.')) ? store.tables().map((table) => `${table}:${store.version(table)}`).join(',') : '';

/**
 * A record's JSON as `renderRecord` writes it, written once per version of the record (and of what
 * it reads, `stamp`) and per way of asking. A real instance renders on its own servers; the simulator
 * rendered 1,000 records a read on the cores the sync it serves runs on (docs/performance.md).
 */
export const renderedText = (table: string, record: SnRecord, options: RenderOptions, stamp: string): string => {
  const key = `${table}|${options.instance}|${String(options.plainReferences)}|${options.fields.join(',')}`;
  const kept = renders.get(record) ?? new Map<string, Rendered>();
  renders.set(record, kept);
  const hit = kept.get(key);
  if (hit !== undefined && hit.stamp === stamp) return hit.text;
  const text = JSON.stringify(renderRecord(table, record, options));
  kept.set(key, { stamp, text });
  return text;
};
