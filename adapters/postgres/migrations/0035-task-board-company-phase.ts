import { Migration } from '@mikro-orm/migrations';

/**
 * Where a task sits besides its project: a board (queue, lane), the customer company it is for and
 * its project's phase. Generic columns any provider may fill; lists filter by board and company
 * within an organization, hence the two indexes (declared in the entity schema too).
 */
export class TaskBoardCompanyPhase extends Migration {
  override up(): void {
    this.addSql('alter table external_tasks add column board text null, add column company text null, add column phase text null');
    this.addSql('create index external_tasks_board_idx on external_tasks (organization_id, board)');
    this.addSql('create index external_tasks_company_idx on external_tasks (organization_id, company)');
  }

  override down(): void {
    this.addSql('drop index if exists external_tasks_company_idx');
    this.addSql('drop index if exists external_tasks_board_idx');
    this.addSql('alter table external_tasks drop column phase, drop column company, drop column board');
  }
}
