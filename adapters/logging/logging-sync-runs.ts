import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Logger } from 'pino';
import type { SyncRun, SyncRunRepository, UnitOfWork } from '../../core/index.js';

const identify = (run: SyncRun) => ({ runId: run.id, organizationId: run.organizationId, connectionId: run.connectionId, trigger: run.trigger, mode: run.mode });

const logEnd = (logger: Logger, stored: SyncRun) => {
  const durationMs = stored.finishedAt === null || stored.startedAt === null ? null : stored.finishedAt.getTime() - stored.startedAt.getTime();
  const fields = { ...identify(stored), status: stored.status, ...stored.counts, durationMs, ...(stored.error === null ? {} : { reason: stored.error }) };
  if (stored.status === 'queued') logger.warn(fields, 'sync attempt failed; queued again');
  else if (stored.status === 'failed') logger.warn(fields, 'sync failed');
  else logger.info(fields, 'sync finished');
};

/**
 * The sync history port, saying in the log when a worker starts a run and how it ends (one line
 * each, with the run id and its counts): per-task lines are debug, so these are what info shows of a sync.
 */
export const loggingSyncRuns = (runs: SyncRunRepository, logger: Logger): SyncRunRepository => ({
  ...runs,
  claim: (...claim) =>
    pipe(
      runs.claim(...claim),
      TE.tap((claimed) => TE.fromIO(() => (claimed === null ? undefined : logger.info(identify(claimed), 'sync started')))),
    ),
  finish: (run) =>
    pipe(
      runs.finish(run),
      TE.tap((stored) => TE.fromIO(() => (stored === null ? undefined : logEnd(logger, stored)))),
    ),
});

/** The unit of work whose transactions log the runs they close, like `loggingSyncRuns`. */
export const loggingSyncRunsIn = (unitOfWork: UnitOfWork, logger: Logger): UnitOfWork => ({
  ...unitOfWork,
  transaction: (work, lane) => unitOfWork.transaction((ports) => work({ ...ports, syncRuns: loggingSyncRuns(ports.syncRuns, logger) }), lane),
});
