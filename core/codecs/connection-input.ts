import * as t from 'io-ts';
import { UnifiedPriorityCodec, UnifiedStatusCodec } from '../domain/field-mappings.js';
import { emailString, httpUrlString, nonEmptyString, secretString } from './primitives.js';
import { strictObject } from './strict-object.js';

const ProjectKey = nonEmptyString(100);

export const ProjectMappingInputCodec = strictObject(
  'ProjectMapping',
  { projectKey: ProjectKey },
  { internalProjectId: t.union([nonEmptyString(200), t.null]) },
);

export const ProjectMappingsInputCodec = t.array(ProjectMappingInputCodec, 'ProjectMappings');

const JqlFilter = t.union([nonEmptyString(4000), t.null]);

/** Body of "create a connection". Jira with an API token is the only kind so far. */
export const CreateConnectionInputCodec = strictObject(
  'CreateConnectionInput',
  {
    type: t.literal('jira'),
    baseUrl: httpUrlString,
    email: emailString,
    apiToken: secretString,
  },
  {
    name: nonEmptyString(200),
    webhookSecret: secretString,
    projectMappings: ProjectMappingsInputCodec,
    jqlFilter: JqlFilter,
    pollingEnabled: t.boolean,
    enabled: t.boolean,
  },
);
export type CreateConnectionInput = t.TypeOf<typeof CreateConnectionInputCodec>;

/** Body of "update a connection": every field optional; `webhookSecret: null` removes the secret. */
export const UpdateConnectionInputCodec = strictObject(
  'UpdateConnectionInput',
  {},
  {
    name: nonEmptyString(200),
    baseUrl: httpUrlString,
    email: emailString,
    apiToken: secretString,
    webhookSecret: t.union([secretString, t.null]),
    projectMappings: ProjectMappingsInputCodec,
    jqlFilter: JqlFilter,
    pollingEnabled: t.boolean,
    enabled: t.boolean,
  },
);
export type UpdateConnectionInput = t.TypeOf<typeof UpdateConnectionInputCodec>;

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
