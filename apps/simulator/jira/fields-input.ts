import { findPriority } from './catalog.js';
import { isRecord } from './http-helpers.js';
import type { EditableFields, IssueStore } from './issue-store.js';
import type { AdfDocument } from './model.js';

type Parsed = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };
const ok = (value: unknown): Parsed => ({ ok: true, value });
const bad = (error: string): Parsed => ({ ok: false, error });

const isAdf = (value: unknown): value is AdfDocument =>
  isRecord(value) && value.type === 'doc' && value.version === 1 && Array.isArray(value.content);

/** One parser per editable Jira field, answering the record value or Jira's message for the field. */
const PARSERS: Readonly<Record<string, readonly [keyof EditableFields, (value: unknown, store: IssueStore) => Parsed]>> = {
  summary: ['summary', (v) => (typeof v === 'string' && v.trim() !== '' && v.length <= 255 ? ok(v.trim()) : bad('You must specify a summary of the issue.'))],
  description: [
    'description',
    (v) => (v === null || isAdf(v) ? ok(v) : bad('Operation value must be an Atlassian Document (see the Atlassian Document Format).')),
  ],
  priority: [
    'priorityId',
    (v) => {
      if (v === null) return ok(null);
      const found = isRecord(v) ? findPriority(v) : undefined;
      return found === undefined ? bad('The priority selected is invalid.') : ok(found.id);
    },
  ],
  assignee: [
    'assigneeId',
    (v, store) => {
      if (v === null) return ok(null);
      const id = isRecord(v) ? (v.accountId ?? v.id) : undefined;
      return typeof id === 'string' && store.user(id) !== undefined ? ok(id) : bad(`User '${String(id)}' cannot be assigned issues.`);
    },
  ],
  duedate: ['dueDate', (v) => (v === null || (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) ? ok(v) : bad(`Error parsing date string: ${String(v)}`))],
  labels: [
    'labels',
    (v) =>
      Array.isArray(v) && v.every((l) => typeof l === 'string' && l !== '' && !/\s/.test(l))
        ? ok([...new Set(v as string[])])
        : bad('Labels must be a list of words without spaces.'),
  ],
};

export type FieldsOutcome = { readonly changes: EditableFields } | { readonly errors: Record<string, string> };

const cannotSet = (field: string) => `Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.`;

const applyVerb = (current: ReadonlyArray<string>, verb: string, value: unknown): unknown => {
  if (verb === 'add') return [...current, value];
  if (verb === 'remove') return current.filter((l) => l !== value);
  return value;
};

/** `fields` plus the `update` verbs (`set` for any field, `add`/`remove` for labels) into record changes. */
export const parseFieldsInput = (
  store: IssueStore,
  fields: Record<string, unknown>,
  update: Record<string, unknown>,
  currentLabels: ReadonlyArray<string>,
  ignored: ReadonlyArray<string> = [],
): FieldsOutcome => {
  const raw: Record<string, unknown> = { ...fields };
  const errors: Record<string, string> = {};
  for (const [field, operations] of Object.entries(update)) {
    for (const operation of Array.isArray(operations) ? operations : [operations]) {
      const [verb, value] = isRecord(operation) ? (Object.entries(operation)[0] ?? ['', undefined]) : ['', undefined];
      if (verb === 'set' || (field === 'labels' && (verb === 'add' || verb === 'remove'))) {
        raw[field] = field === 'labels' ? applyVerb((raw.labels as string[] | undefined) ?? currentLabels, verb, value) : value;
      } else errors[field] = `The operation '${verb}' is not supported for field '${field}'.`;
    }
  }
  const changes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(raw)) {
    if (ignored.includes(field)) continue;
    const parser = PARSERS[field];
    if (parser === undefined) {
      errors[field] = cannotSet(field);
      continue;
    }
    const parsed = parser[1](value, store);
    if (parsed.ok) changes[parser[0]] = parsed.value;
    else errors[field] = parsed.error;
  }
  return Object.keys(errors).length > 0 ? { errors } : { changes: changes as EditableFields };
};
