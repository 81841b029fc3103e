import type * as t from 'io-ts';
import { intFromString } from './primitives.js';
import { strictObject } from './strict-object.js';

/** Query string of a list that takes only how many items to answer, up to `max`. */
export const limitQueryCodec = (max: number) => strictObject('LimitQuery', {}, { limit: intFromString(1, max) });
export type LimitQuery = t.TypeOf<ReturnType<typeof limitQueryCodec>>;
