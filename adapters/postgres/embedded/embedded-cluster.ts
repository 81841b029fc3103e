import { spawn, type ChildProcess } from 'node:child_process';
import { chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DatabaseLog } from './database-log.js';
import type { PostgresBinaries } from './postgres-binaries.js';
import type { ServerAccount } from './server-account.js';
import { serverLog } from './server-log.js';
import { stopOnExit } from './stop-on-exit.js';

export interface ClusterOptions {
  readonly clusterDir: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly fresh: boolean;
  readonly ephemeral?: boolean;
  readonly binaries: PostgresBinaries;
  /** Set when this process is root: the server runs as this account. */
  readonly account: ServerAccount | undefined;
  readonly log: DatabaseLog;
}

// English messages whatever the machine's locale: readiness is read from the server's output.
const ENVIRONMENT = { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' };

const spawnAs = (program: string, args: ReadonlyArray<string>, options: ClusterOptions, detached = false): ChildProcess =>
  spawn(program, args, {
    ...(options.account === undefined ? {} : { uid: options.account.uid, gid: options.account.gid }),
    env: ENVIRONMENT,
    stdio: ['ignore', 'ignore', 'pipe'],
    detached,
  });

const failure = (what: string, detail: string) => new Error(`The embedded PostgreSQL did not start: ${what}${detail === '' ? '' : `\n${detail}`}`);

/**
 * initdb reads the superuser password from a file: it lives in a private folder of its own (700,
 * owned by the account that runs initdb) for as long as initdb runs, and is removed whatever happens.
 * That folder is beside the cluster, which the account surely reaches (a temporary folder may be
 * private to root, as with pam_tmpdir).
 */
const initialise = async (options: ClusterOptions) => {
  const secretDir = await mkdtemp(path.join(path.dirname(options.clusterDir), '.initdb-'));
  try {
    const passwordFile = path.join(secretDir, 'password');
    await writeFile(passwordFile, `${options.password}\n`, { mode: 0o600 });
    if (options.account !== undefined) {
      await Promise.all([chown(secretDir, options.account.uid, options.account.gid), chown(passwordFile, options.account.uid, options.account.gid)]);
    }
    const args = [`--pgdata=${options.clusterDir}`, '--auth=scram-sha-256', `--username=${options.user}`, `--pwfile=${passwordFile}`, '--encoding=UTF8', '--locale=C'];
    const output = serverLog(options.log);
    const child = spawnAs(options.binaries.initdb, args, options);
    child.stderr?.on('data', (chunk: Buffer) => output.write(chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      child.once('error', (error) => reject(failure(`initdb could not run (${error.message})`, '')));
      child.once('close', (code) => (code === 0 ? resolve() : reject(failure(`initdb exited with ${code}`, output.tail()))));
    });
  } finally {
    await rm(secretDir, { recursive: true, force: true });
  }
};

const flags = (options: ClusterOptions): string[] => [
  ...['-D', options.clusterDir, '-p', String(options.port)],
  ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
  ...(options.ephemeral === true ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
];

/** Runs the server until it says it accepts connections; it keeps reporting its errors to the log. */
const serve = async (options: ClusterOptions): Promise<ChildProcess> => {
  const output = serverLog(options.log);
  // A process group of its own: Ctrl-C in a terminal reaches only taskport, which stops the
  // server last, after the requests in flight are done.
  const child = spawnAs(options.binaries.postgres, flags(options), options, true);
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      output.write(chunk.toString());
      if (chunk.toString().includes('database system is ready to accept connections')) resolve();
    });
    child.once('error', (error) => reject(failure(`postgres could not run (${error.message})`, '')));
    child.once('exit', (code, signal) => reject(failure(`postgres exited with ${code ?? signal}`, output.tail())));
  });
  return child;
};

const stopped = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    // SIGINT: PostgreSQL's fast shutdown (open sessions are ended, the data is written out).
    child.kill('SIGINT');
  });

/** Starts (and, when `fresh`, first initialises) a cluster; the function returned stops it. */
export const startCluster = async (options: ClusterOptions): Promise<() => Promise<void>> => {
  if (options.fresh) {
    options.log.info(`Initialising an embedded PostgreSQL in ${options.clusterDir}`);
    await initialise(options);
  }
  const child = await serve(options);
  const forget = stopOnExit(child);
  let stopping: Promise<void> | undefined;
  return () => (stopping ??= stopped(child).finally(forget));
};
