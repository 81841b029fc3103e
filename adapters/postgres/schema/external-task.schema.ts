import { EntitySchema, type EntitySchemaMetadata } from '@mikro-orm/postgresql';
import { TASK_COLUMNS, TASK_PROPERTIES, TASK_SOURCE_UNIQUE, type TaskColumn, type TaskRecord } from './task-columns.js';

export type { TaskRecord } from './task-columns.js';

type PropertyOptions = NonNullable<EntitySchemaMetadata<TaskRecord>['properties']>[keyof TaskRecord];

/** The MikroORM property of a column of TASK_COLUMNS. */
const propertyOf = (c: TaskColumn): PropertyOptions => {
  const nullable = c.nullable ? { nullable: true } : {};
  if (c.values !== undefined) return { enum: true, items: [...c.values], ...nullable } as PropertyOptions;
  switch (c.kind) {
    case 'uuid':
      return { type: 'uuid', ...nullable } as PropertyOptions;
    case 'text':
      return { type: 'text', ...nullable } as PropertyOptions;
    case 'date':
      return { type: 'date', ...nullable } as PropertyOptions;
    case 'timestamptz':
      return { type: 'Date', columnType: 'timestamptz', ...nullable } as PropertyOptions;
    case 'jsonb':
      return { type: 'json', columnType: 'jsonb', ...nullable } as PropertyOptions;
  }
};

const listIndex = (name: string, columns: ReadonlyArray<string>) => ({
  name,
  expression: `create index ${name} on external_tasks (${['organization_id', ...columns, 'external_updated_at desc', 'id desc'].join(', ')})`,
});

export const TaskSchema = new EntitySchema<TaskRecord>({
  name: 'TaskRecord',
  tableName: 'external_tasks',
  properties: Object.fromEntries(
    TASK_PROPERTIES.map((property) => [property, { ...propertyOf(TASK_COLUMNS[property]), ...(property === 'id' ? { primary: true } : {}) }]),
  ) as EntitySchemaMetadata<TaskRecord>['properties'],
  uniques: [{ name: TASK_SOURCE_UNIQUE, properties: ['organizationId', 'externalSystem', 'site', 'externalId'] }],
  // Every list index ends in the list order, so a filtered page is one range scan.
  indexes: [
    listIndex('external_tasks_list_idx', []),
    listIndex('external_tasks_connection_idx', ['connection_id']),
    listIndex('external_tasks_status_idx', ['status']),
    listIndex('external_tasks_assignee_idx', ['assignee_email']),
    // Applying a changed user mapping again (migration 0062).
    listIndex('external_tasks_assignee_external_idx', ['assignee_external_id']),
    // Resolving issue keys (migration 0011).
    { name: 'external_tasks_key_idx', properties: ['organizationId', 'key'] },
    { name: 'external_tasks_board_idx', properties: ['organizationId', 'board'] },
    { name: 'external_tasks_company_idx', properties: ['organizationId', 'company'] },
  ],
});
