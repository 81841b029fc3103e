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
    pollingEnabled: t.boolean,
    syncIntervalSeconds: SyncIntervalCodec,
    enabled: t.boolean,
    writeConflictPolicy: WriteConflictPolicyCodec,
  },
);
export type CommonCreateFields = t.TypeOf<typeof CommonCreateFieldsCodec>;

/** The shared fields of an update body: every one optional; `webhookSecret: null` removes the secret. */
export const CommonUpdateFieldsCodec = strictObject(
  'UpdateConnectionInput',
  {},
  {
    name: nonEmptyString(200),
    webhookSecret: t.union([secretString, t.null]),
    projectMappings: ProjectMappingsInputCodec,
    pollingEnabled: t.boolean,
    syncIntervalSeconds: SyncIntervalCodec,
    enabled: t.boolean,
    writeConflictPolicy: WriteConflictPolicyCodec,
  },
);
export type CommonUpdateFields = t.TypeOf<typeof CommonUpdateFieldsCodec>;

const RuleKey = nonEmptyString(200);

/** Body of "replace the mappings": each table must keep its `default` entry. */
export const FieldMappingsInputCodec = strictObject(
  'FieldMappingsInput',
  {
    status: t.record(RuleKey, UnifiedStatusCodec),
    priority: t.record(RuleKey, UnifiedPriorityCodec),
  },
  { projects: ProjectMappingsInputCodec },
);
export type FieldMappingsInput = t.TypeOf<typeof FieldMappingsInputCodec>;
