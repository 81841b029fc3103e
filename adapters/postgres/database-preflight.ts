import pg from 'pg';
import type { DatabaseLog } from './embedded/database-log.js';

/** The database cannot be used; the message is one plain line that names the fix, and no password. */
export class DatabaseUnavailable extends Error {}

export interface PreflightOptions {
  /** Development: a database that does not exist is created (and the log says so). */
  readonly createIfMissing: boolean;
  readonly log: DatabaseLog;
}

const CONNECT_TIMEOUT_MS = 10_000;

const codeOf = (error: unknown): string | undefined => (error as { code?: string } | null)?.code;
const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';

/** Why `url` cannot be used, in words an operator can act on. */
export const describeDatabaseFailure = (url: URL, error: unknown): string => {
  const server = `PostgreSQL at ${url.hostname}:${url.port === '' ? '5432' : url.port}`;
  const user = decodeURIComponent(url.username);
  const database = decodeURIComponent(url.pathname.slice(1));
  switch (codeOf(error)) {
    case 'ECONNREFUSED':
      return `${server} refused the connection: is it running? Check DATABASE_URL`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The database host "${url.hostname}" cannot be resolved: check DATABASE_URL`;
    case '28P01':
      return `${server} refused the password of user "${user}": check DATABASE_URL`;
    case '28000':
      return `${server} does not let user "${user}" connect to database "${database}" (${firstLine(error)}): check its pg_hba.conf or DATABASE_URL`;
    case '3D000':
      return `The database "${database}" does not exist on ${server}: create it (createdb "${database}") or fix DATABASE_URL`;
    default:
      return /timeout/i.test(firstLine(error))
        ? `${server} did not answer within ${CONNECT_TIMEOUT_MS / 1000} s: check DATABASE_URL and the network`
        : `Cannot use the database "${database}" on ${server}: ${firstLine(error)}`;
  }
};

const connectAndRun = async (url: URL, sql: string) => {
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end().catch(() => undefined);
  }
};

const create = async (url: URL, log: DatabaseLog) => {
  const database = decodeURIComponent(url.pathname.slice(1));
  const management = new URL(url);
  management.pathname = '/postgres';
  try {
    await connectAndRun(management, `create database "${database.replaceAll('"', '""')}"`);
  } catch (error) {
    throw new DatabaseUnavailable(`${describeDatabaseFailure(url, { code: '3D000' })} (creating it failed: ${firstLine(error)})`);
  }
  log.warn(`Created the database "${database}" (development only: in production it must exist before taskport starts)`);
};

/**
 * Connects once before anything else does, so that a wrong URL, a server that is down, a refused
 * password or a missing database stops the start with one clear line instead of a driver's stack.
 */
export const checkDatabase = async (databaseUrl: string, options: PreflightOptions): Promise<void> => {
  const url = new URL(databaseUrl);
  try {
    await connectAndRun(url, 'select 1');
  } catch (error) {
    if (codeOf(error) === '3D000' && options.createIfMissing) return create(url, options.log);
    throw new DatabaseUnavailable(describeDatabaseFailure(url, error));
  }
};
