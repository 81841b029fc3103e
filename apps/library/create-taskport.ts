import type Router from '@koa/router';
import { createApiRouter, type ApiRouterOptions, type RouterAuth } from '../../adapters/http/create-api-router.js';
import { createLogger } from '../../adapters/logging/pino-logger.js';
import { composeApiServices, type ApiBackground } from '../api/api-services.js';
import { startWorker, type RunningWorker, type WorkerSettings } from '../worker/worker.js';
import { openLibraryRuntime, type LibraryRuntime } from './library-runtime.js';
import { decodeSecrets, type TaskportOptions, type TaskportWorkerOptions } from './options.js';
import { promisedUseCases, type TaskportUseCases } from './promised-use-cases.js';
import { defaultProviders } from './providers.js';

/** The worker of an embedded taskport: sync jobs, the schedule, sweeps and retention, as `npm run worker` runs them. */
export interface TaskportWorker {
  /** Starts taking work (once; a second call waits for the first). */
  readonly start: () => Promise<void>;
  /** Takes no more work; waits for running syncs up to `graceMs` (20 s), then interrupts them with their counts. */
  readonly stop: (graceMs?: number) => Promise<void>;
}

export interface Taskport {
  /** Core's use cases, Promise-based: a rejection is a `TaskportError` carrying the tagged error. */
  readonly useCases: TaskportUseCases;
  /** A Koa router of the whole /api to mount on the host's app, behind `auth` (the API's JWT, or the host's own sign-in). */
  readonly router: (auth: RouterAuth, options?: Omit<ApiRouterOptions, 'useCases' | 'logger' | 'auth'>) => Router;
  readonly worker: TaskportWorker;
  /** Every organization's events after their commit, in feed order, at least once (dedupe on `event.id`); returns the unsubscribe. */
  readonly onEvent: ApiBackground['events']['onEvent'];
  /** Waits until everything committed so far was published and handed to the handlers, and every recorded webhook delivery applied. */
  readonly drain: () => Promise<void>;
  /** Stops the worker (if started), the background work and the database pools. */
  readonly close: () => Promise<void>;
}

const RETENTION = { eventDays: 7, inboxDays: 7, cron: '17 3 * * *' };

const workerSettings = (options: TaskportWorkerOptions = {}): WorkerSettings => ({
  leaseMs: (options.leaseSeconds ?? 60) * 1000,
  concurrency: options.concurrency ?? 4,
  pollSeconds: options.pollSeconds ?? 2,
  tickSeconds: options.tickSeconds ?? 15,
  retention: RETENTION,
});

const controlledWorker = (runtime: LibraryRuntime, start: () => Promise<RunningWorker>): TaskportWorker => {
  let running: Promise<RunningWorker> | undefined;
  return {
    start: async () => {
      running ??= start();
      runtime.onQueued.wake = (await running).wake;
    },
    stop: async (graceMs = 20_000) => {
      const stopping = running;
      running = undefined;
      runtime.onQueued.wake = () => undefined;
      await (await stopping)?.stop(graceMs);
    },
  };
};

/**
 * taskport inside a host's own process, on the host's PostgreSQL: Promise-based use cases, a Koa
 * router to mount, a worker to start and stop, and the events hook. Options are checked before
 * anything is opened (`TaskportConfigError`); the database must exist.
 */
export const createTaskport = async (options: TaskportOptions): Promise<Taskport> => {
  const { databaseUrl, keyring } = decodeSecrets(options);
  const logger = options.logger ?? createLogger('warn');
  const runtime = await openLibraryRuntime({
    databaseUrl,
    keyring,
    logger,
    providers: options.providers ?? defaultProviders(),
    migrate: options.migrate ?? true,
    allowPrivateNetwork: options.allowPrivateNetwork ?? false,
  });
  const { useCases, startBackground } = composeApiServices(runtime.infrastructure);
  const background = startBackground(options.events === undefined ? {} : { events: options.events });
  const worker = controlledWorker(runtime, () =>
    startWorker({ boss: runtime.boss, useCases, syncRuns: runtime.adapters.syncRuns, trimHistory: runtime.adapters.trimHistory, logger, settings: workerSettings(options.worker) }),
  );
  let closing: Promise<void> | undefined;
  return {
    useCases: promisedUseCases(useCases),
    router: (auth, routerOptions = {}) => createApiRouter({ ...routerOptions, useCases, logger, auth }),
    worker,
    onEvent: background.events.onEvent,
    drain: async () => {
      await background.webhooks.drain();
      await background.events.drain();
    },
    close: () =>
      (closing ??= (async () => {
        await worker.stop();
        await background.close();
        await runtime.close();
      })()),
  };
};
