import * as t from 'io-ts';
import { envelope } from './codecs';
import { ConnectionViewCodec, TestResultCodec } from './connection';
import { MappingsChangeCodec, MappingsCodec, type Mappings } from './mappings';
import { QueuedSyncCodec, SyncRunCodec } from './sync';
import type { Transport } from './transport';

const NoContent = new t.Type<undefined, undefined, unknown>('NoContent', (u): u is undefined => u === undefined, (u, c) => (u === undefined ? t.success(undefined) : t.failure(u, c)), () => undefined);

const at = (id: string, rest = '') => `/api/integrations/${encodeURIComponent(id)}${rest}`;
const data = async <A>(promise: Promise<{ data: A }>): Promise<A> => (await promise).data;

/** `/api/integrations`: connections, their tests, syncs and mappings. */
export const connectionsApi = (http: Transport) => ({
  list: () => data(http.call('GET', '/api/integrations', envelope(t.array(ConnectionViewCodec)))),
  get: (id: string) => data(http.call('GET', at(id), envelope(ConnectionViewCodec))),
  /** `{ type, name?, ...one property per provider field }`. */
  create: (body: Readonly<Record<string, unknown>>) => data(http.call('POST', '/api/integrations', envelope(ConnectionViewCodec), body)),
  update: (id: string, changes: Readonly<Record<string, unknown>>) => data(http.call('PATCH', at(id), envelope(ConnectionViewCodec), changes)),
  remove: (id: string) => http.call('DELETE', at(id), NoContent),
  test: (id: string) => data(http.call('POST', at(id, '/test'), envelope(TestResultCodec))),
  /** Queues a sync and answers at once (202) with the run to follow, instead of waiting for its end. */
  startSync: (id: string, mode: 'incremental' | 'full') =>
    data(http.call('POST', at(id, '/sync-now'), envelope(QueuedSyncCodec), { mode }, { headers: { prefer: 'respond-async' } })),
  /** The latest `limit` runs, newest first. */
  syncRuns: (id: string, limit: number) => data(http.call('GET', at(id, `/sync-runs?limit=${limit}`), envelope(t.array(SyncRunCodec)))),
  syncRun: (id: string, runId: string) => data(http.call('GET', at(id, `/sync-runs/${encodeURIComponent(runId)}`), envelope(SyncRunCodec))),
  /** A queued run is cancelled at once, a running one between two pages; answers the run as it is then. */
  cancelSyncRun: (id: string, runId: string) => data(http.call('POST', at(id, `/sync-runs/${encodeURIComponent(runId)}/cancel`), envelope(SyncRunCodec))),
  mappings: (id: string) => data(http.call('GET', at(id, '/mappings'), envelope(MappingsCodec))),
  /** Replaces every rule (PUT); the stored tasks are mapped again at once. */
  replaceMappings: async (id: string, mappings: Mappings) => {
    const answer = await http.call('PUT', at(id, '/mappings'), MappingsChangeCodec, mappings);
    return { mappings: answer.data, remap: answer.meta.remap };
  },
});

export { NoContent };
