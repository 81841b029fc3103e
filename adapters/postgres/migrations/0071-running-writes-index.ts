import { Migration } from '@mikro-orm/migrations';

/**
 * Every webhook delivery applied asks whether a write of its connection is running (its echo waits
 * for it): a partial index keeps that a look at the few running rows, however many writes are kept.
 */
export class RunningWritesIndex extends Migration {
  override up(): void {
    this.addSql("create index task_writes_running on task_writes (organization_id, connection_id, updated_at) where status = 'running'");
  }

  override down(): void {
    this.addSql('drop index task_writes_running');
  }
}
