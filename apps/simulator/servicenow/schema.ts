/** A column as the simulated dictionary defines it. */
export interface FieldDef {
  readonly element: string;
  readonly type: 'string' | 'integer' | 'boolean' | 'glide_date_time' | 'reference' | 'GUID' | 'table_name';
  readonly reference?: string;
}

export interface TableDef {
  readonly name: string;
  readonly label: string;
  readonly extends?: string;
  readonly fields: ReadonlyArray<FieldDef>;
}

const s = (element: string): FieldDef => ({ element, type: 'string' });
const n = (element: string): FieldDef => ({ element, type: 'integer' });
const b = (element: string): FieldDef => ({ element, type: 'boolean' });
const d = (element: string): FieldDef => ({ element, type: 'glide_date_time' });
const r = (element: string, reference: string): FieldDef => ({ element, type: 'reference', reference });

/** The sys_ columns every base table defines for itself. */
const system: ReadonlyArray<FieldDef> = [
  { element: 'sys_id', type: 'GUID' },
  d('sys_created_on'),
  s('sys_created_by'),
  d('sys_updated_on'),
  s('sys_updated_by'),
  n('sys_mod_count'),
];

/**
 * The tables the simulator serves, as ServiceNow's own hierarchy has them: the five synced tables
 * extend `task`, which defines the fields they share (so the dictionary has `short_description` on
 * `task`, not on `incident`).
 */
export const TABLES: ReadonlyArray<TableDef> = [
  {
    name: 'task',
    label: 'Task',
    fields: [
      ...system,
      s('number'),
      s('short_description'),
      s('description'),
      n('state'),
      n('priority'),
      n('impact'),
      n('urgency'),
      b('active'),
      r('assigned_to', 'sys_user'),
      r('assignment_group', 'sys_user_group'),
      d('due_date'),
      d('opened_at'),
      { element: 'sys_class_name', type: 'table_name' },
      s('correlation_id'),
      s('correlation_display'),
    ],
  },
  { name: 'incident', label: 'Incident', extends: 'task', fields: [r('caller_id', 'sys_user'), s('category'), n('incident_state'), n('hold_reason')] },
  { name: 'sc_req_item', label: 'Requested Item', extends: 'task', fields: [s('cat_item'), n('quantity')] },
  { name: 'sc_task', label: 'Catalog Task', extends: 'task', fields: [r('request_item', 'sc_req_item')] },
  { name: 'problem', label: 'Problem', extends: 'task', fields: [b('known_error'), s('cause_notes')] },
  { name: 'change_request', label: 'Change Request', extends: 'task', fields: [s('type'), n('risk')] },
  { name: 'sys_user', label: 'User', fields: [...system, s('user_name'), s('name'), s('first_name'), s('last_name'), s('email'), b('active'), s('time_zone')] },
  { name: 'sys_user_group', label: 'Group', fields: [...system, s('name'), s('description'), b('active')] },
  { name: 'sys_db_object', label: 'Table', fields: [...system, s('name'), s('label'), r('super_class', 'sys_db_object')] },
  {
    name: 'sys_dictionary',
    label: 'Dictionary Entry',
    fields: [...system, { element: 'name', type: 'table_name' }, s('element'), s('column_label'), s('internal_type'), { element: 'reference', type: 'table_name' }],
  },
];

/**
 * Fields that came with write-back (`table.element`): their dictionary rows are seeded after the
 * records, so the seeded instance (its sys_ids, its records) stays what it was before them.
 */
export const FIELDS_SEEDED_LAST: ReadonlySet<string> = new Set(['task.correlation_id', 'task.correlation_display']);

/** The tables a connection syncs (the task family); changes to them are what business rules report. */
export const TASK_TABLES = ['incident', 'sc_task', 'sc_req_item', 'problem', 'change_request'] as const;

/** Number prefixes, as ServiceNow numbers records of each table. */
export const NUMBER_PREFIX: Readonly<Record<string, string>> = { incident: 'INC', sc_task: 'SCTASK', sc_req_item: 'RITM', problem: 'PRB', change_request: 'CHG' };

const byName = new Map(TABLES.map((table) => [table.name, table]));

export const tableDef = (name: string): TableDef | undefined => byName.get(name);

const fieldLists = new Map<string, ReadonlyArray<FieldDef>>();
const fieldMaps = new Map<string, ReadonlyMap<string, FieldDef>>();

/** A table's fields with those it inherits, the nearest definition first (computed once per table). */
export const fieldsOf = (name: string): ReadonlyArray<FieldDef> => {
  const cached = fieldLists.get(name);
  if (cached !== undefined) return cached;
  const table = byName.get(name);
  if (table === undefined) return [];
  const inherited = table.extends === undefined ? [] : fieldsOf(table.extends);
  const fields = [...inherited.filter((f) => !table.fields.some((own) => own.element === f.element)), ...table.fields];
  fieldLists.set(name, fields);
  fieldMaps.set(name, new Map(fields.map((f) => [f.element, f])));
  return fields;
};

export const fieldOf = (table: string, element: string): FieldDef | undefined => {
  if (!fieldMaps.has(table)) fieldsOf(table);
  return fieldMaps.get(table)?.get(element);
};
