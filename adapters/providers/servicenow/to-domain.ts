import * as t from 'io-ts';
import type { SourceIssue } from '../../../core/index.js';
import { stateFamilyOf } from './facts.js';
import { storableIssue } from '../shared/untrusted-data.js';
import { parseServiceNowDateTime, ServiceNowDateTimeCodec } from './servicenow-time.js';

/**
 * A reference as the Table API writes it: `""` when empty, the sys_id with
 * `sysparm_exclude_reference_link=true`, otherwise `{ link, value }`. Always the sys_id, or null.
 */
export const ReferenceCodec = new t.Type<string | null, string, unknown>(
  'Reference',
  (u): u is string | null => u === null || typeof u === 'string',
  (u, c) => {
    if (u === undefined || u === null || u === '') return t.success(null);
    if (typeof u === 'string') return t.success(u);
    const value = typeof u === 'object' && !Array.isArray(u) ? (u as Record<string, unknown>).value : undefined;
    if (typeof value === 'string') return t.success(value === '' ? null : value);
    return t.failure(u, c, 'must be a sys_id or a { link, value } reference');
  },
  (s) => s ?? '',
);

const ModCountCodec = new t.Type<string, string, unknown>(
  'SysModCount',
  (u): u is string => typeof u === 'string' && /^\d{1,15}$/.test(u),
  (u, c) => (typeof u === 'string' && /^\d{1,15}$/.test(u.trim()) ? t.success(String(Number(u.trim()))) : t.failure(u, c, 'must be a whole number written as a string')),
  (s) => s,
);

/** Every value arrives as a string; these may be absent when a table lacks the field or `sysparm_fields` left it out. */
const optionalString = t.union([t.string, t.undefined]);

/**
 * A task-family record as the Table API answers it with `sysparm_display_value=false` (and as the
 * business rule taskport documents sends it). Only what to-domain reads; other fields are ignored.
 * `assigned_to.email` and `assignment_group.name` are dot-walked values some answers carry.
 */
export const ServiceNowRecordCodec = t.intersection(
  [
    t.type({ sys_id: t.string, sys_updated_on: ServiceNowDateTimeCodec, sys_mod_count: ModCountCodec }),
    t.partial({
      number: t.string,
      short_description: t.string,
      description: t.string,
      state: t.string,
      priority: t.string,
      impact: t.string,
      urgency: t.string,
      active: t.string,
      assigned_to: ReferenceCodec,
      assignment_group: ReferenceCodec,
      // Read as text: an impossible date (2026-02-30, year 0) becomes null with a note, not a failed page.
      due_date: optionalString,
      sys_created_on: optionalString,
      sys_class_name: t.string,
      'assigned_to.email': optionalString,
      'assignment_group.name': optionalString,
    }),
  ],
  'ServiceNowRecord',
);
export type ServiceNowRecord = t.TypeOf<typeof ServiceNowRecordCodec>;

/** The fields a sync asks for (`sysparm_fields`): exactly what this file reads, nothing personal beyond the assignee. */
export const RECORD_FIELDS: ReadonlyArray<string> = [
  'sys_id',
  'number',
  'short_description',
  'description',
  'state',
  'priority',
  'impact',
  'urgency',
  'active',
  'assigned_to',
  'assignment_group',
  'due_date',
  'sys_created_on',
  'sys_updated_on',
  'sys_mod_count',
  'sys_class_name',
];

/**
 * RECORD_FIELDS with the assignee's e-mail and the group's name dot-walked: a read by ids asks for
 * these, so its batch needs no sys_user or sys_user_group lookup of its own (a first sync reads
 * hundreds of batches side by side, each with other people in it).
 */
export const RECORD_FIELDS_NAMED: ReadonlyArray<string> = [...RECORD_FIELDS, 'assigned_to.email', 'assignment_group.name'];

/** What a record's references point at, looked up in sys_user and sys_user_group (or carried dot-walked). */
export interface ReferencedNames {
  readonly assigneeEmail: string | null;
  readonly groupName: string | null;
}

const text = (value: string | undefined): string | null => (value === undefined || value.trim() === '' ? null : value.trim());

/** The record's form in the classic UI, through nav_to.do so the instance's frame stays around it. */
export const recordUrl = (baseUrl: string, table: string, sysId: string): string =>
  `${baseUrl.replace(/\/+$/, '')}/nav_to.do?uri=${encodeURIComponent(`${table}.do?sys_id=${sysId}`)}`;

/**
 * Maps a record of `table` to core's SourceIssue. `state` codes mean different things per table
 * family (3 is On Hold for an incident and Closed Complete for a catalog task), so the raw status is
 * `<table>:<state>` and the status category `<family>:<state>` (family: incident or task): mappings
 * can name one table's state, or a whole family's.
 */
export const toSourceIssue = (baseUrl: string, table: string, record: ServiceNowRecord, names: ReferencedNames): SourceIssue => {
  const state = text(record.state);
  const number = text(record.number) ?? record.sys_id;
  return storableIssue((dates) => {
    const dueAt = dates.instant('dueDate', record.due_date, parseServiceNowDateTime);
    return {
      externalId: record.sys_id,
      key: number,
      url: recordUrl(baseUrl, table, record.sys_id),
      title: text(record.short_description) ?? number,
      description: text(record.description),
      rawStatus: state === null ? null : `${table}:${state}`,
      statusCategory: state === null ? null : `${stateFamilyOf(table)}:${state}`,
      rawPriority: text(record.priority),
      projectKey: names.groupName,
      assigneeEmail: names.assigneeEmail,
      assigneeExternalId: record.assigned_to ?? null,
      // A due date is a date-time in ServiceNow; the task keeps its (UTC) day, sourceData the instant.
      dueDate: dueAt === null ? null : dueAt.toISOString().slice(0, 10),
      createdAt: dates.instant('externalCreatedAt', record.sys_created_on, parseServiceNowDateTime),
      updatedAt: record.sys_updated_on,
      // sys_mod_count grows by one with every update: a numeric version, ordered when update times tie.
      version: record.sys_mod_count,
      sourceData: {
        table,
        state,
        impact: text(record.impact),
        urgency: text(record.urgency),
        active: record.active === undefined ? null : record.active === 'true',
        assignmentGroupId: record.assignment_group ?? null,
        dueAt: dueAt?.toISOString() ?? null,
      },
    };
  });
};
