import * as TE from 'fp-ts/lib/TaskEither.js';
import { isSecretField, type ConnectionField } from '../domain/provider-description.js';
import type { OAuthProfile } from '../ports/oauth-provider.js';
import type { Provider, ProviderRegistry } from '../ports/provider.js';

/** A field as the catalogue shows it: whether it is secret is spelled out for forms. */
export type CatalogField = ConnectionField & { readonly secret: boolean };

/** What the console and API users read to connect a provider: no secrets, only what may be entered. */
export interface ProviderCatalogEntry {
  readonly name: string;
  readonly displayName: string;
  readonly authModes: ReadonlyArray<string>;
  readonly fields: ReadonlyArray<CatalogField>;
  readonly webhooks: { readonly available: boolean; readonly signedWithSecret: boolean };
  readonly oauth: { readonly available: boolean; readonly siteIdField: string | null; readonly startFields: ReadonlyArray<CatalogField> };
}

const NAME_FIELD: ConnectionField = { name: 'name', label: 'Name', type: 'text', required: false, authModes: [], maxLength: 200, help: 'Defaults to the host of the base URL' };
const WEBHOOK_SECRET_FIELD: ConnectionField = {
  name: 'webhookSecret',
  label: 'Webhook secret',
  type: 'secret',
  required: false,
  authModes: [],
  help: 'The secret the tracker signs its webhooks with',
};

const shown = (field: ConnectionField): CatalogField => ({ ...field, secret: isSecretField(field) });

/** The fields of the OAuth start body: those the profile reads, and which redirect URI to come back to when there is a choice. */
const startFields = (oauth: OAuthProfile): ReadonlyArray<CatalogField> =>
  [
    ...oauth.startFields,
    ...(oauth.redirectUris.length > 1 ? [{ name: 'redirectUri', label: 'Redirect URI', type: 'url' as const, required: false, authModes: [], options: oauth.redirectUris }] : []),
  ].map(shown);

const entryOf = (provider: Provider): ProviderCatalogEntry => {
  const { description, webhooks, oauth } = provider;
  const signedWithSecret = webhooks?.usesSharedSecret ?? false;
  return {
    name: description.name,
    displayName: description.displayName,
    authModes: description.authModes.map((mode) => mode.name),
    fields: [NAME_FIELD, ...description.fields, ...(signedWithSecret ? [WEBHOOK_SECRET_FIELD] : [])].map(shown),
    webhooks: { available: webhooks !== undefined, signedWithSecret },
    oauth: { available: oauth !== undefined, siteIdField: oauth?.siteIdField ?? null, startFields: oauth === undefined ? [] : startFields(oauth) },
  };
};

/** Every provider this server speaks to, as data: the same data their codecs are made from. */
export const listProviders =
  (deps: { readonly providers: ProviderRegistry }) =>
  (): TE.TaskEither<never, ReadonlyArray<ProviderCatalogEntry>> =>
    TE.right(deps.providers.all().map(entryOf));
