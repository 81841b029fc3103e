import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { decodeInput } from '../../codecs/decode.js';
import { SelectSiteInputCodec } from '../../codecs/oauth-input.js';
import { asEntityId, type EntityId, type OrganizationId } from '../../domain/ids.js';
import { selectionSecretContext, type PendingSiteSelection } from '../../domain/oauth.js';
import { toPublicConnection, type PublicConnection } from '../../domain/public-connection.js';
import { oauthFailed, type DomainError } from '../../errors.js';
import type { SiteSelectionStore } from '../../ports/site-selection-store.js';
import { createOAuthConnection, type OAuthConnectionDeps } from './create-oauth-connection.js';
import { toPublicSiteSelection, type PublicSiteSelection } from './oauth-outcome.js';
import type { OAuthRequester } from './start-oauth.js';

export interface SiteSelectionDeps extends OAuthConnectionDeps {
  readonly siteSelections: SiteSelectionStore;
}

const notFound = () =>
  oauthFailed('selection-not-found', 'No pending site selection of this organization offers that site (it may have expired or been used); start the authorization again');

const decryptTokens = (deps: SiteSelectionDeps, selection: PendingSiteSelection) => {
  const context = (field: 'oauthAccessToken' | 'oauthRefreshToken') => selectionSecretContext(selection.organizationId, selection.id, field);
  return pipe(
    TE.Do,
    TE.apS('accessToken', deps.cipher.decrypt(selection.tokens.accessToken, context('oauthAccessToken'))),
    TE.apS('refreshToken', deps.cipher.decrypt(selection.tokens.refreshToken, context('oauthRefreshToken'))),
    TE.map((plain) => ({ ...plain, expiresAt: selection.tokens.expiresAt, scopes: selection.tokens.scopes })),
  );
};

/**
 * Completes a pending selection with the site a person of the same organization picked. The
 * selection is taken in the same step, so one grant never becomes two connections.
 */
export const selectOAuthSite =
  (deps: SiteSelectionDeps) =>
  (requester: OAuthRequester, body: unknown): TE.TaskEither<DomainError, PublicConnection> =>
    pipe(
      TE.fromEither(decodeInput(SelectSiteInputCodec)(body)),
      TE.chainW(({ cloudId, selectionId }) =>
        pipe(
          deps.siteSelections.take(requester.organizationId, { selectionId: selectionId === undefined ? null : asEntityId(selectionId), cloudId, now: deps.clock.now() }),
          TE.chainW((selection) => (selection === null ? TE.left(notFound()) : TE.right(selection))),
          TE.bindTo('selection'),
          TE.bindW('tokens', ({ selection }) => decryptTokens(deps, selection)),
          TE.chainW(({ selection, tokens }) => {
            const site = selection.sites.find((s) => s.cloudId === cloudId);
            return site === undefined ? TE.left(notFound()) : createOAuthConnection(deps)(selection.organizationId, selection.provider, site, tokens);
          }),
        ),
      ),
      TE.map(toPublicConnection),
    );

/** The sites of a pending selection of the caller's organization. */
export const getSiteSelection =
  (deps: { readonly siteSelections: SiteSelectionStore; readonly clock: OAuthConnectionDeps['clock'] }) =>
  (organizationId: OrganizationId, id: EntityId): TE.TaskEither<DomainError, PublicSiteSelection> =>
    pipe(
      deps.siteSelections.find(organizationId, id, deps.clock.now()),
      TE.chainW((selection) => (selection === null ? TE.left(notFound()) : TE.right(toPublicSiteSelection(selection)))),
    );
