import { createHash, randomBytes } from 'node:crypto';
import { chown, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DatabaseLog } from './database-log.js';
import { canEnter, type ServerAccount } from './server-account.js';

/** Where root keeps what the `postgres` user must reach, when it cannot reach the project's own folders. */
export const DEFAULT_SHARED_DIR = '/var/lib/taskport';

/** Names the relocated cluster of a data directory, kept in it so the name follows that very folder. */
const HOME_FILE = 'cluster-home';
const HOME_NAME = /^data-[0-9a-f]{16}(-[0-9a-f]{16})?$/;

/**
 * The shared folder's name for this data directory's cluster: the one it recorded, else, for a data
 * directory from before names were recorded (it holds the password), the path's hash alone, else a
 * new name. A clone made again at the path of a deleted one thus gets a cluster of its own instead
 * of finding the old one, whose password went with the deleted folder.
 */
const homeName = async (dataDir: string, digest: string, sharedDir: string, log: DatabaseLog): Promise<string> => {
  const recorded = (await readFile(path.join(dataDir, HOME_FILE), 'utf8').catch(() => '')).trim();
  if (HOME_NAME.test(recorded)) return recorded;
  const hasPassword = await stat(path.join(dataDir, 'postgres.password')).then(
    () => true,
    () => false,
  );
  const name = hasPassword ? `data-${digest}` : `data-${digest}-${randomBytes(8).toString('hex')}`;
  await writeFile(path.join(dataDir, HOME_FILE), `${name}\n`, { mode: 0o600 });
  const earlier = (await readdir(sharedDir).catch(() => [] as string[])).filter((entry) => entry.startsWith(`data-${digest}`) && entry !== name);
  if (earlier.length > 0) log.warn(`Clusters of an earlier data directory at ${dataDir} are left in ${earlier.map((e) => path.join(sharedDir, e)).join(', ')}; remove them if nothing needs them`);
  return name;
};

/**
 * The folder the cluster lives in: `<dataDir>/postgres`, unless this process is root and the
 * `postgres` user cannot enter `dataDir` (a clone under /root, mode 700). Then it is
 * `<sharedDir>/<name>/postgres`, the name recorded in `dataDir` (see `homeName`), the same on every
 * start from that data directory.
 */
export const clusterHome = async (dataDir: string, account: ServerAccount | undefined, sharedDir: string, log: DatabaseLog): Promise<string> => {
  const local = path.join(dataDir, 'postgres');
  if (account === undefined || canEnter(account, dataDir)) return local;
  const digest = createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
  const relocated = path.join(sharedDir, await homeName(dataDir, digest, sharedDir, log), 'postgres');
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
