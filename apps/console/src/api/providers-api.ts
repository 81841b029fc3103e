import * as t from 'io-ts';
import { envelope } from './codecs';
import { ConnectionViewCodec } from './connection';
import { AuthorizationStartCodec, SiteSelectionCodec } from './oauth';
import { ProviderCodec } from './provider';
import type { Transport } from './transport';

const oauthPath = (provider: string, rest: string) => `/api/integrations/oauth/${encodeURIComponent(provider)}${rest}`;

/** `GET /api/providers` and each provider's OAuth connect steps. */
export const providersApi = (http: Transport) => ({
  list: async () => (await http.call('GET', '/api/providers', envelope(t.array(ProviderCodec)))).data,
  startOAuth: async (provider: string, body: Readonly<Record<string, unknown>>) =>
    (await http.call('POST', oauthPath(provider, '/start'), envelope(AuthorizationStartCodec), body, { keepCookies: true })).data,
  siteSelection: async (provider: string, selectionId: string) =>
    (await http.call('GET', oauthPath(provider, `/selections/${encodeURIComponent(selectionId)}`), envelope(SiteSelectionCodec))).data,
  selectSite: async (provider: string, selectionId: string, site: { readonly field: string; readonly id: string }) =>
    (await http.call('POST', oauthPath(provider, '/select-site'), envelope(ConnectionViewCodec), { selectionId, [site.field]: site.id })).data,
});
