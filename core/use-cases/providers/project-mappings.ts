import type { ProjectMapping } from '../../domain/field-mappings.js';

/** Project mappings as the API takes them (`internalProjectId` may be left out). */
export const projectMappingsOf = (input: ReadonlyArray<{ readonly projectKey: string; readonly internalProjectId?: string | null }>): ReadonlyArray<ProjectMapping> =>
  input.map((p) => ({ projectKey: p.projectKey, internalProjectId: p.internalProjectId ?? null }));

/** A project scope as stored: trimmed, each key once (keys match case-insensitively, the first spelling is kept). */
export const projectScopeOf = (keys: ReadonlyArray<string>): ReadonlyArray<string> => {
  const seen = new Set<string>();
  return keys.map((key) => key.trim()).filter((key) => !seen.has(key.toLowerCase()) && seen.add(key.toLowerCase()) !== undefined);
};
