import * as T from 'fp-ts/lib/Task.js';
import type { ConnectionRepository, WebhookStatsRecorder } from '../../core/index.js';

/** Writes each delivery's count at once, for tests of core: the batching recorder is tested on its own. */
export const immediateWebhookStats = (connections: Pick<ConnectionRepository, 'addWebhookStats'>): WebhookStatsRecorder => ({
  record: (organizationId, connectionId, outcome, at) =>
    T.map(() => undefined)(
      connections.addWebhookStats(organizationId, connectionId, {
        accepted: outcome === 'accepted' ? 1 : 0,
        refused: outcome === 'refused' ? 1 : 0,
        lastWebhookAt: outcome === 'accepted' ? at : null,
      }),
    ),
});
