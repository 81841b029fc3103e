import * as E from 'fp-ts/lib/Either.js';
import type { SyncReport, SyncRun } from '../../domain/sync-run.js';
import {
  connectionNotFound,
  persistenceFailure,
  reauthorizationRequired,
  secretUnreadable,
  sourceAuthRejected,
  sourceConfigurationInvalid,
  sourceRateLimited,
  sourceUnavailable,
  syncStopped,
  unstorableData,
  type DomainError,
} from '../../errors.js';

/** The error a run ended with, as the caller would have got it running the sync itself. */
const errorOf = (run: SyncRun): DomainError => {
  const message = run.failure?.message ?? run.error ?? `The sync ended ${run.status}`;
  if (run.status === 'cancelled') return syncStopped(run.connectionId, run.failure?.code === 'SyncStopped' && /deleted/.test(message) ? 'connection-deleted' : 'cancelled');
  if (run.status === 'interrupted') return syncStopped(run.connectionId, 'shutdown');
  switch (run.failure?.code) {
    case 'SourceAuthRejected':
      return sourceAuthRejected(message);
    case 'SourceUnavailable':
      return sourceUnavailable(message);
    case 'SourceRateLimited':
      return sourceRateLimited(message, run.failure?.retryAfterMs ?? null);
    case 'SourceConfigurationInvalid':
      return sourceConfigurationInvalid(message, run.failure?.details ?? []);
    case 'ReauthorizationRequired':
      return reauthorizationRequired(run.connectionId);
    case 'ConnectionNotFound':
      return connectionNotFound(run.connectionId);
    case 'SecretUnreadable':
      return secretUnreadable(message);
    case 'UnstorableData':
      return unstorableData(message);
    default:
      return persistenceFailure(message);
  }
};

/** A finished run as sync-now answers it: the report of a success, or the error it ended with. */
export const reportOf = (run: SyncRun, cursor: string | null): E.Either<DomainError, SyncReport> =>
  run.status === 'succeeded'
    ? E.right({
        runId: run.id,
        status: 'succeeded',
        mode: run.mode,
        ...run.counts,
        pages: run.pages,
        sweep: run.sweep,
        quarantine: run.quarantine,
        startedAt: run.startedAt ?? run.queuedAt,
        finishedAt: run.finishedAt ?? run.queuedAt,
        cursor,
      })
    : E.left(errorOf(run));
