import { Migration } from '@mikro-orm/migrations';

/**
 * Mappings are applied again to stored tasks when they change, from the raw values each task keeps;
 * the status category was the one such value not kept. Tasks stored before have none, so the poll
 * versions recorded for them are forgotten: the next sync reads those versions again and fills the
 * category in (webhook deliveries stay recorded, so none is applied twice).
 */
export class TaskStatusCategory extends Migration {
  override up(): void {
    this.addSql('alter table external_tasks add column status_category text null');
    this.addSql(`delete from external_task_events where kind = 'poll'`);
  }

  override down(): void {
    this.addSql('alter table external_tasks drop column status_category');
  }
}
