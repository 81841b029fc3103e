import { randomBytes, randomUUID } from 'node:crypto';
import { aesGcmCipher } from '../../../adapters/crypto/aes-gcm-cipher.js';
import { networkBaseUrlPolicy } from '../../../adapters/net/index.js';
import { createOrm, createPostgresAdapters, migrate, type MikroORM } from '../../../adapters/postgres/index.js';
import { jiraProvider } from '../../../adapters/providers/jira/index.js';
import { providerRegistry } from '../../../adapters/providers/shared/registry.js';
import { migrateJobQueue } from '../../../adapters/queue/pg-boss.js';
import { asOrganizationId, createConnection } from '../../../core/index.js';
import { sortableIds } from '../../../adapters/ids/sortable-ids.js';
import type { JiraSimulator } from '../../../apps/simulator/jira/index.js';
import { isRunning, startProgram } from '../../support/child-programs.js';
import { scratchDatabase } from '../../support/test-database.js';

export interface WorkerProcess {
  readonly pid: number;
  readonly exited: Promise<void>;
  /** What it printed when ready (`ready`, then its metrics URL when it serves one). */
  readonly readyLine: string;
}

export interface RunRow {
  readonly id: string;
  readonly connection_id: string;
  readonly trigger: string;
  readonly status: string;
  readonly attempt: number;
  readonly created_count: number;
  readonly pages: number;
}

/**
 * A database of its own (taskport's schema and the job queue's), seen from the test process, and
 * worker processes started on it as `npm run worker` starts one: real child processes sharing it.
 */
export const workerFixture = async () => {
  const database = await scratchDatabase();
  await migrate(database.url);
  await migrateJobQueue(database.url);
  const orm: MikroORM = await createOrm(database.url, { poolSize: 4 });
  const key = randomBytes(32);
  const jira = jiraProvider({ allowPrivateNetwork: true, timeoutMs: 5_000 });
  const deps = {
    ...createPostgresAdapters(orm),
    cipher: aesGcmCipher({ current: key }),
    clock: { now: () => new Date() },
    ids: { next: () => randomUUID() },
    baseUrlPolicy: networkBaseUrlPolicy({ allowPrivateNetwork: true }),
    providers: providerRegistry([jira]),
    minSyncIntervalSeconds: 1,
    eventIds: sortableIds(),
  };
  const workers: WorkerProcess[] = [];

  /** A Jira connection of a new organization (so several may reach one site), polling on. */
  const connect = async (simulator: Pick<JiraSimulator, 'accounts'>, baseUrl: string, body: Record<string, unknown> = {}) => {
    const account = simulator.accounts[0]!;
    const created = await createConnection(deps)({ organizationId: asOrganizationId(`org-${randomUUID()}`), actor: 'worker-test', requestId: null }, {
      type: 'jira',
      baseUrl,
      email: account.email,
      apiToken: account.apiToken,
      pollingEnabled: true,
      syncIntervalSeconds: 3600,
      ...body,
    })();
    if (created._tag === 'Left') throw new Error(JSON.stringify(created.left));
    return created.right.id;
  };

  /** A worker process: `npm run worker`'s program unless `command` names another (such as the CLI's `worker`). */
  const startWorker = async (env: Record<string, string> = {}, command: ReadonlyArray<string> = ['apps/worker/main.ts']): Promise<WorkerProcess> => {
    const worker = await startProgram(command[0]!, command.slice(1), {
      DATABASE_URL: database.url,
      TASKPORT_ENCRYPTION_KEY: key.toString('base64'),
      JWT_SECRET: 'worker-tests-do-not-serve-http-0123456789',
      TASKPORT_ALLOW_PRIVATE_NETWORK: 'true',
      TASKPORT_MIGRATE_ON_START: 'false',
      TASKPORT_MIN_SYNC_INTERVAL_SECONDS: '1',
      TASKPORT_SCHEDULER_TICK_SECONDS: '1',
      TASKPORT_JOB_POLL_SECONDS: '1',
      TASKPORT_RUN_LEASE_SECONDS: '2',
      TASKPORT_SYNC_RETRY_DELAY_SECONDS: '1',
      LOG_LEVEL: 'error',
      ...env,
    });
    workers.push(worker);
    return worker;
  };

  const runs = (connectionId?: string) =>
    orm.em
      .fork()
      .execute<RunRow[]>(
        `select id, connection_id, trigger, status, attempt, created_count, pages from sync_runs ${connectionId === undefined ? '' : 'where connection_id = ?'} order by queued_at, id`,
        connectionId === undefined ? [] : [connectionId],
      );
  const taskIds = async (connectionId?: string) =>
    (
      await orm.em
        .fork()
        .execute<Array<{ external_id: string }>>(
          `select external_id from external_tasks ${connectionId === undefined ? '' : 'where connection_id = ?'} order by external_id`,
          connectionId === undefined ? [] : [connectionId],
        )
    ).map((row) => row.external_id);

  /** Waits (up to `ms`) until `check` holds; answers whether it did. */
  const eventually = async (check: () => Promise<boolean>, ms = 30_000) => {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if (await check()) return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return false;
  };

  const close = async () => {
    for (const worker of workers) {
      if (isRunning(worker.pid)) process.kill(worker.pid, 'SIGKILL');
      await worker.exited;
    }
    jira.close();
    await orm.close();
    await database.stop();
  };
  return { url: database.url, orm, connect, startWorker, runs, taskIds, eventually, close };
};

export type WorkerFixture = Awaited<ReturnType<typeof workerFixture>>;
