import type { ProjectMapping } from '../../domain/field-mappings.js';

/** Project mappings as the API takes them (`internalProjectId` may be left out). */
export const projectMappingsOf = (input: ReadonlyArray<{ readonly projectKey: string; readonly internalProjectId?: string | null }>): ReadonlyArray<ProjectMapping> =>
  input.map((p) => ({ projectKey: p.projectKey, internalProjectId: p.internalProjectId ?? null }));
