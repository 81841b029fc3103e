import { Migration } from '@mikro-orm/migrations';

/**
 * A task keeps notes on the values its tracker sent that could not be kept as they were: a due
 * date no calendar has becomes null, text cut in half is repaired, and the note says so.
 */
export class TaskDataNotes extends Migration {
  override up(): void {
    // Existing rows get an empty list; the default goes again because every write names the column.
    this.addSql(`alter table external_tasks add column data_notes jsonb not null default '[]'::jsonb`);
    this.addSql('alter table external_tasks alter column data_notes drop default');
  }

  override down(): void {
    this.addSql('alter table external_tasks drop column data_notes');
  }
}
