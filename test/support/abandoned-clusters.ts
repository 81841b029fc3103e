import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspectCluster } from '../../adapters/postgres/embedded/cluster-files.js';

export const TEST_CLUSTER_PREFIX = 'taskport-test-db-';
const OWNER_FILE = 'owner.pid';
const GRACE_MS = 60_000;

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const waitForExit = async (pid: number) => {
  for (let i = 0; i < 50 && isAlive(pid); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
};

/** Records which test process owns a throwaway cluster. */
export const claimCluster = (dataDir: string) => writeFile(path.join(dataDir, OWNER_FILE), String(process.pid));

const isAbandoned = async (dir: string) => {
  const owner = Number(await readFile(path.join(dir, OWNER_FILE), 'utf8').catch(() => ''));
  if (owner > 0) return !isAlive(owner);
  // Unclaimed for a while: its run died before claiming it. A fresh one may be about to be claimed.
  return Date.now() - (await stat(dir)).mtimeMs > GRACE_MS;
};

/**
 * A test run killed outright (Ctrl-C twice, a closed pipe) cannot stop its cluster, and PostgreSQL
 * does not notice its parent is gone. The next run stops such servers and removes their files.
 * `npm run bench` reaps its own clusters (another prefix) the same way.
 */
export const reapAbandonedClusters = async (prefix = TEST_CLUSTER_PREFIX): Promise<void> => {
  const names = (await readdir(tmpdir())).filter((name) => name.startsWith(prefix));
  for (const dir of names.map((name) => path.join(tmpdir(), name))) {
    if (!(await isAbandoned(dir).catch(() => false))) continue;
    const cluster = await inspectCluster(path.join(dir, 'postgres')).catch(() => null);
    if (cluster?.kind === 'running') {
      process.kill(cluster.pid, 'SIGINT');
      await waitForExit(cluster.pid);
    }
    await rm(dir, { recursive: true, force: true });
  }
};
