import { stateFamilyOf } from './facts.js';

/**
 * How ServiceNow is written, as data (see ../shared/docs/providers.md section 2.2): the state
 * choices of each table family, which tables derive priority from impact and urgency, and what
 * each of the instance's fields is called in a write request.
 */
export const SERVICENOW_WRITES = {
  /** The task field carrying taskport's marker on a create, which `findCreated` queries. */
  markerField: 'correlation_id',
  /** The state choices ServiceNow ships per family; a write picks one of the item's table. */
  stateCodes: { incident: ['1', '2', '3', '6', '7', '8'], task: ['-5', '1', '2', '3', '4', '7'] },
  /** Tables whose priority the instance's lookup rules compute from impact and urgency, which a write sets instead. */
  derivesPriority: ['incident', 'problem', 'change_request'],
  /** Impact and urgency (1 High, 2 Medium, 3 Low) whose default lookup gives each priority (1 Critical ... 5 Planning). */
  impactUrgencyOf: {
    '1': { impact: '1', urgency: '1' },
    '2': { impact: '1', urgency: '2' },
    '3': { impact: '2', urgency: '2' },
    '4': { impact: '2', urgency: '3' },
    '5': { impact: '3', urgency: '3' },
  } as Readonly<Record<string, { readonly impact: string; readonly urgency: string }>>,
  /** The write's field each instance field stands for, so the instance's field errors name the product's fields. */
  fieldPaths: {
    short_description: 'title',
    description: 'description',
    state: 'status',
    priority: 'priority',
    impact: 'priority',
    urgency: 'priority',
    assigned_to: 'assignee',
    due_date: 'dueDate',
    assignment_group: 'projectKey',
  } as Readonly<Record<string, string>>,
} as const;

/** The state codes an item of `table` can be given. */
export const stateCodesOf = (table: string): ReadonlyArray<string> => SERVICENOW_WRITES.stateCodes[stateFamilyOf(table)];

export const derivesPriority = (table: string): boolean => (SERVICENOW_WRITES.derivesPriority as ReadonlyArray<string>).includes(table);
