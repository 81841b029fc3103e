import pg from 'pg';

export interface HeldLock {
  readonly release: () => Promise<void>;
}

/**
 * A session-level advisory lock on a connection of its own, outside the pool: holding it for a
 * long sync never starves the pool, and if the process dies the server drops the connection and,
 * with it, the lock. Answers null when `wait` is false and someone else holds the lock.
 */
export const takeAdvisoryLock = async (databaseUrl: string, key: string, wait: boolean): Promise<HeldLock | null> => {
  // Keep-alive: a long sync leaves this connection idle, and a silently dropped one would free the lock.
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'taskport-lock', connectionTimeoutMillis: 10_000, keepAlive: true });
  // A broken lock connection is not fatal to the process; the work's own queries report the outage.
  client.on('error', () => undefined);
  await client.connect();
  const close = () => client.end().catch(() => undefined);
  try {
    const sql = wait ? 'select pg_advisory_lock(hashtextextended($1, 0)), true as locked' : 'select pg_try_advisory_lock(hashtextextended($1, 0)) as locked';
    const { rows } = await client.query<{ locked: boolean }>(sql, [key]);
    if (rows[0]?.locked === true) return { release: close };
    await close();
    return null;
  } catch (error) {
    await close();
    throw error;
  }
};
