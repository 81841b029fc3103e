import { randomBytes } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** What the data directory of an embedded cluster holds, and what to do about it. */
export type ClusterState =
  | { readonly kind: 'empty' }
  | { readonly kind: 'stopped' }
  | { readonly kind: 'running'; readonly pid: number; readonly port: number };

const isPostgresProcess = async (pid: number): Promise<boolean> => {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // Where /proc exists, make sure the pid was not reused by an unrelated process after a crash.
  const name = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => 'postgres');
  return name.trim().startsWith('postgres');
};

/**
 * Reads the cluster directory. A `postmaster.pid` whose server is gone (a killed process, a reboot)
 * is removed so the next start does not refuse; one whose server still runs is reported so that
 * server is reused rather than started twice on the same files.
 */
export const inspectCluster = async (clusterDir: string): Promise<ClusterState> => {
  const entries = await readdir(clusterDir).catch(() => [] as string[]);
  if (entries.length === 0) return { kind: 'empty' };
  if (!entries.includes('PG_VERSION')) {
    throw new Error(`${clusterDir} is not empty and holds no PostgreSQL cluster; move it away or set DATABASE_URL`);
  }
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  const lines = (await readFile(pidFile, 'utf8').catch(() => '')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0) return { kind: 'stopped' };
  if (await isPostgresProcess(pid)) return { kind: 'running', pid, port };
  await rm(pidFile, { force: true });
  return { kind: 'stopped' };
};

/**
 * The superuser password of the cluster, made once at initialisation and kept beside it (mode 600),
 * so only the owner of the data directory can connect even though the server listens on TCP.
 */
export const clusterPassword = async (passwordFile: string, state: ClusterState, clusterDir: string): Promise<string> => {
  const stored = await readFile(passwordFile, 'utf8').catch(() => null);
  if (stored !== null && stored.trim() !== '') return stored.trim();
  if (state.kind !== 'empty') {
    throw new Error(`The embedded PostgreSQL in ${clusterDir} has lost its password file ${passwordFile}; remove ${clusterDir} to start afresh`);
  }
  const password = randomBytes(24).toString('hex');
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  return password;
};
