import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Logger } from 'pino';
import type { SyncRun, SyncRunRepository } from '../../core/index.js';

const identify = (run: SyncRun) => ({ runId: run.id, organizationId: run.organizationId, connectionId: run.connectionId, trigger: run.trigger, mode: run.mode });

/**
 * The sync history port, saying in the log when each run starts and how it ends (one line each,
 * with the run id and its counts): per-task lines are debug, so these are what info shows of a sync.
 */
export const loggingSyncRuns = (runs: SyncRunRepository, logger: Logger): SyncRunRepository => ({
  ...runs,
  insert: (run) =>
    pipe(
      runs.insert(run),
      TE.tap((stored) => TE.fromIO(() => logger.info(identify(stored), 'sync started'))),
    ),
  finish: (run) =>
    pipe(
      runs.finish(run),
      TE.tap((stored) =>
        TE.fromIO(() => {
          const durationMs = stored.finishedAt === null ? null : stored.finishedAt.getTime() - stored.startedAt.getTime();
          const fields = { ...identify(stored), status: stored.status, ...stored.counts, durationMs, ...(stored.error === null ? {} : { reason: stored.error }) };
          if (stored.status === 'failed') logger.warn(fields, 'sync failed');
          else logger.info(fields, 'sync finished');
        }),
      ),
    ),
});
