import { Migration } from '@mikro-orm/migrations';

/**
 * Request budgets shared by every process working for one tracker or connection: a token bucket per
 * key, and until when the key is paused (a Retry-After or rate-limit reset any process was told).
 */
export class RequestBudgets extends Migration {
  override up(): void {
    this.addSql(`create table request_budgets (
  key text primary key,
  tokens double precision not null,
  refilled_at timestamptz not null,
  paused_until timestamptz null
)`);
  }

  override down(): void {
    this.addSql('drop table if exists request_budgets');
  }
}
