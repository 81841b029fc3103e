import { DEFAULT_ID_SYNC } from '../../core/index.js';
import type { SyncJobPolicy } from '../../adapters/queue/pg-boss.js';
import type { Env } from '../api/config.js';
import type { SyncSettings } from '../api/service-ids.js';

/** The sync settings of core, from the environment. */
export const syncSettingsOf = (config: Env): SyncSettings => ({
  schedulePolicy: { minIntervalSeconds: config.TASKPORT_MIN_SYNC_INTERVAL_SECONDS, sweepIntervalSeconds: config.TASKPORT_SWEEP_INTERVAL_SECONDS, jitter: 0.1 },
  minSyncIntervalSeconds: config.TASKPORT_MIN_SYNC_INTERVAL_SECONDS,
  runLeaseMs: config.TASKPORT_RUN_LEASE_SECONDS * 1000,
  maxRunAttempts: config.TASKPORT_SYNC_MAX_ATTEMPTS,
  idSync: { ...DEFAULT_ID_SYNC, batchesInFlight: config.TASKPORT_SYNC_BATCHES_IN_FLIGHT },
});

/** The queue's retry policy for sync jobs, from the environment. */
export const syncJobPolicyOf = (config: Env): SyncJobPolicy => ({
  maxAttempts: config.TASKPORT_SYNC_MAX_ATTEMPTS,
  retryDelaySeconds: config.TASKPORT_SYNC_RETRY_DELAY_SECONDS,
  expireInSeconds: config.TASKPORT_SYNC_JOB_EXPIRE_SECONDS,
});
