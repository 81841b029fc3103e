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
export const SYNC_INTERVAL_FIELD: ProviderField = {
  name: 'syncIntervalSeconds',
  label: 'Seconds between scheduled syncs',
  // Not a provider field type: the console's own, for a whole number the API checks against its floor.
  type: 'integer',
  required: false,
  secret: false,
  authModes: [],
  help: 'While syncing on a schedule. The server has a minimum (60 seconds unless its operator lowered it).',
};

/** The common settings a connection's view shows, in the order the settings form lists them. */
export const commonSettingsOf = (values: Readonly<Record<string, unknown>>): ReadonlyArray<ProviderField> =>
  [PROJECT_SCOPE_FIELD, POLLING_FIELD, SYNC_INTERVAL_FIELD].filter((field) => field.name in values);

const missingFrom = (fields: ReadonlyArray<ProviderField>, common: ReadonlyArray<ProviderField>) => common.filter((c) => !fields.some((f) => f.name === c.name));

/** The name first, then the provider's fields, then the other common settings, each name once. */
export const withCommonFields = (fields: ReadonlyArray<ProviderField>, trailing: ReadonlyArray<ProviderField> = []): ReadonlyArray<ProviderField> => [
  ...missingFrom(fields, [NAME_FIELD]),
  ...fields,
  ...missingFrom(fields, trailing),
];
