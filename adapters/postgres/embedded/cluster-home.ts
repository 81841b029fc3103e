import { createHash } from 'node:crypto';
import { chown, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DatabaseLog } from './database-log.js';
import { canEnter, type ServerAccount } from './server-account.js';

/** Where root keeps what the `postgres` user must reach, when it cannot reach the project's own folders. */
export const DEFAULT_SHARED_DIR = '/var/lib/taskport';

/**
 * The folder the cluster lives in: `<dataDir>/postgres`, unless this process is root and the
 * `postgres` user cannot enter `dataDir` (a clone under /root, mode 700). Then it is
 * `<sharedDir>/data-<hash of dataDir>/postgres`, the same on every start from that data directory.
 */
export const clusterHome = async (dataDir: string, account: ServerAccount | undefined, sharedDir: string, log: DatabaseLog): Promise<string> => {
  const local = path.join(dataDir, 'postgres');
  if (account === undefined || canEnter(account, dataDir)) return local;
  const digest = createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
  const relocated = path.join(sharedDir, `data-${digest}`, 'postgres');
  await mkdir(path.dirname(relocated), { recursive: true, mode: 0o755 });
  const parent = await stat(path.dirname(relocated));
  if (parent.uid !== 0 || (parent.mode & 0o022) !== 0) throw new Error(`${path.dirname(relocated)} must belong to root and be writable by root only`);
  log.warn(`The user "${account.name}" cannot enter ${dataDir}; the embedded PostgreSQL keeps its data in ${relocated} instead`);
  return relocated;
};

/** Creates the cluster folder owned by the account that runs the server (PostgreSQL insists on 700). */
export const prepareClusterDir = async (clusterDir: string, account: ServerAccount | undefined) => {
  await mkdir(clusterDir, { recursive: true, mode: 0o700 });
  if (account !== undefined) await chown(clusterDir, account.uid, account.gid);
};
