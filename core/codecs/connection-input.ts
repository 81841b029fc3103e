import * as t from 'io-ts';
import { UnifiedPriorityCodec, UnifiedStatusCodec } from '../domain/field-mappings.js';
import { ProviderNameCodec } from '../domain/provider.js';
import { integerIn, nonEmptyString, secretString } from './primitives.js';
import { strictObject } from './strict-object.js';

const ProjectKey = nonEmptyString(100);

/** `tracker-wins` (a conflicting write fails with both values) or `product-wins` (written anyway, recorded). */
export const WriteConflictPolicyCodec = t.keyof({ 'tracker-wins': null, 'product-wins': null }, 'WriteConflictPolicy');

/** Seconds between scheduled syncs; the server's floor (60 s unless lowered for development) is checked by the use case. */
export const SyncIntervalCodec = integerIn(1, 7 * 24 * 3600);

export const ProjectMappingInputCodec = strictObject(
  'ProjectMapping',
  { projectKey: ProjectKey },
  { internalProjectId: t.union([nonEmptyString(200), t.null]) },
);

export const ProjectMappingsInputCodec = t.array(ProjectMappingInputCodec, 'ProjectMappings');

/** The projects a connection syncs: at most 100 keys; empty, every project the account can see. */
export const ProjectScopeInputCodec = new t.Type<ReadonlyArray<string>, ReadonlyArray<string>, unknown>(
  'ProjectScope',
  (u): u is ReadonlyArray<string> => Array.isArray(u) && u.every((key) => typeof key === 'string'),
  (u, c) =>
    !Array.isArray(u)
      ? t.failure(u, c, 'must be a list of project keys (an empty list: every project)')
      : u.length > 100
        ? t.failure(u, c, 'must name at most 100 projects')
        : t.array(ProjectKey).validate(u, c),
  (a) => a,
);

/** An update's project scope: `null` clears it (every project), as an empty list does. */
const ClearableProjectScopeCodec = new t.Type<ReadonlyArray<string>, ReadonlyArray<string>, unknown>(
  'ProjectScope',
  ProjectScopeInputCodec.is,
  (u, c) => (u === null ? t.success([]) : ProjectScopeInputCodec.validate(u, c)),
  (a) => a,
);

/**
 * The fields of a create body that every provider shares, read by core. Every other field belongs
 * to the provider named by `type`, whose own codec reads it.
 */
export const CommonCreateFieldsCodec = strictObject(
  'CreateConnectionInput',
  { type: ProviderNameCodec },
  {
    name: nonEmptyString(200),
    webhookSecret: secretString,
    projectMappings: ProjectMappingsInputCodec,
    projectScope: ProjectScopeInputCodec,
    pollingEnabled: t.boolean,
    syncIntervalSeconds: SyncIntervalCodec,
    enabled: t.boolean,
    writeConflictPolicy: WriteConflictPolicyCodec,
  },
);
export type CommonCreateFields = t.TypeOf<typeof CommonCreateFieldsCodec>;

/** The shared fields of an update body: every one optional; `webhookSecret: null` removes the secret, `projectScope: null` is every project. */
export const CommonUpdateFieldsCodec = strictObject(
  'UpdateConnectionInput',
  {},
  {
    name: nonEmptyString(200),
    webhookSecret: t.union([secretString, t.null]),
    projectMappings: ProjectMappingsInputCodec,
    projectScope: ClearableProjectScopeCodec,
    pollingEnabled: t.boolean,
    syncIntervalSeconds: SyncIntervalCodec,
    enabled: t.boolean,
    writeConflictPolicy: WriteConflictPolicyCodec,
  },
);
export type CommonUpdateFields = t.TypeOf<typeof CommonUpdateFieldsCodec>;

const RuleKey = nonEmptyString(200);

/** Body of "replace the mappings" (PUT): each table must keep its `default` entry. */
export const FieldMappingsInputCodec = strictObject(
  'FieldMappingsInput',
  {
    status: t.record(RuleKey, UnifiedStatusCodec),
    priority: t.record(RuleKey, UnifiedPriorityCodec),
  },
  { projects: ProjectMappingsInputCodec },
);
export type FieldMappingsInput = t.TypeOf<typeof FieldMappingsInputCodec>;

/** A project mapping of a merge: `internalProjectId: null` (or left out) removes the project's mapping. */
export const ProjectMappingPatchCodec = strictObject('ProjectMappingPatch', { projectKey: ProjectKey }, { internalProjectId: t.union([nonEmptyString(200), t.null]) });

/** Body of "merge into the mappings" (PATCH): given rules are set, `null` removes one, absent ones stay. */
export const FieldMappingsPatchCodec = strictObject(
  'FieldMappingsPatch',
  {},
  {
    status: t.record(RuleKey, t.union([UnifiedStatusCodec, t.null])),
    priority: t.record(RuleKey, t.union([UnifiedPriorityCodec, t.null])),
    projects: t.array(ProjectMappingPatchCodec, 'ProjectMappingPatches'),
  },
);
export type FieldMappingsPatch = t.TypeOf<typeof FieldMappingsPatchCodec>;
