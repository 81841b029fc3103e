import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import type { DatabaseLog } from './database-log.js';

/** The unprivileged account the embedded PostgreSQL runs as when this process is root. */
export interface ServerAccount {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

const ACCOUNT = 'postgres';
const run = promisify(execFile);

const lookUp = async (): Promise<ServerAccount | undefined> => {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', ACCOUNT]), run('id', ['-g', ACCOUNT])]);
    return { name: ACCOUNT, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
};

/**
 * PostgreSQL refuses to run as root, so a root process runs it as the `postgres` user, created
 * (as a system user without a home) when missing. Undefined when this process is not root.
 */
export const serverAccount = async (log: DatabaseLog): Promise<ServerAccount | undefined> => {
  if (process.getuid?.() !== 0) return undefined;
  const found = await lookUp();
  if (found !== undefined) return found;
  try {
    await run('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', ACCOUNT]);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(`PostgreSQL cannot run as root and the user "${ACCOUNT}" could not be created (${reason}): create it (useradd --system --user-group ${ACCOUNT}) or set DATABASE_URL`);
  }
  log.info(`Created the system user "${ACCOUNT}" to run the embedded PostgreSQL (PostgreSQL refuses to run as root)`);
  const created = await lookUp();
  if (created === undefined) throw new Error(`The user "${ACCOUNT}" was created but cannot be found: check /etc/passwd or set DATABASE_URL`);
  return created;
};

const asAccount = (account: ServerAccount) => ({ uid: account.uid, gid: account.gid, stdio: 'ignore' as const, timeout: 10_000 });

/** Whether the account can reach and enter `dir` (every folder above it must let it through). */
export const canEnter = (account: ServerAccount, dir: string): boolean => spawnSync('test', ['-x', dir], asAccount(account)).status === 0;

/** Whether the account can run `program` (it reaches the file and its libraries load). */
export const canRun = (account: ServerAccount, program: string): boolean => spawnSync(program, ['--version'], asAccount(account)).status === 0;
