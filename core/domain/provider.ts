import * as t from 'io-ts';

/** A provider's registered name (the `type` of a connection); which names exist is the registry's to say. */
export type ProviderName = string;

/** The `externalSystem` stored on tasks and user mappings is the provider name. */
export type ExternalSystem = ProviderName;

const NAME = /^[a-z][a-z0-9-]{0,39}$/;

/** The shape of a provider name; whether such a provider exists is checked against the registry. */
export const ProviderNameCodec = new t.Type<ProviderName, string, unknown>(
  'ProviderName',
  (u): u is ProviderName => typeof u === 'string' && NAME.test(u),
  (u, c) => (typeof u === 'string' && NAME.test(u) ? t.success(u) : t.failure(u, c, 'must be the name of a provider')),
  String,
);

/** Provider-owned connection settings as stored: JSON, read only by the provider's own adapter. */
export type ProviderSettings = Readonly<Record<string, unknown>>;
