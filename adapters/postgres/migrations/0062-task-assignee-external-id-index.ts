import { Migration } from '@mikro-orm/migrations';

/**
 * A user mapping that names the tracker's user id is applied again to the tasks of that assignee;
 * without this index that is a scan of the organization's tasks for every change of a user mapping.
 * It ends in the list order, like the other list indexes, so each batch is one range scan.
 */
export class TaskAssigneeExternalIdIndex extends Migration {
  override up(): void {
    this.addSql('create index external_tasks_assignee_external_idx on external_tasks (organization_id, assignee_external_id, external_updated_at desc, id desc)');
  }

  override down(): void {
    this.addSql('drop index if exists external_tasks_assignee_external_idx');
  }
}
