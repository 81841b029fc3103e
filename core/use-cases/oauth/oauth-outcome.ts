import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { asEntityId } from '../../domain/ids.js';
import { selectionSecretContext, SITE_SELECTION_TTL_MS, type AccessibleSite, type OAuthStateBinding, type PendingSiteSelection } from '../../domain/oauth.js';
import type { PublicConnection } from '../../domain/public-connection.js';
import type { DomainError } from '../../errors.js';
import type { SiteSelectionStore } from '../../ports/site-selection-store.js';
import type { GrantedTokens, OAuthConnectionDeps } from './create-oauth-connection.js';

/** A pending selection as a person sees it: the sites (their id under the provider's name for it), never the tokens. */
export interface PublicSiteSelection {
  readonly selectionId: string;
  readonly sites: ReadonlyArray<Readonly<Record<string, string>>>;
  readonly validUntil: Date;
}

export type OAuthOutcome =
  | { readonly status: 'connected'; readonly connection: PublicConnection }
  | ({ readonly status: 'site-selection-required' } & PublicSiteSelection);

export const toPublicSiteSelection =
  (siteIdField: string) =>
  (selection: PendingSiteSelection): PublicSiteSelection => ({
    selectionId: selection.id,
    sites: selection.sites.map(({ id, name, url }) => ({ [siteIdField]: id, name, url })),
    validUntil: selection.validUntil,
  });

/** Keeps the grant, encrypted for this selection alone, until a person picks one of its sites. */
export const awaitSiteSelection = (
  deps: OAuthConnectionDeps & { readonly siteSelections: SiteSelectionStore },
  siteIdField: string,
  binding: OAuthStateBinding,
  tokens: GrantedTokens,
  sites: ReadonlyArray<AccessibleSite>,
): TE.TaskEither<DomainError, OAuthOutcome> => {
  const id = asEntityId(deps.ids.next());
  const encrypt = (field: 'oauthAccessToken' | 'oauthRefreshToken', plaintext: string) =>
    deps.cipher.encrypt(plaintext, selectionSecretContext(binding.organizationId, id, field));
  const now = deps.clock.now();
  return pipe(
    TE.Do,
    TE.apS('accessToken', encrypt('oauthAccessToken', tokens.accessToken)),
    TE.apS('refreshToken', encrypt('oauthRefreshToken', tokens.refreshToken)),
    TE.map(
      ({ accessToken, refreshToken }): PendingSiteSelection => ({
        id,
        organizationId: binding.organizationId,
        subject: binding.subject,
        provider: binding.provider,
        sites,
        tokens: { accessToken, refreshToken, expiresAt: tokens.expiresAt, scopes: tokens.scopes },
        // The client's secrets stay encrypted for the pending authorization they were given to.
        client: binding.client,
        validUntil: new Date(now.getTime() + SITE_SELECTION_TTL_MS),
        createdAt: now,
      }),
    ),
    TE.chainFirstW(deps.siteSelections.save),
    TE.map((selection): OAuthOutcome => ({ status: 'site-selection-required', ...toPublicSiteSelection(siteIdField)(selection) })),
  );
};
