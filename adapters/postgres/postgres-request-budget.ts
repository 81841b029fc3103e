import { waitMs, type BudgetPolicy, type RequestBudget } from '../net/request-budget.js';
import { executeBound } from './bound-statement.js';
import type { EntityManagerSource } from './database-call.js';

// The database's clock, not each process's: every process sees the same refills and pauses.
const ENSURE = `insert into request_budgets (key, tokens, refilled_at) values (?, ?, clock_timestamp()) on conflict (key) do nothing`;

// Locks the key's row, refills it, and takes one token when one is there and the key is not paused.
const TAKE = `
with current as (
  select key,
    least(?::float8, tokens + greatest(0, extract(epoch from clock_timestamp() - refilled_at)) * ?::float8) as available,
    greatest(0, coalesce(extract(epoch from paused_until - clock_timestamp()) * 1000, 0)) as paused_ms
  from request_budgets where key = ? for update
), taken as (
  update request_budgets b
  set tokens = c.available - (case when c.available >= 1 and c.paused_ms = 0 then 1 else 0 end), refilled_at = clock_timestamp()
  from current c where b.key = c.key
  returning b.key
)
select available, paused_ms from current join taken using (key)`;

const PAUSE = `
insert into request_budgets as b (key, tokens, refilled_at, paused_until) values (?, 0, clock_timestamp(), ?::timestamptz)
on conflict (key) do update set paused_until = greatest(coalesce(b.paused_until, excluded.paused_until), excluded.paused_until)`;

export interface PostgresRequestBudgetOptions {
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * Request budgets in PostgreSQL (`request_budgets`), so ten worker processes share one budget for a
 * tracker instead of each spending their own: a token bucket per key, refilled by the database's
 * clock, and pauses that every process honours.
 */
export const postgresRequestBudget = (em: EntityManagerSource, options: PostgresRequestBudgetOptions = {}): RequestBudget => {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const tryTake = async (key: string, policy: BudgetPolicy): Promise<number> => {
    await executeBound(em(), ENSURE, [key, policy.capacity]);
    const [row] = await executeBound<{ available: number; paused_ms: number }>(em(), TAKE, [policy.capacity, policy.refillPerSecond, key]);
    return row === undefined ? 0 : waitMs(Number(row.available), policy, Number(row.paused_ms));
  };
  return {
    take: async (key, policy) => {
      for (let wait = await tryTake(key, policy); wait > 0; wait = await tryTake(key, policy)) await sleep(wait);
    },
    pauseUntil: async (key, until) => {
      await executeBound(em(), PAUSE, [key, until]);
    },
  };
};
