import { loggingSyncRuns, loggingSyncRunsIn } from '../../adapters/logging/logging-sync-runs.js';
import type { ApiUseCases } from '../../adapters/http/api-use-cases.js';
import { cachedWebhookConnections } from '../../adapters/cache/cached-webhook-connections.js';
import { afterCommit } from '../../adapters/events/after-commit.js';
import type { Metrics } from '../../adapters/metrics/metrics.js';
import { measuredSyncRuns, measuredSyncRunsIn, providerOfRun } from '../../adapters/metrics/sync-metrics.js';
import { httpEventSender } from '../../adapters/outbound/http-event-sender.js';
import { batchedWebhookStats, type BatchedWebhookStats } from '../../adapters/stats/batched-webhook-stats.js';
import type { WebhookInbox } from '../../core/index.js';
import { buildContainer, type Infrastructure } from './container.js';
import { startEventDelivery, type EventDelivery, type EventDeliveryOptions, type OnEvent } from './event-delivery.js';
import { SERVICE } from './service-ids.js';
import { startWebhookInboxRunner, type WebhookInboxRunner, type WebhookInboxRunnerOptions } from './webhook-inbox-runner.js';

/** The adapters of the API's use cases; webhook statistics are batched per connection unless a recorder is given. */
export interface ServerInfrastructure extends Omit<Infrastructure, 'webhookStats' | 'eventSender'> {
  readonly webhookStats?: BatchedWebhookStats;
  /** Sends events to endpoints; the guarded HTTP sender (public addresses only) by default. */
  readonly eventSender?: Infrastructure['eventSender'];
}

export interface BackgroundOptions {
  /** How the runner applying recorded webhook deliveries batches and polls. */
  readonly webhookRunner?: Pick<WebhookInboxRunnerOptions, 'batchSize' | 'pollMs'>;
  /** How events are published, delivered and kept (retention, batch sizes, polling). */
  readonly events?: EventDeliveryOptions;
  /** Whether the process is busy answering, so the webhook runner yields (never, by default). */
  readonly busy?: () => boolean;
}

/** The background work of the API's process: recorded webhook deliveries applied, events published and handed over. */
export interface ApiBackground {
  /** Applies recorded webhook deliveries; `drain()` waits until none is left. */
  readonly webhooks: Pick<WebhookInboxRunner, 'drain' | 'idle'>;
  /**
   * The in-process hook for a host embedding taskport: `onEvent(handler)` hands every organization's
   * events to `handler` after their commit, in feed order, at least once (dedupe on `event.id`);
   * `drain()` waits until everything committed so far was published and handed over.
   */
  readonly events: { readonly onEvent: OnEvent; readonly drain: EventDelivery['drain'] };
  /** Stops the runners, then writes the webhook counts still pending. */
  readonly close: () => Promise<void>;
}

export interface ApiServices {
  readonly useCases: ApiUseCases;
  /** Starts the background work; once, after the routes that record deliveries can be reached. */
  readonly startBackground: (options?: BackgroundOptions) => ApiBackground;
}

/** Wakes the runner as soon as a delivery is recorded or replayed, so nothing waits for the next poll. */
const wakingInbox = (inbox: WebhookInbox, wake: () => void): WebhookInbox => ({
  ...inbox,
  record: (delivery) => async () => {
    const outcome = await inbox.record(delivery)();
    if (outcome._tag === 'Right' && outcome.right === 'recorded') wake();
    return outcome;
  },
  replay: (...request) => async () => {
    const outcome = await inbox.replay(...request)();
    if (outcome._tag === 'Right' && outcome.right.length > 0) wake();
    return outcome;
  },
});

/**
 * The use cases of an API process bound to their adapters (with the connection cache, run logging and
 * after-commit wake-ups they need), and the background work that goes with them: what the HTTP
 * server and an embedding host share. With `metrics`, sync runs are counted and timed there.
 */
export const composeApiServices = (infra: ServerInfrastructure, metrics?: Metrics): ApiServices => {
  const webhookStats =
    infra.webhookStats ??
    batchedWebhookStats(infra.persistence.connections, { onError: (message) => infra.logger.warn({ message }, 'webhook statistics kept for the next write') });
  // The runners start later; until then a wake-up has nobody to wake.
  const runner: { current?: WebhookInboxRunner; events?: EventDelivery } = {};
  const connections = cachedWebhookConnections(infra.persistence.connections);
  const providerOf = providerOfRun(infra.persistence.connections);
  const measured = <A>(port: A, measure: (port: A, syncs: Metrics['syncs'], providerOf: ReturnType<typeof providerOfRun>) => A): A =>
    metrics === undefined ? port : measure(port, metrics.syncs, providerOf);
  const persistence = {
    ...infra.persistence,
    connections,
    syncRuns: measured(loggingSyncRuns(infra.persistence.syncRuns, infra.logger), measuredSyncRuns),
    webhookInbox: wakingInbox(infra.persistence.webhookInbox, () => runner.current?.wake()),
    // After a commit: the cache forgets the connections written, and the events are published at once.
    unitOfWork: afterCommit(measured(loggingSyncRunsIn(infra.persistence.unitOfWork, infra.logger), measuredSyncRunsIn), {
      onEnd: (touched, committed) => {
        touched.connectionIds.forEach(connections.forget);
        if (committed && touched.outboxEvents > 0) runner.events?.wake();
      },
    }),
  };
  const ownSender = infra.eventSender === undefined ? httpEventSender({ allowPrivateNetwork: false, logger: infra.logger }) : undefined;
  const eventSender = infra.eventSender ?? ownSender!;
  const container = buildContainer({ ...infra, persistence, webhookStats, eventSender });
  const useCases = container.get(SERVICE.UseCases);
  const startBackground = (options: BackgroundOptions = {}): ApiBackground => {
    const started = startWebhookInboxRunner({ process: useCases.processWebhookInbox, logger: infra.logger, busy: options.busy ?? (() => false), ...options.webhookRunner });
    runner.current = started;
    const events = startEventDelivery(useCases, infra.logger, options.events);
    runner.events = events;
    return {
      webhooks: { drain: started.drain, idle: started.idle },
      events: { onEvent: events.onEvent, drain: events.drain },
      close: async () => {
        await started.close();
        await events.close();
        ownSender?.close();
        await webhookStats.close();
      },
    };
  };
  return { useCases, startBackground };
};
