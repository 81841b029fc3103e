import type { FieldMappings, ProjectMapping, UnifiedPriority, UnifiedStatus } from './field-mappings.js';

/** A change to some rules of a connection's mappings: a value sets a rule, null removes it, an absent key leaves it. */
export interface MappingRulesPatch {
  readonly status?: Readonly<Record<string, UnifiedStatus | null>>;
  readonly priority?: Readonly<Record<string, UnifiedPriority | null>>;
  /** Merged by project key; `internalProjectId: null` (or none) removes the project's mapping. */
  readonly projects?: ReadonlyArray<{ readonly projectKey: string; readonly internalProjectId?: string | null }>;
}

/**
 * Rules match case-insensitively, so a patched key replaces the rule it matches whatever its case
 * (taking the patch's spelling), and removing a rule that is not there changes nothing.
 */
const mergeRules = <V extends string>(rules: Readonly<Record<string, V>>, patch: Readonly<Record<string, V | null>> | undefined): Readonly<Record<string, V>> => {
  if (patch === undefined) return rules;
  const patched = new Set(Object.keys(patch).map((key) => key.toLowerCase()));
  const kept = Object.entries(rules).filter(([key]) => !patched.has(key.toLowerCase()));
  const set = Object.entries(patch).flatMap(([key, value]) => (value === null ? [] : [[key, value] as const]));
  return Object.fromEntries([...kept, ...set]);
};

const mergeProjects = (projects: ReadonlyArray<ProjectMapping>, patch: MappingRulesPatch['projects']): ReadonlyArray<ProjectMapping> => {
  if (patch === undefined) return projects;
  const last = new Map(patch.map((p) => [p.projectKey.toLowerCase(), p]));
  const kept = projects.filter((p) => !last.has(p.projectKey.toLowerCase()));
  const set = [...last.values()].flatMap((p) => (p.internalProjectId === undefined || p.internalProjectId === null ? [] : [{ projectKey: p.projectKey, internalProjectId: p.internalProjectId }]));
  return [...kept, ...set];
};

/** The mappings after a merge; validating the patch (defaults never removed) is the caller's. */
export const mergeMappings = (current: FieldMappings, patch: MappingRulesPatch): FieldMappings => ({
  status: mergeRules(current.status, patch.status),
  priority: mergeRules(current.priority, patch.priority),
  projects: mergeProjects(current.projects, patch.projects),
});
