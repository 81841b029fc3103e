import * as t from 'io-ts';
import { strictObject } from './strict-object.js';

export const SyncModeCodec = t.keyof({ incremental: null, full: null, sweep: null }, 'SyncMode');

/** Optional body of "sync now". */
export const SyncNowInputCodec = strictObject('SyncNowInput', {}, { mode: SyncModeCodec });
