import * as t from 'io-ts';

export const UnifiedStatusCodec = t.keyof(
  { backlog: null, todo: null, in_progress: null, done: null, cancelled: null },
  'UnifiedStatus',
);
export type UnifiedStatus = t.TypeOf<typeof UnifiedStatusCodec>;

export const UnifiedPriorityCodec = t.keyof({ low: null, medium: null, high: null, urgent: null }, 'UnifiedPriority');
export type UnifiedPriority = t.TypeOf<typeof UnifiedPriorityCodec>;

export const DEFAULT_KEY = 'default';
/** Status rules keyed by a provider's status category are prefixed so they never clash with a status name. */
export const CATEGORY_PREFIX = 'category:';

export interface ProjectMapping {
  readonly projectKey: string;
  readonly internalProjectId: string | null;
}

/**
 * Per-connection translation of provider values into unified ones. Keys are matched
 * case-insensitively; `default` is always present and is what an unknown value maps to.
 */
export interface FieldMappings {
  readonly status: Readonly<Record<string, UnifiedStatus>>;
  readonly priority: Readonly<Record<string, UnifiedPriority>>;
  readonly projects: ReadonlyArray<ProjectMapping>;
}

/** The fallbacks alone: what a provider's default mappings extend. */
export const fallbackMappings = (): FieldMappings => ({ status: { [DEFAULT_KEY]: 'backlog' }, priority: { [DEFAULT_KEY]: 'medium' }, projects: [] });

const lookup = <V>(rules: Readonly<Record<string, V>>, key: string): V | undefined => {
  const wanted = key.trim().toLowerCase();
  const hit = Object.keys(rules).find((k) => k.toLowerCase() === wanted);
  return hit === undefined ? undefined : rules[hit];
};

/** Raw status name first, then the status category, then the default. */
export const mapStatus = (
  mappings: FieldMappings,
  rawStatus: string | null,
  statusCategory: string | null,
): UnifiedStatus =>
  (rawStatus === null ? undefined : lookup(mappings.status, rawStatus)) ??
  (statusCategory === null ? undefined : lookup(mappings.status, `${CATEGORY_PREFIX}${statusCategory}`)) ??
  mappings.status[DEFAULT_KEY] ??
  'backlog';

export const mapPriority = (mappings: FieldMappings, rawPriority: string | null): UnifiedPriority =>
  (rawPriority === null ? undefined : lookup(mappings.priority, rawPriority)) ?? mappings.priority[DEFAULT_KEY] ?? 'medium';

export const mapProject = (mappings: FieldMappings, projectKey: string | null): string | null => {
  if (projectKey === null) return null;
  const wanted = projectKey.toLowerCase();
  return mappings.projects.find((p) => p.projectKey.toLowerCase() === wanted)?.internalProjectId ?? null;
};
