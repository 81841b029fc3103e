import type * as t from 'io-ts';
import { intFromString } from './primitives.js';
import { strictObject } from './strict-object.js';

/** Query string of "list sync runs": how many of the latest runs to answer. */
export const SyncRunQueryCodec = strictObject('SyncRunQuery', {}, { limit: intFromString(1, 50) });
export type SyncRunQuery = t.TypeOf<typeof SyncRunQueryCodec>;
