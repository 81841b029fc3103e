import * as t from 'io-ts';

export const ProviderCodec = t.keyof({ jira: null, servicenow: null, connectwise: null }, 'Provider');
export type Provider = t.TypeOf<typeof ProviderCodec>;

/** The `externalSystem` stored on tasks and user mappings is the provider name. */
export type ExternalSystem = Provider;
export const ExternalSystemCodec = ProviderCodec;
