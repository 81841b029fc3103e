import { DEFAULT_RULE, type Mappings } from '../../api/mappings';

export interface RuleRow {
  readonly id: number;
  readonly key: string;
  readonly value: string;
}

export interface ProjectRow {
  readonly id: number;
  readonly projectKey: string;
  readonly internalProjectId: string;
}

export interface MappingRows {
  readonly status: ReadonlyArray<RuleRow>;
  readonly priority: ReadonlyArray<RuleRow>;
  readonly projects: ReadonlyArray<ProjectRow>;
}

export type RuleTable = 'status' | 'priority';

let nextId = 1;
/** Rows keep an identity of their own, so editing a key does not move the focus to another row. */
export const newId = (): number => nextId++;

export const isDefaultKey = (key: string): boolean => key.trim().toLowerCase() === DEFAULT_RULE;

const rulesOf = (rules: Readonly<Record<string, string>>): ReadonlyArray<RuleRow> =>
  Object.entries(rules)
    .map(([key, value]) => ({ id: newId(), key, value }))
    // The default last: it is what every other value falls back to.
    .sort((a, b) => Number(isDefaultKey(a.key)) - Number(isDefaultKey(b.key)));

export const toRows = (mappings: Mappings): MappingRows => ({
  status: rulesOf(mappings.status),
  priority: rulesOf(mappings.priority),
  projects: (mappings.projects ?? []).map((p) => ({ id: newId(), projectKey: p.projectKey, internalProjectId: p.internalProjectId ?? '' })),
});

/** The body of "replace the mappings". Keys are sent as typed: the server trims and checks them. */
export const toMappings = (rows: MappingRows): Mappings => ({
  status: Object.fromEntries(rows.status.map((r) => [r.key, r.value])),
  priority: Object.fromEntries(rows.priority.map((r) => [r.key, r.value])),
  projects: rows.projects.map((p) => ({ projectKey: p.projectKey, internalProjectId: p.internalProjectId.trim() === '' ? null : p.internalProjectId.trim() })),
});

/** The API names a refused rule by its key (`status.Done`): the last row with that key is the one it means. */
export const ruleIssuePath = (table: RuleTable, rows: ReadonlyArray<RuleRow>, row: RuleRow): string | undefined => {
  const last = [...rows].reverse().find((r) => r.key === row.key);
  return last?.id === row.id ? `${table}.${row.key}` : undefined;
};

/** Two rows with the very same key would silently become one rule; say so before sending. */
export const exactDuplicates = (rows: ReadonlyArray<RuleRow>): ReadonlySet<number> => {
  const seen = new Set<string>();
  return new Set(rows.filter((r) => (seen.has(r.key) ? true : (seen.add(r.key), false))).map((r) => r.id));
};
