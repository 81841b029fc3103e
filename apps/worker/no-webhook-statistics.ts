import * as T from 'fp-ts/lib/Task.js';
import type { WebhookStatsRecorder } from '../../core/index.js';

/** A worker receives no webhooks: nothing to count. */
export const noWebhookStatistics: WebhookStatsRecorder = { record: () => T.of(undefined) };
