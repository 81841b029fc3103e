import type { ProviderName } from './provider.js';

/** How a field is entered and checked; `secret` fields are write-only and stored encrypted. */
export type FieldType = 'url' | 'text' | 'email' | 'secret' | 'string-list' | 'choice-list' | 'boolean';

/** One field a connection of a provider takes: the catalogue shows it, the provider's codec reads it. */
export interface ConnectionField {
  readonly name: string;
  readonly label: string;
  readonly type: FieldType;
  readonly required: boolean;
  /** The auth modes this field belongs to; empty means every mode. */
  readonly authModes: ReadonlyArray<string>;
  readonly maxLength?: number;
  readonly maxItems?: number;
  /** The allowed values of a `choice-list`. */
  readonly options?: ReadonlyArray<string>;
  /** What an absent optional field means. */
  readonly default?: string | boolean | ReadonlyArray<string>;
  readonly placeholder?: string;
  readonly help?: string;
}

/** `direct`: credentials are given in the create body; `oauth`: a person consents in the browser. */
export type AuthFlow = 'direct' | 'oauth';

export interface AuthMode {
  readonly name: string;
  readonly label: string;
  readonly flow: AuthFlow;
}

/** A provider as the catalogue describes it: data only, the same data its codecs are made from. */
export interface ProviderDescription {
  readonly name: ProviderName;
  readonly displayName: string;
  readonly authModes: ReadonlyArray<AuthMode>;
  /** The fields of a connection (the base URL among them), for every auth mode. */
  readonly fields: ReadonlyArray<ConnectionField>;
}

export const isSecretField = (field: ConnectionField): boolean => field.type === 'secret';

export const appliesTo = (field: ConnectionField, authMode: string): boolean => field.authModes.length === 0 || field.authModes.includes(authMode);

/** The mode a create body without an OAuth consent uses: the provider's first direct one. */
export const directAuthMode = (description: ProviderDescription): AuthMode | undefined => description.authModes.find((mode) => mode.flow === 'direct');

export const oauthAuthMode = (description: ProviderDescription): AuthMode | undefined => description.authModes.find((mode) => mode.flow === 'oauth');

/** `apiToken` is shown as `hasApiToken`: whether it is set, never what it is. */
export const secretFlagName = (field: string): string => `has${field.charAt(0).toUpperCase()}${field.slice(1)}`;
