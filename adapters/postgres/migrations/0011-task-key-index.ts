import { Migration } from '@mikro-orm/migrations';

/**
 * Resolving the issue keys a pull request names looks tasks up by (organization, key) in one query;
 * without this index that is a scan of the organization's tasks.
 */
export class TaskKeyIndex extends Migration {
  override up(): void {
    this.addSql('create index external_tasks_key_idx on external_tasks (organization_id, key)');
  }

  override down(): void {
    this.addSql('drop index if exists external_tasks_key_idx');
  }
}
