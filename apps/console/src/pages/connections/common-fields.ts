import type { ProviderField } from '../../api/provider';

/** Settings every connection has, whatever its provider. */
export const NAME_FIELD: ProviderField = { name: 'name', label: 'Name', type: 'text', required: false, secret: false, authModes: [], help: 'How this connection is shown; the provider and address by default.' };
export const PROJECT_SCOPE_FIELD: ProviderField = {
  name: 'projectScope',
  label: 'Project scope',
  type: 'string-list',
  required: false,
  secret: false,
  authModes: [],
  help: 'Only these projects are synced, one key a line; empty, every project the account can see. Project mappings never limit it.',
};
export const POLLING_FIELD: ProviderField = { name: 'pollingEnabled', label: 'Sync on a schedule', type: 'boolean', required: false, secret: false, authModes: [] };

const missingFrom = (fields: ReadonlyArray<ProviderField>, common: ReadonlyArray<ProviderField>) => common.filter((c) => !fields.some((f) => f.name === c.name));

/** The name first, then the provider's fields, then the other common settings, each name once. */
export const withCommonFields = (fields: ReadonlyArray<ProviderField>, trailing: ReadonlyArray<ProviderField> = []): ReadonlyArray<ProviderField> => [
  ...missingFrom(fields, [NAME_FIELD]),
  ...fields,
  ...missingFrom(fields, trailing),
];
